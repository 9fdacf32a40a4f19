"""Create (or update) an editor: a staff user in the Editors group, never a superuser.

    python manage.py create_editor alice --email alice@example.org

The password is read from DJANGO_EDITOR_PASSWORD, else asked for on a terminal; without
either the account gets no usable password (set one with `manage.py changepassword`).
The Editors group's permissions are re-applied from rounds.services.EDITOR_PERMISSIONS.
"""

from __future__ import annotations

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from rounds.services import EDITORS_GROUP, sync_editors_group

PASSWORD_VARIABLE = "DJANGO_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = "Create or update an editor (a staff user in the Editors group)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Never prompt."
        )

    def handle(self, *args, username: str, email: str, interactive: bool, **options) -> None:
        password = os.environ.get(PASSWORD_VARIABLE) or None
        if password is None and interactive and sys.stdin.isatty():
            password = self.ask_password()
        User = get_user_model()
        with transaction.atomic():
            group = sync_editors_group()
            user, created = User.objects.get_or_create(username=username)
            if user.is_superuser:
                raise CommandError(f"{username} is a superuser; an editor is not.")
            user.is_staff = True
            if email:
                user.email = email
            if password is not None:
                try:
                    validate_password(password, user)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from error
                user.set_password(password)
            elif created:
                user.set_unusable_password()
            user.save()
            user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} editor {username} (group {EDITORS_GROUP})."))
        if password is None and not user.has_usable_password():
            self.stdout.write(f"No password set: run `manage.py changepassword {username}`.")

    def ask_password(self) -> str:
        while True:
            password = getpass.getpass("Password: ")
            if password and password == getpass.getpass("Password (again): "):
                return password
            self.stderr.write("The passwords are empty or do not match; try again.")
