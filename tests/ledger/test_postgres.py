"""The same month on a real PostgreSQL server, started here on 127.0.0.1 where the binaries are installed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ledger.conftest import Days, invoke, signed_month

DEBIAN_BINARIES = sorted(str(p) for p in Path("/usr/lib/postgresql").glob("*/bin"))
SERVER_BINARIES = os.pathsep.join([os.environ.get("PATH", ""), *DEBIAN_BINARIES])
"""Debian's postgresql package keeps initdb and pg_ctl off the PATH, in /usr/lib/postgresql/N/bin."""
INITDB, PG_CTL = shutil.which("initdb", path=SERVER_BINARIES), shutil.which("pg_ctl", path=SERVER_BINARIES)
pytestmark = pytest.mark.skipif(INITDB is None or PG_CTL is None, reason="no PostgreSQL server installed")


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    root = Path(tempfile.mkdtemp(prefix="shuttle-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    data = root / "data"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subprocess.run(_as_server_user([str(INITDB), "-D", str(data), "-U", "shuttle", "--auth=trust", "-E", "UTF8",
                                    "--locale=C", "--no-sync"]), check=True, capture_output=True, timeout=60)
    subprocess.run(_as_server_user([str(PG_CTL), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
                                    f"-h 127.0.0.1 -p {port} -k {root} -F", "start"]),
                   check=True, capture_output=True, timeout=60)
    try:
        yield f"postgresql+psycopg://shuttle@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([str(PG_CTL), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def test_postgresql_gives_the_same_report_as_sqlite(days: Days, tmp_path: Path, postgres_url: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHUTTLE_LEDGER_SALT", "5a" * 32)  # a server's ledger keeps its salt outside the database
    reports = {}
    for name, ledger in (("sqlite", str(tmp_path / "ledger.sqlite")), ("postgres", postgres_url)):
        (tmp_path / name).mkdir()
        signed_month(days, tmp_path / name, ledger)
        out = tmp_path / f"{name}.csv"
        result = invoke("ledger", "report", "--month", "2026-11", "--by", "station", "--out", str(out),
                        "--ledger", ledger)
        assert result.exit_code == 0, result.output
        reports[name] = out.read_text("utf-8-sig")
    assert reports["postgres"] == reports["sqlite"]
    assert "ST01" in reports["postgres"]
    again = invoke("publish", str(days.outs[0]), "--ledger", postgres_url)
    assert "no change" in again.output
