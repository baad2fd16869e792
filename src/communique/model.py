"""The data model: frozen dataclasses shared by every pipeline stage.

Mentions, quotes, times and events point into ``Article.text`` by character offsets
(``start`` inclusive, ``end`` exclusive); the text itself is never copied except as a
convenience ``text`` field on small spans.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# PLOVER sectors that name an agent of a country for CAMEO actor codes.
_CAMEO_AGENT = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "LEG": "LEG", "JUD": "JUD", "PTY": "PTY",
    "REB": "REB", "SPY": "SPY", "OPP": "OPP", "CVL": "CVL", "MED": "MED", "JRN": "MED",
    "BUS": "BUS", "NGO": "NGO", "REF": "REF", "REL": "REL", "LAB": "LAB", "EDU": "EDU",
    "ELI": "ELI", "CRM": "CRM", "AGR": "AGR", "UAF": "UAF", "PRM": "MIL", "SOC": "CVL",
}


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an article came from: a file and, for record files, the line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: metadata and body text with paragraph offsets."""

    id: str
    text: str
    title: str | None = None
    byline: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    language: str = "en"
    paragraphs: tuple[tuple[int, int], ...] = ()
    origin: Origin | None = None
    notes: tuple[str, ...] = ()  # e.g. "decoded as Latin-1"


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor in PLOVER terms.

    ``country`` is ISO 3166 alpha-3 or a PLOVER non-state code (IGO, UNO, EUR, NGO, MNC,
    ISM, IMG); ``sector`` a PLOVER sector; ``org`` a short organisation id, dotted for
    organs (``OSCE.PA``); ``name`` a person; ``role`` the office the person holds.
    """

    country: str | None = None
    sector: str | None = None
    org: str | None = None
    name: str | None = None
    role: str | None = None
    cameo: str | None = field(default=None, compare=False)  # the knowledge base's CAMEO code, if any

    @property
    def code(self) -> str:
        """CAMEO-style actor code: country root + agent (RUSGOV, IGOUNO, NGO...)."""
        root = self.country or "---"
        if self.cameo and not (self.cameo.startswith("---") and self.country):
            return self.cameo
        if self.cameo and root not in {"IGO", "UNO", "EUR"}:
            return root + self.cameo[3:]  # a country learnt after the knowledge base's code ("---GOV")
        if root in {"IGO", "UNO", "EUR"}:
            base = "IGO" + ("UNO" if root == "UNO" else "EUR" if root == "EUR" else "")
            return base
        agent = _CAMEO_AGENT.get(self.sector or "", "")
        if root == "NGO" and agent == "NGO":
            agent = ""
        return root + agent

    def key(self) -> tuple[str | None, str | None, str | None, str | None]:
        """Identity used to compare actors (the role does not make a different actor)."""
        return (self.country, self.sector, self.org, self.name)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {
            "country": self.country, "sector": self.sector, "org": self.org,
            "name": self.name, "role": self.role, "code": self.code, "text": text,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a mention resolved to its actor.

    kind: ``kb`` (knowledge-base entry valid on the date), ``title`` (role noun and
    modifier words), ``alias`` (a surname or short form met earlier), ``coref`` (pronoun
    or definite description linked to an antecedent), ``sector`` (sector noun and its
    country modifier).
    """

    kind: str
    entry_id: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    words: tuple[str, ...] = ()
    antecedent: tuple[int, int] | None = None

    def describe(self) -> str:
        parts = [self.kind]
        if self.entry_id:
            span = ""
            if self.valid_from or self.valid_to:
                span = f" [{self.valid_from or '...'} to {self.valid_to or 'today'}]"
            parts.append(f"entry {self.entry_id}{span}")
        words = [w for w in self.words if w]
        if words:
            parts.append("words: " + ", ".join(words))
        if self.antecedent:
            parts.append(f"antecedent at {self.antecedent[0]}-{self.antecedent[1]}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that can name an actor, with the actor it resolved to (or None)."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str  # name | title | capital | demonym | sector | org | pronoun | description
    actor: Actor | None = None
    evidence: Evidence | None = None
    head: int | None = None  # token index (in the doc) of the span's syntactic head


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "geonames_id": self.geonames_id}


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression and the date it resolves to."""

    article_id: str
    text: str
    start: int
    end: int
    date: date | None
    precision: str  # day | month | year | before | publication


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    article_id: str
    text: str
    start: int
    end: int
    direct: bool
    speaker: Actor | None
    speaker_text: str | None = None
    cue: str | None = None
    medium: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    article_id: str
    sentence: int
    start: int  # sentence span in the article body
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    type: str
    mode: str | None
    cameo: str | None
    quad_code: int
    event_scale: float
    source: Actor | None
    target: Actor | None
    source_text: str | None = None
    target_text: str | None = None
    contexts: tuple[str, ...] = ()
    date: date | None = None
    date_precision: str | None = None
    location: Place | None = None
    negated: bool = False
    modality: str | None = None  # None (asserted) | future | hypothetical | conditional | demanded | denied | alleged
    reported: bool = False
    historical: bool = False
    quote_id: str | None = None
    reported_by: Actor | None = None
    confidence: float = 0.5
    coder: str = ""
    evidence: tuple[int, ...] = ()  # sentence indices that report this event

    @property
    def exported(self) -> bool:
        """Whether the event belongs in the default export (asserted, not negated)."""
        return not self.negated and self.modality not in {"hypothetical", "conditional", "denied", "demanded", "alleged"}


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """Everything the pipeline found in one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


def plain(obj: Any) -> Any:
    """A dataclass as plain JSON-ready values (dates as ISO strings)."""
    if hasattr(obj, "__dataclass_fields__"):
        obj = asdict(obj)
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
