from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainCategory(models.TextChoices):
    """The three areas of DOMAIN §5; the domains inside them are configuration data (ProblemDomain)."""

    CHILD = "child", _("Child")
    FAMILY = "family", _("Family")
    SCHOOL = "school", _("School")


class Severity(models.TextChoices):
    LOW = "low", _("Mild")
    MEDIUM = "medium", _("Worrying")
    HIGH = "high", _("Serious")
    ACUTE = "acute", _("Acute (act today)")


class SignalSource(models.TextChoices):
    TEACHER = "teacher", _("Teacher or mentor")
    PARENT = "parent", _("Parent")
    PUPIL = "pupil", _("Pupil")
    JGZ = "jgz", _("Youth health care (JGZ)")
    ABSENCE = "absence", _("Absence")
    REMOVAL_ROOM = "removal_room", _("Removal from class")
    VERWIJSINDEX = "verwijsindex", _("Verwijsindex match")
    HANDOVER = "handover", _("Handover from pre-school or another school")
    OTHER = "other", _("Other")


class SignalStatus(models.TextChoices):
    NEW = "new", _("Awaiting triage")
    CASE_OPENED = "case_opened", _("Case opened")
    LINKED = "linked", _("Added to an existing case")
    KEPT_IN_CLASS = "kept_in_class", _("Kept in the classroom")


class StepOwner(models.TextChoices):
    """Who carries a route step. Access rules decide what each may do; this says whose turn it is."""

    TEACHER = "teacher", _("Teacher / mentor")
    CARE_COORDINATOR = "care_coordinator", _("Care coordinator")
    TEAM_LEADER = "team_leader", _("Team leader / coordinator")
    SCHOOL_CARE_TEAM = "school_care_team", _("School care team")
    REGIONAL_TEAM = "regional_team", _("Regional team (ZAT)")
    EXTERNAL = "external", _("External care partner")


class RequiredRecord(models.TextChoices):
    """What a referral to a step must contain (the escalation package, DOMAIN §4)."""

    HELP_QUESTION = "help_question", _("The help question of school, parents and pupil")
    INTERVENTIONS = "interventions", _("What was done and with what result (intervention log)")
    ACTION_PLAN = "action_plan", _("The current action plan")
    SCHOOL_LIMITS = "school_limits", _("The school's possibilities and limits")
    CONSENT = "consent", _("A valid consent basis for the forum")


class Outcome(models.TextChoices):
    """What may follow a step."""

    ESCALATE = "escalate", _("Escalate to the next step")
    STEP_BACK = "step_back", _("Step back")
    CLOSE = "close", _("Close the case")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    SOLVED = "solved", _("Solved")
    INSTITUTION = "institution", _("Taken over by an institution")
    REGIONAL_TEAM = "regional_team", _("Taken over by the ZAT")


class TransitionKind(models.TextChoices):
    OPEN = "open", _("Opened")
    ESCALATE = "escalate", _("Escalated")
    STEP_BACK = "step_back", _("Stepped back")
    SKIP = "skip", _("Step skipped")
    CLOSE = "close", _("Closed")
    REOPEN = "reopen", _("Reopened")
    MIGRATE = "migrate", _("Moved to a new route version")


class SkipReason(models.TextChoices):
    DIRECT_REFERRAL = "direct_referral", _("Complexity is clear: direct referral")
    CRISIS = "crisis", _("Crisis")
    ENTRY_POINT = "entry_point", _("Other entry point (verwijsindex, transfer)")


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private working note")
    CARE_TEAM = "care_team", _("Care team only")
    PARENTS = "parents", _("Visible to parents")


class TimelineKind(models.TextChoices):
    SIGNAL = "signal", _("Signal")
    TRANSITION = "transition", _("Route step")
    NOTE = "note", _("Note")
    INTERVENTION = "intervention", _("Intervention")
    PLAN = "plan", _("Action plan")
    EVALUATION = "evaluation", _("Evaluation")
    CONVERSATION = "conversation", _("Conversation")
    REVIEW = "review", _("Group review")
    ACTION = "action", _("Action")
    CONSENT = "consent", _("Consent")


class ReviewOutcome(models.TextChoices):
    """What the group review (groepsbespreking) decided for one pupil."""

    NO_CONCERNS = "no_concerns", _("No concerns")
    OBSERVE = "observe", _("Keep observing")
    SIGNAL = "signal", _("Record a signal")
    GROUP_PLAN = "group_plan", _("Adjust the group plan")
    ACTION_PLAN = "action_plan", _("Individual action plan")
    ESCALATE = "escalate", _("Escalate to the care team")
