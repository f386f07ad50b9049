"""Reads on pupils. Every one starts from access.visible_pupils(user)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zorgroute.access.actions import Action
from zorgroute.access.policy import can, visible_pupils
from zorgroute.pupils.models import Enrolment, Pupil, PupilGuardian

MAX_QUERY_LENGTH = 100


def pupil_list(*, user: Any, query: str = "", group_uuid: str | None = None) -> QuerySet[Pupil]:
    """Pupils the user may see, optionally filtered by name (or by exact BSN/onderwijsnummer for those allowed)."""
    qs = visible_pupils(user).select_related("current_school", "current_group")
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if query:
        if query.isdigit() and len(query) == 9:
            ids = (
                visible_pupils(user, Action.PUPIL_VIEW_IDENTIFIERS)
                .filter(Q(bsn=query) | Q(education_number=query))
                .values("pk")
            )
            qs = qs.filter(pk__in=ids)
        else:
            for word in query.lower().split(" "):
                qs = qs.filter(search_name__contains=word)
    if group_uuid:
        qs = qs.filter(current_group__uuid=group_uuid)
    return qs.order_by("last_name", "first_name", "pk")


def pupil_guardians(*, user: Any, pupil: Pupil) -> list[PupilGuardian]:
    if not can(user, Action.GUARDIAN_VIEW, pupil):
        return []
    return list(pupil.guardian_links.select_related("guardian").order_by("guardian__last_name", "pk"))


def pupil_enrolments(*, pupil: Pupil) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(pupil=pupil).select_related("school", "group").order_by("-start_date")
    )
