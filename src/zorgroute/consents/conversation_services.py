"""Writes on the parent touchpoints: a conversation with the parents before or after a forum's discussion (or a ZAT
intake, or another conversation), the parent leaflet of a region or a school, and the leaflet given on a case.

Each write on a case adds a line to its timeline (kind "conversation"; parents may read it unless the recorder chose
the care team only) and an audit row in the same transaction. The leaflet text itself is configuration: it is
audited, but belongs to no case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import CaseStatus, TimelineKind, Visibility
from zorgroute.cases.models import Case
from zorgroute.cases.services import timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.consents.constants import ConsentAskedOutcome, ConversationKind, LeafletChannel
from zorgroute.consents.conversation_selectors import leaflet_in_force
from zorgroute.consents.models import LeafletGiven, ParentConversation, ParentLeaflet
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.models import Region, School
from zorgroute.pupils.models import Guardian

MAX_TITLE = 200
MAX_LEAFLET = 20000  # a leaflet of a few pages

# The texts each kind of conversation must hold (DOMAIN §6: before — reason, consent, home situation, the parents'
# own questions; after — outcomes and decisions).
REQUIRED_TEXTS: dict[str, tuple[str, ...]] = {
    ConversationKind.BEFORE: ("reason", "home_situation", "parents_questions"),
    ConversationKind.INTAKE: ("reason", "home_situation", "parents_questions"),
    ConversationKind.AFTER: ("outcomes", "decisions"),
    ConversationKind.OTHER: ("reason",),
}
TEXT_FIELDS = ("reason", "home_situation", "parents_questions", "outcomes", "decisions", "parents_view")
# Kinds that must ask the parents for consent for the discussion (and record what they said).
ASKS_CONSENT = frozenset({ConversationKind.BEFORE, ConversationKind.INTAKE})


def _open(case: Case) -> None:
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))


def _route_forum(case: Case, forum_kind: str, *, required: bool) -> str:
    if not forum_kind and not required:
        return ""
    if (
        forum_kind not in CareTeamKind.values
        or not case.template.steps.filter(forum_kind=forum_kind).exists()
    ):
        raise ValidationError(_("Choose a forum of the case's route."), field="forum_kind")
    return forum_kind


def _conversation_title(conversation: ParentConversation) -> str:
    forum = conversation.get_forum_kind_display()
    day = f"{conversation.held_on:%d-%m-%Y}"
    if conversation.kind == ConversationKind.BEFORE:
        return _("Conversation with the parents before %(forum)s (%(day)s)") % {"forum": forum, "day": day}
    if conversation.kind == ConversationKind.AFTER:
        return _("Conversation with the parents after %(forum)s (%(day)s)") % {"forum": forum, "day": day}
    if conversation.kind == ConversationKind.INTAKE:
        return _("Intake conversation with the parents for %(forum)s (%(day)s)") % {
            "forum": forum,
            "day": day,
        }
    return _("Conversation with the parents (%(day)s)") % {"day": day}


def _conversation_body(conversation: ParentConversation) -> str:
    """The conversation as the timeline shows it, labelled in the product language."""
    labels = {
        "participants": _("Who took part"),
        "reason": _("Reason") if conversation.kind != ConversationKind.OTHER else _("Subject"),
        "home_situation": _("At home"),
        "parents_questions": _("The parents' questions"),
        "outcomes": _("Outcomes"),
        "decisions": _("Decisions and agreements"),
        "parents_view": _("The parents' own view"),
    }
    parts = [f"{labels['participants']}: {conversation.participants}"]
    if conversation.consent_asked:
        parts.append(f"{_('Consent')}: {conversation.get_consent_outcome_display()}")
    for name in TEXT_FIELDS:
        value = getattr(conversation, name)
        if value:
            parts.append(f"{labels[name]}: {value}")
    return "\n\n".join(parts)


def conversation_record(
    *,
    actor: Any,
    case: Case,
    kind: str,
    held_on: dt.date,
    participants: str,
    forum_kind: str = "",
    reason: str = "",
    consent_asked: bool = False,
    consent_outcome: str = "",
    home_situation: str = "",
    parents_questions: str = "",
    outcomes: str = "",
    decisions: str = "",
    parents_view: str = "",
    visibility: str = Visibility.PARENTS,
) -> ParentConversation:
    """Record a conversation with the parents. What it must hold depends on its kind (REQUIRED_TEXTS)."""
    _open(case)
    if kind not in ConversationKind.values:
        raise ValidationError(_("Choose the kind of conversation."), field="kind")
    forum_kind = _route_forum(case, forum_kind, required=kind != ConversationKind.OTHER)
    if held_on > today():
        raise ValidationError(_("The date lies in the future."), field="held_on")
    if visibility not in (Visibility.PARENTS, Visibility.CARE_TEAM):
        raise ValidationError(_("Choose who may read this conversation."), field="visibility")
    texts = {
        "reason": reason,
        "home_situation": home_situation,
        "parents_questions": parents_questions,
        "outcomes": outcomes,
        "decisions": decisions,
        "parents_view": parents_view,
    }
    required = REQUIRED_TEXTS[kind]
    cleaned = {name: _text(value, name, required=name in required) for name, value in texts.items()}
    participants = _text(participants, "participants", required=True)
    if kind in ASKS_CONSENT and not consent_asked:
        raise ValidationError(
            _(
                "Before a discussion the parents are asked for consent: record that you asked and what they said."
            ),
            field="consent_asked",
        )
    if consent_asked and consent_outcome not in ConsentAskedOutcome.values:
        raise ValidationError(_("Record what the parents said about consent."), field="consent_outcome")
    with transaction.atomic():
        conversation = ParentConversation.objects.create(
            case=case,
            kind=kind,
            forum_kind=forum_kind,
            held_on=held_on,
            participants=participants,
            consent_asked=consent_asked,
            consent_outcome=consent_outcome if consent_asked else "",
            visibility=visibility,
            recorded_by=actor,
            **cleaned,
        )
        with translation.override(settings.LANGUAGE_CODE):
            body = _conversation_body(conversation)
        timeline_add(
            case=case,
            kind=TimelineKind.CONVERSATION,
            actor=actor,
            visibility=visibility,
            ref_uuid=conversation.uuid,
            body=body,
            title=lambda: _conversation_title(conversation),
        )
        audit.record(
            "conversation.recorded",
            actor=actor,
            target=conversation,
            case=case,
            pupil=case.pupil,
            changes={
                "kind": kind,
                "forum": forum_kind or None,
                "held_on": held_on.isoformat(),
                "consent_asked": consent_asked,
                "consent_outcome": conversation.consent_outcome or None,
                "visibility": visibility,
            },
        )
    return conversation


# --- The parent leaflet -------------------------------------------------------------------------------------------


def leaflet_save(
    *, actor: Any, region: Region, title: str, body: str, school: School | None = None
) -> ParentLeaflet:
    """Set the region's leaflet text, or a school's own version (which then replaces the region's for that school).

    A change raises the version; saving the same text again changes nothing.
    """
    if school is not None and school.region_id != region.pk:
        raise ValidationError(_("Choose a school of this region."), field="school")
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("This field is required."), field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": MAX_TITLE}, field="title")
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("This field is required."), field="body")
    if len(body) > MAX_LEAFLET:
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": MAX_LEAFLET}, field="body")
    with transaction.atomic():
        leaflet = ParentLeaflet.objects.select_for_update().filter(region=region, school=school).first()
        old_version = leaflet.version if leaflet else None
        if leaflet is None:
            leaflet = ParentLeaflet.objects.create(
                region=region, school=school, title=title, body=body, updated_by=actor
            )
        elif (leaflet.title, leaflet.body) == (title, body):
            return leaflet
        else:
            leaflet.title, leaflet.body, leaflet.updated_by = title, body, actor
            leaflet.version += 1
            leaflet.save(update_fields=["title", "body", "version", "updated_by", "updated_at"])
        audit.record(
            "leaflet.saved",
            actor=actor,
            target=leaflet,
            changes={
                "region": str(region.uuid),
                "school": str(school.uuid) if school else None,
                "version": {"old": old_version, "new": leaflet.version},
            },
        )
    return leaflet


def leaflet_remove_override(*, actor: Any, leaflet: ParentLeaflet) -> None:
    """A school goes back to the region's leaflet. Hand-outs keep the copy of the text they gave."""
    if leaflet.school_id is None:
        raise DomainError(_("The region's leaflet cannot be removed; change its text instead."))
    with transaction.atomic():
        audit.record(
            "leaflet.override_removed",
            actor=actor,
            target=leaflet,
            changes={"school": str(leaflet.school.uuid), "version": leaflet.version},  # type: ignore[union-attr]
        )
        leaflet.delete()


def _party_code(guardian: Guardian | None) -> str:
    return "pupil" if guardian is None else str(guardian.uuid)


def leaflet_give(
    *,
    actor: Any,
    case: Case,
    recipients: Iterable[Guardian | None],
    given_on: dt.date,
    channel: str,
) -> list[LeafletGiven]:
    """Record the leaflet in force for the case's school as given to guardians and/or the pupil (None), with a copy
    of its text as it was that day."""
    _open(case)
    chosen = list(dict.fromkeys(recipients))
    if not chosen:
        raise ValidationError(_("Choose who received the leaflet."), field="recipients")
    known = set(case.pupil.guardian_links.values_list("guardian_id", flat=True))
    if any(g is not None and g.pk not in known for g in chosen):
        raise ValidationError(_("Only the pupil's own guardians can receive it."), field="recipients")
    if channel not in LeafletChannel.values:
        raise ValidationError(_("Choose how the leaflet was given."), field="channel")
    if given_on > today():
        raise ValidationError(_("The date lies in the future."), field="given_on")
    leaflet = leaflet_in_force(case.school)
    if leaflet is None:
        raise DomainError(
            _(
                "There is no parent leaflet for this school yet. The functional administrator sets up its text."
            )
        )
    with transaction.atomic():
        rows = LeafletGiven.objects.bulk_create(
            LeafletGiven(
                case=case,
                leaflet=leaflet,
                version=leaflet.version,
                title=leaflet.title,
                body=leaflet.body,
                guardian=guardian,
                given_on=given_on,
                channel=channel,
                recorded_by=actor,
            )
            for guardian in chosen
        )

        def title() -> str:
            names = ", ".join(_("the pupil") if g is None else g.full_name for g in chosen)
            return _("Parent leaflet '%(title)s' given to %(names)s (%(channel)s, %(day)s)") % {
                "title": leaflet.title,
                "names": names,
                "channel": str(LeafletChannel(channel).label).lower(),
                "day": f"{given_on:%d-%m-%Y}",
            }

        timeline_add(
            case=case,
            kind=TimelineKind.CONVERSATION,
            actor=actor,
            visibility=Visibility.PARENTS,
            ref_uuid=leaflet.uuid,
            title=title,
        )
        audit.record(
            "leaflet.given",
            actor=actor,
            target=leaflet,
            case=case,
            pupil=case.pupil,
            changes={
                "version": leaflet.version,
                "recipients": [_party_code(g) for g in chosen],
                "channel": channel,
                "given_on": given_on.isoformat(),
            },
        )
    return rows
