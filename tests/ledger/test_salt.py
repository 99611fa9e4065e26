"""The salt of the ID hashes lives outside the database: beside a SQLite file or in SHUTTLE_LEDGER_SALT;
an older ledger's salt is moved out on first open; a lost or wrong salt is refused, not replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, text

from ledger import LedgerError, open_ledger, opened_ledger, salt_location
from ledger.people import id_hash
from ledger.schema import people
from ledger.store import migrate, salt
from tests.ledger.conftest import Days, invoke


def test_a_new_ledger_keeps_its_salt_in_a_file_beside_it_and_not_in_the_database(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    with opened_ledger(f"sqlite:///{ledger}") as engine, engine.connect() as connection:
        key = salt(connection)
    beside = tmp_path / "ledger.sqlite.salt"
    assert beside.read_text("ascii").strip() == key
    assert stat.S_IMODE(os.stat(beside).st_mode) == 0o600
    assert key.encode() not in ledger.read_bytes()
    with opened_ledger(f"sqlite:///{ledger}") as engine, engine.connect() as connection:
        assert salt(connection) == key, "opened again: the same salt"


def test_an_older_ledger_has_its_salt_moved_out_and_its_people_still_match(tmp_path: Path) -> None:
    ledger = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{ledger}")
    old_salt = "0123456789abcdef" * 4
    with engine.begin() as connection:  # as the earlier version left it: the salt in ledger_meta
        migrate(connection)
        connection.execute(text("insert into ledger_meta (key, value) values ('salt', :v)"), {"v": old_salt})
        connection.execute(insert(people).values(id_hash=id_hash(old_salt, "469031198003010011"),
                                                 id_masked="4690**********0011", name="符秀英", gender="女",
                                                 phone_masked=""))
    engine.dispose()
    with opened_ledger(f"sqlite:///{ledger}") as opened, opened.connect() as connection:
        assert salt(connection) == old_salt
        assert connection.execute(text("select count(*) from ledger_meta where key = 'salt'")).scalar() == 0
    assert (tmp_path / "old.sqlite.salt").read_text("ascii").strip() == old_salt
    assert old_salt.encode() not in ledger.read_bytes()


def test_a_lost_or_wrong_salt_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = tmp_path / "ledger.sqlite"
    with opened_ledger(f"sqlite:///{ledger}"):
        pass
    beside = tmp_path / "ledger.sqlite.salt"
    monkeypatch.setenv("SHUTTLE_LEDGER_SALT", "f" * 64)
    with pytest.raises(LedgerError, match="不是这个台账的"):
        open_ledger(f"sqlite:///{ledger}")
    monkeypatch.delenv("SHUTTLE_LEDGER_SALT")
    beside.unlink()
    with pytest.raises(LedgerError, match="找不到台账的盐值"):
        open_ledger(f"sqlite:///{ledger}")


def test_where_the_salt_file_is(tmp_path: Path) -> None:
    folder = tmp_path / "county"
    configured = {"ledger": {"database": "books/ledger.sqlite", "salt_file": "/secure/changjiang.salt"}}
    assert salt_location(None, configured, folder) == Path("/secure/changjiang.salt")
    assert salt_location(None, {"ledger": {"database": "books/ledger.sqlite"}}, folder) == \
        folder / "books" / "ledger.sqlite.salt"
    assert salt_location(str(tmp_path / "other.sqlite"), configured, folder) == tmp_path / "other.sqlite.salt", \
        "another ledger named on the command line has its own salt beside it"
    assert salt_location("postgresql+psycopg://u@127.0.0.1/db") is None


def test_the_salt_from_the_environment(days: Days, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHUTTLE_LEDGER_SALT", "short")
    result = invoke("publish", str(days.outs[0]), "--ledger", str(tmp_path / "a.sqlite"))
    assert result.exit_code == 2 and "至少 32 个 ASCII 字符" in result.output
    monkeypatch.setenv("SHUTTLE_LEDGER_SALT", "7c" * 32)
    assert invoke("publish", str(days.outs[0]), "--ledger", str(tmp_path / "a.sqlite")).exit_code == 0
    assert not (tmp_path / "a.sqlite.salt").exists(), "the environment's salt is not written down"
    monkeypatch.delenv("SHUTTLE_LEDGER_SALT")
    assert invoke("publish", str(days.outs[0]), "--ledger", str(tmp_path / "a.sqlite")).exit_code == 2
