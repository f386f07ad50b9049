"""Care teams at work (DOMAIN §2, §4, §5; issue 5): referrals to a forum, meeting series and meetings, agenda items,
attendance, case discussions, agreed actions and feedback tasks, and aftercare.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.models import Case
from zorgroute.core.models import BaseModel
from zorgroute.core.time import today
from zorgroute.meetings.constants import (
    FEEDBACK_TITLES,
    ActionKind,
    ActionStatus,
    AftercareOutcome,
    AgendaKind,
    FeedbackTo,
    GoalAttainment,
    IntakeMode,
    MeetingStatus,
    Presence,
    ReferralStatus,
    SDQVersion,
    VerwijsindexDecision,
)
from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind, TeamRole
from zorgroute.organisations.models import CareTeam, Membership, PartnerType


class CaseAction(BaseModel):
    """Something someone agreed to do for a case, with an owner, a due date and a status (actie)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("what will be done"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_actions",
        verbose_name=_("who does it"),
    )
    due_on = models.DateField(_("done by"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    result = models.TextField(_("result"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ActionKind.choices, default=ActionKind.ACTION)
    feedback_to = models.CharField(_("report back to"), max_length=20, choices=FeedbackTo.choices, blank=True)
    discussion = models.ForeignKey(
        "CaseDiscussion", on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    # A feedback task: the forum whose outcome it reports (its title is rendered from this and feedback_to).
    forum = models.ForeignKey(
        CareTeam, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("forum")
    )
    # The hop of the feedback chain this one follows (meetings.services.feedback): created when that one was done.
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_hops"
    )

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="action_owner_status_due"),
            models.Index(fields=["case", "status"], name="action_case_status"),
            models.Index(fields=["created_at"], name="action_created"),  # reports: actions agreed in a period
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ActionStatus.OPEN, finished_at__isnull=True)
                | (~Q(status=ActionStatus.OPEN) & Q(finished_at__isnull=False)),
                name="action_finished_when_not_open",
            ),
            models.UniqueConstraint(
                fields=["previous", "feedback_to"],
                condition=Q(previous__isnull=False),
                name="feedback_next_hop_once",
            ),
            models.CheckConstraint(
                condition=Q(kind=ActionKind.ACTION, feedback_to="")
                | (Q(kind=ActionKind.FEEDBACK) & ~Q(feedback_to="")),
                name="action_feedback_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        # No free text: this label lands in the audit log (audit.record's target label) and in the admin.
        return f"{self.get_kind_display()} {str(self.uuid)[:8]} ({self.due_on:%d-%m-%Y})"

    @property
    def title(self) -> str:
        """What the action is, in the reader's language: for a feedback task built from its facts (to whom, after
        which forum); the stored description is the product language's text, kept for exports and older tasks."""
        msgid = FEEDBACK_TITLES.get(self.feedback_to) if self.kind == ActionKind.FEEDBACK else None
        if msgid is None or self.forum is None:
            return self.description
        return str(msgid) % {"forum": self.forum.name}

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < today()


# --- Forums at work -----------------------------------------------------------------------------------------------


class MeetingSeries(BaseModel):
    """A team's recurring meeting: every `every_weeks` weeks on a weekday, with the lead time of the summaries and
    how long invited members keep access afterwards."""

    team = models.ForeignKey(CareTeam, on_delete=models.PROTECT, related_name="meeting_series")
    name = models.CharField(_("name"), max_length=200)
    every_weeks = models.PositiveSmallIntegerField(_("every so many weeks"), default=4)
    weekday = models.PositiveSmallIntegerField(_("weekday"), help_text=_("0 = Monday … 4 = Friday."))
    start_time = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90)
    location = models.CharField(_("location"), max_length=200, blank=True)
    first_date = models.DateField(_("first meeting"))
    last_date = models.DateField(_("last meeting"), null=True, blank=True)
    summary_lead_days = models.PositiveSmallIntegerField(_("summaries sent (working days before)"), default=3)
    access_days_after = models.PositiveSmallIntegerField(_("access ends (days after)"), default=14)
    is_active = models.BooleanField(_("active"), default=True)
    # Invited to every meeting of the series; none chosen: every fixed member of the team (services.meetings).
    members = models.ManyToManyField(
        Membership, blank=True, related_name="meeting_series", verbose_name=_("invited members")
    )

    class Meta:
        ordering = ["team__name", "name"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="series_weekday_valid"),
            models.CheckConstraint(condition=Q(every_weeks__gte=1), name="series_every_weeks_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weekday_label(self) -> str:
        from django.utils.dates import WEEKDAYS

        return str(WEEKDAYS.get(self.weekday, self.weekday))

    @property
    def end_time(self) -> dt.time:
        start = dt.datetime.combine(dt.date(2000, 1, 1), self.start_time)
        return (start + dt.timedelta(minutes=self.duration_minutes)).time()


class CompositionRequirement(BaseModel):
    """One line of a team's minimum composition, e.g. "a JGZ nurse or youth doctor" (seed 001)."""

    team = models.ForeignKey(CareTeam, on_delete=models.CASCADE, related_name="composition")
    label = models.CharField(_("who"), max_length=200)
    team_role = models.CharField(_("role in the team"), max_length=20, choices=TeamRole.choices, blank=True)
    partner_type = models.ForeignKey(
        PartnerType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("of a partner of type")
    )
    school_role = models.CharField(
        _("school role"), max_length=20, choices=StaffRoleKind.choices, blank=True
    )  # e.g. the school's care coordinator, for its own cases
    minimum = models.PositiveSmallIntegerField(_("at least"), default=1)

    class Meta:
        ordering = ["team", "label"]
        verbose_name = _("minimum composition line")
        verbose_name_plural = _("minimum composition")

    def __str__(self) -> str:
        return self.label


class Meeting(BaseModel):
    team = models.ForeignKey(CareTeam, on_delete=models.PROTECT, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    summary_release_on = models.DateField(_("summaries available from"))
    summaries_notified_on = models.DateField(
        _("members told the summaries are available"), null=True, blank=True
    )
    access_until = models.DateField(_("members' access until"))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minute_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minutes_finalised_at = models.DateTimeField(_("minutes finalised"), null=True, blank=True)
    minutes_finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["team", "starts_at"], name="meeting_team_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.UniqueConstraint(fields=["series", "starts_at"], name="meeting_once_per_series_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.team.name} {self.starts_at:%d-%m-%Y}"


class Referral(BaseModel):
    """A referral of a case to a forum (aanmelding): the escalation package plus what the forum needs to know.

    The ZAT referral builds on the zorgteam's (`based_on`). What was known at submission is kept on the referral,
    so the forum reads what the school sent, even when the case changes later.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    team = models.ForeignKey(CareTeam, on_delete=models.PROTECT, related_name="referrals")
    forum_kind = models.CharField(_("forum"), max_length=20, choices=CareTeamKind.choices)
    based_on = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    crisis = models.BooleanField(_("crisis"), default=False)
    help_question_school = models.TextField(_("help question of the school"), blank=True)
    help_question_parents = models.TextField(_("help question of the parents"), blank=True)
    help_question_pupil = models.TextField(_("help question of the pupil"), blank=True)
    already_done = models.TextField(_("what was done, with what result"), blank=True)
    school_limits = models.TextField(_("the school's possibilities and limits"), blank=True)
    strengths = models.TextField(_("strengths and chances"), blank=True)
    child_factors = models.TextField(_("child factors"), blank=True)
    family_factors = models.TextField(_("family factors"), blank=True)
    school_factors = models.TextField(_("school factors"), blank=True)
    nature_and_severity = models.TextField(_("nature and severity"), blank=True)
    teacher_questions = models.TextField(_("the teacher's questions"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    intake_mode = models.CharField(_("intake"), max_length=10, choices=IntakeMode.choices, blank=True)
    intake_notes = models.TextField(_("intake notes"), blank=True)
    direct_answer = models.TextField(_("answer without a discussion"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [  # the second: reports count referrals submitted in a period
            models.Index(fields=["team", "status"], name="referral_team_status"),
            models.Index(fields=["submitted_at"], name="referral_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.get_forum_kind_display()} {self.created_at:%d-%m-%Y}"


class ReferralQuestionnaire(BaseModel):
    """One SDQ administration on a referral (teacher or parent version): the answers as given and the result as
    scored then (scores, bands and the norm table used; meetings.sdq). The first of a version is the baseline;
    a later one of the same version is an evaluation, compared with the baseline (sdq.compare)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="questionnaires")
    version = models.CharField(_("version"), max_length=10, choices=SDQVersion.choices)
    respondent = models.CharField(_("filled in by"), max_length=200)
    answers = models.JSONField(_("answers"), default=dict)  # {"1": 0..2, ...}; unanswered items left out
    impact = models.JSONField(_("impact answers"), default=dict)  # {"distress": 0..3, ...}
    result = models.JSONField(_("result"), default=dict)  # sdq.Result.as_dict()
    filled_on = models.DateField(_("filled in on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["referral", "version", "filled_on", "created_at"]
        verbose_name = _("SDQ questionnaire")
        verbose_name_plural = _("SDQ questionnaires")

    def __str__(self) -> str:
        return f"SDQ {self.version} {self.filled_on:%d-%m-%Y}"


class AgendaItem(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agenda_items")
    referral = models.ForeignKey(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AgendaKind.choices)
    position = models.PositiveSmallIntegerField(_("order"))
    anonymous = models.BooleanField(_("anonymous"), default=False)  # the consent verdict when it was put on
    without_consent = models.BooleanField(_("by name without consent"), default=False)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="agenda_case_once")]


class Attendance(BaseModel):
    """Who is invited to a meeting, and whether they came (with who they replaced)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance")
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    presence = models.CharField(
        _("presence"), max_length=10, choices=Presence.choices, default=Presence.INVITED
    )
    substitute_for = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once")]
        indexes = [models.Index(fields=["user", "meeting"], name="attendance_user_meeting")]


class CaseDiscussion(BaseModel):
    """The discussion of one agenda item, along the regulative cycle (DOMAIN §5)."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="discussion")
    extra_information = models.TextField(_("extra information"), blank=True)
    analysis = models.TextField(
        _("analysis: what does this child, in this family and this class, need?"), blank=True
    )
    solutions_child = models.TextField(_("solutions for the child"), blank=True)
    solutions_family = models.TextField(_("solutions for the family"), blank=True)
    solutions_school = models.TextField(_("solutions for the school"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    bottleneck = models.TextField(_("gap in the care offer"), blank=True)
    # The kind of care the gap is in (the region's configuration), counted per region and municipality (issue 6).
    bottleneck_kind = models.ForeignKey(
        "referrals.CareKind",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("kind of care of the gap"),
    )
    # Who sat at the table for this case (issue 6: presence of parents, pupil and teacher).
    parents_present = models.BooleanField(_("parents present"), default=False)
    pupil_present = models.BooleanField(_("pupil present"), default=False)
    teacher_present = models.BooleanField(_("teacher present"), default=False)
    case_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parents_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reports_to_parents = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reports_to_school = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verwijsindex = models.CharField(
        _("verwijsindex"), max_length=10, choices=VerwijsindexDecision.choices, blank=True
    )
    verwijsindex_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    next_discussion_on = models.DateField(_("next discussion"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


class Aftercare(BaseModel):
    """Three months after the last discussion: were the goals met, how did school and parents experience it?"""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="aftercare")
    after_discussion = models.OneToOneField(
        CaseDiscussion, on_delete=models.PROTECT, related_name="aftercare"
    )
    due_on = models.DateField(_("due"))
    goal_attainment = models.CharField(
        _("goal attainment"), max_length=15, choices=GoalAttainment.choices, blank=True
    )
    satisfaction_school = models.PositiveSmallIntegerField(
        _("satisfaction of the school (1–5)"), null=True, blank=True
    )
    satisfaction_parents = models.PositiveSmallIntegerField(
        _("satisfaction of the parents (1–5)"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=AftercareOutcome.choices, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on"]
        indexes = [  # reports: aftercare due or recorded in a period
            models.Index(fields=["due_on"], name="aftercare_due"),
            models.Index(fields=["done_at"], name="aftercare_done"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction_school__isnull=True) | Q(satisfaction_school__range=(1, 5)),
                name="aftercare_school_score",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction_parents__isnull=True) | Q(satisfaction_parents__range=(1, 5)),
                name="aftercare_parents_score",
            ),
        ]


class ReminderSent(BaseModel):
    """One reminder about an action (before the due date, or overdue): sent once, so the command can run again."""

    action = models.ForeignKey(CaseAction, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10)  # "due_soon" | "overdue"
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "kind"], name="reminder_once_per_kind")]
