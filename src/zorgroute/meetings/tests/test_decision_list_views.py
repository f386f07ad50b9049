"""The decision list (besluitenlijst) of a finalised meeting as a PDF: who may download it, what it holds (decisions,
actions, people), that an anonymous case is de-identified and a discussion without consent is marked, the audit
row per case, and a constant number of queries as items grow.

MEETING_DECISION_LIST has the relations of MEETING_VIEW (the matrix test checks both), so no persona sees a meeting
and is refused its decision list: the "can see, cannot act" case does not exist here; an unfinished meeting's list
answers 404."""

import datetime as dt
import os
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import in_dutch
from zorgroute.core.time import today
from zorgroute.meetings.decision_list import decision_list
from zorgroute.meetings.models import AgendaItem, CaseDiscussion
from zorgroute.meetings.services import discussions
from zorgroute.testing import consent
from zorgroute.testing import factories as f
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db

LOTTE = "Lotte Bakker krijgt begeleiding van de jeugdverpleegkundige. Het Test College past haar rooster aan."
SANNE = "Sanne krijgt logopedie op school."


def _poppler():
    if shutil.which("pdftoppm") and shutil.which("pdftotext"):
        return
    if os.environ.get("CI"):
        pytest.fail("pdftoppm/pdftotext missing (apt-get install poppler-utils; .ci/run installs it)")
    pytest.skip("poppler-utils is not installed")


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "besluitenlijst.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _png(pdf: bytes, tmp_path) -> None:
    path = tmp_path / "render.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and pages[0].read_bytes().startswith(b"\x89PNG")


@pytest.fixture
def forum(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    return forum_objects(world, other)


def due(days=14):
    return today() + dt.timedelta(days=days)


def finalised(world, forum):
    """The ZAT meeting with Sanne (consent by name for the JGZ) and Lotte (anonymous) discussed, minutes final."""
    meeting = forum["meeting_zat"]
    AgendaItem.objects.filter(meeting=meeting, case=world.case_16).delete()
    sanne = AgendaItem.objects.get(meeting=meeting, case=world.case_a1)
    lotte = AgendaItem.objects.get(meeting=meeting, case=world.case_b1)
    next_time = timezone.localtime(meeting.starts_at).date() + dt.timedelta(days=56)
    d_sanne = discussions.discussion_record(
        actor=world.zat_chair,
        item=sanne,
        decisions=SANNE,
        verwijsindex="no",
        case_coordinator=world.teacher,
        reports_to_parents=world.ib_a,
        next_discussion_on=next_time,
        parents_present=True,
        teacher_present=True,
    )
    for text in ("Observatie in de klas", "Oudergesprek plannen"):
        discussions.discussion_action(
            actor=world.zat_chair, discussion=d_sanne, description=text, owner=world.zat_member, due_on=due()
        )
    d_lotte = discussions.discussion_record(
        actor=world.zat_chair,
        item=lotte,
        decisions=LOTTE,
        verwijsindex="report",
        verwijsindex_by=world.zat_member,
        case_coordinator=world.ib_b,
        reports_to_school=world.ib_b,
        pupil_present=True,
    )
    discussions.discussion_action(
        actor=world.zat_chair,
        discussion=d_lotte,
        description="Gesprek met Lotte en haar moeder",
        owner=world.zat_member,
        due_on=due(7),
    )
    AgendaItem.objects.filter(pk=sanne.pk).update(without_consent=True)
    discussions.meeting_finalise(actor=world.zat_chair, meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def url(meeting):
    return reverse("forum:meeting-decision-list", args=[meeting.uuid])


def test_the_chair_downloads_the_decision_list_and_the_anonymous_case_names_no_one(
    client, world, forum, tmp_path
):
    _poppler()
    meeting = finalised(world, forum)
    login_verified(client, world.zat_chair)
    page = client.get(reverse("forum:meeting-detail", args=[meeting.uuid])).content.decode()
    assert url(meeting) in page
    response = client.get(url(meeting))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "besluitenlijst-" in disposition
    text = _pdf_text(response.content, tmp_path)
    flat = " ".join(text.split())
    assert in_dutch("Decision list of %(team)s") % {"team": world.zat.name} in flat or world.zat.name in flat
    assert "begeleiding van de jeugdverpleegkundige" in flat  # the anonymous item's decision, de-identified
    assert "Gesprek met" in flat and "Observatie in de klas" in flat  # actions, with who and when
    assert (
        world.zat_member.get_full_name() in flat
    )  # the JGZ member is named: their name does not point to a school
    for leak in ("Lotte", "Bakker", "Test College", "Klas 4H", world.ib_b.last_name, world.pupil_b1.bsn):
        assert leak not in text, leak
    assert in_dutch("Discussed by name without consent (decision of the school head).") in flat
    assert flat.count(in_dutch("At the table")) == 2  # one row per discussed case
    assert f"{in_dutch('the parents')}, {in_dutch('the teacher')}" in flat  # Sanne's
    assert f"{in_dutch('At the table')} {in_dutch('the pupil')}" in flat  # Lotte's
    _png(response.content, tmp_path)
    rows = list(AuditEvent.objects.filter(event="meeting.decision_list_downloaded").order_by("seq"))
    assert [(r.case_uuid, r.changes["anonymous"]) for r in rows] == [
        (world.case_a1.uuid, rows[0].changes["anonymous"]),
        (world.case_b1.uuid, True),
    ]
    assert {r.actor_uuid for r in rows} == {world.zat_chair.uuid}
    assert {r.pupil_uuid for r in rows} == {world.pupil_a1.uuid, world.pupil_b1.uuid}


def test_the_document_holds_every_part_of_the_discussion(world, forum):
    meeting = finalised(world, forum)
    partner = world.partner_jgz.pk  # as the JGZ member reads it: Sanne by name (consent names the JGZ)
    doc = decision_list(meeting=meeting, partner_id=partner)
    sanne, lotte = doc.items
    assert (sanne.label, sanne.anonymous, sanne.without_consent) == (world.pupil_a1.full_name, False, True)
    assert sanne.decisions == SANNE and sanne.case_coordinator == world.teacher.get_full_name()
    assert sanne.reports_to_parents == world.ib_a.get_full_name() and sanne.verwijsindex
    assert sanne.next_discussion_on is not None
    assert [a.description for a in sanne.actions] == ["Observatie in de klas", "Oudergesprek plannen"]
    assert [str(who) for who in sanne.at_the_table] == [in_dutch("the parents"), in_dutch("the teacher")]
    assert (sanne.parents_present, sanne.pupil_present, sanne.teacher_present) == (True, False, True)
    assert lotte.anonymous and not lotte.without_consent
    assert [str(who) for who in lotte.at_the_table] == [in_dutch("the pupil")]
    assert lotte.case_coordinator == lotte.reports_to_school != world.ib_b.get_full_name()
    assert lotte.verwijsindex_by == world.zat_member.get_full_name()
    for piece in doc.texts():
        for leak in ("Lotte", "Bakker", "Test College", world.ib_b.last_name):
            assert leak not in piece, (leak, piece)
    assert {a.name for a in doc.attendees} >= {world.zat_member.get_full_name()}
    assert doc.filename.startswith("besluitenlijst-")


def test_the_invited_member_downloads_while_access_lasts(client, world, forum):
    meeting = finalised(world, forum)
    login_verified(client, world.zat_member)
    page = client.get(reverse("forum:meeting-detail", args=[meeting.uuid])).content.decode()
    assert url(meeting) in page
    assert client.get(url(meeting)).status_code == 200
    past = forum["meeting_zat_past"]  # the member's access ended
    past.minutes_finalised_at = timezone.now() - dt.timedelta(days=20)
    past.save()
    assert client.get(url(past)).status_code == 404


def test_no_decision_list_before_the_minutes_are_final(client, world, forum):
    meeting = forum["meeting_zat"]
    login_verified(client, world.zat_chair)
    assert (
        url(meeting) not in client.get(reverse("forum:meeting-detail", args=[meeting.uuid])).content.decode()
    )
    assert client.get(url(meeting)).status_code == 404
    assert not AuditEvent.objects.filter(event="meeting.decision_list_downloaded").exists()


def test_outsiders_get_404_and_anonymous_users_the_login(client, world, forum):
    meeting = finalised(world, forum)
    for persona in ("ib_b", "ib_a", "teacher", "functional_admin"):
        client.logout()
        login_verified(client, getattr(world, persona))
        assert client.get(url(meeting)).status_code == 404, persona
    client.logout()
    response = client.get(url(meeting))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    login_verified(client, world.zat_chair)
    assert client.get(reverse("forum:meeting-decision-list", args=["not-a-uuid"])).status_code == 404
    assert not AuditEvent.objects.filter(event="meeting.decision_list_downloaded").exists()


def _queries_besides_audit(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return sum(1 for q in ctx.captured_queries if "audit" not in q["sql"] and "SAVEPOINT" not in q["sql"])


def test_the_download_takes_constant_queries_besides_one_audit_row_per_case(client, world, forum):
    meeting = finalised(world, forum)
    login_verified(client, world.zat_chair)
    small = _queries_besides_audit(client, url(meeting))
    for index in range(3):
        pupil = f.PupilFactory.enrolled(world.group_b1, first_name=f"Kind{index}", last_name="Anoniem")
        case = case_services.case_open(actor=world.ib_b, pupil=pupil, owner=world.ib_b)
        consent.give(case, world.ib_b, "regional_team", mode="anonymous")
        item = AgendaItem.objects.create(meeting=meeting, case=case, kind="new", position=10 + index)
        discussion = CaseDiscussion.objects.create(
            item=item,
            decisions=f"Kind{index} krijgt hulp.",
            recorded_by=world.zat_chair,
            case_coordinator=world.ib_b,
        )
        discussions.action_agree(
            actor=world.zat_chair, case=case, description="Bellen", owner=world.zat_member, due_on=due()
        ).__class__.objects.filter(case=case).update(discussion=discussion)
    assert _queries_besides_audit(client, url(meeting)) == small
    assert AuditEvent.objects.filter(event="meeting.decision_list_downloaded").count() == 2 * 2 + 2 * 5
