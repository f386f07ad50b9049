"""THE audit layer. Use `from zorgroute.audit import record`; nothing else writes audit events."""

from typing import Any


def record(event: str, **kwargs: Any) -> Any:
    from zorgroute.audit.services import record as _record

    return _record(event, **kwargs)
