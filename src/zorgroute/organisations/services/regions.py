"""Regions and school boards.

Services do not check permissions: the caller obtained every object through `access/`. Free text never goes
into an audit row's `changes`, only that the field changed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.core.exceptions import ConflictError
from zorgroute.organisations.models import (
    Region,
    SchoolBoard,
)
from zorgroute.organisations.services._common import (
    _clean,
    _created,
    _update,
)


def region_update(*, actor: Any, region: Region, name: str, code: str = "") -> Region:
    name = name.strip()
    if Region.objects.filter(name__iexact=name).exclude(pk=region.pk).exists():
        raise ConflictError(_("Another region already has this name."), field="name")
    _update(region, {"name": name, "code": code.strip()}, event="region.updated", actor=actor)
    return region


def _check_board_name(name: str, board: SchoolBoard | None = None) -> None:
    qs = SchoolBoard.objects.filter(name__iexact=name)
    if board is not None:
        qs = qs.exclude(pk=board.pk)
    if qs.exists():
        raise ConflictError(_("A school board with this name already exists."), field="name")


def board_create(*, actor: Any, name: str, competent_authority_number: str = "") -> SchoolBoard:
    name = name.strip()
    _check_board_name(name)
    board = SchoolBoard(name=name, competent_authority_number=competent_authority_number.strip())
    _clean(board)
    with transaction.atomic():
        board.save()
        audit.record(
            "board.created",
            actor=actor,
            target=board,
            changes=_created(board, ["name", "competent_authority_number"]),
        )
    return board


def board_update(
    *, actor: Any, board: SchoolBoard, name: str, competent_authority_number: str = ""
) -> SchoolBoard:
    name = name.strip()
    _check_board_name(name, board)
    _update(
        board,
        {"name": name, "competent_authority_number": competent_authority_number.strip()},
        event="board.updated",
        actor=actor,
    )
    return board
