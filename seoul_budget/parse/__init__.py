"""Parsers: one module per report section, plus shared number, text and document helpers.

:func:`seoul_budget.parse.reader.parse_report` turns the raw report into plain records per
table; ``report.py`` makes them validated DataFrames.
"""

