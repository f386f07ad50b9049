from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ActionKind(models.TextChoices):
    ACTION = "action", _("Action")
    FEEDBACK = "feedback", _("Feedback")


class FeedbackTo(models.TextChoices):
    """Who a feedback task (terugkoppeling) reports to: the chain ZAT → care coordinator → teacher and parents."""

    CARE_COORDINATOR = "care_coordinator", _("The care coordinator")
    TEACHER = "teacher", _("The teacher or mentor")
    PARENTS = "parents", _("The parents")
    SCHOOL = "school", _("The school")


# The title of a feedback task per recipient, a whole sentence with the forum's name as its placeholder (the
# recipient is part of the sentence, not a label pasted into it). Rendered for each reader (CaseAction.title).
FEEDBACK_TITLES: dict[str, Any] = {
    FeedbackTo.CARE_COORDINATOR: _("Report the outcome of %(forum)s back to the care coordinator"),
    FeedbackTo.TEACHER: _("Inform the teacher or mentor of the outcome of %(forum)s"),
    FeedbackTo.PARENTS: _("Report the outcome of %(forum)s back to the parents"),
    FeedbackTo.SCHOOL: _("Report the outcome of %(forum)s back to the school"),
}


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting intake")
    IN_INTAKE = "in_intake", _("In intake")
    SCHEDULED = "scheduled", _("On an agenda")
    DISCUSSED = "discussed", _("Discussed")  # the minutes of the meeting with its agenda item are final
    ANSWERED = "answered", _("Answered without a discussion")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SDQVersion(models.TextChoices):
    """Who filled in an SDQ (the values of meetings.sdq.Version)."""

    TEACHER = "teacher", _("Teacher")
    PARENT = "parent", _("Parent")


class IntakeMode(models.TextChoices):
    JOINT = "joint", _("School and parents together")
    SEPARATE = "separate", _("School and parents separately")
    NONE = "none", _("No intake (pre-selection only)")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class AgendaKind(models.TextChoices):
    NEW = "new", _("New referral")
    FOLLOW_UP = "follow_up", _("Follow-up")


class Presence(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class VerwijsindexDecision(models.TextChoices):
    REPORT = "report", _("Report to the verwijsindex")
    ALREADY = "already", _("Already reported")
    NO = "no", _("Not reported")


class AftercareOutcome(models.TextChoices):
    CLOSE = "close", _("Close the case")
    REOPEN = "reopen", _("Reopen: the route continues")


class GoalAttainment(models.TextChoices):
    ACHIEVED = "achieved", _("Goals achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
