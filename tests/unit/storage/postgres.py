"""A throwaway PostgreSQL cluster in a temporary folder, driven through ``psql``.

No Python driver is needed: statements are compiled for PostgreSQL with their values inline
and results come back as one JSON value. :func:`start` returns None where the PostgreSQL
binaries (``initdb``, ``pg_ctl``, ``postgres``, ``psql``) are missing.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import ClauseElement, func, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import Select

DIALECT = postgresql.dialect(paramstyle="named")
"""PostgreSQL's SQL with named parameters: values rendered inline are not %-escaped."""

PSQL = ("psql", "-U", "postgres", "-d", "postgres", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1")
BINARIES = ("initdb", "pg_ctl", "postgres", "psql")


def inline_sql(statement: ClauseElement) -> str:
    """``statement`` as PostgreSQL SQL with its values written in."""
    return str(statement.compile(dialect=DIALECT, compile_kwargs={"literal_binds": True}))


class Postgres:
    """A running cluster on a Unix socket in its own folder; :meth:`stop` removes it all."""

    def __init__(self, folder: Path, user: str | None) -> None:
        self.folder = folder
        self._as_user = ["runuser", "-u", user, "--"] if user else []

    def _server(self, *args: str) -> None:
        subprocess.run(
            [*self._as_user, *args], check=True, capture_output=True, text=True, timeout=60
        )

    def psql(self, sql: str) -> str:
        done = subprocess.run(
            [*PSQL, "-h", str(self.folder)],
            input=sql,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr}\n{sql[:2000]}")
        return done.stdout

    def execute(self, statements: Sequence[ClauseElement | str]) -> None:
        """Run statements (DDL, inserts) in one transaction."""
        body = ";\n".join(s if isinstance(s, str) else inline_sql(s) for s in statements)
        self.psql(f"BEGIN;\n{body};\nCOMMIT;\n")

    def rows(self, statement: Select[Any]) -> list[list[Any]]:
        """The rows of a SELECT, each as a list of JSON values, in the order it gives them."""
        inner = statement.subquery()
        wrapped = select(
            func.coalesce(func.json_agg(func.json_build_array(*inner.c)), func.json("[]"))
        )
        found: list[list[Any]] = json.loads(self.psql(inline_sql(wrapped)))
        return found

    def stop(self) -> None:
        try:
            self._server("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Postgres | None:
    """A new cluster, or None where PostgreSQL's binaries are not installed."""
    if not all(shutil.which(binary) for binary in BINARIES):
        return None
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    user = None
    if os.geteuid() == 0:  # the server refuses to run as root: as the postgres user
        if shutil.which("runuser") is None:
            folder.rmdir()
            return None
        try:
            entry = pwd.getpwnam("postgres")
        except KeyError:
            folder.rmdir()
            return None
        user = entry.pw_name
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    cluster = Postgres(folder, user)
    data = str(folder / "data")
    cluster._server("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8")
    options = f"-k {folder} -c listen_addresses='' -c fsync=off"
    cluster._server("pg_ctl", "-D", data, "-o", options, "-w", "-l", str(folder / "log"), "start")
    return cluster
