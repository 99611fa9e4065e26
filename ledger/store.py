"""Opening a ledger: the database URL, the engine, and the schema migrated to the newest revision.

SQLite (one file) is the embedded default; a PostgreSQL URL (`postgresql+psycopg://...`) serves a
province. Every command opens the ledger through `open_ledger`, which creates or upgrades the schema
with Alembic first, so a ledger made by an older version of the tool is brought up to date in place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Insert, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from ledger.errors import LedgerError
from ledger.salt import salt_file_for, settle_salt

MIGRATIONS = Path(__file__).parent / "migrations"
SALT = "shuttle_salt"
"""The key of the salt in each connection's `info`."""
DEFAULT_FILE = "shuttle/ledger.sqlite"
"""Under $XDG_DATA_HOME (default ~/.local/share): the ledger when neither --ledger nor scenario.toml names one."""


def default_location() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / DEFAULT_FILE


def ledger_url(option: str | None, settings: dict[str, Any] | None = None, folder: Path | None = None) -> str:
    """The database URL: `--ledger` (a URL or a file path), else scenario.toml's `[ledger] database`
    (a path relative to the scenario folder, or a URL), else the default file."""
    if option:
        return _as_url(option, Path.cwd())
    configured = (settings or {}).get("ledger", {}).get("database")
    if isinstance(configured, str) and configured:
        return _as_url(configured, folder or Path.cwd())
    return _as_url(str(default_location()), Path.cwd())


def _as_url(text: str, base: Path) -> str:
    if "://" in text:
        return text
    return f"sqlite:///{(base / Path(text).expanduser()).resolve()}"


def salt_location(option: str | None, settings: dict[str, Any] | None = None,
                  folder: Path | None = None) -> Path | None:
    """The salt file of the ledger `ledger_url` finds: scenario.toml's `[ledger] salt_file` (relative to the
    scenario folder) for the ledger it names, else beside a SQLite file; None for a server without one."""
    configured = (settings or {}).get("ledger", {}).get("salt_file")
    chosen = None
    if not option and isinstance(configured, str) and configured:
        chosen = ((folder or Path.cwd()) / Path(configured).expanduser()).resolve()
    return salt_file_for(ledger_url(option, settings, folder), chosen)


@contextmanager
def opened_ledger(url: str, salt_file: Path | None = None) -> Iterator[Engine]:
    """`open_ledger` for one command: its connections are closed when the block ends."""
    engine = open_ledger(url, salt_file)
    try:
        yield engine
    finally:
        engine.dispose()


def open_ledger(url: str, salt_file: Path | None = None) -> Engine:
    """An engine on the ledger at `url`, its schema migrated to the newest revision, and its salt (from
    SHUTTLE_LEDGER_SALT or `salt_file`, by default beside a SQLite file: `ledger.salt`) on every connection."""
    if salt_file is None:
        salt_file = salt_file_for(url)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = None
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_foreign_keys)
        with engine.begin() as connection:
            migrate(connection)
        with engine.begin() as connection:  # apart: a refused salt leaves the migrated schema whole
            key = settle_salt(connection, salt_file)
        engine.dispose()  # the connection made before the salt was known goes; every new one carries it
        event.listen(engine, "connect", lambda _dbapi, record: record.info.__setitem__(SALT, key))
    except SQLAlchemyError as error:
        if engine is not None:
            engine.dispose()
        raise LedgerError(f"台账无法打开（{_shown(url)}）：{type(error).__name__}: {error}") from None
    except LedgerError:
        if engine is not None:
            engine.dispose()
        raise
    return engine


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    head, at, tail = url.rpartition("@")
    if not at or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user_password = head.partition("//")
    return f"{scheme}//{user_password.split(':', 1)[0]}:***@{tail}"


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration for the ledger's migrations on `connection` (the tool has no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(connection: Connection, target: str = "head") -> None:
    """Runs the migrations the database has not had yet, up to `target` (none when it is there)."""
    config = alembic_config(connection)
    wanted = ScriptDirectory.from_config(config).get_current_head() if target == "head" else target
    if MigrationContext.configure(connection).get_current_revision() != wanted:
        command.upgrade(config, target)


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def salt(connection: Connection) -> str:
    """The salt of the ID hashes, which `open_ledger` put on the connection (it is not in the database)."""
    return str(connection.info[SALT])


def insert_id(connection: Connection, statement: Insert) -> int:
    """Runs a one-row insert and gives the new row's id."""
    key = connection.execute(statement).inserted_primary_key
    assert key is not None  # a one-row insert into a table with an integer key always has one
    return int(key[0])
