"""The actor knowledge base: countries, organisations, people in office, roles, sectors.

Loaded once per process from the package's data files (plus a user's own files), then
queried by surface string and date. Every answer carries the entry it came from.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry

from ..errors import KnowledgeError
from ..model import Actor, Evidence
from ._cache import cached
from ._files import DATA_DIR, load_entries, read_yaml
from .schema import CountrySpec, OrgSpec, PersonSpec, RoleSpec, SectorSpec, TermSpec

_STATE_LIKE = {"IGO", "UNO", "EUR"}


@dataclass(frozen=True, slots=True)
class Ref:
    """One knowledge-base entry a surface string can name."""

    kind: str  # country | org | person
    id: str
    how: str  # name | abbreviation | capital | seat | region | adjective | demonym | short


@dataclass(frozen=True, slots=True)
class Candidate:
    actor: Actor
    evidence: Evidence
    ref: Ref
    valid: bool = True


def strip_article(text: str) -> str:
    """'the Kremlin' -> 'Kremlin'; names are indexed without a leading article."""
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


@dataclass
class KnowledgeBase:
    countries: dict[str, CountrySpec] = field(default_factory=dict)
    orgs: dict[str, OrgSpec] = field(default_factory=dict)
    people: dict[str, PersonSpec] = field(default_factory=dict)
    roles: dict[str, RoleSpec] = field(default_factory=dict)
    sectors: list[SectorSpec] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)
    names: dict[str, list[Ref]] = field(default_factory=lambda: defaultdict(list))
    names_lower: dict[str, list[Ref]] = field(default_factory=lambda: defaultdict(list))
    titles: dict[str, RoleSpec] = field(default_factory=dict)
    sector_nouns: dict[str, SectorSpec] = field(default_factory=dict)
    org_nouns: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    org_descriptions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    org_seats: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    person_ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # (role, country, org) -> [(person id, term)]: who held an office, for "the Russian foreign minister"
    office_holders: dict[tuple[str, str, str | None], list[tuple[str, TermSpec]]] = field(
        default_factory=lambda: defaultdict(list))
    subnational: set[str] = field(default_factory=set)  # region and people surfaces (no national offices)
    load_seconds: float = 0.0

    # ----------------------------------------------------------------- building
    def _index(self, surface: str, ref: Ref) -> None:
        surface = strip_article(surface.strip())
        if not surface:
            return
        if ref not in self.names[surface]:
            self.names[surface].append(ref)
        low = surface.lower()
        if ref.how not in {"abbreviation"} and ref not in self.names_lower[low]:
            self.names_lower[low].append(ref)

    def add_country(self, spec: CountrySpec) -> None:
        self.countries[spec.code] = spec
        for name in spec.names:
            self._index(name, Ref("country", spec.code, "name"))
        for adj in spec.adjectives:
            self._index(adj, Ref("country", spec.code, "adjective"))
        for dem in spec.demonyms:
            self._index(dem, Ref("country", spec.code, "demonym"))
        for cap in spec.capitals:
            self._index(cap, Ref("country", spec.code, "capital"))
        for seat in spec.seats:
            self._index(seat, Ref("country", spec.code, "seat"))
        # a region or a people stands for its state as a place or a population, never for the
        # state's offices: "the Chechen president" is not Russia's president
        for region in spec.regions:
            self._index(region, Ref("country", spec.code, "region"))
            self.subnational.add(region)
        for adj in spec.peoples:
            self._index(adj, Ref("country", spec.code, "adjective"))
            self.subnational.add(adj)
        for dem in spec.people_plurals:
            self._index(dem, Ref("country", spec.code, "demonym"))
            self.subnational.add(dem)

    def add_org(self, spec: OrgSpec) -> None:
        self.orgs[spec.id] = spec
        for name in spec.names:
            self._index(name, Ref("org", spec.id, "name"))
        for abbr in spec.abbreviations:
            self._index(abbr, Ref("org", spec.id, "abbreviation"))
        for noun in spec.nouns:
            self.org_nouns[noun.lower()].append(spec.id)
        for desc in spec.descriptions:
            self.org_descriptions[strip_article(desc.lower())].append(spec.id)
        if spec.seat:
            self.org_seats[spec.seat.lower()].append(spec.id)

    def add_person(self, spec: PersonSpec) -> None:
        self.people[spec.id] = spec
        self.person_ids[spec.names[0]].append(spec.id)
        for term in spec.roles:
            self.office_holders[(term.role, term.country, term.org)].append((spec.id, term))
        for name in spec.names:
            self._index(name, Ref("person", spec.id, "name"))
        for short in spec.short:
            self._index(short, Ref("person", spec.id, "short"))

    def add_role(self, spec: RoleSpec) -> None:
        self.roles[spec.role] = spec
        for title in spec.titles:
            self.titles[title.lower()] = spec

    def add_sector(self, spec: SectorSpec) -> None:
        self.sectors.append(spec)
        for noun in spec.nouns:
            self.sector_nouns[noun.lower()] = spec

    # ----------------------------------------------------------------- queries
    def refs(self, surface: str, *, any_case: bool = False) -> list[Ref]:
        surface = strip_article(surface.strip())
        found = list(self.names.get(surface, ()))
        if not found and (any_case or (surface.isupper() and len(surface) > 4)):
            found = list(self.names_lower.get(surface.lower(), ()))
        return found

    def country_actor(self, code: str, ref: Ref) -> Candidate:
        spec = self.countries.get(code)
        sector = "GOV" if ref.how in {"capital", "seat"} else "CVL" if ref.how == "demonym" else None
        valid_from = spec.valid_from if spec else None
        valid_to = spec.valid_to if spec else None
        actor = Actor(country=code, sector=sector)
        return Candidate(actor, Evidence("kb", f"country:{code}:{ref.how}", valid_from, valid_to), ref)

    def org_actor(self, org_id: str, ref: Ref | None = None) -> Candidate:
        spec = self.orgs[org_id]
        ref = ref or Ref("org", org_id, "name")
        actor = Actor(country=spec.country, sector=spec.sector, org=spec.id, cameo=spec.cameo)
        return Candidate(actor, Evidence("kb", f"org:{spec.id}", spec.valid_from, spec.valid_to), ref)

    def person_terms(self, person_id: str, day: date | None) -> list[TermSpec]:
        spec = self.people[person_id]
        return [t for t in spec.roles if t.valid_on(day)]

    def person_actor(self, person_id: str, day: date | None, ref: Ref | None = None) -> Candidate:
        """The person as an actor on ``day``: their office then, or their last/next one."""
        spec = self.people[person_id]
        ref = ref or Ref("person", person_id, "name")
        terms = self.person_terms(person_id, day)
        valid = bool(terms)
        if not terms:
            # Out of office on that date: keep the person and country, without the office.
            nearest = sorted(spec.roles, key=lambda t: abs(((day or t.start) - t.start).days))
            base = nearest[0] if nearest else None
            actor = Actor(country=base.country if base else None, name=spec.names[0])
            ev = Evidence("kb", f"person:{spec.id} (no office on {day})")
            return Candidate(actor, ev, ref, valid=False)
        term = _senior(terms, self.roles)
        actor = Actor(country=term.country, sector=term.sector, org=term.org, name=spec.names[0], role=term.role)
        ev = Evidence("kb", f"person:{spec.id}:{term.role}", term.start, term.end)
        return Candidate(actor, ev, ref, valid=valid)

    def candidates(self, surface: str, day: date | None, *, any_case: bool = False) -> list[Candidate]:
        out: list[Candidate] = []
        for ref in self.refs(surface, any_case=any_case):
            if ref.kind == "country":
                cand = self.country_actor(ref.id, ref)
                spec = self.countries.get(ref.id)
                if spec and day and (
                    (spec.valid_from and day < spec.valid_from) or (spec.valid_to and day > spec.valid_to)
                ):
                    cand = Candidate(cand.actor, cand.evidence, ref, valid=False)
                out.append(cand)
            elif ref.kind == "org":
                cand = self.org_actor(ref.id, ref)
                spec = self.orgs[ref.id]
                if day and ((spec.valid_from and day < spec.valid_from) or (spec.valid_to and day > spec.valid_to)):
                    cand = Candidate(cand.actor, cand.evidence, ref, valid=False)
                out.append(cand)
            else:
                out.append(self.person_actor(ref.id, day, ref))
        return out

    def resolve(self, surface: str, day: date | None, *, prefer: tuple[str, ...] = ()) -> Candidate | None:
        """The best candidate for a name on a date; ``prefer`` lists entry ids already in the story."""
        cands = self.candidates(surface, day)
        if not cands:
            return None
        def score(c: Candidate) -> tuple[int, int, int]:
            return (int(c.ref.id in prefer), int(c.valid), int(c.ref.how in {"name", "abbreviation"}))
        best = max(cands, key=score)
        return best

    def sizes(self) -> dict[str, int]:
        kinds: dict[str, int] = defaultdict(int)
        for org in self.orgs.values():
            kinds[org.kind] += 1
        return {
            "states": sum(1 for c in self.countries.values() if not c.valid_to),
            "historical_states": sum(1 for c in self.countries.values() if c.valid_to),
            "organisations": len(self.orgs),
            **{f"organisations.{k}": v for k, v in sorted(kinds.items())},
            "people": len(self.people),
            "terms": sum(len(p.roles) for p in self.people.values()),
            "roles": len(self.roles),
            "role_titles": len(self.titles),
            "sector_nouns": len(self.sector_nouns),
            "surface_names": len(self.names),
        }

    @property
    def version(self) -> str:
        return "+".join(f"{k}.v{v}" for k, v in sorted(self.versions.items()))


_OFFICE_RANK = {"head_of_state": 0, "head_of_government": 1, "org_head": 2, "foreign_minister": 3}


def _senior(terms: list[TermSpec], roles: dict[str, RoleSpec]) -> TermSpec:
    def rank(t: TermSpec) -> int:
        spec = roles.get(t.role)
        return _OFFICE_RANK.get(spec.office if spec else "", 9)
    return min(terms, key=rank)


def _pycountry_specs() -> dict[str, CountrySpec]:
    specs: dict[str, CountrySpec] = {}
    for c in pycountry.countries:
        names = [c.name]
        for attr in ("common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and value not in names:
                names.append(value)
        specs[c.alpha_3] = CountrySpec(code=c.alpha_3, names=names)
    return specs


def _merge_country(base: CountrySpec | None, extra: CountrySpec) -> CountrySpec:
    if base is None:
        return extra
    names = list(dict.fromkeys([*base.names, *extra.names]))
    return extra.model_copy(update={"names": names})


def build(extra_files: tuple[Path, ...] = (), data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """Load and validate the knowledge base from ``data_dir`` plus a user's own files."""
    started = time.perf_counter()
    kb = KnowledgeBase()
    countries = _pycountry_specs()
    path = data_dir / "countries.yaml"
    if path.exists():
        kb.versions["countries"], entries = load_entries(path, "countries", CountrySpec)
        for spec in entries:
            countries[spec.code] = _merge_country(countries.get(spec.code), spec)
    orgs: dict[str, OrgSpec] = {}
    path = data_dir / "organisations.yaml"
    if path.exists():
        kb.versions["organisations"], org_entries = load_entries(path, "organisations", OrgSpec)
        orgs.update((o.id, o) for o in org_entries)
    people: dict[str, PersonSpec] = {}
    for path in sorted((data_dir / "people").glob("*.yaml")):
        version, person_entries = load_entries(path, "people", PersonSpec)
        kb.versions[f"people/{path.stem}"] = version
        for person in person_entries:
            if person.id in people:
                raise KnowledgeError(f"person id {person.id!r} is defined twice; ids must be unique", path=path)
            people[person.id] = person
    roles: list[RoleSpec] = []
    path = data_dir / "roles.yaml"
    if path.exists():
        kb.versions["roles"], roles = load_entries(path, "roles", RoleSpec)
    sectors: list[SectorSpec] = []
    path = data_dir / "sectors.yaml"
    if path.exists():
        kb.versions["sectors"], sectors = load_entries(path, "sectors", SectorSpec)
    for extra in extra_files:
        _load_user_file(extra, countries, orgs, people, roles, sectors)
    for spec in countries.values():
        kb.add_country(spec)
    for org in orgs.values():
        kb.add_org(org)
    for org in orgs.values():
        if org.parent and org.parent not in orgs:
            raise KnowledgeError(f"organ {org.id!r} names a parent {org.parent!r} that is not defined")
    for person in people.values():
        kb.add_person(person)
    for role in roles:
        kb.add_role(role)
    for sector in sectors:
        kb.add_sector(sector)
    kb.load_seconds = time.perf_counter() - started
    return kb


def _load_user_file(
    path: Path,
    countries: dict[str, CountrySpec],
    orgs: dict[str, OrgSpec],
    people: dict[str, PersonSpec],
    roles: list[RoleSpec],
    sectors: list[SectorSpec],
) -> None:
    """A user's actor file: any of the sections countries/organisations/people/roles/sectors."""
    data = read_yaml(path)
    sections = {"countries", "organisations", "people", "roles", "sectors"} & set(data)
    if not sections:
        raise KnowledgeError(
            "an actor file needs at least one of countries:, organisations:, people:, roles:, sectors:",
            path=path,
        )
    if "countries" in data:
        for spec in load_entries(path, "countries", CountrySpec)[1]:
            countries[spec.code] = _merge_country(countries.get(spec.code), spec)
    if "organisations" in data:
        orgs.update((o.id, o) for o in load_entries(path, "organisations", OrgSpec)[1])
    if "people" in data:
        people.update((p.id, p) for p in load_entries(path, "people", PersonSpec)[1])
    if "roles" in data:
        roles.extend(load_entries(path, "roles", RoleSpec)[1])
    if "sectors" in data:
        sectors.extend(load_entries(path, "sectors", SectorSpec)[1])


@lru_cache(maxsize=8)
def load_kb(extra_files: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The knowledge base, loaded once per process for a given set of user files (from the
    disk cache while the files are unchanged, see ``knowledge._cache``)."""
    return cached("kb", [*sorted(DATA_DIR.rglob("*.yaml")), *extra_files], lambda: build(extra_files))
