"""Database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit rows.

The triggers stand down only while a row exists in `audit_maintenance_permit`, a table outside Django's models (so
`flush` never empties it). Production keeps it empty; the test suite inserts a permit so that Django can flush the
test database between transactional tests, and the audit tests remove it to prove the triggers work. Someone with
raw database access can insert a permit or drop a trigger: the HMAC hash chain (`audit_verify`) still shows any
change.
"""

from django.db import migrations

SQLITE = [
    "CREATE TABLE IF NOT EXISTS audit_maintenance_permit (reason varchar(200) NOT NULL);",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance_permit)
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance_permit)
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
    "DROP TABLE IF EXISTS audit_maintenance_permit;",
]

POSTGRES = [
    "CREATE TABLE IF NOT EXISTS audit_maintenance_permit (reason varchar(200) NOT NULL);",
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM audit_maintenance_permit) THEN
           IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'audit events are append-only';
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent;",
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS audit_event_append_only();",
    "DROP TABLE IF EXISTS audit_maintenance_permit;",
]


def _run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
