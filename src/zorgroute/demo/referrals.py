"""External referrals in the demo region, with the partners' back-reports, written through referrals.services under
the simulated clock (decision 0005). Dutch, fictitious.

At the school of the demo care coordinator (`ib`), the oldest open cases are referred:
- to Jeugd-GGZ: help started, a result and the end (the whole cycle, ended);
- to the wijkteam, taken on by the demo ZAT member (`zat.lid`): on the waiting list, then help started;
- to school social work, whose worker is the demo zorgteam member (`zorgteamlid`): no back-report after more than
  the agreed four weeks, so it is overdue for `ib` and due in the worker's workspace;
- to the wijkteam again, recently: the back-report is not due yet.
A case opened too recently for a referral's history is skipped, so a tiny demo has fewer referrals.
Deterministic: the cases in database order, the dates from today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zorgroute.accounts.models import User
from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case
from zorgroute.demo import data
from zorgroute.demo.credentials import Username
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.organisations.models import PartnerOrganisation, StaffRole
from zorgroute.referrals import services
from zorgroute.referrals.constants import BackReportKind, BackReportResult
from zorgroute.referrals.models import CareKind

if TYPE_CHECKING:
    from zorgroute.demo.cases import CaseBuilder


@dataclass(frozen=True)
class Report:
    days_after: int  # reported this many days after the referral
    kind: str
    date_offset: int = 0  # the date the report is about, relative to the day it is reported
    result: str = ""
    text: str = ""


@dataclass(frozen=True)
class Plan:
    days_ago: int  # referred this many days ago
    partner_key: str  # data.PARTNERS key
    care_kind: str  # referrals.defaults name
    worker: str  # a demo login, or "" for the partner's first worker, or "-" for nobody yet
    question: str
    reports: tuple[Report, ...] = ()


PLANS: tuple[Plan, ...] = (
    Plan(
        160,
        "ggz",
        "Jeugd-GGZ: diagnostiek of behandeling",
        "",
        "{name} is somber en angstig; de school vraagt onderzoek naar wat er speelt en behandeling als dat nodig "
        "is. Ouders willen graag meedenken.",
        (
            Report(35, BackReportKind.WAITING_LIST, date_offset=14),
            Report(49, BackReportKind.STARTED),
            Report(
                140,
                BackReportKind.RESULT,
                result=BackReportResult.PARTLY,
                text="{name} heeft handvatten voor de angst; slapen blijft lastig. Advies voor de klas volgt.",
            ),
            Report(
                150, BackReportKind.ENDED, text="Behandeling afgerond; verder met de huisarts en de school."
            ),
        ),
    ),
    Plan(
        75,
        "wijkteam",
        "Opvoed- en gezinsondersteuning",
        Username.ZAT_MEMBER,
        "Thuis lopen de spanningen rond {name} hoog op. Ouders vragen steun bij de opvoeding en een vast "
        "aanspreekpunt.",
        (
            Report(12, BackReportKind.WAITING_LIST, date_offset=21),
            Report(33, BackReportKind.STARTED),
        ),
    ),
    Plan(
        45,
        "smw",
        "Schoolmaatschappelijk werk",
        Username.CARE_TEAM_MEMBER,
        "{name} verzuimt vaak op maandag; de school vraagt een huisbezoek en een gesprek met moeder over de ochtenden.",
    ),
    Plan(
        8,
        "wijkteam",
        "Ambulante jeugdhulp",
        "-",
        "Na het zorgteamoverleg: ambulante begeleiding voor {name} thuis, gericht op dagstructuur.",
    ),
)


def _coordinator() -> StaffRole | None:
    return (
        StaffRole.objects.filter(
            user__username=Username.CARE_COORDINATOR, role=StaffRoleKind.CARE_COORDINATOR
        )
        .select_related("user", "school")
        .order_by("pk")
        .first()
    )


def _partners(b: CaseBuilder) -> dict[str, PartnerOrganisation]:
    names = {spec.name: spec.key for spec in data.PARTNERS}
    return {names[p.name]: p for p in PartnerOrganisation.objects.filter(region=b.region, name__in=names)}


def _first_worker(partner: PartnerOrganisation, username: str = "") -> User | None:
    workers = StaffRole.objects.filter(partner=partner, role=StaffRoleKind.PARTNER_STAFF)
    if username:
        workers = workers.filter(user__username=username)
    role = workers.select_related("user").order_by("pk").first()
    return role.user if role else None


def _worker(plan: Plan, partner: PartnerOrganisation) -> User | None:
    return None if plan.worker == "-" else _first_worker(partner, plan.worker)


def build(b: CaseBuilder) -> int:
    """Refer the oldest open cases of the demo care coordinator's school; returns how many were referred."""
    role = _coordinator()
    if role is None or role.school is None:
        return 0
    coordinator = role.user
    services.care_kinds_install_defaults(actor=coordinator, region=b.region)
    kinds = {k.name: k for k in CareKind.objects.filter(region=b.region)}
    partners = _partners(b)
    cases = list(
        Case.objects.filter(school=role.school, status=CaseStatus.OPEN)
        .select_related("pupil", "school")
        .order_by("opened_at", "pk")
    )
    referred = 0
    for plan in PLANS:
        day = b.today - dt.timedelta(days=plan.days_ago)
        case = next((c for c in cases if c.opened_at.date() < day), None)
        partner = partners.get(plan.partner_key)
        if case is None or partner is None:
            continue
        cases.remove(case)
        name = case.pupil.first_name
        b.clock.on(day)
        referral = services.external_referral_create(
            actor=coordinator,
            case=case,
            partner=partner,
            care_kind=kinds[plan.care_kind],
            question=plan.question.format(name=name),
            family_agreed=True,
            worker=_worker(plan, partner),
        )
        referred += 1
        reporter = referral.worker or _first_worker(partner)
        for report in plan.reports:
            reported = b.clock.on(day + dt.timedelta(days=report.days_after))
            services.back_report_add(
                actor=reporter,
                referral=referral,
                kind=report.kind,
                date=None
                if report.kind == BackReportKind.RESULT
                else reported + dt.timedelta(days=report.date_offset),
                result=report.result,
                text=report.text.format(name=name),
            )
    return referred
