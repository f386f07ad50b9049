"""Carry the consent statuses recorded per forum (issue 3) over into consent records with answers (issue 4).

written/anonymous: the guardians with authority (and a pupil of 16 or over) gave it; refused: they refused;
assent: the parents were informed and the objection window has closed. "No consent recorded" carries nothing.
"""

from django.db import migrations

NOTE = "Overgenomen uit de eerdere registratie van de toestemmingsstatus"


def _age(born, day):
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def forward(apps, schema_editor):
    Old = apps.get_model("cases", "CaseForumConsent")
    Record = apps.get_model("consents", "ConsentRecord")
    Answer = apps.get_model("consents", "ConsentPartyAnswer")
    Link = apps.get_model("pupils", "PupilGuardian")
    for old in Old.objects.select_related("case", "case__pupil").order_by("pk"):
        if old.status == "none":
            continue
        day = old.created_at.date()
        mode = {"written": "written", "refused": "written", "assent": "assent", "anonymous": "anonymous"}[old.status]
        record = Record.objects.create(
            case=old.case,
            forum_kind=old.forum_kind,
            purpose="discussion",
            mode=mode,
            recorded_on=day,
            objection_until=day if mode == "assent" else None,
            evidence="letter" if mode == "assent" else "conversation",
            evidence_note=NOTE,
            recorded_by_id=old.recorded_by_id,
        )
        if mode == "assent":
            continue
        answer = "refused" if old.status == "refused" else "given"
        pupil = old.case.pupil
        if _age(pupil.date_of_birth, day) >= 16:
            Answer.objects.create(record=record, guardian=None, answer=answer, answered_on=day, recorded_by_id=old.recorded_by_id)
            continue
        for link in Link.objects.filter(pupil=pupil).exclude(authority="none"):
            Answer.objects.create(
                record=record, guardian_id=link.guardian_id, answer=answer, answered_on=day, recorded_by_id=old.recorded_by_id
            )


class Migration(migrations.Migration):
    dependencies = [
        ("consents", "0001_initial"),
        ("cases", "0004_alter_timelineevent_kind"),
        ("pupils", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
