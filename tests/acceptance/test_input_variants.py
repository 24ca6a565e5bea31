"""Honest variants of the file (encodings, line endings, spaces, full-width characters) give
tables identical to the bundled file's."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from bundled import RAW
from damage import report_text, write_report

import seoul_budget as sb


def full_width_digits(text: str) -> str:
    """Turn the digits of every table cell into full-width ones (as some PDF tools do)."""
    table = str.maketrans("0123456789,", "０１２３４５６７８９，")
    return "\n".join("\t".join(c.translate(table) for c in line.split("\t")) if "\t" in line
                     else line for line in text.split("\n"))


VARIANTS = {
    "utf-8 with BOM": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    # two prose characters (¹⁾, ➔) have no CP949 code: an EUC-KR extraction drops them
    "cp949": lambda t: t.encode("cp949", errors="replace"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "trailing spaces": lambda t: t.replace("\n", "  \n").encode("utf-8"),
    "non-breaking spaces": lambda t: t.replace(" ", "\u00a0").encode("utf-8"),
    "spaces around cells": lambda t: re.sub(r"\t", " \t ", t).encode("utf-8"),
    "full-width digits": lambda t: full_width_digits(t).encode("utf-8"),
    "full-width and minus-sign dashes": lambda t: t.replace("\t-\t", "\t－\t")
        .replace("\t-\n", "\t\u2212\n").encode("utf-8"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variant_gives_identical_tables(variant, report, tmp_path):
    data = VARIANTS[variant](report_text())
    assert data != report_text().encode("utf-8")
    shutil.copy(RAW / "project_programs.csv", tmp_path)  # the programs the bundled folder names
    copy = sb.load_report(write_report(tmp_path / "2023-05-31", data))
    for name, expected in report.tables().items():
        pd.testing.assert_frame_equal(copy.tables()[name], expected, obj=f"{variant}: {name}")
