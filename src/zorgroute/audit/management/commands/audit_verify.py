from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zorgroute import audit
from zorgroute.audit.models import AuditEvent
from zorgroute.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the audit log's hash chain: detects altered, deleted and inserted rows. Exit 1 on tampering."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify_chain()
        count = AuditEvent.objects.count()
        if problems:
            for problem in problems:
                where = f"row {problem.seq}" if problem.seq is not None else "end of chain"
                self.stderr.write(f"{where}: {problem.message}")
            raise CommandError(f"Audit chain is NOT intact: {len(problems)} problem(s) in {count} rows.")
        audit.record("audit.verified", actor=None, actor_label="audit_verify", changes={"rows": count})
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} rows verified."))
