"""Reminders about overdue back-reports: once a referral's first back-report is overdue (selectors.overdue_q), one
e-mail to each person who should act, sent by the daily command (`manage.py care_daily`, docs/operations.md).

Who is told (decision 0011):
- at the partner: the referral's named worker while they still work there (an active partner-staff role at the
  partner, which is what access/ asks of whoever gives a back-report: `external_referral_to_own_partner`); without
  one, everyone who works there now. The link opens the referral, where the back-report is given.
- at the school: the care coordinator who referred, while they still are the school's care coordinator; otherwise
  the school's care coordinators now. The link opens the case page at its external referrals.

Like the reminders about actions (meetings.services.reminders) the e-mail names no pupil and each is sent once:
one `BackReportReminder` row per referral, person and kind. There is no second reminder.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.core.urlcache import site_url
from zorgroute.meetings.services._common import SYSTEM_LABEL
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.organisations.models import StaffRole
from zorgroute.referrals.models import BackReportReminder, ExternalReferral
from zorgroute.referrals.selectors import overdue_q

OVERDUE = "overdue"


def _partner_mail(referral: ExternalReferral) -> tuple[str, str]:
    subject = _("Zorgroute: a back-report is overdue")
    body = _(
        "A referral to %(partner)s is waiting for its first back-report, expected by %(date)s. "
        "Open the referral to give it: %(url)s\n\n"
        "This message names no pupil on purpose."
    ) % {
        "partner": referral.partner.name,
        "date": date_format(referral.back_report_due_on, "j F Y"),
        "url": site_url(reverse("referrals:referral-detail", args=[referral.uuid])),
    }
    return subject, body


def _school_mail(referral: ExternalReferral) -> tuple[str, str]:
    subject = _("Zorgroute: a partner's back-report is overdue")
    body = _(
        "A referral from your school to %(partner)s has no back-report yet; it was expected by %(date)s. "
        "See the referral on the case page: %(url)s\n\n"
        "This message names no pupil on purpose."
    ) % {
        "partner": referral.partner.name,
        "date": date_format(referral.back_report_due_on, "j F Y"),
        "url": site_url(
            reverse("cases:case-detail", args=[referral.case.uuid]) + "#external-referrals-heading"
        ),
    }
    return subject, body


def _people(
    referrals: list[ExternalReferral], on: dt.date
) -> tuple[dict[int, list[User]], dict[int, list[User]]]:
    """Who works at each partner and who is care coordinator at each school on `on` (active, with an e-mail
    address): one query for all the referrals."""
    by_partner: dict[int, list[User]] = defaultdict(list)
    by_school: dict[int, list[User]] = defaultdict(list)
    roles = (
        StaffRole.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
            Q(role=StaffRoleKind.PARTNER_STAFF, partner_id__in={r.partner_id for r in referrals})
            | Q(role=StaffRoleKind.CARE_COORDINATOR, school_id__in={r.case.school_id for r in referrals}),
            valid_from__lte=on,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "pk")
    )
    for role in roles:
        if role.partner_id is not None:
            people = by_partner[role.partner_id]
        else:
            assert role.school_id is not None
            people = by_school[role.school_id]
        if role.user not in people:
            people.append(role.user)
    return by_partner, by_school


def _named_or_all(named_id: int | None, people: list[User]) -> list[User]:
    named = [u for u in people if u.pk == named_id]
    return named or people


def back_report_reminders_send(*, on: dt.date) -> int:
    """E-mail about every back-report overdue on `on` to who should act; returns the number of e-mails. Running it
    again sends nothing twice (one row per referral, person and kind). A fixed number of queries."""
    with transaction.atomic():
        referrals = list(
            ExternalReferral.objects.filter(overdue_q(on=on))
            .select_for_update(of=("self",))
            .select_related("partner", "case")
            .order_by("back_report_due_on", "pk")
        )
        if not referrals:
            return 0
        sent = set(
            BackReportReminder.objects.filter(referral__in=referrals, kind=OVERDUE).values_list(
                "referral_id", "recipient_id"
            )
        )
        by_partner, by_school = _people(referrals, on)
        rows: list[BackReportReminder] = []
        mails: list[tuple[str, str, str]] = []
        reminded: set[int] = set()
        with translation.override(settings.LANGUAGE_CODE):
            for referral in referrals:
                plan: list[tuple[User, Callable[[ExternalReferral], tuple[str, str]]]] = [
                    (u, _partner_mail)
                    for u in _named_or_all(referral.worker_id, by_partner[referral.partner_id])
                ]
                plan += [
                    (u, _school_mail)
                    for u in _named_or_all(referral.referred_by_id, by_school[referral.case.school_id])
                ]
                done: set[int] = set()
                for user, compose in plan:
                    if user.pk in done or (referral.pk, user.pk) in sent:
                        continue
                    done.add(user.pk)
                    rows.append(
                        BackReportReminder(referral=referral, recipient=user, kind=OVERDUE, sent_on=on)
                    )
                    mails.append((*compose(referral), user.email))
                    reminded.add(referral.pk)
        if not rows:
            return 0
        BackReportReminder.objects.bulk_create(rows)
        audit.record(
            "external_referral.reminders_sent",
            actor=None,
            actor_label=SYSTEM_LABEL,
            changes={"referrals": len(reminded), "emails": len(rows)},
        )
        transaction.on_commit(lambda: _send(mails))
    return len(rows)


def _send(mails: list[tuple[str, str, str]]) -> None:
    for subject, body, address in mails:
        send_mail(subject, body, None, [address])
