from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolType(models.TextChoices):
    PRIMARY = "po", _("Primary education (PO)")
    SECONDARY = "vo", _("Secondary education (VO)")


class GroupTeacherRole(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    MENTOR = "mentor", _("Mentor")


class StaffRoleKind(models.TextChoices):
    """Roles a person holds in an organisation. What each role may do is decided in access/rules.py only."""

    TEACHER = "teacher", _("Teacher / mentor")
    CARE_COORDINATOR = "care_coordinator", _("Care coordinator")
    SCHOOL_HEAD = "school_head", _("School head")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")
    POLICY_ANALYST = "policy_analyst", _("Policy staff (region or municipality)")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    PARTNER_STAFF = "partner_staff", _("Partner organisation staff")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Which scope each role needs: exactly one of school / region / partner (system admin: none).
ROLE_SCOPE = {
    StaffRoleKind.TEACHER: "school",
    StaffRoleKind.CARE_COORDINATOR: "school",
    StaffRoleKind.SCHOOL_HEAD: "school",
    StaffRoleKind.FUNCTIONAL_ADMIN: "region",
    StaffRoleKind.POLICY_ANALYST: "region",
    StaffRoleKind.PRIVACY_OFFICER: "region",
    StaffRoleKind.PARTNER_STAFF: "partner",
    StaffRoleKind.SYSTEM_ADMIN: "none",
}


class CareTeamKind(models.TextChoices):
    GROUP_REVIEW = "group_review", _("Group review")
    SCHOOL_CARE_TEAM = "school_care_team", _("School care team (zorgteam)")
    REGIONAL_TEAM = "regional_team", _("Regional care and advice team (ZAT)")


class TeamRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    COORDINATOR = "coordinator", _("Coordinator")
    MINUTE_TAKER = "minute_taker", _("Minute-taker")
    MEMBER = "member", _("Member")
    ON_CALL = "on_call", _("On-call member")
