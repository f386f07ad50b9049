"""Reminders about actions and feedback tasks: a few days before the due date and once when overdue. Sent by a
daily command (cron / systemd timer, docs/operations.md); each reminder is sent once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.core.urlcache import site_url
from zorgroute.meetings.constants import ActionStatus
from zorgroute.meetings.models import CaseAction, ReminderSent
from zorgroute.meetings.services._common import SYSTEM_LABEL

DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class ReminderRun:
    due_soon: int
    overdue: int


def _mail(action: CaseAction, kind: str) -> None:
    """The e-mail names no pupil: it says an action waits and links to the work list (login required)."""
    if not action.owner.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Zorgroute: an action is overdue")
            if kind == "overdue"
            else _("Zorgroute: an action is due soon")
        )
        body = _(
            "An action you carry out is due on %(date)s. Open your work list to see it: %(url)s\n\n"
            "This message names no pupil on purpose."
        ) % {
            "date": date_format(action.due_on, "j F Y"),
            "url": site_url(reverse("cases:my-work")),
        }
    transaction.on_commit(lambda: send_mail(subject, body, None, [action.owner.email]))


def reminders_send(*, on: dt.date) -> ReminderRun:
    """Send the reminders due on `on`. Running it twice sends nothing twice (one row per action and kind)."""
    counts = {"due_soon": 0, "overdue": 0}
    open_actions = CaseAction.objects.filter(status=ActionStatus.OPEN).select_related("owner")
    plan = [
        ("overdue", open_actions.filter(due_on__lt=on)),
        ("due_soon", open_actions.filter(due_on__gte=on, due_on__lte=on + dt.timedelta(days=DUE_SOON_DAYS))),
    ]
    for kind, actions in plan:
        for action in actions.exclude(reminders__kind=kind):
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(action=action, kind=kind, sent_on=on)
                    _mail(action, kind)
            except IntegrityError:
                continue
            counts[kind] += 1
    if counts["due_soon"] or counts["overdue"]:
        audit.record("action.reminders_sent", actor=None, actor_label=SYSTEM_LABEL, changes=counts)
    return ReminderRun(**counts)
