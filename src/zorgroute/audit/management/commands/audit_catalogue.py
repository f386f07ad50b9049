from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from zorgroute.audit.docs import render


class Command(BaseCommand):
    help = "Print (or --write) docs/audit.md, generated from the audit event catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        text = render()
        if options["write"]:
            (Path(settings.BASE_DIR) / "docs" / "audit.md").write_text(text)
        else:
            self.stdout.write(text)
