"""Families: guardians with their authority (gezag) over each child, in the mix a region really has."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from zorgroute.demo import data
from zorgroute.demo.fictional import Fictional, slug
from zorgroute.pupils.constants import Authority, Gender, Relationship
from zorgroute.pupils.models import Guardian, Pupil, PupilGuardian

# Share of new families per kind of authority situation. Every kind occurs at least once at any scale.
FAMILY_KINDS: tuple[tuple[str, float], ...] = (
    ("together", 0.58),  # two parents, joint authority, one household
    ("same_sex", 0.03),  # two mothers, joint authority
    ("divorced_joint", 0.15),  # divorced, joint authority, two households
    ("sole_and_none", 0.07),  # one parent with sole authority, the other parent without authority
    ("court_information", 0.01),  # as above; a court regulates what the parent without authority hears
    ("withheld", 0.01),  # as above; information withheld from that parent in the child's interest
    ("single", 0.09),  # one parent known, sole authority
    ("supervision", 0.04),  # parents with authority, the child under a supervision order (OTS)
    ("institution", 0.02),  # guardianship (voogdij) by the certified institution, child in a foster family
)
SIBLING_SHARE = 0.22  # a new pupil joins an existing family (a brother or sister) this often
MAX_CHILDREN = 3


@dataclass
class Parent:
    guardian: Guardian
    relationship: str
    authority: str
    lives_with_child: bool = True
    supervision_order: bool = False
    court_information_arrangement: bool = False
    withhold_information: bool = False


@dataclass
class Family:
    kind: str
    child_prefix: str
    child_last: str
    parents: list[Parent] = field(default_factory=list)
    children: int = 0


class Families:
    """Creates families and links children to them; appends to the plan's guardian and link lists."""

    def __init__(
        self,
        fictional: Fictional,
        *,
        guardians: list[Guardian],
        links: list[PupilGuardian],
        institution_workers: list[Guardian],
    ) -> None:
        self.f = fictional
        self.guardians = guardians
        self.links = links
        self.institution_workers = institution_workers
        self.count = 0
        self.open: dict[str, list[Family]] = defaultdict(list)  # per town: families with room for a child
        self.forced: dict[int, str] = {}
        self.pending: list[str] = []

    def force_every_kind(self, expected_families: int) -> None:
        """Spread one family of each kind over the region (not all in the first group)."""
        kinds = [kind for kind, _ in FAMILY_KINDS]
        positions = self.f.rng.sample(range(max(len(kinds), expected_families)), len(kinds))
        self.forced = dict(zip(positions, kinds, strict=True))

    def family_for(self, town: str, *, kind: str = "") -> Family:
        """A family for the next child in `town`: an existing one (siblings) or a new one (of `kind` if given)."""
        rng, open_families = self.f.rng, self.open[town]
        if not kind and open_families and rng.random() < SIBLING_SHARE:
            index = rng.randrange(len(open_families))
            family = open_families[index]
            if family.children == MAX_CHILDREN - 1:  # the last child: close the family (swap-remove is O(1))
                open_families[index] = open_families[-1]
                open_families.pop()
            return family
        if self.count in self.forced:
            self.pending.append(self.forced[self.count])
        if not kind:
            kind = (
                self.pending.pop(0)
                if self.pending
                else rng.choices([k for k, _ in FAMILY_KINDS], weights=[w for _, w in FAMILY_KINDS])[0]
            )
        family = self._new(kind, town)
        self.count += 1
        open_families.append(family)
        return family

    def link(self, pupil: Pupil, family: Family, *, adult: bool) -> None:
        """Link the child to the family's guardians. Authority ends at 18: an adult pupil's parents hold none."""
        family.children += 1
        for parent in family.parents:
            self.links.append(
                PupilGuardian(
                    uuid=self.f.uuid(),
                    pupil=pupil,
                    guardian=parent.guardian,
                    relationship=parent.relationship,
                    authority=Authority.NONE if adult else parent.authority,
                    supervision_order=parent.supervision_order and not adult,
                    court_information_arrangement=parent.court_information_arrangement,
                    withhold_information=parent.withhold_information,
                    lives_with_child=parent.lives_with_child,
                )
            )

    def _guardian(
        self,
        gender: str,
        town: str,
        *,
        last: tuple[str, str] | None = None,
        address: dict[str, str] | None = None,
    ) -> Guardian:
        first = self.f.first_name(gender)
        prefix, last_name = last or self.f.last_name()
        guardian = Guardian(
            uuid=self.f.uuid(),
            first_name=first,
            name_prefix=prefix,
            last_name=last_name,
            email=f"{slug(first)}.{slug(prefix)}{slug(last_name)}@{data.EMAIL_DOMAIN}",
            phone=self.f.phone(),
            **(address or self.f.address(town)),
        )
        self.guardians.append(guardian)
        return guardian

    def _new(self, kind: str, town: str) -> Family:
        rng = self.f.rng
        child_name = self.f.last_name()
        family = Family(kind=kind, child_prefix=child_name[0], child_last=child_name[1])
        home = self.f.address(town)
        away_town = rng.choice(data.TOWNS)
        add = family.parents.append
        if kind in ("together", "supervision"):
            ots = kind == "supervision"
            mother = self._guardian(
                Gender.FEMALE, town, last=child_name if rng.random() < 0.35 else None, address=home
            )
            father = self._guardian(Gender.MALE, town, last=child_name, address=home)
            add(Parent(mother, Relationship.MOTHER, Authority.JOINT, supervision_order=ots))
            add(Parent(father, Relationship.FATHER, Authority.JOINT, supervision_order=ots))
        elif kind == "divorced_joint":
            # Two households. Half share the care (co-ouderschap); otherwise the child lives with one parent.
            co_parenting = rng.random() < 0.5
            with_father = not co_parenting and rng.random() < 0.3
            mother = self._guardian(
                Gender.FEMALE, away_town if with_father else town, address=None if with_father else home
            )
            father = self._guardian(
                Gender.MALE,
                town if with_father else away_town,
                last=child_name,
                address=home if with_father else None,
            )
            add(
                Parent(
                    mother,
                    Relationship.MOTHER,
                    Authority.JOINT,
                    lives_with_child=co_parenting or not with_father,
                )
            )
            add(
                Parent(
                    father, Relationship.FATHER, Authority.JOINT, lives_with_child=co_parenting or with_father
                )
            )
        elif kind == "same_sex":
            for last in (child_name, None):
                add(
                    Parent(
                        self._guardian(Gender.FEMALE, town, last=last, address=home),
                        Relationship.PARENT,
                        Authority.JOINT,
                    )
                )
        elif kind in ("sole_and_none", "court_information", "withheld"):
            mother = self._guardian(Gender.FEMALE, town, address=home)
            father = self._guardian(Gender.MALE, away_town, last=child_name)
            add(Parent(mother, Relationship.MOTHER, Authority.SOLE))
            add(
                Parent(
                    father,
                    Relationship.FATHER,
                    Authority.NONE,
                    lives_with_child=False,
                    court_information_arrangement=kind == "court_information",
                    withhold_information=kind == "withheld",
                )
            )
        elif kind == "single":
            father_only = rng.random() < 0.2
            parent = self._guardian(
                Gender.MALE if father_only else Gender.FEMALE,
                town,
                last=child_name if father_only else None,
                address=home,
            )
            add(
                Parent(
                    parent,
                    Relationship.FATHER if father_only else Relationship.MOTHER,
                    Authority.SOLE,
                    supervision_order=rng.random() < 0.05,
                )
            )
        elif kind == "institution":
            worker = rng.choice(self.institution_workers)
            add(Parent(worker, Relationship.GUARDIAN, Authority.GUARDIAN_INSTITUTION, lives_with_child=False))
            for _ in range(rng.choice((1, 2))):
                add(
                    Parent(
                        self._guardian(rng.choice((Gender.FEMALE, Gender.MALE)), town, address=home),
                        Relationship.FOSTER_PARENT,
                        Authority.NONE,
                    )
                )
        else:
            raise ValueError(f"Unknown family kind {kind!r}")
        return family
