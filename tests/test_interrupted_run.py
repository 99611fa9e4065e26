"""End to end: a run stopped mid-solve (Ctrl-C, SIGTERM, a crash) leaves the previous outputs as they were.

A first run plans a tiny day into `out` and every file is hashed; then a second run of the real command
plans the bundled day in a subprocess with a budget far too large to finish, and is stopped once it
reports routing.
The second run must end promptly with one line on stderr and no traceback, leave `out` byte for byte
as it was, and leave no temporary folder beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli import EXIT_INTERNAL, EXIT_INTERRUPTED
from data.samples import CHANGJIANG

pytestmark = pytest.mark.slow

TINY_DAY = Path(__file__).resolve().parent / "data" / "good" / "tiny"
QUICK = ("--solution-limit", "20", "--seed", "0")
ENDLESS = ("--solution-limit", "100000", "--seed", "0")
"""A routing budget that takes minutes on the sample: the run is surely mid-solve when stopped."""
GRACE_S = 6.0
"""How long a stopped run may take to clean up and exit."""
RUN_CLI = "import cli; cli.main()"
CRASH_IN_SOLVE = (
    "import os, signal, dispatch.buses.runs\n"
    "class TwoPartError(Exception):\n"
    "    def __init__(self, part, whole):\n"
    "        super().__init__(f'{part} of {whole}')\n"
    "def exploding_solve(problem, params):\n"
    "    {crash}\n"
    "dispatch.buses.runs.solve = exploding_solve\n"
    "import cli; cli.main()\n"
)
"""The command with the router replaced by one that fails: a crash inside plan_day, mid-solve."""
CRASHES = {
    "exception": ("raise RuntimeError('solver exploded')", "internal error: RuntimeError: solver exploded"),
    "exception-not-picklable": ("raise TwoPartError(1, 2)", "internal error: "),
    "planning-process-killed": ("os.kill(os.getpid(), signal.SIGKILL)", "internal error: "),
}
"""How planning may fail: an ordinary exception; one whose class cannot be rebuilt from its args (it cannot
cross a process boundary by pickle); the process dying outright, as under the OOM killer or a segfault."""
CRASH_TIMEOUT_S = 12.0
SRC = Path(__file__).resolve().parents[1]


def _command(code: str, out: Path, *budget: str, folder: Path = CHANGJIANG) -> list[str]:
    return [sys.executable, "-c", code, "plan", str(folder), "--out", str(out), *budget]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> Path:
    """A first, finished run's out folder (a tiny day: any earlier plan's folder will do)."""
    out = tmp_path_factory.mktemp("first") / "out"
    done = subprocess.run(_command(RUN_CLI, out, *QUICK, folder=TINY_DAY), env=_env(), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


def _previous(first_run: Path, parent: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the first run's outputs alone in `parent`, and the hash of every file in it."""
    out = parent / "out"
    shutil.copytree(first_run, out)
    hashes = _hashes(out)
    assert "plan.json" in hashes and any(name.endswith(".pdf") for name in hashes)
    return out, hashes


def _stop_mid_solve(out: Path, signum: int) -> tuple[int | None, list[str]]:
    """Start a second run, send `signum` once it routes; its exit code (None if it hung) and stderr lines."""
    run = subprocess.Popen(_command(RUN_CLI, out, *ENDLESS), env=_env(), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    lines = []
    stderr = run.stderr
    assert stderr is not None  # stderr=PIPE
    try:
        for line in stderr:
            lines.append(line.rstrip("\n"))
            if "routing" in line:
                time.sleep(0.5)
                run.send_signal(signum)
                break
        try:
            run.wait(timeout=GRACE_S)
        except subprocess.TimeoutExpired:
            return None, lines
        lines += stderr.read().splitlines()
        return run.returncode, lines
    finally:
        _end_group(run)


def _end_group(run: subprocess.Popen) -> None:
    """Kill what is left of a run: the command and any planning process it started (one session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    if run.stderr is not None:
        run.stderr.close()


def _assert_untouched(out: Path, hashes: dict[str, str]) -> None:
    assert _hashes(out) == hashes, "the previous outputs changed"
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"], "a temporary folder was left beside out"


def _assert_one_line(lines: list[str], expected_start: str) -> None:
    assert lines, "the run said nothing"
    assert not any("Traceback" in line for line in lines), "\n".join(lines)
    assert lines[-1].startswith(expected_start), lines[-1]


@pytest.fixture(scope="module", params=[signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def stopped(request, first_run, tmp_path_factory):
    """A second run stopped by a signal mid-solve: (out, hashes before, exit code or None, stderr lines)."""
    out, hashes = _previous(first_run, tmp_path_factory.mktemp("stopped"))
    code, lines = _stop_mid_solve(out, request.param)
    return out, hashes, code, lines


def test_a_signal_mid_solve_never_touches_the_previous_outputs(stopped):
    out, hashes, _, lines = stopped
    assert any("routing" in line for line in lines), "the run was stopped mid-solve"
    _assert_untouched(out, hashes)


def test_a_signal_mid_solve_ends_the_run_with_one_line_and_exit_130(stopped):
    _, _, code, lines = stopped
    assert code == EXIT_INTERRUPTED, f"exit code {code} (None: still running {GRACE_S} s after the signal)"
    _assert_one_line(lines, "interrupted")


def _crash(out: Path, crash: str) -> tuple[int | None, list[str]]:
    """A run whose router fails as `crash` says: its exit code (None if it hung) and stderr lines."""
    code = CRASH_IN_SOLVE.replace("{crash}", crash)
    run = subprocess.Popen(_command(code, out, *ENDLESS), env=_env(), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, err = run.communicate(timeout=CRASH_TIMEOUT_S)
        return run.returncode, err.splitlines()
    except subprocess.TimeoutExpired:
        return None, []
    finally:
        _end_group(run)




@pytest.mark.parametrize("kind", [
    "exception",
    "exception-not-picklable",
    "planning-process-killed",
])
def test_a_crash_mid_solve_is_one_line_exit_1_and_leaves_the_outputs(first_run, tmp_path, kind):
    crash, first_words = CRASHES[kind]
    out, hashes = _previous(first_run, tmp_path)
    code, lines = _crash(out, crash)
    _assert_untouched(out, hashes)
    assert code == EXIT_INTERNAL, f"exit code {code} (None: still running {CRASH_TIMEOUT_S} s after the crash)"
    _assert_one_line(lines, first_words)
