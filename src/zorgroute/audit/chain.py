"""The hash chain: HMAC-SHA256 over a canonical form of each row and the previous row's hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

GENESIS = "0" * 64

HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "event",
    "action_code",
    "result",
    "actor_uuid",
    "actor_username",
    "actor_name",
    "actor_role",
    "client_ip",
    "request_id",
    "target_type",
    "target_uuid",
    "target_label",
    "pupil_uuid",
    "case_uuid",
    "authorization",
    "consent_profile",
    "changes",
    "reason",
    "source",
)


def _normal(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if value is None or isinstance(value, str | int | bool | float | list | dict):
        return value
    return str(value)


def compute_hash(row: dict[str, Any], prev_hash: str) -> str:
    payload = json.dumps(
        {name: _normal(row[name]) for name in HASHED_FIELDS},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    key = settings.AUDIT_CHAIN_KEY.encode()
    return hmac.new(key, (prev_hash + payload).encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Problem:
    seq: int | None
    message: str


def verify_rows(rows: Iterator[dict[str, Any]], head_seq: int, head_hash: str) -> list[Problem]:
    """Walk the rows in sequence order; report every row whose hash or link is wrong, and a missing tail."""
    problems: list[Problem] = []
    prev_hash = GENESIS
    last_seq = 0
    for row in rows:
        if row["prev_hash"] != prev_hash:
            problems.append(
                Problem(row["seq"], "link broken: a row before this one was deleted, inserted or changed")
            )
        if compute_hash(row, row["prev_hash"]) != row["hash"]:
            problems.append(Problem(row["seq"], "content changed: the row does not match its hash"))
        prev_hash = row["hash"]
        last_seq = row["seq"]
    if (last_seq, prev_hash if last_seq else "") != (head_seq, head_hash):
        problems.append(
            Problem(None, "the chain head does not match the last row: rows were deleted or added at the end")
        )
    return problems
