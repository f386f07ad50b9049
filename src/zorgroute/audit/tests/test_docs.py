from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from zorgroute.audit.docs import render


def test_docs_audit_md_is_generated_from_the_catalogue():
    on_disk = (Path(settings.BASE_DIR) / "docs" / "audit.md").read_text()
    assert on_disk == render(), "Run `python manage.py audit_catalogue --write` and commit docs/audit.md"


def test_the_command_prints_or_writes_the_document(tmp_path, settings, capsys):
    call_command("audit_catalogue")
    assert "`pupil.viewed`" in capsys.readouterr().out
    (tmp_path / "docs").mkdir()
    settings.BASE_DIR = tmp_path
    call_command("audit_catalogue", "--write")
    assert (tmp_path / "docs" / "audit.md").read_text() == render()
