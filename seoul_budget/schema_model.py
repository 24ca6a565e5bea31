"""How a table's schema is written: a class whose annotated attributes are its columns, in
order. The annotation gives the dtype (``Series[pd.Int64Dtype]`` …, read as text, never
evaluated), :func:`_field` the Korean title, English description, unit and checks; the class
collects them as :class:`ColumnSpec` records in ``columns``. The tables themselves are in
:mod:`seoul_budget.schemas`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

# Annotation (as written in the classes below) -> pandas dtype of the column.
DTYPES = {"Series[str]": "str", "Series[pd.Int64Dtype]": "Int64",
          "Series[pd.Float64Dtype]": "Float64", "Series[bool]": "bool"}


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the data dictionary: dtype ('str', 'Int64', 'Float64', 'bool'), Korean
    title, English description, unit ('KRW', 'persons', 'percent' or None) and checks."""

    name: str
    dtype: str
    title: str
    description: str
    unit: str | None = None
    nullable: bool = False
    ge: float | None = None
    isin: tuple[str, ...] | None = None
    min_length: int | None = None
    department: bool = False  # must name a department of the report (its staffing table)


@dataclass(frozen=True)
class FieldSpec:
    title: str
    description: str
    metadata: dict[str, str] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)


def _spec(name: str, annotation: str, declared: FieldSpec) -> ColumnSpec:
    checks = dict(declared.checks)
    length = checks.pop("str_length", None)
    isin = checks.pop("isin", None)
    return ColumnSpec(name, DTYPES[annotation], declared.title, declared.description,
                      unit=declared.metadata.get("unit"), isin=tuple(isin) if isin else None,
                      min_length=length["min_value"] if length else None, **checks)


class TableSchema:
    """A table's schema: its annotated attributes are its columns, in order (a subclass
    extends or repeats its parent's), ``unique`` the columns that identify a row."""

    columns: ClassVar[dict[str, ColumnSpec]] = {}
    unique: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = {name: _spec(name, annotation, cls.__dict__[name])
               for name, annotation in cls.__dict__.get("__annotations__", {}).items()
               if name not in ("columns", "unique")}
        cls.columns = {**cls.columns, **own}


def pandera_schema(name: str, specs: Mapping[str, ColumnSpec], unique: tuple[str, ...],
                   departments: tuple[str, ...] | None = None) -> Any:
    """Return a table's columns as a pandera ``DataFrameSchema`` (strict, ordered, coercing);
    a department column holds an ordered Categorical of ``departments`` when they are given.
    pandera (and hypothesis through it) is imported here, on first use only."""
    import pandas as pd
    import pandera.pandas as pa

    dtypes: dict[str, Any] = {"str": str, "Int64": pd.Int64Dtype(),
                              "Float64": pd.Float64Dtype(), "bool": bool}
    built = {}
    for spec in specs.values():
        checks = []
        if spec.ge is not None:
            checks.append(pa.Check.ge(spec.ge))
        if spec.isin is not None:
            checks.append(pa.Check.isin(list(spec.isin)))
        if spec.min_length is not None:
            checks.append(pa.Check.str_length(min_value=spec.min_length))
        dtype = dtypes[spec.dtype]
        if spec.department and departments is not None:
            checks.append(pa.Check.isin(list(departments)))
            dtype = pd.CategoricalDtype(list(dict.fromkeys(departments)), ordered=True)
        built[spec.name] = pa.Column(dtype, checks=checks, nullable=spec.nullable,
                                     title=spec.title, description=spec.description,
                                     metadata={"unit": spec.unit} if spec.unit else {})
    return pa.DataFrameSchema(built, strict=True, coerce=True, ordered=True,
                              unique=list(unique) or None, name=name)
