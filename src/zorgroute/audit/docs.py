"""Generates docs/audit.md from the catalogue, so the document cannot drift from the code."""

from __future__ import annotations

from django.utils import translation

from zorgroute.audit.catalogue import CATALOGUE
from zorgroute.audit.chain import HASHED_FIELDS

HEADER = """# Audit events

Generated from `src/zorgroute/audit/catalogue.py` by `manage.py audit_catalogue --write`; a test fails when this
file and the catalogue differ. `zorgroute.audit.record()` is the only writer and refuses unregistered names.

Every row stores (NEN 7513 field set, see `../shared/domain/dutch-standards.md` §3): time in UTC with microseconds
(`occurred_at`), the event and its action code (C create, R read, U update, D delete, E execute), the result
(success/refused/error), the user (UUID, login name, full name), the role under which they acted and the
authorisation rule that allowed it (`rules/<version>:<action>:<role>:<relation>`), the access point (IP address) and
request id, the object (type, UUID, label), the pupil and case it concerns, structured changes (field names with
old/new values, never free text), a reason where required, and the source system.

Rows are append-only (model guard plus database triggers on SQLite and PostgreSQL) and chained with HMAC-SHA256 over
the fields below and the previous row's hash, keyed with `AUDIT_CHAIN_KEY`. `manage.py audit_verify` walks the
chain and the chain head and reports any altered, deleted or inserted row.

Hashed fields: {fields}.

| Event | Code | Reason required | Meaning |
|---|---|---|---|
"""


def render() -> str:
    with translation.override("en"):
        rows = [
            f"| `{spec.name}` | {spec.code.value} | {'yes' if spec.reason_required else 'no'} | {spec.label} |"
            for spec in sorted(CATALOGUE.values(), key=lambda s: s.name)
        ]
    return HEADER.replace("{fields}", ", ".join(f"`{f}`" for f in HASHED_FIELDS)) + "\n".join(rows) + "\n"
