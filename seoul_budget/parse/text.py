"""Reading the raw report: decoding, line normalisation and Korean text helpers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ReportParseError
from ..hashing import bytes_sha256, open_regular
from ..limits import MAX_REPORT_BYTES, check_report_file, too_large
from .numbers import MAX_FIGURE_DIGITS, looks_numeric, oversized_number

# Characters that extraction tools produce for plain ones: NBSP and other spaces, full-width
# digits and signs. Mapped before parsing so honest variants of a file give identical tables.
_TRANSLATE = {0x00A0: " ", 0x2007: " ", 0x202F: " ", 0x3000: " ", 0xFEFF: None,
              0xFF0C: ",", 0xFF0E: ".", 0xFF05: "%", 0xFF08: "(", 0xFF09: ")",
              0xFF0D: "-", 0x2212: "-", 0xFF0B: "+"}
_TRANSLATE.update({0xFF10 + i: str(i) for i in range(10)})


@dataclass(frozen=True)
class Line:
    """One line of the report: its 1-based number and normalised text; ``page``: the page
    number the line printed alone ('- 7 -' → 7; its text is then empty: a page number is no
    content), None for any other line."""

    number: int
    text: str
    page: int | None = None

    @property
    def cells(self) -> list[str]:
        """Return the tab-separated cells, each stripped, trailing empty cells dropped."""
        cells = [cell.strip() for cell in self.text.split("\t")]
        while cells and cells[-1] == "":
            cells.pop()
        return cells

    @property
    def is_table_row(self) -> bool:
        """Return True if the line has cells (a tab), as table rows in this report do."""
        return "\t" in self.text


# Where a table row printed without tabs (an export that lost them, a table typed by hand)
# ends a cell: two spaces or more, as one space inside a label ('녹색건축 보급') does not.
_SPACE_RUN = re.compile(r"\s{2,}")


def spaced_cells(text: str) -> list[str] | None:
    """Return the cells of a line that prints a table row with runs of spaces between its
    cells instead of tabs — a label, then two figures or more — or None for any other line
    (a tab-separated row, prose, a header without figures)."""
    if "\t" in text:
        return None
    cells = _SPACE_RUN.split(text.strip())
    if len(cells) < 3 or not all(looks_numeric(cell) for cell in cells[1:]):
        return None
    return cells


def decode_korean(raw: bytes) -> str | None:
    """Return bytes as text: UTF-8 (a BOM dropped), else CP949/EUC-KR (a superset of EUC-KR, as
    Korean Windows and Excel save text); None when they are neither."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def nul_line(raw: bytes) -> int | None:
    """Return the 1-based line of the first NUL byte (binary data), or None."""
    if b"\x00" not in raw:
        return None
    return raw[: raw.index(b"\x00")].count(b"\n") + 1


# Control characters (Unicode category Cc) no text file holds: all of them but the tab and
# the separators below.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
# Lines end at '\n' (a CRLF is one end), as editors count them. What else str.splitlines
# breaks at — a lone CR, \v, \f, \x1c-\x1e, U+0085, U+2028, U+2029 (text pasted from PDF or
# Word) — is a space within its line, so line numbers never drift.
_SEPARATORS = {ord(char): " " for char in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def text_lines(text: str) -> list[str]:
    """Return the lines of a text as an editor numbers them: split at '\\n' after CRLF, other
    separators left as spaces in their line, no empty line after a final newline."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.translate(_SEPARATORS) for line in lines]


def control_character(text: str) -> tuple[int, str] | None:
    """Return (1-based line, character) of the first control character that no text file
    holds (tab, line breaks and form feed are text), or None."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, match.group()


def decode_report(raw: bytes, path: str) -> str:
    """Return the text of a report file given its bytes: UTF-8 (with or without BOM) or CP949.

    Raises ReportParseError for an empty, binary or oversized file.
    """
    if len(raw) == 0:
        raise ReportParseError("the file is empty", path=path, expected="a work report text")
    if len(raw) > MAX_REPORT_BYTES:
        raise ReportParseError(too_large(len(raw), MAX_REPORT_BYTES, "work report"), path=path,
                               expected="a work report text")
    line = nul_line(raw)
    if line is not None:
        raise ReportParseError("the file is binary (it holds NUL bytes)", path=path, line=line,
                               expected="text")
    text = decode_korean(raw)
    if text is None:
        raise ReportParseError("the file is neither UTF-8 nor CP949/EUC-KR text", path=path,
                               expected="UTF-8 or CP949 text")
    text = unicodedata.normalize("NFC", text)  # decomposed Hangul (macOS NFD) as composed
    if "\r" in text and "\n" not in text:  # one line to the parser: say why, not what it lacks
        raise ReportParseError("the lines end in CR alone (an old Mac format); save the file "
                               "with LF or CRLF line ends", path=path, line=1,
                               expected="lines ending in LF or CRLF")
    control = control_character(text)
    if control is not None:
        raise ReportParseError("the file holds control characters (binary data?)",
                               path=path, line=control[0], expected="text",
                               found=repr(control[1]))
    digit = foreign_digit(text.translate(_TRANSLATE))
    if digit is not None:
        raise ReportParseError("a digit of another script; figures are written in 0-9",
                               path=path, line=digit[0], expected="digits 0-9",
                               found=f"{digit[1]} (U+{ord(digit[1]):04X})")
    number = oversized_number(without_invisible(text))  # as the parser will see it
    if number is not None:
        raise ReportParseError(f"a number with more than {MAX_FIGURE_DIGITS} digits",
                               path=path, line=number[0], expected="a figure of a budget",
                               found=number[1])
    return text


# A page's number as a text export prints it on a line of its own: '- 3 -', '– 12 –'.
_PAGE_MARKER = re.compile(r"\s*[-–—−－]\s*(\d{1,4})\s*[-–—−－]\s*")


def page_marker(text: str) -> int | None:
    """Return the page number a line prints alone ('- 3 -' → 3), or None for any other line."""
    match = _PAGE_MARKER.fullmatch(text)
    return int(match.group(1)) if match else None


def printed_pages(texts: Sequence[str]) -> list[int | None]:
    """Return, per line (index 0 is line 1), the number of the printed page it stands on, or
    a list of None when the report prints no page numbers.

    A number under a page's last line (a footer, the usual place) numbers the lines since the
    previous one; when the first number comes before any text it heads its page (a header)
    and numbers the lines after it. Lines past the last footer take the next number."""
    markers = [(index, number) for index, text in enumerate(texts)
               if (number := page_marker(text)) is not None]
    pages: list[int | None] = [None] * len(texts)
    if not markers:
        return pages
    first = markers[0][0]
    if any(text.strip() for text in texts[:first]):  # footers
        start = 0
        for index, number in markers:
            pages[start:index + 1] = [number] * (index + 1 - start)
            start = index + 1
        pages[start:] = [markers[-1][1] + 1] * (len(texts) - start)
    else:  # headers
        bounds = [*markers, (len(texts), None)]
        for (index, number), (end, _) in zip(bounds, bounds[1:], strict=False):
            pages[index:end] = [number] * (end - index)
    return pages


def normalise_line(text: str) -> str:
    """Return a line with extraction artefacts removed (NBSP, full-width digits, trailing space)."""
    return text.translate(_TRANSLATE).rstrip(" \r\x0c")


# Invisible format characters (Unicode category Cf: bidi controls such as U+202E, zero-width
# spaces and joiners, soft hyphens …): they reorder figures on a page or make two names that
# look the same differ. Removed on read; each line that held one gets a warning finding.
INVISIBLE = re.compile(
    "[\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u180E\u200B-\u200F"
    "\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\U000110BD\U000110CD"
    "\U00013430-\U00013438\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001"
    "\U000E0020-\U000E007F]")  # every Cf character of Unicode 14 (tests check it)
# A decimal digit of another script (Arabic-Indic '٣' …): Python reads it as a number, a
# reader of a Korean report does not; refused at its line (full-width digits are mapped first).
_FOREIGN_DIGIT = re.compile(r"(?![0-9])\d")


def invisible_characters(text: str) -> list[str]:
    """Return the invisible format characters in ``text`` as 'U+202E' names, in order."""
    return [f"U+{ord(char):04X}" for char in INVISIBLE.findall(text)]


def without_invisible(text: str) -> str:
    """Return ``text`` without its invisible format characters (:func:`invisible_characters`)."""
    return INVISIBLE.sub("", text)


def marked_invisible(text: str) -> str:
    """Return ``text`` with each invisible format character shown as a visible mark
    ('⟦U+202E⟧'): text shown as printed keeps where they were, and no bidi control can
    reorder what follows it."""
    return INVISIBLE.sub(lambda match: f"⟦U+{ord(match.group()):04X}⟧", text)


def displayable(text: str) -> str:
    """Return text from a data file (the ledger, the map, the aliases) as it may be shown:
    composed Hangul (NFC: macOS saves decomposed) without invisible format characters."""
    return without_invisible(unicodedata.normalize("NFC", text))


def foreign_digit(text: str) -> tuple[int, str] | None:
    """Return (1-based line, digit) of the first decimal digit not in 0-9 (lines counted by
    '\\n'), or None."""
    match = _FOREIGN_DIGIT.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, match.group()


@dataclass(frozen=True)
class Source:
    """A report file as read once: its lines, the SHA-256 of the very bytes they came from
    (a stamp records this hash, so an edit after the read makes the tables stale) and the
    invisible format characters removed from it, as (line, 'U+202E …')."""

    lines: tuple[Line, ...]
    sha256: str
    invisible: tuple[tuple[int, str], ...] = ()


def read_source(path: str | Path) -> Source:
    """Return the report's lines, numbered from 1, after decoding and normalisation, with the
    hash of the bytes decoded.

    A file over the size limit is refused by its real size before a byte is read. The parser,
    the ledger and reconciliation each read a report's lines: the last few files read are kept
    (by path, size and modification time), so a load reads and decodes once.
    """
    path = Path(path)
    check_report_file(path)
    try:
        status = path.stat()
        return _read_source(str(path), status.st_size, status.st_mtime_ns)
    except OSError as exc:
        raise ReportParseError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc


def read_lines(path: str | Path) -> list[Line]:
    """Return the report's lines, numbered from 1 (:func:`read_source`'s lines)."""
    return list(read_source(path).lines)


@lru_cache(maxsize=8)
def _read_source(path: str, size: int, mtime_ns: int) -> Source:
    with open_regular(path) as handle:
        raw = handle.read(MAX_REPORT_BYTES + 1)  # bounded: it may have grown since the stat
    text = decode_report(raw, path)
    lines, invisible = [], []
    for number, line in enumerate(text_lines(text), start=1):
        hidden = invisible_characters(line)
        if hidden:
            invisible.append((number, " ".join(dict.fromkeys(hidden))))
            line = without_invisible(line)
        line = normalise_line(line)
        # a page number is no content: the parser reads it as the blank line of a page break
        # and keeps the number, which says that the break is one
        page = page_marker(line)
        lines.append(Line(number, line) if page is None else Line(number, "", page))
    return Source(tuple(lines), bytes_sha256(raw), tuple(invisible))


_SPACED_RUN = re.compile(r"(?<!\S)([가-힣])(?: ([가-힣]))+(?!\S)")


def collapse_spaced_hangul(text: str) -> str:
    """Return text with runs of single Hangul syllables joined ('일 반 회 계' -> '일반회계').

    Only runs of two or more one-syllable words are joined, so '기후 정책 담당관' keeps its spaces.
    """
    def join(match: re.Match[str]) -> str:
        return match.group(0).replace(" ", "")

    return _SPACED_RUN.sub(join, text)


def clean_label(text: str) -> str:
    """Return a label as shown to readers: whitespace collapsed, spaced-out Hangul joined."""
    text = re.sub(r"\s+", " ", text).strip()
    text = collapse_spaced_hangul(text)
    text = re.sub(r"\s+([,)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    return text


_KEY_DROPS = re.compile(r"[\s·,ㆍ・]")


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """Return a lookup key for a label: no whitespace, '·' and ',' removed (cached: a report
    looks the same labels up thousands of times)."""
    return _KEY_DROPS.sub("", text)
