"""Building blocks without domain knowledge."""

from __future__ import annotations

import uuid

from django.db import models


class BaseModel(models.Model):
    """Integer primary key for joins; a UUID for every URL and every audit row (never the integer)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
