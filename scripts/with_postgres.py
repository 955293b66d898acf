"""Run a command with a throwaway PostgreSQL server on loopback (``make test``, ``.ci/run``).

``python scripts/with_postgres.py [--durable] -- CMD ...`` starts a private server
(``initdb`` into a temporary folder, a free port on 127.0.0.1, trust authentication,
its socket in that folder), runs CMD with ``DETENTE_TEST_PG_URL`` naming it, then
stops the server and deletes the folder, whatever CMD did; CMD's exit code is
returned. Every run has its own server, so parallel runs on one machine never
share a database.

When ``DETENTE_TEST_PG_URL`` is already set, that server is used and nothing is
started. When PostgreSQL is not installed (``make setup-test`` installs Debian's
``postgresql`` when it runs as root), CMD runs without the variable and the
PostgreSQL tests skip with that reason (or fail, under CI). As root, the server
runs as the ``postgres`` user the Debian package creates (PostgreSQL refuses root).

Tests run with ``fsync`` off (nothing of a test run needs to survive a power cut);
``--durable`` keeps PostgreSQL's defaults, for benchmarks of the write path.
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

VARIABLE = "DETENTE_TEST_PG_URL"


def find_bin(name: str) -> str | None:
    """A PostgreSQL server program: on PATH, else the newest under Debian's /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    return max(candidates, key=lambda p: int(Path(p).parts[-3])) if candidates else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A private PostgreSQL server in its own folder; ``start`` then ``stop``."""

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="detente-pg-"))
        self.data = self.folder / "data"
        self.user: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError as exc:
                raise RuntimeError("running as root and there is no 'postgres' user") from exc
            self.user = "postgres"
            shutil.chown(self.folder, user="postgres")

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the server's ``postgres`` database."""
        return f"postgresql+psycopg://detente@127.0.0.1:{self.port}/postgres"

    def _run(self, *argv: str) -> None:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        done = subprocess.run(prefix + list(argv), capture_output=True, text=True)
        if done.returncode:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"{Path(argv[0]).name} failed: {' / '.join(tail)}")

    def start(self) -> None:
        """``initdb`` and ``pg_ctl start``; raises RuntimeError with the server's words."""
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not (initdb and pg_ctl):
            raise FileNotFoundError("PostgreSQL is not installed (no initdb / pg_ctl)")
        self._run(
            initdb,
            "-D",
            str(self.data),
            "-U",
            "detente",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        log = self.folder / "server.log"
        self._run(
            pg_ctl, "-D", str(self.data), "-l", str(log), "-w", "-t", "60", "-o", options, "start"
        )

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its folder."""
        pg_ctl = find_bin("pg_ctl")
        if pg_ctl and (self.data / "postmaster.pid").exists():
            try:
                self._run(pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")
            except RuntimeError as exc:
                print(f"with_postgres: {exc}", file=sys.stderr)
        shutil.rmtree(self.folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Start the server, run the command, stop the server; the command's exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--durable", action="store_true", help="keep fsync on (benchmarks)")
    parser.add_argument(
        "--installed", action="store_true", help="only say (by exit code) whether initdb exists"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD ...")
    args = parser.parse_args(argv)
    if args.installed:
        return 0 if find_bin("initdb") and find_bin("pg_ctl") else 1
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")
    if os.environ.get(VARIABLE):
        return subprocess.call(command)
    try:
        server = Server(durable=args.durable)
    except RuntimeError as exc:
        print(f"with_postgres: {exc}; PostgreSQL tests will skip", file=sys.stderr)
        return subprocess.call(command)
    # a SIGTERM (CI's time limit, a killed make) still stops the server
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        try:
            server.start()
        except (FileNotFoundError, RuntimeError) as exc:
            print(f"with_postgres: {exc}; PostgreSQL tests will skip", file=sys.stderr)
            return subprocess.call(command)
        print(f"with_postgres: PostgreSQL on 127.0.0.1:{server.port} for this run", file=sys.stderr)
        return subprocess.call(command, env={**os.environ, VARIABLE: server.url})
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
