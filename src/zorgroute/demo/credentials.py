"""Demo logins: one per role, all with the same documented password and a TOTP secret derived from the seed.

Pure functions, no database: the secret of a demo account is `HMAC-SHA256("zorgroute-demo-<seed>", username)`
truncated to 20 bytes, so anyone who knows the (public) seed can compute the codes. That is the point of a demo and
the reason `load_demo` refuses to run on a production installation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

DEFAULT_SEED = 2026
DEMO_PASSWORD = "Zorgroute-demo-2026"
TOTP_KEY_BYTES = 20
DEVICE_NAME_PREFIX = "Demo (seed "


class Username:
    """The fixed usernames of the demo logins (the builder gives these accounts their roles)."""

    TEACHER = "leerkracht"
    CARE_COORDINATOR = "ib"
    SCHOOL_HEAD = "directeur"
    CARE_TEAM_MEMBER = "zorgteamlid"
    ZAT_CHAIR = "zat.voorzitter"
    ZAT_COORDINATOR = "zat.coordinator"
    ZAT_MEMBER = "zat.lid"
    ON_CALL_PARTNER = "oproepbaar"
    FUNCTIONAL_ADMIN = "beheerder"
    PRIVACY_OFFICER = "privacy"
    POLICY_ANALYST = "beleid"
    SYSTEM_ADMIN = "sysadmin"
    PARENT_WITH_AUTHORITY = "ouder.gezag"
    PARENT_WITHOUT_AUTHORITY = "ouder.zonder.gezag"
    PUPIL_16 = "leerling16"


@dataclass(frozen=True)
class DemoLogin:
    role_label: str  # Dutch role name as users know it
    username: str
    password: str
    totp_secret_base32: (
        str  # what an authenticator app takes; `manage.py demo_totp <username>` prints the code
    )
    home_section: str  # data-testid of the home-page section this role should see (templates/home/home.html)


# (Dutch role label, username, home-page section). The labels are the Dutch domain terms themselves (DOMAIN §3).
_LOGINS: tuple[tuple[str, str, str], ...] = (
    ("leerkracht", Username.TEACHER, "home-teacher"),
    ("intern begeleider", Username.CARE_COORDINATOR, "home-coordinator"),
    ("directeur", Username.SCHOOL_HEAD, "home-coordinator"),
    ("zorgteamlid", Username.CARE_TEAM_MEMBER, "home-teams"),
    ("ZAT-voorzitter", Username.ZAT_CHAIR, "home-teams"),
    ("ZAT-coördinator", Username.ZAT_COORDINATOR, "home-teams"),
    ("ZAT-lid", Username.ZAT_MEMBER, "home-teams"),
    ("oproepbare partner", Username.ON_CALL_PARTNER, "home-teams"),
    ("functioneel beheerder", Username.FUNCTIONAL_ADMIN, "home-admin"),
    ("privacyfunctionaris", Username.PRIVACY_OFFICER, "home-privacy"),
    ("beleidsmedewerker gemeente", Username.POLICY_ANALYST, "home-aggregates"),
    ("systeembeheerder", Username.SYSTEM_ADMIN, "home-admin"),
    ("ouder met gezag", Username.PARENT_WITH_AUTHORITY, "home-family"),
    ("ouder zonder gezag", Username.PARENT_WITHOUT_AUTHORITY, "home-empty"),
    ("leerling 16+", Username.PUPIL_16, "home-family"),
)

LOGIN_USERNAMES: tuple[str, ...] = tuple(username for _, username, _ in _LOGINS)


def totp_key(seed: int, username: str) -> bytes:
    """The 20-byte TOTP secret of a demo account."""
    return hmac.new(f"zorgroute-demo-{seed}".encode(), username.encode(), hashlib.sha256).digest()[
        :TOTP_KEY_BYTES
    ]


def totp_key_hex(seed: int, username: str) -> str:
    """The secret as django-otp stores it in `TOTPDevice.key`."""
    return totp_key(seed, username).hex()


def base32_secret(key: bytes) -> str:
    """The secret as an authenticator app takes it (same encoding as accounts.services.totp_secret_base32)."""
    return base64.b32encode(key).decode().rstrip("=")


def logins(seed: int = DEFAULT_SEED) -> list[DemoLogin]:
    """One demo login per role, in the order the command prints them."""
    return [
        DemoLogin(
            role_label=label,
            username=username,
            password=DEMO_PASSWORD,
            totp_secret_base32=base32_secret(totp_key(seed, username)),
            home_section=section,
        )
        for label, username, section in _LOGINS
    ]


def device_name(seed: int) -> str:
    """The name of a demo account's TOTP device: it records the seed its key was derived from."""
    return f"{DEVICE_NAME_PREFIX}{seed})"


def seed_of_device(name: str) -> int | None:
    """The seed recorded in a demo device's name, or None for any other device."""
    if not (name.startswith(DEVICE_NAME_PREFIX) and name.endswith(")")):
        return None
    try:
        return int(name[len(DEVICE_NAME_PREFIX) : -1])
    except ValueError:
        return None
