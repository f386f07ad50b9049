"""Reads of the parent and pupil portal. Every list starts from access/ (visible_* querysets, the principal's family
links); objects come through access.fetch in the views. A fixed number of queries per page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from zorgroute.access import principal as principals
from zorgroute.access.actions import Action
from zorgroute.access.policy import on_request_pupils, visible_cases, visible_pupils, visible_timeline
from zorgroute.accounts.models import Invitation
from zorgroute.audit import catalogue
from zorgroute.audit.selectors import pupil_access_history
from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case, TimelineEvent
from zorgroute.consents import rules
from zorgroute.consents import selectors as consent_selectors
from zorgroute.consents.constants import ConsentAnswer, ConsentMode
from zorgroute.consents.models import ConsentRecord
from zorgroute.core.time import now, today
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.organisations.models import Membership, StaffRole
from zorgroute.plans import selectors as plan_selectors
from zorgroute.plans.constants import PARENT_VISIBLE_PLAN_FIELDS
from zorgroute.plans.models import ActionPlan, Evaluation, PlanSignature
from zorgroute.pupils.models import Pupil, PupilGuardian

ACCESS_LOG_DAYS = 365
ACCESS_LOG_ROWS = 500


@dataclass(frozen=True)
class Party:
    """Who the user is towards a pupil in the portal: the pupil, or one of the pupil's guardians."""

    is_pupil: bool
    guardian_id: int | None

    @property
    def rules_party(self) -> rules.Party:
        return rules.PUPIL if self.is_pupil else rules.Party(self.guardian_id)


def party_of(user: Any, pupil: Pupil) -> Party | None:
    """The pupil themself, or a guardian with an information right (from access/'s principal); else None."""
    p = principals.load(user)
    if p.own_pupil_id == pupil.pk:
        return Party(True, None)
    if pupil.pk in p.guarded_pupil_ids:
        return Party(False, p.guardian_id)
    return None


def portal_children(*, user: Any) -> dict[str, Any]:
    """The children whose records the user sees (or their own), and those of whom they may only ask (2 queries)."""
    p = principals.load(user)
    children = list(
        visible_pupils(user, Action.PORTAL_VIEW)
        .select_related("current_school", "current_group")
        .order_by("first_name")
    )
    for child in children:
        child.is_self = child.pk == p.own_pupil_id  # type: ignore[attr-defined]
    on_request = list(on_request_pupils(user).select_related("current_school").order_by("first_name"))
    return {"children": children, "on_request": on_request}


def child_cases(*, user: Any, pupil: Pupil) -> list[Case]:
    """The pupil's open care routes the user may see, newest first."""
    return list(
        visible_cases(user, Action.PORTAL_VIEW)
        .filter(pupil=pupil, status=CaseStatus.OPEN)
        .select_related("step", "school")
        .order_by("-opened_at", "-pk")
    )


def family_timeline(*, user: Any, case: Case) -> list[TimelineEvent]:
    """The case's lines this user may see: for a guardian or the pupil, the parent-visible ones only."""
    return list(visible_timeline(user, case).order_by("-occurred_at", "-id"))


# --- The plan ----------------------------------------------------------------------------------------------------


@dataclass
class FamilyPlan:
    plan: ActionPlan
    texts: list[tuple[str, str]]  # (label, text) of the parent-visible fields that are filled
    evaluations: list[Evaluation]
    my_signature: PlanSignature | None
    signature_count: int


def family_plan(*, case: Case, party: Party | None) -> FamilyPlan | None:
    """The current plan as parents and the pupil see it (plans.constants.PARENT_VISIBLE_PLAN_FIELDS)."""
    plan = plan_selectors.current_plan(case=case)
    if plan is None:
        return None
    texts = [
        (
            str(getattr(ActionPlan._meta.get_field(name), "verbose_name", name)).capitalize(),
            getattr(plan, name),
        )
        for name in PARENT_VISIBLE_PLAN_FIELDS
        if getattr(plan, name)
    ]
    signatures = plan_selectors.plan_signatures(plan=plan)
    mine = None
    if party is not None:
        mine = next((s for s in signatures if s.guardian_id == party.guardian_id), None)
    return FamilyPlan(plan, texts, plan_selectors.plan_evaluations(plan=plan), mine, len(signatures))


# --- Consent -----------------------------------------------------------------------------------------------------

_WRITTEN_CHOICES: dict[str, Any] = {
    ConsentAnswer.GIVEN: _("I give consent"),
    ConsentAnswer.REFUSED: _("I refuse"),
    ConsentAnswer.WITHDRAWN: _("Withdraw my consent"),
}
_ASSENT_CHOICES: dict[str, Any] = {
    ConsentAnswer.GIVEN: _("I agree"),
    ConsentAnswer.REFUSED: _("I object"),
    ConsentAnswer.WITHDRAWN: _("Withdraw my agreement"),
}
_NEXT: dict[str | None, tuple[str, ...]] = {
    None: (ConsentAnswer.GIVEN, ConsentAnswer.REFUSED),
    ConsentAnswer.GIVEN: (ConsentAnswer.WITHDRAWN,),
    ConsentAnswer.REFUSED: (ConsentAnswer.GIVEN,),
    ConsentAnswer.WITHDRAWN: (ConsentAnswer.GIVEN,),
}
FAMILY_VERDICTS = {
    rules.Verdict.BY_NAME: _("May be discussed by name."),
    rules.Verdict.OUTSIDE_INFO: _(
        "May be discussed by name; partners share only whether they know the family."
    ),
    rules.Verdict.ANONYMOUS: _("May only be discussed without names."),
    rules.Verdict.NOT_ALLOWED: _("May not be discussed by name."),
}


@dataclass
class ConsentItem:
    record: ConsentRecord
    partners: list[str]
    my_answer: Any  # the answer's row, or None
    choices: list[tuple[str, str]] = field(default_factory=list)  # (answer, button label)
    note: str = ""  # why there are no buttons

    @property
    def is_assent(self) -> bool:
        return self.record.mode == ConsentMode.ASSENT


@dataclass
class ConsentForum:
    label: str
    status: str
    items: list[ConsentItem]


def _item(
    record: ConsentRecord, party: Party | None, required: frozenset[rules.Party], day: dt.date
) -> ConsentItem:
    mine = None
    if party is not None:
        mine = next((a for a in record.answers.all() if a.guardian_id == party.guardian_id), None)
    item = ConsentItem(record, sorted(p.name for p in record.partners.all()), mine)
    if record.mode == ConsentMode.OVERRIDE:
        item.note = str(_("The school head decided this; it is not answered by parents."))
    elif record.mode == ConsentMode.ANONYMOUS:
        item.note = str(_("Discussed without names: no answer is needed."))
    elif record.withdrawn_on is not None:
        item.note = str(_("This consent was ended. The school records a new one if needed."))
    elif record.valid_until is not None and record.valid_until < day:
        item.note = str(_("This consent is no longer valid."))
    elif party is None or party.rules_party not in required:
        item.note = str(_("Your answer is not needed for this consent."))
    else:
        labels = _ASSENT_CHOICES if record.mode == ConsentMode.ASSENT else _WRITTEN_CHOICES
        item.choices = [(value, str(labels[value])) for value in _NEXT[mine.answer if mine else None]]
    return item


def family_consents(*, case: Case, party: Party | None) -> list[ConsentForum]:
    """Per forum of the case's route: what the records allow, and each record with the party's possible answers.

    Read live through consents.selectors.case_consent, so a withdrawal counts on the next request.
    """
    picture = consent_selectors.case_consent(case)
    facts = consent_selectors.guardian_facts(picture.links)
    required = {
        purpose: rules.required_parties(age=picture.age, guardians=facts, purpose=purpose)
        for purpose in rules.Purpose
    }
    day = today()
    return [
        ConsentForum(
            label=basis.forum_label,
            status=str(FAMILY_VERDICTS[basis.decision.verdict]),
            items=[_item(r, party, required[rules.Purpose(r.purpose)], day) for r in basis.records],
        )
        for basis in picture.forums
        if basis.records
    ]


def consent_item(*, case: Case, party: Party | None, record_uuid: str) -> ConsentItem | None:
    """One record of the case as the party sees it (None when absent or of another case)."""
    for forum in family_consents(case=case, party=party):
        for item in forum.items:
            if str(item.record.uuid) == str(record_uuid):
                return item
    return None


# --- Who accessed the dossier ------------------------------------------------------------------------------------

ROLE_LABELS = {
    **{kind.value: kind.label for kind in StaffRoleKind},
    "team_member": _("Member of a care team"),
    "team_lead": _("Chair or coordinator of a care team"),
    "guardian": _("Parent or guardian"),
    "pupil": _("The pupil"),
    "system": _("The system"),
}


@dataclass
class AccessRow:
    day: dt.date
    role: str
    organisation: str
    what: str
    times: int


Held = tuple[str, str, Any, Any]  # (role, organisation, valid_from, valid_to)


def _roles_held(actor_uuids: set[Any], pupil: Pupil) -> dict[Any, list[Held]]:
    """Per actor, the roles held with their organisation and period: staff roles (the pupil's school first), then
    care-team memberships (the member's own organisation, else the team). Two queries."""
    held: dict[Any, list[Held]] = {}
    for row in StaffRole.objects.filter(user__uuid__in=actor_uuids).values(
        "user__uuid",
        "role",
        "school__name",
        "school_id",
        "partner__name",
        "region__name",
        "valid_from",
        "valid_to",
    ):
        name = row["school__name"] or row["partner__name"] or row["region__name"] or ""
        rows = held.setdefault(row["user__uuid"], [])
        first = row["school_id"] is not None and row["school_id"] == pupil.current_school_id
        rows.insert(0 if first else len(rows), (row["role"], name, row["valid_from"], row["valid_to"]))
    for member in Membership.objects.filter(user__uuid__in=actor_uuids).values(
        "user__uuid", "team__name", "partner__name", "valid_from", "valid_to"
    ):
        name = member["partner__name"] or member["team__name"]
        for role in ("team_member", "team_lead"):
            held.setdefault(member["user__uuid"], []).append(
                (role, name, member["valid_from"], member["valid_to"])
            )
    return held


def _who(held: list[Held], role: str, day: dt.date) -> tuple[str, str]:
    """(role, organisation) on that day. A row without a role (written outside a request, such as the demo's
    history) gets the role the person held at the time."""
    candidates = [h for h in held if h[0] == role] if role else held
    for name, organisation, start, end in candidates:
        if start <= day and (end is None or day <= end):
            return name, organisation
    return (role, candidates[0][1]) if role and candidates else (role, "")


def access_history(*, pupil: Pupil, viewer: Any) -> list[AccessRow]:
    """Who read or changed the pupil's dossier in the last year: day, role, organisation, what, how often.

    From the audit log (one query on the pupil index) plus the actors' organisations (two queries). Staff names are
    not shown (decision 0007); the viewer's own visits are left out.
    """
    since = now() - dt.timedelta(days=ACCESS_LOG_DAYS)
    grouped = list(
        pupil_access_history(pupil_uuid=pupil.uuid)
        .filter(occurred_at__gte=since)
        .exclude(actor_uuid=viewer.uuid)
        .annotate(day=TruncDate("occurred_at"))
        .order_by()
        .values("day", "actor_uuid", "actor_role", "event")
        .annotate(times=Count("seq"))
        .order_by("-day", "event")[:ACCESS_LOG_ROWS]
    )
    held = _roles_held({row["actor_uuid"] for row in grouped if row["actor_uuid"]}, pupil)
    merged: dict[tuple[dt.date, str, str, str], int] = {}
    for row in grouped:
        role, organisation = _who(held.get(row["actor_uuid"], []), row["actor_role"], row["day"])
        key = (
            row["day"],
            str(ROLE_LABELS.get(role, _("Unknown role"))),
            organisation,
            str(catalogue.get(row["event"]).label),
        )
        merged[key] = merged.get(key, 0) + row["times"]
    return [AccessRow(day, role, org, what, times) for (day, role, org, what), times in merged.items()]


# --- The school's page about the family's logins ------------------------------------------------------------------


@dataclass
class Login:
    """A person's portal login as the school sees it: none, invited (until when), or in use."""

    user: Any
    invitation: Invitation | None

    @property
    def state(self) -> str:
        if self.user is None:
            return "none"
        if self.user.has_usable_password():
            return "active"
        if (
            self.invitation is not None
            and self.invitation.replaced_at is None
            and self.invitation.expires_at > now()
        ):
            return "invited"
        return "expired"


@dataclass
class FamilyMember:
    link: PupilGuardian
    login: Login
    right: rules.InformRight
    reasons: list[str]

    @property
    def may_invite(self) -> bool:
        return self.right is rules.InformRight.FULL and self.login.state != "active"


def family_logins(*, pupil: Pupil) -> dict[str, Any]:
    """The pupil's guardians with their information right and login, and the pupil's own login (3-4 queries)."""
    from zorgroute.accounts.models import User
    from zorgroute.consents.labels import REASONS

    links = list(
        PupilGuardian.objects.filter(pupil=pupil)
        .select_related("guardian", "guardian__user")
        .order_by("guardian__last_name", "pk")
    )
    pupil_user = User.objects.filter(pk=pupil.user_id).first() if pupil.user_id else None
    users = [link.guardian.user_id for link in links if link.guardian.user_id]
    users += [pupil_user.pk] if pupil_user else []
    latest: dict[int, Invitation] = {}
    for invitation in Invitation.objects.filter(user_id__in=users).order_by("-created_at", "-id"):
        latest.setdefault(invitation.user_id, invitation)
    age = consent_selectors.age_on(pupil, today())
    members = []
    for link in links:
        decision = principals.information_decision(
            authority=link.authority,
            withhold_information=link.withhold_information,
            court_information_arrangement=link.court_information_arrangement,
            pupil_informing=link.pupil_informing,
            age=age,
        )
        user = link.guardian.user
        members.append(
            FamilyMember(
                link=link,
                login=Login(user, latest.get(user.pk) if user else None),
                right=decision.right,
                reasons=[str(REASONS[code]) for code in decision.reasons],
            )
        )
    return {
        "members": members,
        "pupil_login": Login(pupil_user, latest.get(pupil_user.pk) if pupil_user else None),
        "age": age,
        "pupil_decides": age >= rules.CONSENT_AGE,
    }
