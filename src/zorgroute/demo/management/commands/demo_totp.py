"""`manage.py demo_totp <username>`: the current 6-digit code of a demo account (for people trying the demo and for
browser tests).

Only for demo accounts: the device must carry the demo name and the key derived from its seed, so this command can
never print a code for a real user's authenticator.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.demo.credentials import seed_of_device, totp_key_hex


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        for device in TOTPDevice.objects.filter(user__username=username, confirmed=True).order_by("pk"):
            seed = seed_of_device(device.name)
            if seed is not None and device.key == totp_key_hex(seed, username):
                self.stdout.write(current_code(device))
                return
        raise CommandError(
            _("%(username)s is not a demo account with a demo authenticator.") % {"username": username}
        )
