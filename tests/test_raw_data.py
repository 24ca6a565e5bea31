"""data/raw is immutable: the bundled report is the source file, byte for byte."""

from __future__ import annotations

import hashlib

# SHA-256 of 2023-05-31_digital-policy-bureau_work-report.txt as delivered (43,630 bytes).
SOURCE_SHA256 = "0b1aa8ff9f56e058a6ac000ab21cf5a5cf904efb9ebb6f3c3de06fc53012d3c4"


def test_bundled_report_is_the_source_byte_for_byte(report_path):
    data = report_path.read_bytes()
    assert len(data) == 43_630
    assert hashlib.sha256(data).hexdigest() == SOURCE_SHA256
