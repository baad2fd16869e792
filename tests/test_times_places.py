"""Grounding: time expressions resolved against the publication date, place names resolved
to countries, and the date and place attached to events in context.

Every sentence is written for these tests; the events in them are invented.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from communique.places import lookup
from communique.times import resolve

WED_2019_01_02 = date(2019, 1, 2)  # a Wednesday, two days into the year
MON_2019_03_04 = date(2019, 3, 4)  # a Monday, four days into the month

# (expression, publication date, expected date, expected precision)
RESOLVE = [
    # weekdays: the most recent such day on or before publication, across year and month boundaries
    ("Monday", WED_2019_01_02, date(2018, 12, 31), "day"),
    ("Sunday", WED_2019_01_02, date(2018, 12, 30), "day"),
    ("Friday", WED_2019_01_02, date(2018, 12, 28), "day"),
    ("Wednesday", WED_2019_01_02, date(2019, 1, 2), "day"),
    ("Sunday", MON_2019_03_04, date(2019, 3, 3), "day"),
    ("Thursday", MON_2019_03_04, date(2019, 2, 28), "day"),
    ("Tuesday night", date(2019, 5, 2), date(2019, 4, 30), "day"),
    # next / last
    ("next Monday", MON_2019_03_04, date(2019, 3, 11), "day"),
    ("next Friday", WED_2019_01_02, date(2019, 1, 4), "day"),
    ("last Monday", MON_2019_03_04, date(2019, 2, 25), "day"),
    # relative days, including a leap day and a year boundary
    ("yesterday", date(2019, 3, 1), date(2019, 2, 28), "day"),
    ("yesterday", date(2020, 3, 1), date(2020, 2, 29), "day"),
    ("yesterday", date(2019, 1, 1), date(2018, 12, 31), "day"),
    ("last night", date(2019, 5, 2), date(2019, 5, 1), "day"),
    ("today", date(2019, 1, 1), date(2019, 1, 1), "day"),
    ("this morning", date(2019, 5, 2), date(2019, 5, 2), "day"),
    ("tomorrow", date(2019, 12, 31), date(2020, 1, 1), "day"),
    # weeks, months and years
    ("last week", date(2019, 1, 1), None, "before"),
    ("last month", date(2019, 1, 15), date(2018, 12, 1), "month"),
    ("earlier this month", date(2019, 1, 12), date(2019, 1, 1), "month"),
    ("last year", date(2019, 5, 5), date(2018, 1, 1), "year"),
    ("earlier this year", date(2019, 5, 2), date(2019, 1, 1), "year"),
    # explicit dates without a year: the previous year when the date would be months ahead
    ("March 3", date(2019, 1, 15), date(2018, 3, 3), "day"),
    ("March 3", date(2019, 4, 15), date(2019, 3, 3), "day"),
    ("December 24", WED_2019_01_02, date(2018, 12, 24), "day"),
    ("Jan. 3", date(2019, 2, 2), date(2019, 1, 3), "day"),
    ("June 30", date(2019, 7, 1), date(2019, 6, 30), "day"),
    ("December", date(2019, 1, 5), date(2018, 12, 1), "month"),
    ("May", date(2019, 8, 2), date(2019, 5, 1), "month"),
    # explicit dates with a year, and bare years
    ("March 2017", WED_2019_01_02, date(2017, 3, 1), "month"),
    ("5 March 2015", WED_2019_01_02, date(2015, 3, 5), "day"),
    ("Sept. 11, 2001", date(2019, 5, 2), date(2001, 9, 11), "day"),
    ("1997", WED_2019_01_02, date(1997, 1, 1), "year"),
    ("a 1997", WED_2019_01_02, date(1997, 1, 1), "year"),
    ("in 2014", WED_2019_01_02, date(2014, 1, 1), "year"),
    # some time before publication, no day
    ("earlier", WED_2019_01_02, None, "before"),
    ("previously", WED_2019_01_02, None, "before"),
]


@pytest.mark.parametrize(("text", "published", "expected", "precision"), RESOLVE,
                         ids=[f"{c[0]}@{c[1].isoformat()}" for c in RESOLVE])
def test_resolve(text: str, published: date, expected: date | None, precision: str) -> None:
    assert resolve(text, published) == (expected, precision)


def test_a_year_resolves_without_a_publication_date() -> None:
    assert resolve("1997", None) == (date(1997, 1, 1), "year")


def test_a_weekday_needs_a_publication_date() -> None:
    assert resolve("Monday", None) is None


# (text, publication date, event type, expected event date, expected precision)
EVENT_DATES = [
    ("Indian police arrested 20 protesters on Sunday.", MON_2019_03_04, "COERCE", date(2019, 3, 3), "day"),
    ("Kenya praised the agreement yesterday.", date(2019, 1, 1), "SUPPORT", date(2018, 12, 31), "day"),
    ("Egypt criticized Ethiopia on Friday.", WED_2019_01_02, "ACCUSE", date(2018, 12, 28), "day"),
    ("Turkey praised Qatar on March 3.", date(2019, 1, 15), "SUPPORT", date(2018, 3, 3), "day"),
    ("Kenya and Uganda agreed on June 30 to reopen the border.", date(2019, 7, 1), "AGREE", date(2019, 6, 30), "day"),
    ("Japan and Russia will hold talks next Monday.", MON_2019_03_04, "CONSULT", date(2019, 3, 11), "day"),
    ("Germany criticized Poland last month.", date(2019, 5, 2), "ACCUSE", date(2019, 4, 1), "month"),
    ("Russia expelled two Latvian diplomats last week.", WED_2019_01_02, "SANCTION", None, "before"),
    ("Earlier, Brazil urged Venezuela to hold new elections.", WED_2019_01_02, "REQUEST", None, "before"),
    # "a 1997 agreement" dates the agreement, not the expulsion
    ("Latvia expelled two Russian diplomats under a 1997 agreement.", WED_2019_01_02, "SANCTION",
     WED_2019_01_02, "publication"),
    # a year in another clause does not date the event
    ("In 2014, Russia annexed Crimea, and on Wednesday Ukraine criticized Russia.", date(2019, 5, 2), "ACCUSE",
     date(2019, 5, 1), "day"),
    ("In 2014, Russia annexed Crimea, and on Wednesday Ukraine criticized Russia.", date(2019, 5, 2), "COERCE",
     date(2014, 1, 1), "year"),
    ("Moscow criticized the decision.", date(2019, 6, 4), "ACCUSE", date(2019, 6, 4), "publication"),
]


@pytest.mark.parametrize(("text", "published", "etype", "expected", "precision"), EVENT_DATES,
                         ids=[c[0][:50] for c in EVENT_DATES])
def test_event_date_in_context(code, text: str, published: date, etype: str, expected: date | None,
                               precision: str) -> None:
    events = [e for e in code(text, published=published).events if e.type == etype]
    assert events
    assert {(e.date, e.date_precision) for e in events} == {(expected, precision)}


def test_times_are_listed_with_their_text(code) -> None:
    coded = code("Latvia expelled two Russian diplomats under a 1997 agreement on Sunday.", published=MON_2019_03_04)
    found = {(t.text, t.date, t.precision) for t in coded.times}
    assert ("Sunday", date(2019, 3, 3), "day") in found
    assert ("1997", date(1997, 1, 1), "year") in found


# (place name, countries the article is about, qualifier, expected country)
LOOKUP = [
    ("Paris", Counter(), None, "FRA"),
    # a bigger namesake wins over the article's country unless a qualifier decides
    ("Paris", Counter({"USA": 3}), None, "FRA"),
    ("Paris", Counter({"USA": 3}), "Texas", "USA"),
    ("Paris", Counter(), "France", "FRA"),
    ("Alexandria", Counter(), None, "EGY"),
    ("Alexandria", Counter(), "Virginia", "USA"),
    ("Georgia", Counter(), None, "GEO"),
    ("Tripoli", Counter(), None, "LBY"),
    ("Tripoli", Counter({"LBN": 2}), None, "LBN"),
    ("Hyderabad", Counter(), None, "IND"),
    ("Hyderabad", Counter({"PAK": 1}), None, "PAK"),
    ("Birmingham", Counter(), None, "GBR"),
    ("Birmingham", Counter({"USA": 1}), None, "USA"),
    ("Vienna", Counter(), None, "AUT"),
    ("Kyiv", Counter(), None, "UKR"),
    ("Gaza", Counter(), None, "PSE"),
    ("Minsk", Counter(), None, "BLR"),
    ("Ivory Coast", Counter(), None, "CIV"),
]


@pytest.mark.parametrize(("name", "prefer", "qualifier", "country"), LOOKUP,
                         ids=[f"{c[0]}-{'-'.join(c[1]) or 'none'}-{c[2]}" for c in LOOKUP])
def test_lookup(name: str, prefer: Counter, qualifier: str | None, country: str) -> None:
    place = lookup(name, prefer, qualifier) if qualifier else lookup(name, prefer)
    assert place is not None
    assert place.country == country


def test_unknown_place_is_none() -> None:
    assert lookup("Xqzvillebergstadt", Counter()) is None


def test_city_has_coordinates_and_a_country_has_none() -> None:
    vienna = lookup("Vienna", Counter())
    assert vienna is not None and vienna.lat is not None and 47 < vienna.lat < 49
    georgia = lookup("Georgia", Counter())
    assert georgia is not None and georgia.lat is None


# (text, publication date, event type, expected location country or None)
LOCATIONS = [
    ("German Chancellor Angela Merkel met French President Nicolas Sarkozy in Paris on Monday.", date(2010, 5, 4),
     "CONSULT", "FRA"),
    ("Ethiopian Prime Minister Abiy Ahmed and Eritrean President Isaias Afwerki met in Asmara.", date(2019, 1, 1),
     "CONSULT", "ERI"),
    ("Talks between Russia and Ukraine began in Minsk on Friday.", date(2019, 6, 4), "CONSULT", "BLR"),
    ("U.S. President Donald Trump met North Korean leader Kim Jong Un in Singapore.", date(2018, 6, 12),
     "CONSULT", "SGP"),
    ("Israeli warplanes struck targets in Gaza.", date(2019, 1, 1), "ASSAULT", "PSE"),
    ("Russian troops attacked Georgian soldiers in Georgia.", date(2019, 6, 4), "ASSAULT", "GEO"),
    ("Indian police arrested 20 protesters in Hyderabad.", date(2019, 6, 4), "COERCE", "IND"),
    ("Pakistani police arrested 20 protesters in Hyderabad.", date(2019, 6, 4), "COERCE", "PAK"),
    ("U.S. police arrested 12 protesters in Paris, Texas.", date(2019, 6, 4), "COERCE", "USA"),
    # a capital that acts is an actor, not a place
    ("Moscow criticized the decision.", date(2019, 6, 4), "ACCUSE", None),
]


@pytest.mark.parametrize(("text", "published", "etype", "country"), LOCATIONS, ids=[c[0][:50] for c in LOCATIONS])
def test_event_location_in_context(code, text: str, published: date, etype: str, country: str | None) -> None:
    events = [e for e in code(text, published=published).events if e.type == etype]
    assert events
    for event in events:
        assert (event.location.country if event.location else None) == country


def test_case_counts() -> None:
    assert len(RESOLVE) + len(EVENT_DATES) >= 20
    assert len(LOOKUP) + len(LOCATIONS) >= 6


@pytest.mark.parametrize(("name", "country"), [("Kiev", "UKR"), ("Bombay", "IND")])
def test_alternate_city_names(name: str, country: str) -> None:
    from communique.places import lookup

    place = lookup(name)
    assert place is not None and place.country == country


@pytest.mark.parametrize("published", [date(2012, 12, 6), date(2013, 1, 3), date(2008, 2, 29)])
def test_common_date_shapes_read_as_dateparser_reads_them(published, monkeypatch):
    from communique import times

    forms = []
    for month in ("january", "may", "september", "december"):
        for day in (1, 6, 29, 31):
            for year in ("", " 2012", ", 2009"):
                forms += [f"{month} {day}{year}", f"{month[:3]}. {day}{year}", f"{day} {month}{year}",
                          f"{month}{year}", f"{day}th of {month}{year}"]
    fast = {form: times._explicit(form, published) for form in forms}
    assert sum(times._simple(form, published) is not None for form in forms) > 0.9 * len(forms)
    assert times._simple("mayor 5", published) is None
    assert times._simple("decembers", published) is None
    monkeypatch.setattr(times, "_simple", lambda *_: None)  # the reference reading: dateparser
    for form in forms[::3]:  # dateparser is slow: a third of the shapes
        assert fast[form] == times._explicit(form, published), form
