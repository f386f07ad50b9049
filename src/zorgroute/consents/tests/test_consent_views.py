"""The consent pages of a case: the picture per forum, recording, answers, withdrawal, and the head's decision."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    in_dutch,
    last_event,
    url,
)
from zorgroute.consents.models import ConsentPartyAnswer, ConsentRecord
from zorgroute.core.time import today
from zorgroute.organisations.tests.conftest import enter_sudo
from zorgroute.testing import consent
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

OVERVIEW = "consents:consent-overview"
ADD = "consents:consent-add"
OVERRIDE = "consents:consent-override"


def record_url(name, record):
    return reverse(name, args=[record.case.uuid, record.uuid])


def mother(world):
    return world.pupil_a1.guardian_links.get(authority="joint").guardian


def father(world):
    return world.pupil_a1.guardian_links.get(authority="none").guardian


def written(world, **change):
    return {
        "forum_kind": "school_care_team",
        "purpose": "discussion",
        "mode": "written",
        "partners": [str(world.partner_jgz.uuid)],
        "recorded_on": today().isoformat(),
        "evidence": "paper",
        "evidence_note": "Formulier in het dossier",
        f"answer_{mother(world).uuid}": "given",
        f"answer_{father(world).uuid}": "",
        "answer_pupil": "",
        **change,
    }


def test_the_care_coordinator_records_written_consent_and_sees_what_it_allows(client, world):
    login_verified(client, world.ib_a)
    page = client.get(url(OVERVIEW, world.case_a1))
    assert page.status_code == 200
    basis = page.context["picture"].basis("school_care_team")
    assert basis.verdict == "not_allowed" and basis.missing_names == [mother(world).full_name]
    form = client.get(url(ADD, world.case_a1), {"forum": "school_care_team"}).context["form"]
    assert form["forum_kind"].value() == "school_care_team"
    assert {f.name for f in form.answer_fields()} == {
        f"answer_{mother(world).uuid}",
        f"answer_{father(world).uuid}",
        "answer_pupil",
    }
    response = client.post(url(ADD, world.case_a1), written(world))
    assert response.status_code == 302 and response["Location"] == url(OVERVIEW, world.case_a1)
    record = ConsentRecord.objects.get()
    assert list(record.partners.all()) == [world.partner_jgz]
    assert [(a.guardian, a.answer) for a in record.answers.all()] == [(mother(world), "given")]
    page = client.get(url(OVERVIEW, world.case_a1))
    assert page.context["picture"].basis("school_care_team").verdict == "by_name"
    assert in_dutch("By name") in page.content.decode()
    overview = client.get(url("cases:case-detail", world.case_a1)).context["overview"]
    assert [(f.forum_kind, f.is_valid) for f in overview.forums] == [
        ("school_care_team", True),
        ("regional_team", False),
    ]


def test_a_refused_record_keeps_what_was_entered(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url(ADD, world.case_a1), written(world, mode="assent", evidence_note="Brief"))
    assert response.status_code == 200
    assert response.context["form"].errors["objection_until"]
    assert response.context["form"]["evidence_note"].value() == "Brief"
    bad = client.post(url(ADD, world.case_a1), written(world, forum_kind="zat", mode="override"))
    assert set(bad.context["form"].errors) >= {"forum_kind", "mode"}
    assert not ConsentRecord.objects.exists() and events("consent.recorded") == 0


def test_an_answer_and_a_withdrawal_take_effect_at_once(client, world):
    record = consent.give(world.case_a1, world.ib_a, "school_care_team")
    login_verified(client, world.ib_a)
    response = client.post(
        record_url("consents:consent-answer", record),
        {"party": str(mother(world).uuid), "answer": "withdrawn"},
    )
    assert response.status_code == 302
    assert ConsentPartyAnswer.objects.get(record=record, guardian=mother(world)).answer == "withdrawn"
    assert client.get(url(OVERVIEW, world.case_a1)).context["picture"].basis("school_care_team").verdict == (
        "not_allowed"
    )
    second = consent.give(world.case_a1, world.ib_a, "school_care_team")
    assert (
        client.post(record_url("consents:consent-withdraw", second), {}).status_code == 200
    )  # confirm first
    assert client.post(record_url("consents:consent-withdraw", second), {"confirm": "on"}).status_code == 302
    second.refresh_from_db()
    assert second.withdrawn_on == today() and second.withdrawn_by == world.ib_a


def test_the_head_decides_in_sudo_mode_and_the_case_page_shows_it(client, world):
    login_verified(client, world.head_a)
    response = client.get(url(OVERRIDE, world.case_a1))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sudo"))
    enter_sudo(client, world.head_a)
    motivation = (
        "Ernstige zorgen over de veiligheid; ouders weigeren. Bespreken met JGZ en maatschappelijk werk."
    )
    refused = client.post(
        url(OVERRIDE, world.case_a1), {"forum_kind": "school_care_team", "motivation": "Zorg"}
    )
    assert refused.status_code == 200 and refused.context["form"].errors["motivation"]
    done = client.post(
        url(OVERRIDE, world.case_a1), {"forum_kind": "school_care_team", "motivation": motivation}
    )
    assert done.status_code == 302
    assert last_event("consent.overridden").reason == motivation
    page = client.get(url("cases:case-detail", world.case_a1)).content.decode()
    assert 'data-testid="override-notice"' in page
    # marked wherever the case appears: the pupil's cases and the work lists
    badge = in_dutch("By name without consent")
    assert badge in client.get(url("cases:pupil-cases", world.pupil_a1)).content.decode()
    client.logout()
    login_verified(client, world.teacher)
    assert badge in client.get(reverse("cases:my-work")).content.decode()
    assert badge in client.get(url("cases:group-overview", world.group_a1)).content.decode()


def test_the_care_coordinator_may_not_override_and_the_teacher_only_reads(client, world):
    login_verified(client, world.ib_a)
    enter_sudo(client, world.ib_a)
    assert client.get(url(OVERRIDE, world.case_a1)).status_code == 403
    client.logout()
    login_verified(client, world.teacher)
    page = client.get(url(OVERVIEW, world.case_a1))
    assert page.status_code == 200 and not page.context["may_manage"]
    assert client.post(url(ADD, world.case_a1), written(world)).status_code == 403
    assert not ConsentRecord.objects.exists()


def test_outsiders_and_parents(client, world):
    record = consent.give(world.case_a1, world.ib_a, "school_care_team")
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, url(OVERVIEW, world.case_a1), url(OVERVIEW, MISSING))
    assert_same_as_missing(client, url(ADD, world.case_a1), url(ADD, MISSING))
    client.logout()
    login_verified(client, world.ib_a)
    other = reverse("consents:consent-withdraw", args=[world.case_a1.uuid, MISSING])
    assert client.get(other).status_code == 404
    wrong_case = reverse("consents:consent-withdraw", args=[world.case_b1.uuid, record.uuid])
    assert client.get(wrong_case).status_code == 404
    client.logout()
    login_verified(client, world.parent_with_authority)
    assert (
        client.get(url(OVERVIEW, world.case_a1)).status_code == 403
    )  # the portal shows parents their consent


def test_anonymous_users_go_to_login(client, world):
    for name in (OVERVIEW, ADD, OVERRIDE):
        response = client.get(url(name, world.case_a1))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_overview_takes_constant_queries_as_records_grow(client, world):
    consent.give(world.case_a1, world.ib_a, "school_care_team")
    login_verified(client, world.ib_a)
    small = count_queries(client, url(OVERVIEW, world.case_a1))
    for forum in ("school_care_team", "regional_team") * 4:
        consent.give(world.case_a1, world.ib_a, forum)
    consent.give(world.case_a1, world.ib_a, "regional_team", mode="assent")
    assert count_queries(client, url(OVERVIEW, world.case_a1)) == small


def test_a_date_in_the_future_is_refused_in_dutch(client, world):
    login_verified(client, world.ib_a)
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    response = client.post(url(ADD, world.case_a1), written(world, recorded_on=tomorrow))
    assert response.context["form"].errors["recorded_on"] == [in_dutch("The date lies in the future.")]


def test_a_scan_of_the_signed_form_is_kept_private_and_its_download_audited(
    client, world, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    login_verified(client, world.ib_a)
    fake = SimpleUploadedFile("formulier.pdf", b"not a pdf at all", content_type="application/pdf")
    refused = client.post(url(ADD, world.case_a1), {**written(world), "scan": fake})
    assert refused.status_code == 200
    assert refused.context["form"].errors["scan"] == [in_dutch("Upload the scan as a PDF, JPEG or PNG file.")]
    assert not ConsentRecord.objects.exists()
    pdf = SimpleUploadedFile(
        "Sanne Jansen.pdf", b"%PDF-1.7\n%fictitious form\n", content_type="application/pdf"
    )
    assert client.post(url(ADD, world.case_a1), {**written(world), "scan": pdf}).status_code == 302
    record = ConsentRecord.objects.get()
    assert (
        record.evidence_file.name == f"consent/{world.case_a1.uuid}/{record.uuid}.pdf"
    )  # no name in the path
    download = client.get(record_url("consents:consent-scan", record))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.7")
    assert last_event("consent.scan_downloaded").actor_uuid == world.ib_a.uuid
    client.logout()
    login_verified(client, world.teacher)
    assert client.get(record_url("consents:consent-scan", record)).status_code == 403
    client.logout()
    login_verified(client, world.ib_b)
    assert client.get(record_url("consents:consent-scan", record)).status_code == 404
