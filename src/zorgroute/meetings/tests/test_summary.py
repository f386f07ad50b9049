"""The summary a forum receives: by name with consent, de-identified when only an anonymous discussion is allowed,
nothing when there is no consent basis. The anonymous version must not leak any identifying string."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from zorgroute.cases import services as case_services
from zorgroute.core.exceptions import DomainError
from zorgroute.core.time import today
from zorgroute.meetings.summary import forum_summary
from zorgroute.plans import services as plan_services
from zorgroute.testing import consent
from zorgroute.testing import factories as f
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db

ZORGTEAM = "school_care_team"
SIBLING_BSN = "111222333"


@pytest.fixture
def named_case(world):
    """A case whose texts are full of names, addresses, phone numbers and identifiers (all fictitious)."""
    pupil = world.pupil_a1
    link = pupil.guardian_links.get(authority="joint")
    mother = link.guardian
    mother.first_name, mother.name_prefix, mother.last_name = "Marieke", "van der", "Velde"
    mother.street_address, mother.postal_code, mother.city = "Lindelaan 14", "3512 AB", "Utrecht"
    mother.phone = "06-48291734"
    mother.save()
    sibling = f.PupilFactory(first_name="Thijs", last_name="Jansen", bsn=SIBLING_BSN)
    f.PupilGuardianFactory(pupil=sibling, guardian=mother, authority="joint")
    teacher = world.teacher
    case = world.case_a1
    school = world.school_a.name
    case_services.case_update_package(
        actor=world.ib_a,
        case=case,
        help_question_school=(
            f"Sanne Jansen (bsn {pupil.bsn}) uit groep 5 van {school} trekt zich terug. Juf "
            f"{teacher.first_name} {teacher.last_name} ziet dat Sanne's broertje Thijs haar vaak ophaalt."
        ),
        help_question_parents=(
            "Moeder (Marieke van der Velde, Lindelaan 14, 3512 AB Utrecht, tel. 06-48291734) vraagt hoe zij "
            "Sanne kan helpen. Buurman Kromosoeto past soms op."
        ),
        help_question_pupil="'Ik wil dat mama Marieke niet meer huilt,' zegt Sanne.",
        school_limits=(
            "De school kan Sanne twee keer per week extra begeleiden; bel mevrouw Van der Velde op "
            "06 4829 1734 of mail marieke.velde@example.org. Geboren 17-05-2016."
        ),
    )
    plan_services.intervention_add(
        actor=world.teacher,
        case=case,
        description="Sanne krijgt een maatje (Thijs Jansen niet: hij zit in groep 8).",
        started_on=today() - dt.timedelta(days=30),
        ended_on=today() - dt.timedelta(days=2),
        effect="partly",
        effect_notes=f"Juf {teacher.last_name}: rustiger, maar Sanne huilt nog bij het afscheid.",
    )
    return case, [
        "Sanne",
        "Jansen",
        "Marieke",
        "Velde",
        "Thijs",
        "Kromosoeto",
        "Lindelaan",
        "3512 AB",
        "Utrecht",
        "48291734",
        "4829 1734",
        "marieke.velde",
        pupil.bsn,
        teacher.last_name,
        teacher.first_name,
        school,
        "17-05-2016",
    ]


def leaks(texts, secrets):
    joined = "\n".join(texts)
    return [s for s in secrets if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", joined, re.IGNORECASE)]


def test_without_a_consent_basis_the_forum_gets_nothing(world, named_case):
    case, _secrets = named_case
    with pytest.raises(DomainError):
        forum_summary(case=case, forum_kind=ZORGTEAM)


def test_an_anonymous_discussion_leaks_no_identifying_string(world, named_case):
    case, secrets = named_case
    consent.give(case, world.ib_a, ZORGTEAM, mode="anonymous")
    summary = forum_summary(case=case, forum_kind=ZORGTEAM)
    assert summary.anonymous and world.school_a.name not in summary.school
    assert leaks(summary.texts(), secrets) == []
    assert "[NAAM]" in summary.help_question_school and "twee keer per week" in summary.school_limits
    assert summary.interventions[0].period.count("-") == 2  # month-year only


def test_by_name_the_forum_sees_the_record_as_written(world, named_case):
    case, _secrets = named_case
    consent.give(case, world.ib_a, ZORGTEAM)
    summary = forum_summary(case=case, forum_kind=ZORGTEAM)
    assert not summary.anonymous and summary.pupil.startswith("Sanne Jansen")
    assert "Marieke van der Velde" in summary.help_question_parents


def test_the_care_coordinator_previews_the_anonymous_summary_and_the_page_leaks_nothing(
    client, world, named_case
):
    case, secrets = named_case
    consent.give(case, world.ib_a, ZORGTEAM, mode="anonymous")
    login_verified(client, world.ib_a)
    page = client.get(reverse("meetings:summary-preview", args=[case.uuid, ZORGTEAM]))
    assert page.status_code == 200
    body = page.content.decode()
    summary_html = body[body.index('data-testid="forum-summary"') :]
    assert leaks([summary_html], secrets) == []
    assert 'data-testid="summary-anonymous"' in body


def test_the_preview_is_for_who_manages_the_case(client, world, named_case):
    case, _secrets = named_case
    target = reverse("meetings:summary-preview", args=[case.uuid, ZORGTEAM])
    login_verified(client, world.teacher)
    assert client.get(target).status_code == 403
    client.logout()
    login_verified(client, world.ib_b)
    assert client.get(target).status_code == 404
    client.logout()
    login_verified(client, world.ib_a)
    assert client.get(reverse("meetings:summary-preview", args=[case.uuid, "nonsense"])).status_code == 404
    refused = client.get(target)  # no consent yet: the page says why, nothing of the case
    assert refused.status_code == 200 and refused.context["summary"] is None
