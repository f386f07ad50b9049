"""The kwaliteitskader as seeded by migration 0002: the eight characteristics and the 36 factors, verbatim, in the
source's groups and order (configuration data, not an enum)."""

import pytest

from zorgroute.quality import kwaliteitskader
from zorgroute.quality.models import Framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return Framework.objects.get(code=kwaliteitskader.CODE)


def test_the_migration_seeds_8_characteristics_and_36_factors(framework):
    items = list(framework.items.order_by("position"))
    characteristics = [i for i in items if i.kind == "characteristic"]
    factors = [i for i in items if i.kind == "factor"]
    assert [i.number for i in characteristics] == list(range(1, 9))
    assert [i.number for i in factors] == list(range(1, 37))
    assert items == characteristics + factors  # the characteristics first, then the factors in reading order
    assert framework.is_active and "Wegwijzer voor intern begeleiders" in framework.source
    assert all(i.source_ref and i.text == i.text.strip() for i in items)


def test_the_texts_are_the_sources(framework):
    text = {i.code: i.text for i in framework.items.all()}
    assert text["K4"] == "Kwaliteit van voorzitten en verloop van de zorgteam-/ZAT-bespreking"
    assert text["K8"] == "Kwaliteit van de bestuurlijke borging van samenwerkingsafspraken"
    assert text["F1"] == (
        "IB’ers zijn voldoende gefaciliteerd en ondersteund voor uitvoering van hun functie als coördinator van zorg"
    )
    assert text["F26"] == "ZAT-leden zorgen bij afwezigheid voor vervanging"
    assert text["F36"].startswith("Gemeenten beschouwen de WSNS-coördinator / schoolbesturen")
    assert "  " not in "".join(text.values()) and "-\n" not in "".join(text.values())


def test_the_factors_keep_the_sources_groups(framework):
    def where(number):
        item = framework.items.get(kind="factor", number=number)
        return item.group, item.subgroup

    assert where(8) == ("Kwaliteitsfactoren binnen het primair onderwijs", "Op school")
    assert where(9) == ("Kwaliteitsfactoren binnen het primair onderwijs", "Bovenschools")
    assert where(23) == ("Kwaliteitsfactoren met betrekking tot het zorgaanbod / de zorginstellingen", "")
    assert where(24) == ("Kwaliteitsfactoren binnen het ZAT zelf", "")
    assert where(31) == ("Kwaliteitsfactoren met betrekking tot beleid en borging", "Algemeen")
    assert where(34) == ("Kwaliteitsfactoren met betrekking tot beleid en borging", "Schoolbesturen")
    assert where(36) == ("Kwaliteitsfactoren met betrekking tot beleid en borging", "Gemeente(n)")
    characteristic = framework.items.get(kind="characteristic", number=6)
    assert characteristic.short_name and characteristic.label == characteristic.short_name
    assert framework.items.get(kind="factor", number=6).label == "F6"


def test_every_factor_belongs_to_exactly_one_group():
    covered = [n for _, _, first, last in kwaliteitskader.FACTOR_GROUPS for n in range(first, last + 1)]
    assert covered == list(range(1, 37))
    with pytest.raises(KeyError):
        kwaliteitskader.group_of(37)
