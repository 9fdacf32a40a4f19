"""Helpers for ingest tests: article files written by the tests themselves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROUND_14 = """\
 date 2019-12-11 NUR-SULTAN - The 14th round of Astana-format talks on Syria ended in the \
Kazakh capital on Wednesday with a joint statement by Russia, Iran and Turkey.

Russia's delegation was led by presidential envoy Alexander Lavrentiev. Iran was represented \
by Ali Asghar Khaji, senior assistant to the foreign minister. The Syrian government \
delegation was headed by Bashar al-Jaafari, the ambassador to the UN.

Jordan, Lebanon and Iraq attended the talks as observers.

The guarantors discussed the Constitutional Committee and the situation in Idlib.
"""

ROUND_23 = """\
 date 2025-06-03 ASTANA - The 23rd round of Astana talks on Syria opened in Astana on Tuesday.

Russia's delegation was led by presidential envoy Alexander Lavrentiev, and Turkey's by \
Deputy Foreign Minister Nuh Yilmaz. Jordan attended as an observer.

The parties discussed the return of refugees and humanitarian aid.
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.fixture
def ingest(capsys):
    """Run `manage.py ingest` like an operator; return (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = 0
        try:
            call_command("ingest", "--no-progress", *map(str, args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        except Exception as error:  # CommandError carries the exit status
            code = getattr(error, "returncode", 1)
            print(error, file=sys.stderr)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
