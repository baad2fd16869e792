"""The knowledge base: the package's files load and validate, user actor files add entries,
malformed user files fail with a KnowledgeError naming the file and the line.

The people in the user files here are fictional.
"""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from communique.errors import KnowledgeError
from communique.ingest import parse_text_article
from communique.knowledge import kb as kb_module
from communique.knowledge import load_lexicon, load_ontology
from communique.pipeline import Pipeline

NEW_PERSON = """\
version: 1
people:
  - id: anton-vesely
    names: [Anton Vesely, Antonin Vesely]
    short: [Vesely]
    gender: male
    roles:
      - {role: minister, country: CZE, org: null, sector: GOV, start: 2021-03-01, end: 2023-06-30}
"""


@pytest.fixture(scope="module")
def base():
    return kb_module.build()


def test_package_knowledge_loads(base) -> None:
    assert base.versions
    assert all(isinstance(v, int) for v in base.versions.values())
    assert load_ontology().types
    assert load_lexicon().version >= 1


@pytest.mark.parametrize(("kind", "minimum"), [("states", 249), ("organisations", 120), ("people", 1000)])
def test_sizes(base, kind: str, minimum: int) -> None:
    assert base.sizes()[kind] >= minimum


def test_loading_records_its_time() -> None:
    # the figure itself is printed by benchmarks/bench_actors.py: a timed assertion here would
    # fail on a busy machine, not on slow code
    started = time.perf_counter()
    built = kb_module.build()
    assert 0 < built.load_seconds <= time.perf_counter() - started


@pytest.mark.parametrize("code", ["UKR", "RUS", "USA", "CHN", "NGA", "BRA"])
def test_countries_have_names(base, code: str) -> None:
    assert base.countries[code].names


# (case id, file text, expected line, fragments the message must contain)
MALFORMED = [
    ("bad-sector", """\
version: 1
people:
  - id: good-person
    names: [Good Person]
    roles:
      - {role: minister, country: CZE, sector: GOV, start: 2020-01-01}
  - id: bad-sector
    names: [Bad Sector]
    roles:
      - {role: minister, country: CZE, sector: XYZ, start: 2020-01-01}
""", 7, ["bad-sector", "sector", "XYZ"]),
    ("missing-version", """\
people:
  - id: no-version
    names: [No Version]
""", 1, ["version"]),
    ("end-before-start", """\
version: 1
people:
  - id: time-traveller
    names: [Time Traveller]
    roles:
      - {role: minister, country: CZE, sector: GOV, start: 2020-01-01, end: 2019-01-01}
""", 3, ["time-traveller", "before"]),
    ("bad-country-code", """\
version: 1
organisations:
  - id: RIVERCOM
    kind: igo
    country: igo
    names: [River Commission]
""", 3, ["RIVERCOM", "country"]),
    ("unknown-field", """\
version: 1
people:
  - id: typo-person
    nmaes: [Typo Person]
""", 3, ["typo-person"]),
    ("empty-names", """\
version: 1
people:
  - id: nameless
    names: []
""", 3, ["nameless", "names"]),
    ("bad-org-kind", """\
version: 1
organisations:
  - id: CLUB
    kind: club
    country: NGO
    names: [The Club]
""", 3, ["CLUB", "kind"]),
    ("bad-yaml", """\
version: 1
people:
  - id: broken
    names: [Broken Person
""", None, ["YAML"]),
]


@pytest.mark.parametrize(("text", "line", "fragments"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_malformed_user_file_names_file_and_line(tmp_path: Path, text: str, line: int | None,
                                                 fragments: list[str]) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    no_package_data = tmp_path / "no-data"  # only the user file is read: fast
    no_package_data.mkdir()
    with pytest.raises(KnowledgeError) as info:
        kb_module.build(extra_files=(path,), data_dir=no_package_data)
    err = info.value
    message = str(err)
    assert str(path) in message
    assert err.path == str(path)
    if line is not None:
        assert err.line == line
        assert f"{path}:{line}" in message
    else:
        assert err.line is not None
    for fragment in fragments:
        assert fragment in message


def test_malformed_user_file_fails_with_the_package_data_too(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(MALFORMED[0][1], encoding="utf-8")
    with pytest.raises(KnowledgeError, match=re.escape(f"{path}:7")):
        kb_module.build(extra_files=(path,))


def test_user_file_without_sections_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("version: 1\nthings: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=re.escape(str(path))):
        kb_module.build(extra_files=(path,))


@pytest.fixture(scope="module")
def user_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("actors") / "people.yaml"
    path.write_text(NEW_PERSON, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extended(user_file: Path):
    return kb_module.build(extra_files=(user_file,))


# (surface name, date, expected actor fields, valid on the date)
NEW_PERSON_CASES = [
    ("Anton Vesely", date(2022, 1, 1), {"country": "CZE", "sector": "GOV", "name": "Anton Vesely", "role": "minister"}, True),
    ("Antonin Vesely", date(2022, 1, 1), {"country": "CZE", "name": "Anton Vesely", "role": "minister"}, True),
    ("Vesely", date(2022, 1, 1), {"country": "CZE", "name": "Anton Vesely"}, True),
    ("Anton Vesely", date(2024, 1, 1), {"country": "CZE", "name": "Anton Vesely", "role": None}, False),
    ("Anton Vesely", date(2020, 1, 1), {"country": "CZE", "name": "Anton Vesely", "role": None}, False),
]


@pytest.mark.parametrize(("surface", "day", "expected", "valid"), NEW_PERSON_CASES,
                         ids=[f"{c[0]}@{c[1]}" for c in NEW_PERSON_CASES])
def test_user_file_adds_a_person(extended, surface: str, day: date, expected: dict, valid: bool) -> None:
    found = extended.resolve(surface, day)
    assert found is not None
    assert {k: getattr(found.actor, k) for k in expected} == expected
    assert found.valid is valid


def test_user_person_is_absent_from_the_base(base) -> None:
    assert base.resolve("Anton Vesely", date(2022, 1, 1)) is None


def test_user_file_keeps_the_base(base, extended) -> None:
    assert extended.sizes()["people"] == base.sizes()["people"] + 1
    merkel = extended.resolve("Angela Merkel", date(2010, 1, 1))
    assert merkel is not None and merkel.actor.role == "chancellor"


def test_pipeline_with_user_file_resolves_the_new_person(pipeline, user_file: Path) -> None:
    extended = Pipeline(actor_files=(user_file,))
    article = parse_text_article("Czech minister Anton Vesely criticized Hungary on Monday.", published=date(2022, 3, 2))
    coded = extended.code(article)
    actors = [m.actor for m in coded.mentions if m.actor and m.actor.name == "Anton Vesely"]
    assert actors and actors[0].country == "CZE"
    accuse = [e for e in coded.events if e.type == "ACCUSE"]
    assert accuse and accuse[0].source.name == "Anton Vesely" and accuse[0].target.country == "HUN"


def test_user_entry_with_the_same_id_replaces_the_base_entry(tmp_path: Path) -> None:
    path = tmp_path / "override.yaml"
    path.write_text("""\
version: 1
people:
  - id: angela-merkel
    names: [Angela Merkel]
    short: [Merkel]
    gender: female
    roles:
      - {role: foreign minister, country: DEU, sector: GOV, start: 2001-01-01, end: 2002-01-01}
""", encoding="utf-8")
    built = kb_module.build(extra_files=(path,))
    assert built.resolve("Angela Merkel", date(2001, 6, 1)).actor.role == "foreign minister"
    assert built.resolve("Angela Merkel", date(2010, 6, 1)).actor.role is None


CUE_TEXTS = [
    "The Army shelled the town.",  # capitals, a one-word cue
    "Armys of clerks marched.",  # a cue inside a longer word: no match
    "They disarmed the militia.",  # a cue at the end of a longer word: no match
    "Air  force jets flew.",  # two spaces: not the cue "air force"
    "The air force and the ARMED FORCES met.",  # two-word cues
    "A by-election and anti-gay laws.",  # hyphenated cues
    "They voted;army units watched",  # a cue after punctuation, at the end
    "5g masts, (bribery) and the_army.",  # digits, brackets; an underscore joins words
    "",
]


@pytest.mark.parametrize("text", CUE_TEXTS)
def test_cue_index_finds_what_a_search_per_context_finds(text):
    from communique.knowledge.ontology import ContextSpec, cue_index

    contexts = dict(load_ontology().contexts)
    # cues that do not start and end with a word character are searched as before
    contexts["odd"] = ContextSpec(name="odd", cues=["u.s.", "#metoo", "army", "-ish"])
    searches = []
    for name, spec in contexts.items():
        if spec.cues:
            alts = "|".join(re.escape(c.lower()) for c in sorted(spec.cues, key=len, reverse=True))
            searches.append((name, re.compile(rf"\b(?:{alts})\b")))
    expected = tuple(name for name, pattern in searches if pattern.search(text.lower()))
    assert cue_index(contexts).contexts(text) == expected
    assert cue_index(contexts).contexts(text + " the U.S. said #MeToo") == tuple(
        name for name, pattern in searches if pattern.search((text + " the U.S. said #MeToo").lower()))
