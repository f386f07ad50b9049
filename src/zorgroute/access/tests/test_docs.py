from pathlib import Path

from django.conf import settings

from zorgroute.access.docs import RELATION_TEXT, ROLE_TEXT, render
from zorgroute.access.rules import Rel, Role


def test_docs_permissions_md_is_generated_from_the_rules():
    on_disk = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    assert on_disk == render(), (
        "Run `python manage.py permissions_doc --write` and commit docs/permissions.md"
    )


def test_every_role_and_relation_is_described():
    assert set(ROLE_TEXT) == set(Role)
    assert set(RELATION_TEXT) == set(Rel)


def test_the_command_prints_or_writes_the_document(tmp_path, settings, capsys):
    from django.core.management import call_command

    call_command("permissions_doc")
    assert "| `pupil.view` |" in capsys.readouterr().out
    (tmp_path / "docs").mkdir()
    settings.BASE_DIR = tmp_path
    call_command("permissions_doc", "--write")
    assert (tmp_path / "docs" / "permissions.md").read_text() == render()
