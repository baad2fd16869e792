"""The event ontology (PLOVER types, modes, contexts; the CAMEO codebook) and triggers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import KnowledgeError
from ._cache import cached
from ._files import DATA_DIR, load_entries

SLOT = re.compile(
    r"^(subj|dobj|iobj|poss|compound|amod|agent|governor\.subj|ccomp\.subj|xcomp|each_other"
    r"|prep:[a-z_]+|dobj\.prep:[a-z_]+|pobj\.prep:[a-z_]+|object_actor)$"
)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModeSpec(_Spec):
    name: str
    scale: float | None = None
    cameo: str | None = None
    description: str | None = None


class TypeSpec(_Spec):
    name: str
    quad: int = Field(ge=1, le=4)
    scale: float
    needs_target: bool = False
    cameo: str | None = None
    description: str = ""
    modes: list[ModeSpec] = Field(default_factory=list)

    def mode(self, name: str | None) -> ModeSpec | None:
        return next((m for m in self.modes if m.name == name), None)


class ContextSpec(_Spec):
    name: str
    description: str = ""
    cues: list[str] = Field(default_factory=list)


class PloverMap(_Spec):
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)


class CameoSpec(_Spec):
    code: str
    name: str
    goldstein: float | None = None
    plover: PloverMap | None = None

    @field_validator("code")
    @classmethod
    def _digits(cls, value: str) -> str:
        if not re.fullmatch(r"\d{2,4}", value):
            raise ValueError(f"CAMEO code must be 2-4 digits as a string, not {value!r}")
        return value


class TriggerSpec(_Spec):
    """An event trigger and its argument frame (see communique/frames.py)."""

    lemma: str  # "accuse", "call on", "sanction"; extra words are particles/prepositions
    pos: Literal["VERB", "NOUN", "ADJ"] = "VERB"
    type: str
    mode: str | None = None
    cameo: str | None = None
    source: list[str] | None = None  # slots in order of preference; None: the default for pos
    target: list[str] | None = None
    contexts: list[str] = Field(default_factory=list)
    speech: bool = False  # a speech act: the target may be the subject of its that-clause
    symmetric: bool = False  # "X and Y met" gives X->Y and Y->X
    mutual: bool = False  # "X negotiated with Y" also gives Y->X: the deed needs both sides
    complement: list[str] = Field(default_factory=list)  # required complement words ("consider ... invalid")
    object_is: Literal["actor", "event", "thing", "any"] | None = None  # what the direct object must be
    place_target: bool = False  # "condolences over the bombing in Madrid": the place of the deed its target phrase names
    confidence: float = Field(default=0.6, ge=0, le=1)

    @field_validator("source", "target")
    @classmethod
    def _slots(cls, value: list[str] | None) -> list[str] | None:
        for slot in value or ():
            if not SLOT.match(slot):
                raise ValueError(f"unknown argument slot {slot!r}")
        return value


class IntentSpec(_Spec):
    type: str
    becomes: Literal["AGREE", "THREATEN"]
    cameo: str
    # a future the narrator reports ("will meet on Monday") rather than one the actor states:
    # still an intent, or the deed itself in the future mode (scheduled meetings, deliveries)
    narrated: Literal["intent", "deed"] = "intent"


class RefusalSpec(_Spec):
    type: str
    mode: str


@dataclass
class Ontology:
    types: dict[str, TypeSpec] = field(default_factory=dict)
    contexts: dict[str, ContextSpec] = field(default_factory=dict)
    cameo: dict[str, CameoSpec] = field(default_factory=dict)
    triggers: list[TriggerSpec] = field(default_factory=list)
    intents: dict[str, IntentSpec] = field(default_factory=dict)
    refusals: dict[str, RefusalSpec] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return "+".join(f"{k}.v{v}" for k, v in sorted(self.versions.items()))

    def cameo_for(self, type_name: str, mode: str | None, code: str | None) -> str | None:
        if code:
            return code
        spec = self.types.get(type_name)
        if spec is None:
            return None
        mode_spec = spec.mode(mode)
        return (mode_spec.cameo if mode_spec and mode_spec.cameo else None) or spec.cameo

    def scale(self, type_name: str, mode: str | None) -> float:
        spec = self.types[type_name]
        mode_spec = spec.mode(mode)
        return mode_spec.scale if mode_spec and mode_spec.scale is not None else spec.scale


_WORD = re.compile(r"\w+")
_WORD_ENDS = re.compile(r"\w(?:.*\w)?", re.S)


@dataclass(frozen=True)
class CueIndex:
    """The contexts whose cue words a text has: those a search for ``\\b(?:cue|...)\\b`` over
    the lower-cased text would find, one search per context. A cue that starts and ends with a
    word character can match only from the start of one of the text's words to the end of one, so
    the text's words are looked up once among the cues' first words instead (a search for each of
    37 contexts per sentence took 0.43 s CPU per 1,000 news articles; this takes 0.07 s)."""

    names: tuple[str, ...]  # the contexts that have cues, in the ontology's order
    by_first_word: dict[str, tuple[tuple[str, str], ...]]  # a cue's first word -> (cue, context)
    searched: dict[str, re.Pattern[str]]  # per context, its cues of another shape, searched

    def contexts(self, text: str) -> tuple[str, ...]:
        low = text.lower()
        found: set[str] = set()
        for word in _WORD.finditer(low):
            at = word.start()
            for cue, name in self.by_first_word.get(word.group(), ()):
                if name not in found and low.startswith(cue, at) and _WORD.match(low, at + len(cue)) is None:
                    found.add(name)
        return tuple(name for name in self.names
                     if name in found or (name in self.searched and self.searched[name].search(low)))


def cue_index(contexts: dict[str, ContextSpec]) -> CueIndex:
    names: list[str] = []
    by_first_word: dict[str, list[tuple[str, str]]] = {}
    searched: dict[str, re.Pattern[str]] = {}
    for name, spec in contexts.items():
        if not spec.cues:
            continue
        names.append(name)
        others = []
        for cue in (c.lower() for c in spec.cues):
            first = _WORD.match(cue)
            if first is not None and _WORD_ENDS.fullmatch(cue):
                by_first_word.setdefault(first.group(), []).append((cue, name))
            else:
                others.append(cue)
        if others:
            alts = "|".join(re.escape(c) for c in sorted(others, key=len, reverse=True))
            searched[name] = re.compile(rf"\b(?:{alts})\b")
    return CueIndex(tuple(names), {k: tuple(v) for k, v in by_first_word.items()}, searched)


def build(data_dir: Path = DATA_DIR, extra_triggers: tuple[Path, ...] = ()) -> Ontology:
    onto = Ontology()
    path = data_dir / "plover.yaml"
    onto.versions["plover"], types = load_entries(path, "types", TypeSpec)
    onto.types = {t.name: t for t in types}
    _, contexts = load_entries(path, "contexts", ContextSpec)
    onto.contexts = {c.name: c for c in contexts}
    path = data_dir / "cameo.yaml"
    onto.versions["cameo"], codes = load_entries(path, "codes", CameoSpec)
    onto.cameo = {c.code: c for c in codes}
    for c in codes:
        if c.plover and c.plover.type not in onto.types:
            raise KnowledgeError(f"CAMEO {c.code} maps to unknown PLOVER type {c.plover.type!r}", path=path)
    onto.versions["intent"], intents = load_entries(data_dir / "intent.yaml", "intents", IntentSpec)
    onto.intents = {i.type: i for i in intents}
    _, refusals = load_entries(data_dir / "intent.yaml", "refusals", RefusalSpec)
    onto.refusals = {r.type: r for r in refusals}
    for tpath in (*sorted((data_dir / "triggers").glob("*.yaml")), *extra_triggers):
        version, triggers = load_entries(tpath, "triggers", TriggerSpec)
        onto.versions[f"triggers/{tpath.stem}"] = version
        for trig in triggers:
            spec = onto.types.get(trig.type)
            if spec is None:
                raise KnowledgeError(f"trigger {trig.lemma!r}: unknown PLOVER type {trig.type!r}", path=tpath)
            if trig.mode and spec.mode(trig.mode) is None:
                raise KnowledgeError(
                    f"trigger {trig.lemma!r}: {trig.type} has no mode {trig.mode!r} "
                    f"(modes: {', '.join(m.name for m in spec.modes) or 'none'})", path=tpath,
                )
            if trig.cameo and trig.cameo not in onto.cameo:
                raise KnowledgeError(f"trigger {trig.lemma!r}: CAMEO code {trig.cameo!r} is not in cameo.yaml", path=tpath)
            for ctx in trig.contexts:
                if ctx not in onto.contexts:
                    raise KnowledgeError(f"trigger {trig.lemma!r}: unknown context {ctx!r}", path=tpath)
            onto.triggers.append(trig)
    return onto


@lru_cache(maxsize=4)
def load_ontology(extra_triggers: tuple[Path, ...] = ()) -> Ontology:
    """The ontology and trigger dictionary, loaded once per process (from the disk cache while
    the files are unchanged, see ``knowledge._cache``)."""
    return cached("ontology", [*sorted(DATA_DIR.rglob("*.yaml")), *extra_triggers],
                  lambda: build(extra_triggers=extra_triggers))
