"""The daily command: twice in a row creates and sends nothing twice."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zorgroute.core.time import today
from zorgroute.meetings.models import CaseAction, ReminderSent
from zorgroute.meetings.services import action_agree

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("care_daily", *args, stdout=out)
    return out.getvalue()


def test_running_twice_sends_each_reminder_once(world):
    action = action_agree(
        actor=world.ib_a, case=world.case_a1, description="Observatie", owner=world.teacher, due_on=today()
    )
    CaseAction.objects.filter(pk=action.pk).update(due_on=today() - dt.timedelta(days=2))
    assert "overdue 1" in run()
    assert "overdue 0" in run()
    assert ReminderSent.objects.count() == 1


def test_a_bad_date_is_a_clear_error(world):
    with pytest.raises(CommandError):
        run("--date", "gisteren")
