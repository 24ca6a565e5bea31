"""data/raw is immutable: the bundled report is the source file, byte for byte, and the tests'
own copy of it (tests/fixtures/data/raw) is the same file."""

from __future__ import annotations

import hashlib

from bundled import RAW, REPORT, ROOT

import seoul_budget as sb
from seoul_budget.snapshots import default_data_dir

# SHA-256 of 2023-05-31_digital-policy-bureau_work-report.txt as delivered (43,630 bytes).
SOURCE_SHA256 = "0b1aa8ff9f56e058a6ac000ab21cf5a5cf904efb9ebb6f3c3de06fc53012d3c4"


def test_bundled_report_is_the_source_byte_for_byte():
    for path in (ROOT / "data" / "raw" / "2023-05-31" / "report.txt", REPORT):
        data = path.read_bytes()
        assert len(data) == 43_630, path
        assert hashlib.sha256(data).hexdigest() == SOURCE_SHA256, path


def test_tests_read_their_own_copy_not_data_raw():
    assert default_data_dir() == RAW
    assert sb.load_report(REPORT, errata=None).path == REPORT
