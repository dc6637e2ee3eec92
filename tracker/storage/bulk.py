"""Fast multi-row inserts for imports: one executemany of plain tuples, JSON encoded once."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import JSON, Boolean, Float, Integer, String, Table, Text
from sqlalchemy.orm import Session

_PLAIN_TYPES = (String, Text, Integer, Float, Boolean)


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts keyed by column name, all with the keys of the first) into ``table``.

    The same rows SQLAlchemy's ORM bulk insert would write, without its per-value processing:
    JSON columns are encoded with ``json.dumps`` (what the JSON type does), other columns must
    be plain strings, numbers, booleans or None, which sqlite3 binds as they are. At 100k rows
    this is about half the time of ``session.execute(insert(model), rows)``.
    """
    if not rows:
        return
    names = list(rows[0])
    columns = [table.c[name] for name in names]
    for column in columns:
        if not isinstance(column.type, (JSON, *_PLAIN_TYPES)):
            raise TypeError(f"insert_rows cannot bind {column.type!r} ({table.name}.{column.key})")
    json_positions = [i for i, column in enumerate(columns) if isinstance(column.type, JSON)]
    quoted = ", ".join(f'"{name}"' for name in names)
    placeholders = ", ".join("?" * len(names))
    statement = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({placeholders})'
    dumps = json.dumps
    if json_positions:
        values = []
        for row in rows:
            record = [row[name] for name in names]
            for position in json_positions:
                value = record[position]
                record[position] = "[]" if value == [] else dumps(value)
            values.append(tuple(record))
    else:
        values = [tuple(row[name] for name in names) for row in rows]
    session.connection().exec_driver_sql(statement, values)
