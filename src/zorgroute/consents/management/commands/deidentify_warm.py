import time
from typing import Any

from django.core.management.base import BaseCommand

from zorgroute.consents.deidentify import deidentify, get_engine


class Command(BaseCommand):
    help = (
        "Build deduce's lookup structures (about 90 s, once after install; cached inside the installed "
        "package) and check that the de-identifier works. Run by the Makefile after pip install."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        get_engine()
        loaded = time.perf_counter() - started
        result = deidentify("Jan Jansen woont in Amersfoort, 06-12345678.")
        if "Jansen" in result or "12345678" in result:
            raise RuntimeError(f"the de-identifier does not work: {result!r}")
        self.stdout.write(f"deduce ready in {loaded:.1f} s")
