"""Conventions that keep permissions in one place: enforced by a test, not by reviewers' memory."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]
SENSITIVE_MODELS = {
    "Pupil",
    "Guardian",
    "PupilGuardian",
    "Enrolment",
    "AuditEvent",
    "School",
    "Region",
    "CareTeam",
    "Membership",
    "PartnerOrganisation",
    "StaffRole",
    "Group",
    "User",
}
INTERFACE_FILES = ("views.py", "forms.py")


def _interface_files():
    """views.py and forms.py, and every module of a views/ or forms/ package."""
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts:
            continue
        if path.name in INTERFACE_FILES or path.parent.name in {"views", "forms"}:
            yield path


def test_views_and_forms_never_bypass_access():
    offences = []
    for path in _interface_files():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id in {"get_object_or_404", "get_list_or_404"}:
                offences.append(f"{path.relative_to(SRC)}:{node.lineno} uses {node.id}; use access.fetch")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "objects"
                and isinstance(node.value, ast.Name)
                and node.value.id in SENSITIVE_MODELS
            ):
                offences.append(
                    f"{path.relative_to(SRC)}:{node.lineno} uses {node.value.id}.objects; "
                    "use access.visible_* or a selector"
                )
    assert offences == []


def test_only_the_audit_layer_creates_audit_events():
    offences = []
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or path.parts[-2] == "audit" or "migrations" in path.parts:
            continue
        text = path.read_text()
        if "AuditEvent.objects.create" in text or "AuditEvent(" in text:
            offences.append(str(path.relative_to(SRC)))
    assert offences == []


def test_the_test_itself_can_see_the_code():
    names = {str(path.relative_to(SRC)) for path in _interface_files()}
    assert {"pupils/views.py", "organisations/forms.py", "organisations/views/schools.py"} <= names
