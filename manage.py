#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

Reads a local `.env` (written by `make run`) before the settings, so the README's commands
work in a new shell; variables set in the environment win. ENV_FILE names another file;
ENV_FILE= (empty) reads none.
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def load_local_env() -> None:
    env_file = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
    if env_file and Path(env_file).is_file():
        from dotenv import load_dotenv

        load_dotenv(env_file, override=False)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana_site.settings")
    load_local_env()
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Load the settings here: a configuration error (no SECRET_KEY, a bad value) is then
        # one line naming the variable, not a traceback ending in Django's KeyError.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        sys.exit(f"Configuration error: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
