"""The Dutch UI never falls back to English: every message id in the code has a Dutch translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.SRC_DIR) / "locale"
CATALOGUES = {lang: LOCALE / lang / "LC_MESSAGES" / "django.po" for lang in ("nl", "en")}


def _po(lang: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUES[lang]))


def test_every_dutch_message_is_translated_and_not_fuzzy():
    po = _po("nl")
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == []


def test_compiled_catalogues_match_their_sources():
    for lang, path in CATALOGUES.items():
        mo = polib.mofile(str(path.with_suffix(".mo")))
        compiled = {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
        source = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in _po(lang)
            if e.translated() and not e.obsolete and "fuzzy" not in e.flags
        }
        assert compiled == source, f"run `make messages` to recompile {lang}"


def test_the_catalogue_holds_every_message_id_in_the_code(tmp_path):
    """Extract message ids from a copy of the code (gettext's xgettext) and compare with the Dutch catalogue."""
    if shutil.which("xgettext") is None:
        if os.environ.get("ZORGROUTE_REQUIRE_GETTEXT") == "1":
            pytest.fail("gettext (xgettext) is required for this test")
        pytest.skip("gettext is not installed")
    copy = tmp_path / "zorgroute"
    shutil.copytree(settings.SRC_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "zorgroute.conf.test", "PYTHONPATH": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    extracted = {
        e.msgid for e in polib.pofile(str(copy / "locale/nl/LC_MESSAGES/django.po")) if not e.obsolete
    }
    known = {e.msgid for e in _po("nl") if not e.obsolete}
    assert sorted(extracted - known) == [], "run `make messages` and translate the new strings"
