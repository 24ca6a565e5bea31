"""How a build ended, for a scheduler to act on: the exit status, one line per problem and one
summary line.

Exit status of ``seoul-budget build``:

- 0: every output is built or up to date and no reconciliation error remains;
- 1: a notebook failed (its error page is beside the last good page);
- 2: bad input or environment: an option, a folder, a snapshot whose report or ledger
  cannot be read (the other snapshots are still built), a report that lacks a section (its
  other sections are built; that page says what is missing), or outputs that could not be
  written (a full disk: the previous outputs are kept);
- 3: the reports are built, but a reconciliation ``error`` remains in some snapshot (the
  index says 검증 오류 N건 for it).

When several apply the most urgent wins: 2, then 1, then 3. A ``--job`` run reports on its
one job (0, 1 or 2); the plain build that follows reports 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_UNRECONCILED = 0, 1, 2, 3


@dataclass
class Outcome:
    """What a build did: jobs built, failed, up to date and not run (their snapshot cannot
    be read), the snapshots that cannot be read (one-line reasons), those whose report lacks
    a section (a line per section: file, line, what is missing), those where
    reconciliation errors remain (how many), those withdrawn, and the jobs whose outputs
    could not be written (job id: one-line reason; the previous outputs kept)."""

    built: int = 0
    failed: int = 0
    up_to_date: int = 0
    not_run: int = 0
    input_errors: dict[date, str] = field(default_factory=dict)
    missing_sections: dict[date, list[str]] = field(default_factory=dict)
    unreconciled: dict[date, int] = field(default_factory=dict)
    withdrawn: list[date] = field(default_factory=list)
    output_errors: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> int:
        """Return the exit status (see the module docstring for precedence)."""
        if self.input_errors or self.missing_sections or self.output_errors:
            return EXIT_BAD_INPUT
        if self.failed:
            return EXIT_FAILED
        return EXIT_UNRECONCILED if self.unreconciled else EXIT_OK

    def alert_lines(self) -> list[str]:
        """Return one line per snapshot that cannot be read, per section a report lacks and
        per snapshot where reconciliation errors remain, oldest first."""
        lines = [f"seoul-budget: error: snapshot {day.isoformat()} not built: {message}"
                 for day, message in sorted(self.input_errors.items())]
        lines += [f"seoul-budget: error: snapshot {day.isoformat()}: {message}"
                  for day, messages in sorted(self.missing_sections.items())
                  for message in messages]
        lines += [f"seoul-budget: error: {job} not written: {message}"
                  for job, message in sorted(self.output_errors.items())]
        lines += [f"seoul-budget: snapshot {day.isoformat()}: 검증 오류 {count}건 — "
                  f"{count} reconciliation error(s) remain in the report"
                  for day, count in sorted(self.unreconciled.items())]
        return lines

    def summary_line(self) -> str:
        """Return the run in one line: 'seoul-budget build: exit 3 — built 7, failed 0, up to
        date 14; 검증 오류: 2031-07-31 2건'."""
        line = (f"seoul-budget build: exit {self.status} — built {self.built}, "
                f"failed {self.failed}, up to date {self.up_to_date}")
        if self.not_run:
            line += f", not run {self.not_run}"
        if self.withdrawn:
            line += "; withdrawn: " + " ".join(day.isoformat() for day in self.withdrawn)
        if self.input_errors:
            line += "; 입력 오류: " + " ".join(day.isoformat() for day in sorted(self.input_errors))
        if self.missing_sections:
            line += "; 원문에 없는 절: " + " ".join(day.isoformat()
                                                for day in sorted(self.missing_sections))
        if self.unreconciled:
            line += "; 검증 오류: " + ", ".join(f"{day.isoformat()} {count}건" for day, count
                                             in sorted(self.unreconciled.items()))
        return line
