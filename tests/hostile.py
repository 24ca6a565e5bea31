"""Hostile text for tests: the bundled report with markup, links, mathtext and huge names
written into the places the parser takes names from (revenue items, project titles, program
names), and a ledger whose reasons carry markup. Each payload replaces a name on one line;
conftest.py builds every page of this snapshot once (``hostile_reports``)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from bundled import DAY, LEDGER, REPORT, with_aliases

META = '<meta http-equiv="refresh" content="0;url=https://example.org/phish">'
OVERLAY = '<a href="https://example.org" style="position:fixed;inset:0">x</a>'
SVG = '"><svg onload=alert(1)>'
CLOSE_TABLE = "</table>"
JS_LINK = "[x](javascript:alert(1))"
MATH = "$x^2$"
LONG_NAME = "가" + "W" * 2_999  # 3,000 characters, no space to break at
HUGE_TITLE = "나" * 349_526  # a 1 MB project title (3 bytes a syllable in UTF-8)
LEDGER_REASON = '<img src=x onerror="window.__xss=1">[y](javascript:alert(2)) $z$'


@dataclass(frozen=True)
class Payload:
    """A name on a line of the report replaced by hostile text."""

    line: int
    old: str
    new: str
    where: str


PAYLOADS = (
    Payload(471, "스 마 트 챌 린 지", META, "revenue item (largest change)"),
    Payload(440, "차세대업무관리시스템 확산및유지보수 자치구부담금", LONG_NAME,
            "revenue item (second largest change)"),
    Payload(229, "빅데이터 기반 소상공인 매출증대 프로젝트 확대", OVERLAY + " 프로젝트",
            "project title (the unfunded one)"),
    Payload(195, "민·관 데이터 융·결합 분석", HUGE_TITLE, "project title (funded)"),
    Payload(490, "사물인터넷 도시 조성", SVG + " 사물인터넷", "program name"),
    Payload(491, "스마트도시 민·관 협력", JS_LINK + " 스마트도시", "program name"),
    Payload(492, "취약계층 디지털 격차 해소", MATH + " 격차 해소", "program name (behind pace)"),
    # Scripts and a closed table (tests/acceptance/test_browser.py checks these show as text)
    Payload(487, "엠보팅 서비스 운영", "<script>window.__xss=1</script>엠보팅 서비스 운영",
            "program name"),
    Payload(488, "비대면 디지털 행정서비스 운영",
            '<img src=x onerror="window.__xss=1">비대면 디지털 행정서비스 운영', "program name"),
    Payload(489, "서울 디지털 재단 출연",
            "서울 디지털 재단 출연" + CLOSE_TABLE + "</div><h1>주입</h1>", "program name"),
    Payload(157, "메타버스 서울 운영(1단계)",
            "메타버스 서울 <script>window.__xss=1</script>운영(1단계)", "project title"),
)


def hostile_lines() -> list[str]:
    """Return the bundled report's lines with every payload in place."""
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    for payload in PAYLOADS:
        assert payload.old in lines[payload.line - 1], payload
        lines[payload.line - 1] = lines[payload.line - 1].replace(payload.old, payload.new, 1)
    return lines


def hostile_ledger() -> str:
    """Return the bundled ledger with markup at the start of every reason."""
    rows = list(csv.DictReader(io.StringIO(LEDGER.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "reason": f"{LEDGER_REASON} {row['reason']}"})
    return out.getvalue()


def write_hostile(data: Path) -> Path:
    """Write the hostile snapshot and ledger under ``data``; return ``data``."""
    (data / DAY).mkdir(parents=True)
    (data / DAY / "report.txt").write_text("\n".join(hostile_lines()), encoding="utf-8")
    (data / "errata.csv").write_text(hostile_ledger(), encoding="utf-8")
    return with_aliases(data)
