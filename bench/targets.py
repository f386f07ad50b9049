"""Log the benchmark's care coordinator in server-side and choose the pages the load tool requests.

    .venv/bin/python bench/targets.py --database-url URL --out var/bench/sqlite/targets.json

The session is what a browser holds after password and TOTP: Django's auth keys plus django-otp's device id for the
user's confirmed TOTP device (as testing/auth.py `login_verified` does). The load tool sends it as a Cookie header.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from common import ANALYST_LOGIN, COORDINATOR_LOGIN, setup_django

CASE_MIN_EVENTS = 12  # the case page is measured on a case with a realistic timeline
MEETING_MIN_ITEMS = 10  # the meeting page: an upcoming zorgteam meeting with a realistic agenda


def login_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zorgroute.accounts.models import User

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def choose_meeting(school_id: int) -> dict[str, object]:
    """The next meeting of the school's zorgteam with an agenda of MEETING_MIN_ITEMS or more (bench/meetings.py)."""
    from django.db.models import Count
    from django.utils import timezone

    from zorgroute.meetings.models import Meeting
    from zorgroute.organisations.constants import CareTeamKind

    meeting = (
        Meeting.objects.filter(
            team__school_id=school_id,
            team__kind=CareTeamKind.SCHOOL_CARE_TEAM,
            status="planned",
            starts_at__gte=timezone.now(),
        )
        .annotate(items_count=Count("items", distinct=True), invited=Count("attendance", distinct=True))
        .filter(items_count__gte=MEETING_MIN_ITEMS)
        .order_by("starts_at", "uuid")
        .values("uuid", "items_count", "invited")
        .first()
    )
    if meeting is None:
        raise SystemExit(f"no upcoming zorgteam meeting with {MEETING_MIN_ITEMS}+ agenda items at the school")
    return meeting


def choose_pages(username: str) -> tuple[list[dict[str, object]], dict[str, object]]:
    from django.db.models import Count

    from zorgroute.cases.models import Case
    from zorgroute.organisations.models import StaffRole
    from zorgroute.pupils.models import Pupil

    school_id, school_uuid, region_uuid = StaffRole.objects.filter(
        user__username=username, role="care_coordinator"
    ).values_list("school_id", "school__uuid", "school__region__uuid")[0]
    open_cases = Case.objects.filter(school_id=school_id, status="open")
    case = (
        open_cases.annotate(events=Count("timeline"))
        .filter(events__gte=CASE_MIN_EVENTS)
        .order_by("events", "uuid")
        .values("uuid", "events")
        .first()
    )
    if case is None:
        raise SystemExit(f"no open case with {CASE_MIN_EVENTS}+ timeline events at the coordinator's school")
    common_name = (
        Pupil.objects.filter(current_school_id=school_id)
        .values("last_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "last_name")
        .values_list("last_name", flat=True)[0]
    )
    query = common_name.lower()
    meeting = choose_meeting(school_id)
    facts = {
        "open_cases_at_school": open_cases.count(),
        "case_events": case["events"],
        "search": query,
        "search_hits": Pupil.objects.filter(current_school_id=school_id, search_name__contains=query).count(),
        "meeting_items": meeting["items_count"],
        "meeting_invited": meeting["invited"],
    }
    pages: list[dict[str, object]] = [
        {"name": "health (floor)", "path": "/health", "auth": False},
        {"name": "home", "path": "/", "auth": True},
        {"name": "worklist", "path": "/zorg/werk/", "auth": True},
        {"name": "pupil search", "path": f"/leerlingen/?q={query}", "auth": True},
        {"name": "case page", "path": f"/zorg/zorgtrajecten/{case['uuid']}/", "auth": True},
        {"name": "meeting page", "path": f"/zorg/overleggen/{meeting['uuid']}/", "auth": True},
        {"name": "school report", "path": f"/zorg/rapportages/school/{school_uuid}/", "auth": True},
        {
            "name": "region report",
            "path": f"/zorg/rapportages/regio/{region_uuid}/",
            "auth": True,
            "login": ANALYST_LOGIN,
        },
    ]
    return pages, facts


def page_login(page: dict[str, object]) -> str:
    """Who requests the page: its own "login", else the care coordinator."""
    return str(page.get("login") or COORDINATOR_LOGIN)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    setup_django(args.database_url)
    pages, facts = choose_pages(COORDINATOR_LOGIN)
    targets = {
        "user": COORDINATOR_LOGIN,
        "cookie": login_cookie(COORDINATOR_LOGIN),
        "cookies": {page_login(page): login_cookie(page_login(page)) for page in pages if page.get("login")},
        "pages": pages,
        "facts": facts,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(targets, indent=2))
    print(f"targets for {COORDINATOR_LOGIN}: {facts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
