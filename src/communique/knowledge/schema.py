"""Schemas of the knowledge files (documented in communique/data/README.md)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SECTORS = frozenset(
    ["GOV", "MIL", "COP", "LEG", "JUD", "PTY", "REB", "SPY", "UAF", "PRM", "OPP", "CVL", "MED", "JRN", "BUS", "NGO", "REF", "REL", "LAB", "EDU", "ELI", "CRM", "AGR", "SOC", "PRE", "UNK"]
)
NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC", "ISM", "IMG"})


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_sector(value: str | None) -> str | None:
    if value is not None and value not in SECTORS:
        raise ValueError(f"unknown PLOVER sector {value!r} (one of {', '.join(sorted(SECTORS))})")
    return value


def _check_country(value: str | None) -> str | None:
    if value is not None and not (len(value) == 3 and value.isupper()):
        raise ValueError(f"country must be a 3-letter upper-case code, not {value!r}")
    return value


class CountrySpec(_Entry):
    code: str
    names: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    ambiguous_capitals: list[str] = Field(default_factory=list)
    seats: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)  # provinces, states, regions: the country as a place
    peoples: list[str] = Field(default_factory=list)  # adjectives of peoples living (almost) only in it
    people_plurals: list[str] = Field(default_factory=list)  # their plural nouns ("Chechens")
    valid_from: date | None = None
    valid_to: date | None = None

    _code = field_validator("code")(_check_country)


class OrgSpec(_Entry):
    id: str
    kind: Literal["igo", "organ", "ngo", "armed_group", "party", "agency", "company", "media"]
    country: str
    sector: str | None = None
    names: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    descriptions: list[str] = Field(default_factory=list)
    seat: str | None = None
    cameo: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    _sector = field_validator("sector")(_check_sector)
    _country = field_validator("country")(_check_country)

    @property
    def parent(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if "." in self.id else None


class TermSpec(_Entry):
    role: str
    country: str
    sector: str = "GOV"
    org: str | None = None
    start: date
    end: date | None = None

    _sector = field_validator("sector")(_check_sector)
    _country = field_validator("country")(_check_country)

    @model_validator(mode="after")
    def _dates(self) -> TermSpec:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"term ends ({self.end}) before it starts ({self.start})")
        return self

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return self.start <= day and (self.end is None or day <= self.end)


class PersonSpec(_Entry):
    id: str
    names: list[str] = Field(min_length=1)
    short: list[str] = Field(default_factory=list)
    gender: Literal["male", "female"] | None = None
    roles: list[TermSpec] = Field(default_factory=list)


class RoleSpec(_Entry):
    role: str
    titles: list[str] = Field(min_length=1)
    sector: str | None = None
    office: str = "other"

    _sector = field_validator("sector")(_check_sector)


class SectorSpec(_Entry):
    sector: str
    nouns: list[str] = Field(min_length=1)
    country: str | None = None

    _sector = field_validator("sector")(_check_sector)
