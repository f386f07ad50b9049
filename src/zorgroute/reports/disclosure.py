"""Small-cell protection of tables of counts: primary and secondary suppression (decision 0008).

Pure functions over plain data, table-tested; no database.

A table of counts is a *cube*: one or more dimensions, each a tree of nodes. The leaves hold what was counted (a
school, a source of signals, a quarter); an inner node of an *additive* dimension is the total of its children (every
counted thing falls in exactly one leaf: a referral has one source, lies in one quarter, belongs to one school). A
non-additive dimension (problem domains: a referral may have several) has leaves only, and no totals.

`protect()` decides what may be shown:

1. **Primary suppression.** Every cell counting 1 to 4 becomes `SUPPRESSED` ("<5"). Zero stays zero: an empty cell
   reveals nobody.
2. **Secondary suppression.** Along every additive dimension, the children of an inner node and that node (their
   total) form a *line*: total = sum of the children. A reader who knows the total and every visible child knows the
   sum of the hidden ones. The line is safe when no hidden cell can be narrowed down: a suppressed cell could still
   be anything from 1 to 4, and a hidden one (`HIDDEN`, "×", always 5 or more) is not pinned to one value. Until a
   line is safe, another cell of it is hidden (the smallest that makes the line safe, else the largest), and when
   none is left the total itself. Hiding a cell changes other lines through it, so the passes repeat until every
   line is safe.

This is the "hypercube" heuristic of statistical offices (every line of every dimension protected on its own). It
stops the differencing attacks a reader can do with one subtraction: a school's count from the region's total minus
the other schools, a quarter's from the year minus the other quarters, a category's from the row total. It does not
solve the full system of equations of a large table (linear programming, as tau-argus can); decision 0008 says where
that limit matters.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from zorgroute.reports.tables import HIDDEN, SMALL_CELL, SUPPRESSED, Cell

Node = Hashable
Key = tuple[Node, ...]

TOTAL = "__total__"  # the conventional root of a flat additive dimension
_UNBOUNDED = 10**12  # the largest value a hidden (secondary) cell could have, for the reader

VISIBLE, PRIMARY, SECONDARY = "visible", "primary", "secondary"


@dataclass(frozen=True)
class Dim:
    """One dimension of a cube. `children` maps each inner node to its children, in order; `root` is the top node.

    A dimension without inner nodes (`children` empty) has its leaves in `leaves_`.
    """

    name: str
    root: Node | None
    children: Mapping[Node, Sequence[Node]] = field(default_factory=dict)
    leaves_: Sequence[Node] = ()
    additive: bool = True

    @classmethod
    def flat(cls, name: str, leaves: Iterable[Node], *, additive: bool = True, total: Node = TOTAL) -> Dim:
        """Leaves under one total (additive), or leaves side by side without a total (not additive)."""
        leaves = tuple(leaves)
        if not additive:
            return cls(name=name, root=None, leaves_=leaves, additive=False)
        return cls(name=name, root=total, children={total: leaves})

    @classmethod
    def single(cls, name: str, node: Node = TOTAL) -> Dim:
        """A dimension of one node (a report for one school, one period): no lines along it."""
        return cls(name=name, root=None, leaves_=(node,), additive=False)

    @classmethod
    def tree(cls, name: str, root: Node, children: Mapping[Node, Sequence[Node]]) -> Dim:
        return cls(name=name, root=root, children={k: tuple(v) for k, v in children.items()})

    def nodes(self) -> list[Node]:
        """Every node, the root first (pre-order)."""
        if self.root is None:
            return list(self.leaves_)
        found: list[Node] = []

        def walk(node: Node) -> None:
            found.append(node)
            for child in self.children.get(node, ()):
                walk(child)

        walk(self.root)
        return found

    def leaves(self) -> list[Node]:
        return [n for n in self.nodes() if n not in self.children]

    def ancestors_and_self(self, node: Node) -> list[Node]:
        """The node and every node above it (an additive dimension); just the node otherwise."""
        if self.root is None:
            return [node]
        parents = {child: parent for parent, kids in self.children.items() for child in kids}
        chain = [node]
        while chain[-1] in parents:
            chain.append(parents[chain[-1]])
        return chain

    def inner(self) -> list[Node]:
        return [n for n in self.nodes() if n in self.children]


@dataclass
class Protected:
    """The outcome: `values` holds every cell's true count, `status` whether it is shown or why not."""

    dims: Sequence[Dim]
    values: dict[Key, int]
    status: dict[Key, str]

    def cell(self, *key: Node) -> Cell:
        state = self.status[key]
        if state == PRIMARY:
            return SUPPRESSED
        if state == SECONDARY:
            return HIDDEN
        return self.values[key]

    def true_value(self, *key: Node) -> int:
        return self.values[key]

    def hidden(self) -> dict[Key, str]:
        return {k: s for k, s in self.status.items() if s != VISIBLE}


def totals(dims: Sequence[Dim], counts: Mapping[Key, int]) -> dict[Key, int]:
    """Every cell of the cube (inner nodes included) from the counts of the leaf cells (missing leaves are 0)."""
    leaves_of = [dim.leaves() for dim in dims]
    values: dict[Key, int] = dict.fromkeys(itertools.product(*(dim.nodes() for dim in dims)), 0)
    for key, n in counts.items():
        if len(key) != len(dims) or any(
            node not in leaves for node, leaves in zip(key, leaves_of, strict=True)
        ):
            raise KeyError(f"{key!r} is not a leaf cell of this cube")
        if n < 0:
            raise ValueError("counts cannot be negative")
        chains = [dim.ancestors_and_self(node) for dim, node in zip(dims, key, strict=True)]
        for cell in itertools.product(*chains):
            values[cell] += n
    return values


def _at(rest: tuple[Node, ...], index: int, node: Node) -> Key:
    """The key with `node` at position `index` among the other dimensions' nodes `rest`."""
    return (*rest[:index], node, *rest[index:])


def lines(dims: Sequence[Dim]) -> list[tuple[Key, list[Key]]]:
    """Every (total, children) line: for each additive dimension, each inner node, each combination of the other
    dimensions' nodes."""
    found: list[tuple[Key, list[Key]]] = []
    node_lists = [dim.nodes() for dim in dims]
    for index, dim in enumerate(dims):
        if dim.root is None:
            continue
        others = node_lists[:index] + node_lists[index + 1 :]
        for inner in dim.inner():
            for rest in itertools.product(*others):
                children = [_at(rest, index, child) for child in dim.children[inner]]
                found.append((_at(rest, index, inner), children))
    return found


def _bounds(state: str) -> tuple[int, int]:
    """What a reader knows of a cell from its marker alone."""
    return (1, SMALL_CELL - 1) if state == PRIMARY else (SMALL_CELL, _UNBOUNDED)


def line_is_safe(total: int, cells: Sequence[tuple[int, str]]) -> bool:
    """Whether a reader who sees the total and the visible cells can narrow down a hidden one.

    `cells` are (true value, status). The hidden mass is the total minus the visible cells; each hidden cell lies
    between its own bounds and what the others' bounds leave of that mass. A suppressed cell must keep the whole range
    1-4; a hidden one must not be pinned to a single value.
    """
    hidden = [(value, state) for value, state in cells if state != VISIBLE]
    if not hidden:
        return True
    mass = total - sum(value for value, state in cells if state == VISIBLE)
    bounds = [_bounds(state) for _, state in hidden]
    low_sum = sum(lo for lo, _ in bounds)
    high_sum = sum(hi for _, hi in bounds)
    for (_, state), (lo, hi) in zip(hidden, bounds, strict=True):
        low = max(lo, mass - (high_sum - hi))
        high = min(hi, mass - (low_sum - lo))
        if state == PRIMARY and (low > 1 or high < SMALL_CELL - 1):
            return False
        if state == SECONDARY and high <= low:
            return False
    return True


def protect(dims: Sequence[Dim], counts: Mapping[Key, int]) -> Protected:
    """Primary suppression of every cell of 1-4, then secondary suppression until every line is safe."""
    values = totals(dims, counts)
    status = {key: PRIMARY if 0 < n < SMALL_CELL else VISIBLE for key, n in values.items()}
    all_lines = lines(dims)
    changed = True
    while changed:
        changed = False
        for total_key, children in all_lines:
            while status[total_key] == VISIBLE and not _safe(values, status, total_key, children):
                changed = True
                pick = _complement(values, status, total_key, children)
                status[pick if pick is not None else total_key] = SECONDARY
    return Protected(dims=dims, values=values, status=status)


def _safe(
    values: Mapping[Key, int],
    status: Mapping[Key, str],
    total_key: Key,
    children: Sequence[Key],
    also_hidden: Key | None = None,
) -> bool:
    return line_is_safe(
        values[total_key],
        [(values[k], SECONDARY if k == also_hidden else status[k]) for k in children],
    )


def _complement(
    values: Mapping[Key, int], status: Mapping[Key, str], total_key: Key, children: Sequence[Key]
) -> Key | None:
    """The cell to hide next: the smallest visible, non-zero one that makes the line safe on its own, else the
    largest (it does the most); None when no visible non-zero cell is left (the caller hides the total)."""
    candidates = sorted(
        (k for k in children if status[k] == VISIBLE and values[k] > 0),
        key=lambda k: (values[k], children.index(k)),
    )
    if not candidates:
        return None
    for key in candidates:
        if _safe(values, status, total_key, children, also_hidden=key):
            return key
    return candidates[-1]
