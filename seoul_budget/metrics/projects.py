"""Key projects: the figures their text states, one metric at a time."""

from __future__ import annotations

import pandas as pd


def project_metric(project_metrics: pd.DataFrame, project: int, metric: str) -> pd.DataFrame:
    """Return the rows of one key-project figure (e.g. project 2, 'monthly_visits'), sorted
    by period; empty when the report does not state it."""
    rows = project_metrics[(project_metrics["project"] == project)
                           & (project_metrics["metric"] == metric)]
    return rows.sort_values("period", kind="stable").reset_index(drop=True)
