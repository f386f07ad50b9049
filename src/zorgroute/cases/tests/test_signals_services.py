"""signal_create, signal_open_case, signal_link and signal_keep_in_class: state, audit and refusals."""

import datetime as dt

import pytest

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services
from zorgroute.cases.constants import (
    CaseStatus,
    ClosureReason,
    Severity,
    SignalSource,
    SignalStatus,
    TimelineKind,
)
from zorgroute.cases.models import Case, ProblemDomain, Signal, TimelineEvent
from zorgroute.cases.tests.signal_helpers import domains
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


def _create(world, **kwargs):
    values = {
        "actor": world.teacher,
        "pupil": world.pupil_a1,
        "severity": Severity.HIGH,
        "observed_behaviour": "Sanne huilt vaak in de pauze.",
    }
    return services.signal_create(**(values | kwargs))


def test_it_records_a_signal_with_domains_and_audits_without_the_text(world):
    chosen = domains(world, "Sociaal-emotioneel", "Echtscheiding")
    signal = _create(
        world, domains=chosen, source=SignalSource.PARENT, observed_on=today() - dt.timedelta(days=2)
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW
    assert signal.school == world.school_a and signal.reported_by == world.teacher
    assert signal.observed_on == today() - dt.timedelta(days=2)
    assert set(signal.domains.all()) == set(chosen)
    event = AuditEvent.objects.filter(event="signal.created").latest("seq")
    assert event.pupil_uuid == world.pupil_a1.uuid and event.target_uuid == signal.uuid
    assert event.changes == {
        "severity": "high",
        "source": "parent",
        "domains": ["Echtscheiding", "Sociaal-emotioneel"],
    }
    assert "huilt" not in str(event.changes)


def test_the_date_defaults_to_today(world):
    assert _create(world).observed_on == today()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"observed_on": dt.date.today() + dt.timedelta(days=1)}, "observed_on"),
        ({"severity": "terrible"}, "severity"),
        ({"source": "rumour"}, "source"),
        ({"observed_behaviour": "   "}, "observed_behaviour"),
        ({"observed_behaviour": "x" * 5001}, "observed_behaviour"),
    ],
)
def test_it_refuses_invalid_input(world, kwargs, field):
    before = Signal.objects.count()
    with pytest.raises(ValidationError) as exc:
        _create(world, **kwargs)
    assert exc.value.field == field
    assert Signal.objects.count() == before


def test_it_refuses_a_problem_domain_of_another_region(world):
    foreign = ProblemDomain.objects.create(region=world.other_region, category="child", name="Leren")
    with pytest.raises(ValidationError) as exc:
        _create(world, domains=[foreign])
    assert exc.value.field == "domains"
    assert not AuditEvent.objects.filter(event="signal.created", changes__domains=["Leren"]).exists()


def test_it_refuses_an_inactive_problem_domain(world):
    domain = domains(world, "Leren")[0]
    domain.is_active = False
    domain.save()
    with pytest.raises(ValidationError):
        _create(world, domains=[domain])


def test_it_refuses_a_pupil_without_a_school(world):
    pupil = f.PupilFactory()
    with pytest.raises(DomainError):
        _create(world, pupil=pupil)


# --- triage -----------------------------------------------------------------------------------------------------


def test_opening_a_case_from_a_signal_puts_the_signal_on_the_new_case(world):
    signal = world.signal_a2  # Daan has no case yet
    case = services.signal_open_case(actor=world.ib_a, signal=signal)
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CASE_OPENED and signal.case == case
    assert signal.triaged_by == world.ib_a and signal.triaged_at is not None
    assert case.pupil == world.pupil_a2 and case.status == CaseStatus.OPEN and case.owner == world.ib_a
    line = TimelineEvent.objects.get(case=case, kind=TimelineKind.SIGNAL)
    assert line.ref_uuid == signal.uuid and line.body == signal.observed_behaviour
    assert AuditEvent.objects.filter(event="case.opened", case_uuid=case.uuid).count() == 1
    triaged = AuditEvent.objects.get(event="signal.triaged")
    assert triaged.changes == {"status": "case_opened"} and triaged.case_uuid == case.uuid


def test_opening_a_second_case_for_the_same_pupil_is_refused_and_leaves_the_signal_new(world):
    with pytest.raises(DomainError):
        services.signal_open_case(actor=world.ib_a, signal=world.signal_a1)  # Sanne has case_a1
    world.signal_a1.refresh_from_db()
    assert world.signal_a1.status == SignalStatus.NEW
    assert not AuditEvent.objects.filter(event="signal.triaged").exists()


def test_linking_adds_the_signal_to_the_pupils_open_case(world):
    services.signal_link(actor=world.ib_a, signal=world.signal_a1, case=world.case_a1)
    world.signal_a1.refresh_from_db()
    assert world.signal_a1.status == SignalStatus.LINKED and world.signal_a1.case == world.case_a1
    assert TimelineEvent.objects.filter(case=world.case_a1, kind=TimelineKind.SIGNAL).count() == 1
    assert AuditEvent.objects.get(event="signal.triaged").changes == {"status": "linked"}


def test_linking_to_another_pupils_case_is_refused(world):
    with pytest.raises(DomainError):
        services.signal_link(actor=world.ib_a, signal=world.signal_a2, case=world.case_a1)
    world.signal_a2.refresh_from_db()
    assert world.signal_a2.status == SignalStatus.NEW and world.signal_a2.case is None


def test_linking_to_a_closed_case_is_refused(world):
    services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    case = Case.objects.get(pk=world.case_a1.pk)
    with pytest.raises(DomainError):
        services.signal_link(actor=world.ib_a, signal=world.signal_a1, case=case)


def test_keeping_in_class_records_the_reason_but_does_not_audit_its_text(world):
    services.signal_keep_in_class(
        actor=world.ib_a, signal=world.signal_a2, reason="  Leerkracht past de aanpak aan.  "
    )
    world.signal_a2.refresh_from_db()
    assert world.signal_a2.status == SignalStatus.KEPT_IN_CLASS and world.signal_a2.case is None
    assert world.signal_a2.triage_reason == "Leerkracht past de aanpak aan."
    event = AuditEvent.objects.get(event="signal.triaged")
    assert event.changes == {"status": "kept_in_class"} and "aanpak" not in str(event.changes)


@pytest.mark.parametrize("reason", ["", "   "])
def test_keeping_in_class_without_a_reason_is_refused(world, reason):
    with pytest.raises(ValidationError) as exc:
        services.signal_keep_in_class(actor=world.ib_a, signal=world.signal_a2, reason=reason)
    assert exc.value.field == "reason"
    world.signal_a2.refresh_from_db()
    assert world.signal_a2.status == SignalStatus.NEW


@pytest.mark.parametrize("second", ["open", "link", "keep"])
def test_a_signal_is_triaged_only_once(world, second):
    services.signal_keep_in_class(actor=world.ib_a, signal=world.signal_a1, reason="Eerst observeren")
    with pytest.raises(DomainError):
        if second == "open":
            services.signal_open_case(actor=world.ib_a, signal=world.signal_a1)
        elif second == "link":
            services.signal_link(actor=world.ib_a, signal=world.signal_a1, case=world.case_a1)
        else:
            services.signal_keep_in_class(actor=world.ib_a, signal=world.signal_a1, reason="Nogmaals")
    world.signal_a1.refresh_from_db()
    assert world.signal_a1.status == SignalStatus.KEPT_IN_CLASS
    assert AuditEvent.objects.filter(event="signal.triaged").count() == 1
