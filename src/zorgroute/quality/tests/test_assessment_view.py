"""One year's checklist: the chair fills in a score and notes per item and the conclusions; members read it;
finalised, it is read-only for everyone; outsiders get 404."""

import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.cases.tests.case_helpers import in_dutch
from zorgroute.quality import services
from zorgroute.quality.models import ItemScore
from zorgroute.quality.services import Answer
from zorgroute.testing.auth import count_queries, login_verified

from .helpers import MISSING, finalised, started, url

pytestmark = pytest.mark.django_db


def post_data(**values):
    """Every item left as it is ("not discussed"), with `values` on top (score_K1="3", notes_F2="...")."""
    return {"summary": "", **values}


def test_the_chair_fills_in_scores_notes_and_conclusions(client, world):
    assessment = started(world)
    login_verified(client, world.zat_chair)
    page = client.get(url("assessment", assessment))
    assert page.status_code == 200 and page.context["form"] is not None
    html = page.content.decode()
    assert html.count('type="radio"') == 44 * 6  # four scores, not applicable, not discussed: per item
    assert '<legend><span class="item-code">K1.</span> Kwaliteit van de leerlingenzorg' in html
    assert 'id="part-1"' in html and "Op school" in html and "Gemeente(n)" in html
    response = client.post(
        url("assessment", assessment),
        post_data(
            score_K1="3", notes_K1="Zorgroute staat op papier.", score_F26="na", summary="Vervanging regelen."
        ),
    )
    assert response.status_code == 302 and response["Location"] == url("assessment", assessment)
    scores = {s.item.code: s for s in ItemScore.objects.select_related("item")}
    assert scores["K1"].score == 3 and scores["K1"].notes == "Zorgroute staat op papier."
    assert scores["F26"].not_applicable
    assessment.refresh_from_db()
    assert assessment.summary == "Vervanging regelen."
    (row,) = AuditEvent.objects.filter(event="quality.assessment_saved")
    assert row.changes["scores"] == {"K1": [None, 3], "F26": [None, "n/a"]}
    again = client.get(url("assessment", assessment))
    assert (
        again.context["form"]["score_K1"].value() == 3 and again.context["form"]["score_F26"].value() == "na"
    )


def test_bad_input_is_shown_on_the_item_not_a_500(client, world):
    assessment = started(world)
    login_verified(client, world.zat_chair)
    response = client.post(url("assessment", assessment), post_data(score_K2="7", notes_F3="x" * 5000))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["score_K2"] and form.errors["notes_F3"]
    assert in_dutch("Not saved: check the items marked below.") in response.content.decode()
    assert not ItemScore.objects.exists()


def test_members_read_it_without_a_form_and_may_not_post(client, world):
    assessment = started(world, K4=Answer(score=2, notes="De tijd loopt uit."))
    login_verified(client, world.zat_member)
    page = client.get(url("assessment", assessment))
    assert (
        page.status_code == 200 and page.context["form"] is None and page.context["comment_form"] is not None
    )
    html = page.content.decode()
    assert "De tijd loopt uit." in html and 'type="radio"' not in html
    assert client.post(url("assessment", assessment), post_data(score_K4="4")).status_code == 403
    assert ItemScore.objects.get().score == 2


def test_a_finalised_year_is_read_only(client, world):
    assessment = finalised(world)
    login_verified(client, world.zat_chair)
    page = client.get(url("assessment", assessment))
    assert page.context["form"] is None and page.context["comment_form"] is None
    assert url("assessment-finalise", assessment) not in page.content.decode()
    response = client.post(url("assessment", assessment), post_data(score_K1="4"), follow=True)
    assert response.redirect_chain == [(url("assessment", assessment), 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert ItemScore.objects.get().score == 2


def test_outsiders_get_404_and_anonymous_users_the_login(client, world):
    assessment = started(world)
    response = client.get(url("assessment", assessment))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    for persona in ("ib_a", "ib_b", "functional_admin", "municipality_analyst", "zorgteam_member"):
        client.logout()
        login_verified(client, getattr(world, persona))
        assert client.get(url("assessment", assessment)).status_code == 404, persona
        assert client.post(url("assessment", assessment), post_data(score_K1="1")).status_code == 404
    assert client.get(url("assessment", MISSING)).status_code == 404
    assert client.get(url("assessment", "niet-een-uuid")).status_code == 404
    assert not ItemScore.objects.exists()


def test_the_school_head_reads_the_zorgteams_year(client, world):
    assessment = started(world, team=world.zorgteam_a, K2=Answer(score=4))
    login_verified(client, world.head_a)
    page = client.get(url("assessment", assessment))
    assert page.status_code == 200 and page.context["form"] is None and page.context["comment_form"] is None


def test_the_query_count_does_not_grow_with_scores_and_comments(client, world):
    assessment = started(world, K1=Answer(score=1))
    login_verified(client, world.zat_chair)
    one = count_queries(client, url("assessment", assessment))
    services.assessment_record(
        actor=world.zat_chair,
        assessment=assessment,
        answers={f"F{n}": Answer(score=n % 4 + 1, notes=f"Notitie {n}") for n in range(1, 37)},
    )
    for n in range(5):
        services.assessment_comment(actor=world.zat_member, assessment=assessment, text=f"Reactie {n}")
    assert count_queries(client, url("assessment", assessment)) == one
