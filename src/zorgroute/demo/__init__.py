"""The fictitious demo region (`manage.py load_demo`) and its documented logins.

`logins(seed)` needs no database: usernames, the password and the TOTP secrets follow from the seed alone, so browser
tests and people trying the demo can log in without reading anything from the database.
"""

from zorgroute.demo.credentials import DEFAULT_SEED, DEMO_PASSWORD, DemoLogin, logins

__all__ = ["DEFAULT_SEED", "DEMO_PASSWORD", "DemoLogin", "logins"]
