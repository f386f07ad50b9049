"""The default route templates and problem-domain taxonomy a region starts with (data, copied into the database).

Names are Dutch data, not interface strings: they are stored and edited per region.
PO: the 6 steps of DOMAIN §4 (seeds 000, 001, 003). VO: seed 002 (Grotius): teacher interventions → mentor →
team leader / coordinator → internal care team → ZAT. Regions and schools change them in the template editor.
"""

from __future__ import annotations

from zorgroute.cases.constants import DomainCategory, Outcome, RequiredRecord, StepOwner
from zorgroute.organisations.constants import CareTeamKind, SchoolType

FULL_PACKAGE = [r.value for r in RequiredRecord]
ALL_OUTCOMES = [Outcome.ESCALATE.value, Outcome.STEP_BACK.value, Outcome.CLOSE.value]

PO_STEPS = [
    {
        "code": "signal",
        "name": "Signaleren en handelen in de klas",
        "owner": StepOwner.TEACHER,
        "min_interventions": 1,
        "allowed_outcomes": [Outcome.ESCALATE, Outcome.CLOSE],
        "norm_days": 42,
    },
    {
        "code": "group_review",
        "name": "Groepsbespreking met de intern begeleider",
        "owner": StepOwner.CARE_COORDINATOR,
        "forum_kind": CareTeamKind.GROUP_REVIEW,
        "action_plan_required": True,
        "min_interventions": 1,
        "norm_days": 56,
    },
    {
        "code": "school_care_team",
        "name": "Zorgteam",
        "owner": StepOwner.SCHOOL_CARE_TEAM,
        "forum_kind": CareTeamKind.SCHOOL_CARE_TEAM,
        "required_records": FULL_PACKAGE,
        "action_plan_required": True,
        "norm_days": 56,
    },
    {
        "code": "regional_team",
        "name": "Zorg- en Adviesteam (ZAT)",
        "owner": StepOwner.REGIONAL_TEAM,
        "forum_kind": CareTeamKind.REGIONAL_TEAM,
        "required_records": FULL_PACKAGE,
        "norm_days": 56,
    },
    {
        "code": "specialised_care",
        "name": "Gespecialiseerde zorg",
        "owner": StepOwner.EXTERNAL,
        "norm_days": 180,
    },
    {
        "code": "aftercare",
        "name": "Nazorg en evaluatie",
        "owner": StepOwner.CARE_COORDINATOR,
        "allowed_outcomes": [Outcome.STEP_BACK, Outcome.CLOSE],
        "norm_days": 120,
    },
]

VO_STEPS = [
    {
        "code": "teacher_interventions",
        "name": "Interventies door de docent",
        "owner": StepOwner.TEACHER,
        "min_interventions": 1,
        "allowed_outcomes": [Outcome.ESCALATE, Outcome.CLOSE],
        "norm_days": 28,
    },
    {"code": "mentor", "name": "Mentor", "owner": StepOwner.TEACHER, "min_interventions": 1, "norm_days": 42},
    {
        "code": "team_leader",
        "name": "Teamleider of coördinator",
        "owner": StepOwner.TEAM_LEADER,
        "norm_days": 42,
    },
    {
        "code": "internal_care_team",
        "name": "Intern zorgteam",
        "owner": StepOwner.SCHOOL_CARE_TEAM,
        "forum_kind": CareTeamKind.SCHOOL_CARE_TEAM,
        "required_records": FULL_PACKAGE,
        "action_plan_required": True,
        "norm_days": 42,
    },
    {
        "code": "regional_team",
        "name": "Zorg- en Adviesteam (ZAT)",
        "owner": StepOwner.REGIONAL_TEAM,
        "forum_kind": CareTeamKind.REGIONAL_TEAM,
        "required_records": FULL_PACKAGE,
        "allowed_outcomes": [Outcome.STEP_BACK, Outcome.CLOSE],
        "norm_days": 56,
    },
]

DEFAULT_ROUTES = {
    SchoolType.PRIMARY: ("Zorgroute primair onderwijs", PO_STEPS),
    SchoolType.SECONDARY: ("Zorgroute voortgezet onderwijs", VO_STEPS),
}

PROBLEM_DOMAINS = {
    DomainCategory.CHILD: [
        "Leren",
        "Gedrag",
        "Sociaal-emotioneel",
        "Ontwikkeling",
        "Medisch",
        "Aanwezigheid en verzuim",
        "Spraak en taal",
    ],
    DomainCategory.FAMILY: [
        "Opvoeding",
        "Armoede of schulden",
        "Echtscheiding",
        "Verslaving",
        "Huiselijk geweld",
        "Migratie",
        "Ziekte van een ouder",
    ],
    DomainCategory.SCHOOL: ["Handelingsverlegenheid van de leerkracht", "Groepssituatie", "Pesten"],
}
