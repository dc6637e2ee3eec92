"""The comparison's storage statements: portable SQL (they compile for PostgreSQL) that reads
the rows a learner saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Select
from sqlalchemy.dialects import postgresql

from tests.offers import BOOTCAMP_A
from tracker.storage import choosing as choosing_store
from tracker.storage.store import require_path
from tracker.wiring import Services

STATEMENTS: list[Callable[[], Select[Any]]] = [
    lambda: choosing_store.pack_offers_statement(1),
    lambda: choosing_store.own_offers_statement(1, "flask"),
    lambda: choosing_store.own_offer_statement(1, "flask", "own-x"),
    lambda: choosing_store.own_slugs_statement(1, "flask"),
    lambda: choosing_store.pack_slugs_statement(1),
    lambda: choosing_store.comparisons_statement(1),
]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_each_statement_compiles_for_postgresql_with_named_binds(
    statement: Callable[[], Select[Any]],
) -> None:
    compiled = statement().compile(dialect=postgresql.dialect())
    text = str(compiled)
    assert "?" not in text
    assert "= 0" not in text and "= 1" not in text  # booleans as expressions, not numbers
    assert "LIMIT -1" not in text
    assert compiled.params  # every value is a bound parameter


def test_offers_are_the_pack_ones_then_the_learners_own(services: Services) -> None:
    slug = services.choosing.add_offer("flask", BOOTCAMP_A).value
    with services.store.reading() as session:
        path = require_path(session, "flask")
        rows = choosing_store.offers(session, services.profile_id, path.id, "flask")
        taken = choosing_store.taken_slugs(session, services.profile_id, path.id, "flask")
        own = choosing_store.own_offer(session, services.profile_id, "flask", slug)
        assert [row.slug for row in rows][-1] == slug
        assert own is not None and own.title == "Example Bootcamp A"
        assert {"self-study", "bootcamps", slug} <= taken
        assert choosing_store.comparisons(session, path.id)
