"""The salt of the ID hashes, kept outside the database.

Whoever holds the ledger and its salt can test guessed ID numbers one by one; whoever holds only the
ledger cannot. So the salt lives apart: in the environment variable SHUTTLE_LEDGER_SALT (a province's
server), or in a file (`[ledger] salt_file`, by default `<ledger file>.salt` beside a SQLite ledger),
readable by its owner only. The database keeps a check value (an HMAC of a fixed text under the salt),
so a wrong or lost salt is refused in one sentence instead of silently counting everyone again as new
people. A ledger made before this kept its salt in `ledger_meta`: the first open moves it out.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from sqlalchemy import Connection, delete, func, insert, select

from ledger import schema as t
from ledger.errors import LedgerError

SALT_ENV = "SHUTTLE_LEDGER_SALT"
CHECK_KEY, OLD_KEY = "salt_check", "salt"
MIN_LENGTH = 32


def salt_file_for(url: str, configured: Path | None = None) -> Path | None:
    """Where the salt file is: the configured path, else beside a SQLite file; None for a server URL."""
    if configured is not None:
        return configured
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///") + ".salt")
    return None


def settle_salt(connection: Connection, location: Path | None) -> str:
    """The ledger's salt from the environment or its file, checked against the ledger; made for a new
    ledger, moved out of an older one's `ledger_meta`. Raises LedgerError when it cannot be had or is wrong."""
    outside = _outside(location)
    stored = _meta(connection, OLD_KEY)
    check = _meta(connection, CHECK_KEY)
    if stored is not None:  # an older ledger: its salt moves out of the database
        if outside is not None and outside != stored:
            raise LedgerError(f"台账库内的盐值与{_where(location)}的不同：同一台账只能有一个盐值，请核对后再试")
        if outside is None:
            _write(_needed(location), stored)
        if connection.dialect.name == "sqlite":  # the deleted row's bytes are overwritten, not left in a free page
            connection.exec_driver_sql("PRAGMA secure_delete = ON")
        connection.execute(delete(t.meta).where(t.meta.c.key == OLD_KEY))
        outside = stored
    elif outside is None:
        if check is not None or connection.execute(select(func.count()).select_from(t.people)).scalar():
            raise LedgerError(f"找不到台账的盐值（{_where(location)}）：没有它，已有人员的身份证号哈希无法对上，"
                              f"人数会重复计算。请把盐值文件放回原处，或设置 {SALT_ENV}")
        outside = secrets.token_hex(32)
        _write(_needed(location), outside)
    if check is None:
        connection.execute(insert(t.meta).values(key=CHECK_KEY, value=_check(outside)))
    elif not hmac.compare_digest(check, _check(outside)):
        raise LedgerError(f"{_where(location)}的盐值不是这个台账的：请用建台账时的盐值")
    return outside


def _outside(location: Path | None) -> str | None:
    """The salt from the environment, else from its file; None when neither has one."""
    text = os.environ.get(SALT_ENV)
    source = SALT_ENV
    if not text and location is not None and location.is_file():
        text, source = location.read_text(encoding="ascii", errors="replace"), str(location)
    if not text:
        return None
    text = text.strip()
    if len(text) < MIN_LENGTH or not text.isascii() or not text.isprintable():
        raise LedgerError(f"{source} 的盐值须为至少 {MIN_LENGTH} 个 ASCII 字符（例如 python -c "
                          "'import secrets; print(secrets.token_hex(32))' 的输出）")
    return text


def _needed(location: Path | None) -> Path:
    if location is None:
        raise LedgerError(f"数据库台账的盐值须放在库外：请设置环境变量 {SALT_ENV}，或在 scenario.toml 的 [ledger] 写 "
                          "salt_file = \"路径\"")
    return location


def _write(location: Path, salt: str) -> None:
    """A new file only its owner can read; an existing one is never overwritten."""
    location.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(location, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise LedgerError(f"盐值文件 {location} 已存在但不可用：请核对") from None
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(salt + "\n")


def _where(location: Path | None) -> str:
    return SALT_ENV if os.environ.get(SALT_ENV) or location is None else f"盐值文件 {location} "


def _meta(connection: Connection, key: str) -> str | None:
    value = connection.execute(select(t.meta.c.value).where(t.meta.c.key == key)).scalar()
    return None if value is None else str(value)


def _check(salt: str) -> str:
    return hmac.new(salt.encode("ascii"), b"shuttle ledger salt check", hashlib.sha256).hexdigest()
