"""`manage.py load_demo [--seed 2026] [--scale 1.0] [--force]`: the fictitious demo region, then the demo logins."""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.demo import build
from zorgroute.demo.cases import Stats
from zorgroute.demo.credentials import DEFAULT_SEED, base32_secret, logins, seed_of_device

ALLOW_ENV = "ZORGROUTE_ALLOW_DEMO"
TOTP_HINT = ".venv/bin/python manage.py demo_totp <username>"


def demo_allowed(*, force: bool) -> bool:
    """Demo data never lands in production by accident: DEBUG, ZORGROUTE_ALLOW_DEMO=1 or an explicit --force."""
    return force or settings.DEBUG or os.environ.get(ALLOW_ENV) == "1"


class Command(BaseCommand):
    help = "Load the fictitious demo region (idempotent) and print one demo login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Random seed; the same seed gives the same region (default %(default)s).",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Size factor: 1.0 is about 1,500 pupils (default %(default)s).",
        )
        parser.add_argument(
            "--force", action="store_true", help=f"Load even though DEBUG is off and {ALLOW_ENV} is not set."
        )

    def handle(self, *args: Any, seed: int, scale: float, force: bool, **options: Any) -> None:
        if not demo_allowed(force=force):
            raise CommandError(
                _(
                    "Refusing to load demo data: DEBUG is off and %(env)s is not set, so this may be a production "
                    "database. Set %(env)s=1 or pass --force if you really want the fictitious demo region here."
                )
                % {"env": ALLOW_ENV}
            )
        if not 0 < scale <= 1000:
            raise CommandError(_("--scale must be a number above 0 (1.0 is about 1,500 pupils)."))
        started = time.monotonic()
        plan = build.load_demo_region(seed=seed, scale=scale)
        if plan is None:
            stats = build.add_missing_care_routes(seed=seed, scale=scale)
            series = build.add_missing_meeting_series()
            if stats is None and not series:
                self.stdout.write(_("The demo region already exists; nothing was created."))
            if stats is not None:
                self._print_care_routes(stats)
            self._print_meeting_series(series)
        else:
            message = _(
                "Demo region loaded in %(seconds).1f s: %(schools)d schools, %(groups)d groups, "
                "%(pupils)d pupils, %(guardians)d guardians, %(users)d accounts."
            )
            counts = {"seconds": time.monotonic() - started, **plan.counts()}
            self.stdout.write(self.style.SUCCESS(message % counts))
            if plan.case_stats is not None:
                self._print_care_routes(plan.case_stats)
            self._print_meeting_series(plan.meeting_series)
        self._print_logins(seed)

    def _print_meeting_series(self, count: int) -> None:
        if count:
            message = _("Meeting series: %(count)d, each with its next meetings planned.")
            self.stdout.write(self.style.SUCCESS(message % {"count": count}))

    def _print_care_routes(self, stats: Stats) -> None:
        message = _("Care routes: %(cases)d cases (%(closed)d closed) and %(signals)d signals.")
        self.stdout.write(
            self.style.SUCCESS(
                message % {"cases": stats.cases, "closed": stats.closed, "signals": stats.signals}
            )
        )

    def _print_logins(self, seed: int) -> None:
        """The table of demo logins. Secrets come from the stored devices, so they are right whatever seed was used."""
        rows = logins(seed)
        devices = {
            username: (name, key)
            for username, name, key in TOTPDevice.objects.filter(
                user__username__in=[row.username for row in rows],
                confirmed=True,
            ).values_list("user__username", "name", "key")
        }
        stored_seeds = {seed_of_device(name) for name, _key in devices.values()}
        if stored_seeds - {seed}:
            self.stdout.write(
                self.style.WARNING(
                    _("The demo region was loaded with another seed; the secrets below are the stored ones.")
                )
            )
        table = [(_("Role"), _("Username"), _("Password"), _("TOTP secret"))]
        for row in rows:
            secret = (
                base32_secret(bytes.fromhex(devices[row.username][1]))
                if row.username in devices
                else _("(none)")
            )
            table.append((row.role_label, row.username, row.password, secret))
        widths = [max(len(line[column]) for line in table) for column in range(4)]
        self.stdout.write("")
        self.stdout.write(_("Demo logins (fictitious data only):"))
        for index, line in enumerate(table):
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write("")
        self.stdout.write(
            _("Second factor: add the TOTP secret to an authenticator app, or print the current code:")
        )
        self.stdout.write(f"  code: {TOTP_HINT}")
