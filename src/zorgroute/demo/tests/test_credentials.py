import base64

from zorgroute.demo import DEFAULT_SEED, DEMO_PASSWORD, logins
from zorgroute.demo.credentials import totp_key, totp_key_hex

HOME_SECTIONS = {
    "home-teacher",
    "home-coordinator",
    "home-teams",
    "home-aggregates",
    "home-admin",
    "home-family",
    "home-privacy",
    "home-empty",
}


def test_it_gives_one_login_per_role():
    rows = logins()
    assert [row.role_label for row in rows] == [
        "leerkracht",
        "intern begeleider",
        "directeur",
        "zorgteamlid",
        "ZAT-voorzitter",
        "ZAT-coördinator",
        "ZAT-lid",
        "oproepbare partner",
        "functioneel beheerder",
        "privacyfunctionaris",
        "beleidsmedewerker gemeente",
        "systeembeheerder",
        "ouder met gezag",
        "ouder zonder gezag",
        "leerling 16+",
    ]
    assert len({row.username for row in rows}) == len(rows)
    assert {row.password for row in rows} == {DEMO_PASSWORD}
    assert {row.home_section for row in rows} <= HOME_SECTIONS


def test_it_derives_the_totp_secret_from_seed_and_username():
    first, again, other = logins(DEFAULT_SEED), logins(DEFAULT_SEED), logins(DEFAULT_SEED + 1)
    assert first == again
    for row, other_row in zip(first, other, strict=True):
        assert row.totp_secret_base32 != other_row.totp_secret_base32
        padded = row.totp_secret_base32 + "=" * (-len(row.totp_secret_base32) % 8)
        assert base64.b32decode(padded) == totp_key(DEFAULT_SEED, row.username)
    assert len({row.totp_secret_base32 for row in first}) == len(first)
    assert len(bytes.fromhex(totp_key_hex(DEFAULT_SEED, "leerkracht"))) == 20
