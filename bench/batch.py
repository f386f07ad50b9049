"""Unsaved model instances collected per model and bulk-inserted in foreign-key order.

Foreign keys may point at instances that are still unsaved: bulk_create fills in their ids once the parents have
rows (Django's `_prepare_related_fields_for_save`), so parents must come first in FLUSH_ORDER.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.db import models

BATCH_SIZE = 2000


class Batch:
    def __init__(self, order: list[type[models.Model]]) -> None:
        self.order = order
        self.pending: dict[type[models.Model], list[Any]] = defaultdict(list)
        self.counts: Counter[str] = Counter()

    def add(self, obj: models.Model) -> Any:
        self.pending[type(obj)].append(obj)
        return obj

    def flush(self) -> None:
        unknown = set(self.pending) - set(self.order)
        if unknown:
            raise RuntimeError(f"no flush order for {sorted(m.__name__ for m in unknown)}")
        for model in self.order:
            objects = self.pending.pop(model, [])
            if objects:
                model._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)
                self.counts[model._meta.label] += len(objects)
