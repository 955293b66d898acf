"""Run ``detente`` and SIGKILL the process at a chosen point (used by test_crash_safety).

Usage: ``python -m tests.store.crash_driver POINT COUNT -- detente arguments...``

POINT is where the process kills itself, COUNT which occurrence:

- ``migrate``: inside the schema migration's transaction, before it commits;
- ``mid-document``: after a document's row and all its facts are written, before commit;
- ``after-commit``: right after a document's transaction has committed;
- ``none``: never (a clean run).
"""

from __future__ import annotations

import os
import signal
import sys


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _after(owner, name: str, count: int, when=lambda result: True) -> None:
    original = getattr(owner, name)
    seen = [0]

    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        if when(result):
            seen[0] += 1
            if seen[0] == count:
                _die()
        return result

    setattr(owner, name, wrapper)


def main(argv: list[str]) -> None:
    point, count, sep, *args = argv
    assert sep == "--"
    count = int(count)
    from detente.store import queries, store

    if point == "migrate":
        _after(store.command, "upgrade", count)
    elif point == "mid-document":
        _after(queries, "write_extraction", count)
    elif point == "after-commit":
        _after(store.Store, "add_document", count, when=bool)
    elif point != "none":
        raise SystemExit(f"unknown kill point {point!r}")
    from detente.cli import main as cli

    cli(args)


if __name__ == "__main__":
    main(sys.argv[1:])
