"""Writes on signals, cases and route templates. Each one validates, saves, writes the timeline and audits in one
transaction. Callers obtained the objects through access/; services decide domain rules, not permissions.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.cases import defaults, route
from zorgroute.cases.case_selectors import school_staff
from zorgroute.cases.constants import (
    CaseStatus,
    ClosureReason,
    ConsentStatus,
    ReviewOutcome,
    Severity,
    SignalSource,
    SignalStatus,
    SkipReason,
    TimelineKind,
    TransitionKind,
    Visibility,
)
from zorgroute.cases.models import (
    Case,
    CaseForumConsent,
    CaseTransition,
    GroupReview,
    GroupReviewOutcome,
    ProblemDomain,
    RouteStep,
    RouteTemplate,
    SchoolRouteChoice,
    Signal,
    TimelineEvent,
)
from zorgroute.cases.selectors import case_package, step_spec, step_specs, template_for_school
from zorgroute.core.exceptions import ConflictError, DomainError, ValidationError
from zorgroute.core.time import now, school_year_of, today
from zorgroute.organisations.models import Group, Region, School
from zorgroute.pupils.models import Pupil

MAX_TEXT = 5000


def timeline_add(
    *,
    case: Case,
    kind: str,
    title: Callable[[], str],
    actor: Any,
    body: str = "",
    visibility: str = Visibility.CARE_TEAM,
    ref_uuid: Any = None,
    occurred_at: dt.datetime | None = None,
) -> TimelineEvent:
    """Append one line to the case's chronology (called by the services that change a case).

    `title` is a function that builds the line: it runs in the product language (settings.LANGUAGE_CODE), so the
    dossier reads the same whichever language the writer's screen is in. `body` is what a person wrote.
    """
    with translation.override(settings.LANGUAGE_CODE):
        text = title()
    return TimelineEvent.objects.create(
        case=case,
        kind=kind,
        title=text[:300],
        body=body,
        visibility=visibility,
        ref_uuid=ref_uuid,
        author=actor if getattr(actor, "pk", None) else None,
        author_name=(actor.get_full_name() or actor.get_username()) if getattr(actor, "pk", None) else "",
        occurred_at=occurred_at or now(),
    )


def _text(value: str, field: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("This field is required."), field=field)
    if len(value) > MAX_TEXT:
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": MAX_TEXT}, field=field)
    return value


# --- Configuration: default routes and problem domains ----------------------------------------------------------


def routes_install_defaults(*, actor: Any, region: Region) -> list[RouteTemplate]:
    """Give a region the default PO and VO routes and the problem-domain taxonomy (idempotent)."""
    created: list[RouteTemplate] = []
    with transaction.atomic():
        for school_type, (name, steps) in defaults.DEFAULT_ROUTES.items():
            if RouteTemplate.objects.filter(
                region=region, school__isnull=True, school_type=school_type
            ).exists():
                continue
            created.append(
                _publish(
                    actor=actor, region=region, school=None, school_type=school_type, name=name, steps=steps
                )
            )
        for category, names in defaults.PROBLEM_DOMAINS.items():
            for position, name in enumerate(names):
                ProblemDomain.objects.get_or_create(
                    region=region, category=category, name=name, defaults={"position": position}
                )
        if created:
            audit.record(
                "route.installed",
                actor=actor,
                target=region,
                changes={"templates": [t.name for t in created]},
            )
    return created


def _publish(
    *,
    actor: Any,
    region: Region,
    school: School | None,
    school_type: str,
    name: str,
    steps: Sequence[dict[str, Any]],
    family: Any = None,
    version: int = 1,
) -> RouteTemplate:
    _validate_steps(steps)
    template = RouteTemplate.objects.create(
        region=region,
        school=school,
        school_type=school_type,
        name=name,
        version=version,
        created_by=actor if getattr(actor, "pk", None) else None,
        **({"family": family} if family else {}),
    )
    RouteStep.objects.bulk_create(
        [
            RouteStep(
                template=template,
                position=index + 1,
                code=step["code"],
                name=step["name"],
                owner=step["owner"],
                forum_kind=step.get("forum_kind", ""),
                required_records=[str(r) for r in step.get("required_records", [])],
                action_plan_required=step.get("action_plan_required", False),
                evaluation_weeks=step.get("evaluation_weeks", 6),
                min_interventions=step.get("min_interventions", 0),
                allowed_outcomes=[str(o) for o in step.get("allowed_outcomes", defaults.ALL_OUTCOMES)],
                norm_days=step.get("norm_days", 56),
            )
            for index, step in enumerate(steps)
        ]
    )
    audit.record(
        "route.published",
        actor=actor,
        target=template,
        changes={"version": version, "steps": [s["code"] for s in steps]},
    )
    return template


def _validate_steps(steps: Sequence[dict[str, Any]]) -> None:
    from zorgroute.cases.constants import Outcome, RequiredRecord, StepOwner
    from zorgroute.organisations.constants import CareTeamKind

    if len(steps) < 2:
        raise ValidationError(_("A route needs at least two steps."))
    codes = [s.get("code", "") for s in steps]
    if len(set(codes)) != len(codes) or not all(codes):
        raise ValidationError(_("Every step needs its own code."))
    for step in steps:
        if not str(step.get("name", "")).strip():
            raise ValidationError(_("Every step needs a name."))
        if step.get("owner") not in StepOwner.values:
            raise ValidationError(_("Choose who carries the step '%(step)s'.") % {"step": step["name"]})
        if step.get("forum_kind", "") not in ["", *CareTeamKind.values]:
            raise ValidationError(_("Unknown forum for the step '%(step)s'.") % {"step": step["name"]})
        if not set(step.get("required_records", [])) <= set(RequiredRecord.values):
            raise ValidationError(
                _("Unknown required record in the step '%(step)s'.") % {"step": step["name"]}
            )
        outcomes = set(step.get("allowed_outcomes", defaults.ALL_OUTCOMES))
        if not outcomes or not outcomes <= set(Outcome.values):
            raise ValidationError(
                _("Choose the allowed outcomes of the step '%(step)s'.") % {"step": step["name"]}
            )
        if RequiredRecord.CONSENT in step.get("required_records", []) and not step.get("forum_kind"):
            raise ValidationError(
                _("The step '%(step)s' asks for consent but has no forum.") % {"step": step["name"]}
            )
        weeks = step.get("evaluation_weeks", 6)
        if not 1 <= int(weeks) <= 52:
            raise ValidationError(_("The evaluation interval lies between 1 and 52 weeks."))
    if Outcome.ESCALATE in set(steps[-1].get("allowed_outcomes", defaults.ALL_OUTCOMES)):
        raise ValidationError(_("The last step cannot escalate."))


def route_publish_version(
    *, actor: Any, template: RouteTemplate, steps: Sequence[dict[str, Any]], name: str | None = None
) -> RouteTemplate:
    """Publish a new version of a route; running cases keep theirs until migrated explicitly."""
    with transaction.atomic():
        RouteTemplate.objects.filter(family=template.family, is_current=True).update(is_current=False)
        last = RouteTemplate.objects.filter(family=template.family).order_by("-version").first()
        return _publish(
            actor=actor,
            region=template.region,
            school=template.school,
            school_type=template.school_type,
            name=name or template.name,
            steps=steps,
            family=template.family,
            version=(last.version if last else 0) + 1,
        )


def route_override_for_school(
    *, actor: Any, school: School, base: RouteTemplate, steps: Sequence[dict[str, Any]]
) -> RouteTemplate:
    """A school's own version of a region route (e.g. one step changed)."""
    with transaction.atomic():
        existing = RouteTemplate.objects.filter(school=school, is_current=True).first()
        if existing is not None:
            return route_publish_version(actor=actor, template=existing, steps=steps)
        return _publish(
            actor=actor,
            region=school.region,
            school=school,
            school_type=base.school_type,
            name=f"{base.name} ({school.name})",
            steps=steps,
        )


def route_choose_for_school(*, actor: Any, school: School, template: RouteTemplate) -> SchoolRouteChoice:
    """Let a school follow another region route (e.g. a PO school switching to the VO route)."""
    if template.region_id != school.region_id or template.school_id is not None:
        raise ValidationError(_("Choose one of the region's routes."))
    with transaction.atomic():
        choice, _created = SchoolRouteChoice.objects.update_or_create(
            school=school, defaults={"family": template.family}
        )
        audit.record("route.school_choice", actor=actor, target=school, changes={"route": str(template.uuid)})
    return choice


def steps_as_data(template: RouteTemplate) -> list[dict[str, Any]]:
    """A template's steps as the plain dicts `_publish` takes (to copy and change one step)."""
    return [
        {
            "code": s.code,
            "name": s.name,
            "owner": s.owner,
            "forum_kind": s.forum_kind,
            "required_records": list(s.required_records),
            "action_plan_required": s.action_plan_required,
            "evaluation_weeks": s.evaluation_weeks,
            "min_interventions": s.min_interventions,
            "allowed_outcomes": list(s.allowed_outcomes),
            "norm_days": s.norm_days,
        }
        for s in template.steps.order_by("position")
    ]


# --- Signals -----------------------------------------------------------------------------------------------------


def signal_create(
    *,
    actor: Any,
    pupil: Pupil,
    observed_behaviour: str,
    severity: str,
    domains: Iterable[ProblemDomain] = (),
    source: str = SignalSource.TEACHER,
    observed_on: dt.date | None = None,
) -> Signal:
    if pupil.current_school_id is None:
        raise DomainError(_("This pupil is not enrolled at a school."))
    observed_on = observed_on or today()
    if observed_on > today():
        raise ValidationError(_("The date lies in the future."), field="observed_on")
    if severity not in Severity.values:
        raise ValidationError(_("Choose a severity."), field="severity")
    if source not in SignalSource.values:
        raise ValidationError(_("Choose a source."), field="source")
    domains = list(domains)
    school = pupil.current_school
    assert school is not None
    if any(d.region_id != school.region_id or not d.is_active for d in domains):
        raise ValidationError(_("Choose problem domains of your region."), field="domains")
    with transaction.atomic():
        signal = Signal.objects.create(
            pupil=pupil,
            school_id=pupil.current_school_id,
            reported_by=actor,
            observed_on=observed_on,
            observed_behaviour=_text(observed_behaviour, "observed_behaviour", required=True),
            severity=severity,
            source=source,
        )
        signal.domains.set(domains)
        audit.record(
            "signal.created",
            actor=actor,
            target=signal,
            pupil=pupil,
            changes={"severity": severity, "source": source, "domains": sorted(d.name for d in domains)},
        )
    return signal


def _triage(signal: Signal, actor: Any, status: str, *, case: Case | None = None, reason: str = "") -> None:
    if signal.status != SignalStatus.NEW:
        raise DomainError(_("This signal has already been handled."))
    signal.status = status
    signal.case = case
    signal.triaged_by = actor
    signal.triaged_at = now()
    signal.triage_reason = reason
    signal.save(update_fields=["status", "case", "triaged_by", "triaged_at", "triage_reason", "updated_at"])
    audit.record(
        "signal.triaged",
        actor=actor,
        target=signal,
        pupil=signal.pupil,
        case=case,
        changes={"status": status},
    )
    if case is not None:
        timeline_add(
            case=case,
            kind=TimelineKind.SIGNAL,
            actor=signal.reported_by,
            ref_uuid=signal.uuid,
            occurred_at=signal.created_at,
            title=lambda: (
                _("Signal (%(severity)s) by %(name)s")
                % {
                    "severity": signal.get_severity_display(),
                    "name": signal.reported_by.get_full_name() or signal.reported_by.get_username(),
                }
            ),
            body=signal.observed_behaviour,
        )


def signal_open_case(*, actor: Any, signal: Signal, owner: User | None = None) -> Case:
    with transaction.atomic():
        case = case_open(actor=actor, pupil=signal.pupil, owner=owner or actor)
        _triage(signal, actor, SignalStatus.CASE_OPENED, case=case)
    return case


def signal_link(*, actor: Any, signal: Signal, case: Case) -> Signal:
    if case.pupil_id != signal.pupil_id:
        raise DomainError(_("The case belongs to another pupil."))
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))
    with transaction.atomic():
        _triage(signal, actor, SignalStatus.LINKED, case=case)
    return signal


def signal_keep_in_class(*, actor: Any, signal: Signal, reason: str) -> Signal:
    with transaction.atomic():
        _triage(signal, actor, SignalStatus.KEPT_IN_CLASS, reason=_text(reason, "reason", required=True))
    return signal


# --- Cases ------------------------------------------------------------------------------------------------------


def case_open(*, actor: Any, pupil: Pupil, owner: User, template: RouteTemplate | None = None) -> Case:
    school = pupil.current_school
    if school is None:
        raise DomainError(_("This pupil is not enrolled at a school."))
    template = template or template_for_school(school)
    if template is None:
        raise DomainError(_("Your region has no care route yet. Ask the functional administrator."))
    if Case.objects.filter(pupil=pupil, school=school, status=CaseStatus.OPEN).exists():
        raise DomainError(_("This pupil already has an open case at this school."))
    first = template.steps.order_by("position").first()
    assert first is not None
    moment = now()
    with transaction.atomic():
        case = Case.objects.create(
            pupil=pupil,
            school=school,
            template=template,
            step=first,
            owner=owner,
            opened_at=moment,
            step_entered_at=moment,
        )
        CaseTransition.objects.create(case=case, kind=TransitionKind.OPEN, to_step=first, actor=actor)
        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            title=lambda: _("Case opened in the step '%(step)s'") % {"step": first.name},
        )
        audit.record(
            "case.opened",
            actor=actor,
            target=case,
            case=case,
            pupil=pupil,
            changes={"step": first.code, "template": str(template.uuid)},
        )
    return case


_TRANSITION_TITLES: dict[str, str] = {
    TransitionKind.ESCALATE: gettext_noop("Escalated to '%(step)s'"),
    TransitionKind.STEP_BACK: gettext_noop("Stepped back to '%(step)s'"),
    TransitionKind.SKIP: gettext_noop("Moved on to '%(step)s' (steps skipped)"),
}


def case_transition(
    *,
    actor: Any,
    case: Case,
    kind: str,
    reason: str = "",
    target_position: int | None = None,
    skip_reason: str = "",
) -> Case:
    """Escalate, step back or skip; refused with the list of what is missing (route.py decides)."""
    if kind not in (TransitionKind.ESCALATE, TransitionKind.STEP_BACK, TransitionKind.SKIP):
        raise ValueError(kind)
    if kind == TransitionKind.SKIP:
        reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("step").get(pk=case.pk)
        steps = {s.position: s for s in case.template.steps.all()}
        result = route.decide(
            kind,
            [step_spec(s) for s in steps.values()],
            status=case.status,
            position=case.step.position,
            package=case_package(case),
            target_position=target_position,
            skip_reason=skip_reason,
        )
        if not result.allowed or result.target is None:
            raise DomainError(result.message)
        origin, target = case.step, steps[result.target.position]
        case.step = target
        case.step_entered_at = now()
        case.save(update_fields=["step", "step_entered_at", "updated_at"])
        CaseTransition.objects.create(
            case=case,
            kind=kind,
            from_step=origin,
            to_step=target,
            actor=actor,
            reason=reason,
            skip_reason=skip_reason,
        )

        def title() -> str:
            text = _(_TRANSITION_TITLES[kind]) % {"step": target.name}
            return f"{text} — {SkipReason(skip_reason).label}" if kind == TransitionKind.SKIP else text

        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            title=title,
            body=reason,
            visibility=Visibility.PARENTS,
        )
        audit.record(
            "case.transitioned",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            changes={
                "kind": kind,
                "step": {"old": origin.code, "new": target.code},
                "skip_reason": skip_reason or None,
            },
        )
    return case


def case_close(
    *, actor: Any, case: Case, closure_reason: str, provisional: bool = False, note: str = ""
) -> Case:
    if closure_reason not in ClosureReason.values:
        raise ValidationError(_("Choose why the case is closed."), field="closure_reason")
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("step").get(pk=case.pk)
        result = route.decide(
            TransitionKind.CLOSE, step_specs(case.template), status=case.status, position=case.step.position
        )
        if not result.allowed:
            raise DomainError(result.message)
        case.status = CaseStatus.CLOSED
        case.closed_at = now()
        case.closure_reason = closure_reason
        case.closure_provisional = provisional
        case.save(
            update_fields=["status", "closed_at", "closure_reason", "closure_provisional", "updated_at"]
        )
        CaseTransition.objects.create(
            case=case, kind=TransitionKind.CLOSE, from_step=case.step, actor=actor, reason=note
        )

        def title() -> str:
            message = _("Provisionally closed: %(reason)s") if provisional else _("Closed: %(reason)s")
            return message % {"reason": ClosureReason(closure_reason).label}

        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            title=title,
            body=note,
            visibility=Visibility.PARENTS,
        )
        audit.record(
            "case.closed",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            reason=f"{closure_reason}{' (provisional)' if provisional else ''}",
            changes={"closure_reason": closure_reason, "provisional": provisional},
        )
    return case


def case_reopen(*, actor: Any, case: Case, reason: str) -> Case:
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("step").get(pk=case.pk)
        result = route.decide(
            TransitionKind.REOPEN, step_specs(case.template), status=case.status, position=case.step.position
        )
        if not result.allowed:
            raise DomainError(result.message)
        if Case.objects.filter(pupil=case.pupil, school=case.school, status=CaseStatus.OPEN).exists():
            raise DomainError(_("This pupil already has an open case at this school."))
        case.status = CaseStatus.OPEN
        case.closed_at = None
        case.closure_reason = ""
        case.closure_provisional = False
        case.step_entered_at = now()
        case.save(
            update_fields=[
                "status",
                "closed_at",
                "closure_reason",
                "closure_provisional",
                "step_entered_at",
                "updated_at",
            ]
        )
        CaseTransition.objects.create(
            case=case, kind=TransitionKind.REOPEN, to_step=case.step, actor=actor, reason=reason
        )
        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            body=reason,
            title=lambda: _("Reopened in the step '%(step)s'") % {"step": case.step.name},
            visibility=Visibility.PARENTS,
        )
        audit.record("case.reopened", actor=actor, target=case, case=case, pupil=case.pupil, reason=reason)
    return case


def case_update_package(
    *,
    actor: Any,
    case: Case,
    help_question_school: str,
    help_question_parents: str,
    help_question_pupil: str,
    school_limits: str,
) -> Case:
    values = {
        "help_question_school": _text(help_question_school, "help_question_school"),
        "help_question_parents": _text(help_question_parents, "help_question_parents"),
        "help_question_pupil": _text(help_question_pupil, "help_question_pupil"),
        "school_limits": _text(school_limits, "school_limits"),
    }
    changed = [name for name, value in values.items() if getattr(case, name) != value]
    if not changed:
        return case
    with transaction.atomic():
        for name in changed:
            setattr(case, name, values[name])
        case.save(update_fields=[*changed, "updated_at"])
        timeline_add(
            case=case,
            kind=TimelineKind.NOTE,
            actor=actor,
            title=lambda: _("Help question and limits updated"),
        )
        audit.record(
            "case.updated",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            changes=dict.fromkeys(changed, "changed"),
        )
    return case


def case_set_people(*, actor: Any, case: Case, owner: User, coordinator: User | None) -> Case:
    """Name the case owner and the case coordinator: people with a school role at the case's school."""
    staff = school_staff(school=case.school)
    if not staff.filter(pk=owner.pk).exists():
        raise ValidationError(_("Choose the case owner among the staff of the case's school."), field="owner")
    if coordinator is not None and not staff.filter(pk=coordinator.pk).exists():
        raise ValidationError(
            _("Choose the case coordinator among the staff of the case's school."), field="coordinator"
        )
    changes: dict[str, Any] = {}
    if case.owner_id != owner.pk:
        changes["owner"] = {"old": str(case.owner.uuid), "new": str(owner.uuid)}
    if case.coordinator_id != (coordinator.pk if coordinator else None):
        changes["coordinator"] = {
            "old": str(case.coordinator.uuid) if case.coordinator else None,
            "new": str(coordinator.uuid) if coordinator else None,
        }
    if not changes:
        return case
    with transaction.atomic():
        case.owner = owner
        case.coordinator = coordinator
        case.save(update_fields=["owner", "coordinator", "updated_at"])
        timeline_add(
            case=case,
            kind=TimelineKind.NOTE,
            actor=actor,
            title=lambda: _("Case owner or coordinator changed"),
        )
        audit.record("case.updated", actor=actor, target=case, case=case, pupil=case.pupil, changes=changes)
    return case


def case_record_consent(*, actor: Any, case: Case, forum_kind: str, status: str) -> CaseForumConsent:
    if status not in ConsentStatus.values:
        raise ValidationError(_("Choose a consent status."), field="status")
    if not forum_kind or not case.template.steps.filter(forum_kind=forum_kind).exists():
        raise ValidationError(_("Choose a forum of the case's route."), field="forum_kind")
    with transaction.atomic():
        record, _created = CaseForumConsent.objects.update_or_create(
            case=case, forum_kind=forum_kind, defaults={"status": status, "recorded_by": actor}
        )
        timeline_add(
            case=case,
            kind=TimelineKind.CONVERSATION,
            actor=actor,
            title=lambda: (
                _("Consent for %(forum)s: %(status)s")
                % {"forum": record.get_forum_kind_display(), "status": record.get_status_display()}
            ),
            visibility=Visibility.PARENTS,
        )
        audit.record(
            "case.consent_recorded",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            changes={"forum": forum_kind, "status": status},
        )
    return record


def case_migrate_template(*, actor: Any, case: Case, template: RouteTemplate, reason: str) -> Case:
    """Move a running case to another route version explicitly: it keeps the step with the same code."""
    reason = _text(reason, "reason", required=True)
    target = template.steps.filter(code=case.step.code).first()
    if target is None:
        raise DomainError(
            _("The new route has no step '%(step)s'; step back or forward first.") % {"step": case.step.name}
        )
    with transaction.atomic():
        old, origin = case.template, case.step
        case.template = template
        case.step = target
        case.save(update_fields=["template", "step", "updated_at"])
        CaseTransition.objects.create(
            case=case,
            kind=TransitionKind.MIGRATE,
            from_step=origin,
            to_step=target,
            actor=actor,
            reason=reason,
        )
        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            body=reason,
            title=lambda: _("Moved to route version %(version)d") % {"version": template.version},
        )
        audit.record(
            "case.template_migrated",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            reason=reason,
            changes={"template": {"old": str(old.uuid), "new": str(template.uuid)}},
        )
    return case


def note_add(*, actor: Any, case: Case, text: str, visibility: str) -> TimelineEvent:
    if visibility not in Visibility.values:
        raise ValidationError(_("Choose who may see the note."), field="visibility")
    body = _text(text, "text", required=True)
    with transaction.atomic():
        event = timeline_add(
            case=case,
            kind=TimelineKind.NOTE,
            actor=actor,
            body=body,
            visibility=visibility,
            title=lambda: _("Note"),
        )
        audit.record(
            "case.note_added",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            changes={"visibility": visibility},
        )
    return event


# --- Group review (groepsbespreking) ------------------------------------------------------------------------------
# Written for issue 3 item 7: the outcome per pupil of a group review, on the case timeline when a case is open.


def _review_title(held_on: dt.date, outcome: str) -> str:
    return _("Group review of %(date)s: %(outcome)s") % {
        "date": held_on.strftime("%d-%m-%Y"),
        "outcome": ReviewOutcome(outcome).label,
    }


def group_review_record(
    *,
    actor: Any,
    group: Group,
    held_on: dt.date,
    outcomes: Mapping[int, tuple[str, str]],
    notes: str = "",
) -> GroupReview:
    """Record a group review and its outcome per pupil (keys are pupil ids of pupils in the group).

    Pupils with an open case at the group's school get a line on their case timeline (care-team level). Each
    pupil's outcome is audited as "group.reviewed" with that pupil, so it shows in "who did what with my child".
    """
    if held_on > today():
        raise ValidationError(_("The date lies in the future."), field="held_on")
    if school_year_of(held_on) != group.school_year:
        raise ValidationError(_("The date lies outside the group's school year."), field="held_on")
    if not outcomes:
        raise ValidationError(_("Record an outcome for at least one pupil."))
    cleaned: dict[int, tuple[str, str]] = {}
    for pupil_id, (outcome, note) in outcomes.items():
        if outcome not in ReviewOutcome.values:
            raise ValidationError(_("Choose an outcome for every pupil you discussed."))
        cleaned[pupil_id] = (outcome, _text(note, "note"))
    notes = _text(notes, "notes")
    pupils = {p.pk: p for p in Pupil.objects.filter(pk__in=sorted(cleaned), current_group=group)}
    if len(pupils) != len(cleaned):
        raise ValidationError(_("Only pupils of this group can be discussed in its group review."))
    if GroupReview.objects.filter(group=group, held_on=held_on).exists():
        raise ConflictError(_("A group review on this date has already been recorded."), field="held_on")
    try:
        with transaction.atomic():
            review = GroupReview.objects.create(group=group, held_on=held_on, recorded_by=actor, notes=notes)
            GroupReviewOutcome.objects.bulk_create(
                [
                    GroupReviewOutcome(review=review, pupil=pupils[pupil_id], outcome=outcome, note=note)
                    for pupil_id, (outcome, note) in sorted(cleaned.items())
                ]
            )
            open_cases = {
                case.pupil_id: case
                for case in Case.objects.filter(
                    pupil_id__in=sorted(pupils), school_id=group.school_id, status=CaseStatus.OPEN
                )
            }
            for pupil_id, (outcome, note) in sorted(cleaned.items()):
                case = open_cases.get(pupil_id)
                if case is not None:
                    timeline_add(
                        case=case,
                        kind=TimelineKind.REVIEW,
                        actor=actor,
                        ref_uuid=review.uuid,
                        title=functools.partial(_review_title, held_on, outcome),
                        body=note,
                    )
                audit.record(
                    "group.reviewed",
                    actor=actor,
                    target=review,
                    pupil=pupils[pupil_id],
                    case=case,
                    changes={"group": str(group.uuid), "held_on": held_on.isoformat(), "outcome": outcome},
                )
    except IntegrityError:  # the same review recorded twice at the same moment
        raise ConflictError(
            _("A group review on this date has already been recorded."), field="held_on"
        ) from None
    return review


# --- Route template editor (issue 3 item 2: the functional administrator's pages) ---------------------------------
# Built on _publish / route_publish_version / route_override_for_school / case_migrate_template above. Callers got
# the region or school through access (Action.ROUTE_MANAGE).

EDITABLE_STEP_FIELDS = (
    "name",
    "owner",
    "forum_kind",
    "required_records",
    "action_plan_required",
    "evaluation_weeks",
    "min_interventions",
    "allowed_outcomes",
    "norm_days",
)


def _comparable(steps: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Steps reduced to what a version consists of, with the defaults `_publish` fills in."""
    return [
        (
            s.get("code", ""),
            str(s.get("name", "")).strip(),
            s.get("owner", ""),
            s.get("forum_kind", "") or "",
            sorted(str(r) for r in s.get("required_records", [])),
            bool(s.get("action_plan_required", False)),
            int(s.get("evaluation_weeks", 6)),
            int(s.get("min_interventions", 0)),
            sorted(str(o) for o in s.get("allowed_outcomes", defaults.ALL_OUTCOMES)),
            int(s.get("norm_days", 56)),
        )
        for s in steps
    ]


def route_edit(
    *, actor: Any, template: RouteTemplate, steps: Sequence[dict[str, Any]], name: str = ""
) -> RouteTemplate:
    """Publish the administrator's edit of a route (based on any of its versions) as the new current version.

    Running cases keep their version; `route_migrate_cases` moves them explicitly. Refused when nothing changed.
    """
    name = _text(name, "name") or template.name
    if len(name) > 120:
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": 120}, field="name")
    current = RouteTemplate.objects.filter(family=template.family, is_current=True).first() or template
    if name == current.name and _comparable(steps) == _comparable(steps_as_data(current)):
        raise DomainError(_("Nothing was changed, so no new version was published."))
    return route_publish_version(actor=actor, template=template, steps=steps, name=name)


def route_override_step(*, actor: Any, school: School, code: str, values: Mapping[str, Any]) -> RouteTemplate:
    """Change one step for one school: the route the school follows now is copied for the school with that step
    changed (a new version when the school already has its own route). The step's code stays, so cases keep
    their step."""
    current = template_for_school(school)
    if current is None:
        raise DomainError(_("Your region has no care route yet. Ask the functional administrator."))
    steps = steps_as_data(current)
    for step in steps:
        if step["code"] == code:
            step.update({key: value for key, value in values.items() if key in EDITABLE_STEP_FIELDS})
            break
    else:
        raise DomainError(_("This route has no step '%(step)s'.") % {"step": code})
    if _comparable(steps) == _comparable(steps_as_data(current)):
        raise DomainError(_("Nothing was changed, so no new version was published."))
    return route_override_for_school(actor=actor, school=school, base=current, steps=steps)


def route_school_follow(*, actor: Any, school: School, template: RouteTemplate) -> SchoolRouteChoice:
    """Let a school follow one of the region's routes (PO ↔ VO, or back from its own adjusted route).

    The school's own route, if any, stops being current: running cases keep it, new cases follow the choice.
    """
    if template.region_id != school.region_id or template.school_id is not None:
        raise ValidationError(_("Choose one of the region's routes."), field="template")
    before = template_for_school(school)
    with transaction.atomic():
        ended = list(
            RouteTemplate.objects.filter(school=school, is_current=True).values_list("uuid", flat=True)
        )
        RouteTemplate.objects.filter(school=school, is_current=True).update(is_current=False)
        choice, _created = SchoolRouteChoice.objects.update_or_create(
            school=school, defaults={"family": template.family}
        )
        audit.record(
            "route.school_choice",
            actor=actor,
            target=school,
            changes={
                "route": {"old": str(before.uuid) if before else None, "new": str(template.uuid)},
                "own_route_ended": [str(u) for u in ended],
            },
        )
    return choice


def route_migrate_cases(
    *, actor: Any, source: RouteTemplate, target: RouteTemplate, reason: str
) -> tuple[int, dict[str, int]]:
    """Move the open cases of an older version to the current version of the same route (explicitly, with a
    reason). Each case keeps the step with the same code; cases whose step the new version lacks stay where they
    are. Returns (number moved, {step name: number left behind})."""
    reason = _text(reason, "reason", required=True)
    if source.family != target.family or source.pk == target.pk:
        raise ValidationError(_("Choose an older version of this route."), field="source")
    if not target.is_current:
        raise DomainError(_("Cases can only be moved to the current version."))
    codes = set(target.steps.values_list("code", flat=True))
    moved, blocked = 0, dict[str, int]()
    with transaction.atomic():
        cases = (
            Case.objects.select_for_update()
            .filter(template=source, status=CaseStatus.OPEN)
            .select_related("step", "pupil", "template")
            .order_by("pk")
        )
        for case in cases:
            if case.step.code not in codes:
                blocked[case.step.name] = blocked.get(case.step.name, 0) + 1
                continue
            case_migrate_template(actor=actor, case=case, template=target, reason=reason)
            moved += 1
    if not moved and not blocked:
        raise DomainError(_("No running cases follow this version."))
    return moved, blocked
