"""Opening a ledger: the migrations build exactly `ledger.schema`, once; where the ledger lives by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from ledger import LedgerError, default_location, ledger_url, open_ledger, opened_ledger, schema_revision
from ledger.schema import metadata
from ledger.store import migrate


def test_the_migrations_build_the_schema_the_code_uses(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    with opened_ledger(url) as engine:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
            check = connection.execute(text("select value from ledger_meta")).scalars().all()
        assert schema_revision(engine) == "0002"
    with opened_ledger(url) as engine, engine.connect() as connection:  # again: nothing to migrate, the same salt
        assert connection.execute(text("select value from ledger_meta")).scalars().all() == check


def test_where_the_ledger_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_location() == tmp_path / "data" / "shuttle" / "ledger.sqlite"
    assert ledger_url(None) == f"sqlite:///{tmp_path / 'data' / 'shuttle' / 'ledger.sqlite'}"
    folder = tmp_path / "county"
    assert ledger_url(None, {"ledger": {"database": "books/ledger.sqlite"}}, folder) == \
        f"sqlite:///{folder / 'books' / 'ledger.sqlite'}"
    assert ledger_url("postgresql+psycopg://u@127.0.0.1/db", {"ledger": {"database": "x"}}, folder) == \
        "postgresql+psycopg://u@127.0.0.1/db"


def test_a_ledger_that_cannot_open_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="台账无法打开"):
        open_ledger("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")


def test_a_ledger_of_the_first_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        migrate(connection, "0001")
        connection.execute(text("insert into plans (date, revision, digest, published_at, source) "
                                "values ('2026-11-02', 1, 'd', '2026-11-02 18:00:00', 'out')"))
    engine.dispose()
    with opened_ledger(url) as upgraded, upgraded.connect() as connection:
        assert schema_revision(upgraded) == "0002"
        assert connection.execute(text("select revision, county from plans")).all() == [(1, "")]
