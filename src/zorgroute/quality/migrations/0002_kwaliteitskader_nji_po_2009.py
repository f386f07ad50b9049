"""Seed the kwaliteitskader (NJi, primary education): the 8 quality characteristics and the 36 quality factors,
verbatim from the sources cited in quality/kwaliteitskader.py (that edition is frozen; a new edition gets a new code
and a migration of its own)."""

from django.db import migrations


def seed(apps, schema_editor):
    from zorgroute.quality import kwaliteitskader as edition

    Framework = apps.get_model("quality", "Framework")
    FrameworkItem = apps.get_model("quality", "FrameworkItem")
    framework, created = Framework.objects.get_or_create(
        code=edition.CODE, defaults={"name": edition.NAME, "source": edition.SOURCE, "is_active": True}
    )
    if created:
        FrameworkItem.objects.bulk_create(FrameworkItem(framework=framework, **row) for row in edition.items())


def unseed(apps, schema_editor):
    from zorgroute.quality import kwaliteitskader as edition

    Framework = apps.get_model("quality", "Framework")
    Framework.objects.filter(code=edition.CODE, assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
