"""Shared by the quality view tests: URLs, a started and partly filled-in year."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from zorgroute.core.time import current_school_year
from zorgroute.quality import services
from zorgroute.quality.models import SelfAssessment
from zorgroute.quality.services import Answer

YEAR = current_school_year()
MISSING = "00000000-0000-0000-0000-000000000000"


def url(name: str, *args: Any) -> str:
    return reverse(f"quality:{name}", args=[getattr(a, "uuid", a) for a in args])


def started(world: Any, *, team: Any = None, year: int = YEAR, **answers: Answer) -> SelfAssessment:
    """A year of the ZAT (or `team`), started by its chair (or the school's care coordinator), with `answers`."""
    team = team or world.zat
    actor = world.zat_chair if team == world.zat else world.ib_a
    assessment = services.assessment_start(actor=actor, team=team, year=year)
    if answers:
        services.assessment_record(actor=actor, assessment=assessment, answers=answers)
    return assessment


def finalised(world: Any, **kwargs: Any) -> SelfAssessment:
    assessment = started(world, **{"K1": Answer(score=2), **kwargs})
    actor = world.zat_chair if assessment.team == world.zat else world.ib_a
    return services.assessment_finalise(actor=actor, assessment=assessment)
