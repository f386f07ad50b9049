"""Route templates as data: defaults, versions, school overrides and the editor's writes.

Each service validates, saves, writes the case timeline and audits in one transaction. Callers obtained the
objects through access/; services decide domain rules, not permissions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases import defaults
from zorgroute.cases.constants import (
    CaseStatus,
)
from zorgroute.cases.models import (
    Case,
    ProblemDomain,
    RouteStep,
    RouteTemplate,
    SchoolRouteChoice,
)
from zorgroute.cases.selectors import template_for_school
from zorgroute.cases.services._common import _text
from zorgroute.cases.services.cases import case_migrate_template
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.organisations.models import Region, School


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
