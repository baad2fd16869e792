"""Actor resolution from the words around a phrase: where a people lives, places the gazetteer
knows, attacks and weapons, people under titles with no country, followers, coordinated
adjectives, groups defined by a conflict, domestic groups acted on by their own institutions.

Every sentence is written for these tests; the events and most names in them are invented.
Each case gives the sentence, the publication date, the exact text of one mention and the actor
fields expected for it (only the fields named are checked; ``None`` means "not resolved to that").
"""

from __future__ import annotations

from datetime import date

import pytest

from communique.model import CodedArticle, Mention


@pytest.fixture(scope="module")
def code(code_full):
    return code_full


def find_mention(coded: CodedArticle, text: str) -> Mention:
    for mention in coded.mentions:
        if mention.text == text:
            return mention
    raise AssertionError(f"no mention {text!r}; mentions: {[m.text for m in coded.mentions]}")


D2000 = date(2000, 1, 1)
D2019 = date(2019, 3, 14)

# (sentence, date, mention, expected actor fields)
PEOPLE_WHERE_THEY_LIVE = [
    # a country modifier on a people's name says which state they live in
    ("Bosnian Croats boycotted the vote on Sunday.", D2019, "Bosnian Croats", {"country": "BIH"}),
    # an in/of/from place in the people's own phrase
    ("Hungarians in Romania demanded schools in their language.", D2019, "Hungarians in Romania", {"country": "ROU"}),
    ("The Serbs of Croatia asked for their property back.", D2019, "The Serbs of Croatia", {"country": "HRV"}),
    # "ethnic": the place of their clause
    ("Ethnic Russians rallied in Estonia on Saturday.", D2019, "Ethnic Russians", {"country": "EST"}),
    # ... else the other country their sentence names
    ("Ethnic Hungarians marched against Slovakia's new language law.", D2019, "Ethnic Hungarians",
     {"country": "SVK"}),
    # without anything that places them elsewhere, a people is of its own state
    ("Albanians voted on Sunday.", D2019, "Albanians", {"country": "ALB"}),
]

NAMES_AND_TITLES = [
    # a surname followed by more of a name is someone else ("Levy" is an Israeli foreign minister's surname)
    ("President Levy Tembo addressed the Zambian parliament.", D2000, "President Levy Tembo", {"country": "ZMB"}),
    # out of office on the date: the title gives the office, the base keeps the country
    ("President Obama met Moroccan diplomats.", D2000, "President Obama", {"country": "USA", "name": "Obama"}),
    # leaders of older news keep their country on any date; a common misspelling is a variant
    ("President Reagan praised the German plan.", D2000, "President Reagan", {"country": "USA"}),
    ("Chancellor Kohl flew to Paris.", date(1990, 5, 1), "Chancellor Kohl", {"country": "DEU", "role": "chancellor"}),
    ("Francois Mitterand welcomed Spanish ministers.", D2000, "Francois Mitterand", {"country": "FRA"}),
    ("President Museveni spoke in Kampala.", D2019, "President Museveni", {"country": "UGA", "name": "Yoweri Museveni"}),
    # a name in the wrong case: lower case after a title, or mixed case; not a lower-case common word
    ("President obama thanked the nurses.", D2019, "President obama", {"country": "USA"}),
    ("Canada wants to help iSrael.", D2019, "iSrael", {"country": "ISR"}),
    ("Farmers sold turkey and chad at the market.", D2019, "turkey", {"country": None}),
    # a named person under a title with no country: the country the sentence names
    ("Judge Marta Ibarra charged six Peruvian officials with fraud.", D2019, "Judge Marta Ibarra",
     {"country": "PER", "sector": "JUD"}),
    ("General Tomas Okello resigned to allow elections in Uganda.", D2019, "General Tomas Okello",
     {"country": "UGA"}),
    # ... and not a country name that marks a currency ("US $5 million")
    ("President Marc Lebrun misused US $5 million, Haitian prosecutors said.", D2019, "President Marc Lebrun",
     {"country": "HTI"}),
    # ... but not the country his deed is aimed at
    ("Bishop Peter Ondo called for sanctions against Kenya.", D2019, "Bishop Peter Ondo", {"country": None}),
]

ATTACKS_AND_PLACES = [
    # an attack's country modifier is the attacker
    ("Israeli air raids killed four people.", D2019, "Israeli air raids", {"country": "ISR", "sector": "MIL"}),
    ("NATO airstrikes hit a depot.", D2019, "NATO airstrikes", {"org": "NATO"}),
    # an attack with no one named is coded to the place it struck
    ("A roadside bomb near the town of Kandahar killed two soldiers.", D2019, "A roadside bomb",
     {"country": "AFG"}),
    # place names the gazetteer knows: cities, US states
    ("Students in Sivas burned tyres.", D2019, "Students", {"country": "TUR"}),
    ("Farmers in Nebraska blocked a highway.", D2019, "Farmers in Nebraska", {"country": "USA"}),
    # a country's name inside another place's name is that place ("New Mexico" is not Mexico)
    ("Farmers in New Mexico blocked a highway.", D2019, "Farmers", {"country": "USA"}),
    ("Students in New Jersey burned tyres.", D2019, "Students", {"country": "USA"}),
    ("Police arrested ten students in Atlanta, Georgia, on Monday.", D2019, "ten students", {"country": "USA"}),
    ("Russian troops entered Gori, Georgia, on Friday.", D2019, "Georgia", {"country": "GEO"}),
    # a capital that is also a city of the country the story names is that city
    ("Gunmen in Tripoli attacked a Lebanese army post.", D2019, "Gunmen", {"country": "LBN"}),
    ("Gunmen in Tripoli attacked a Libyan army post.", D2019, "Gunmen", {"country": "LBY"}),
    # people struck by a deed are of the place it struck (its clause, or a clause describing it)
    ("Gunmen killed nine people in Peshawar on Friday.", D2019, "nine people", {"country": "PAK"}),
    ("Troops shot three civilians when they opened fire in Mosul.", D2019, "three civilians", {"country": "IRQ"}),
    ("Police arrested twenty people.", D2019, "twenty people", {"country": None}),
    # ... through the part of a place ("the east of X", "the X region") and a by-agent's place
    ("Six farmers were killed in an air strike in the south of Yemen.", D2019, "Six farmers",
     {"country": "YEM", "sector": "AGR"}),
    ("Three miners were killed in shelling in the Donetsk region.", D2019, "Three miners", {"country": "UKR"}),
    ("Two fishermen were killed by a drone in the outskirts of a port.", D2019, "Two fishermen",
     {"country": None}),
    ("Four teachers were wounded by a bomb in Quetta.", D2019, "Four teachers", {"country": "PAK"}),
    # groups defined by a conflict take its place
    ("Parties to the conflict in Yemen agreed to a truce.", D2019, "Parties", {"country": "YEM"}),
]

GROUPS = [
    # followers of someone are of that person's country
    ("Supporters of the Kenyan opposition leader blocked roads.", D2019, "Supporters", {"country": "KEN"}),
    # "loyal to X": of X's side
    ("Fighters loyal to the Libyan government shelled the town.", D2019, "Fighters", {"country": "LBY"}),
    # a bare adjective the parse made a head shares its conjunct's people noun
    ("Soldiers in Mali detained dozens of Sierra Leonean and Guinean traders.", D2019, "Sierra Leonean",
     {"country": "SLE", "sector": "BUS"}),
    # a one-word description names no organisation of its own (not the Taliban's "fighters")
    ("Fighters shelled the town.", D2019, "Fighters", {"org": None}),
    # a described organisation must agree with the country modifier
    ("Iraq's interim government met on Sunday.", D2019, "Iraq's interim government", {"country": "IRQ"}),
    # domestic groups take the country of the home institution acting on them
    ("Egyptian police arrested students on Monday.", D2019, "students", {"country": "EGY", "sector": "EDU"}),
    ("A Peruvian court sentenced the rebels to prison.", D2019, "the rebels", {"country": "PER", "sector": "REB"}),
    # ... but not of a military, which also fights abroad, nor civilians at large
    ("Russian troops attacked rebels on Monday.", D2019, "rebels", {"country": None}),
    ("Egyptian police arrested civilians on Monday.", D2019, "civilians", {"country": None}),
]

REGIONS_AND_PEOPLES = [
    # a region or a people stands for its state ...
    ("Chechen rebels ambushed a convoy.", D2019, "Chechen rebels", {"country": "RUS", "sector": "REB"}),
    ("Darfur rebels seized a town.", D2019, "Darfur rebels", {"country": "SDN", "sector": "REB"}),
    ("Tibetans marched on Sunday.", D2019, "Tibetans", {"country": "CHN"}),
    # ... but never for the state's offices: the Chechen president is not Russia's president
    ("The Chechen president visited the mosque.", D2019, "The Chechen president", {"country": "RUS", "name": None}),
]

CASES = REGIONS_AND_PEOPLES + PEOPLE_WHERE_THEY_LIVE + NAMES_AND_TITLES + ATTACKS_AND_PLACES + GROUPS


@pytest.mark.parametrize(("text", "published", "mention", "expected"), CASES, ids=[c[2] for c in CASES])
def test_mention_resolves_from_context(code, text: str, published: date, mention: str, expected: dict) -> None:
    found = find_mention(code(text, published=published), mention)
    if all(v is None for v in expected.values()):
        assert found.actor is None or all(getattr(found.actor, k) is None for k in expected)
        return
    assert found.actor is not None, f"{mention!r} did not resolve"
    assert {k: getattr(found.actor, k) for k in expected} == expected


def test_a_given_name_is_not_a_known_surname(code) -> None:
    """'Levy' in 'Levy Tembo' is not Israel's foreign minister David Levy."""
    coded = code("Levy Tembo spoke in Lusaka on Monday.", published=D2000)
    assert all(m.actor is None or m.actor.country != "ISR" for m in coded.mentions)


def test_attack_coded_to_the_place_gives_the_event_a_source(code) -> None:
    coded = code("A car bomb outside the Iraqi city of Mosul killed three policemen.", published=D2019)
    killed = [e for e in coded.events if e.type == "ASSAULT"]
    assert killed and killed[0].source is not None and killed[0].source.country == "IRQ"


def test_domestic_group_becomes_the_events_target_country(code) -> None:
    coded = code("Turkish police detained students at a university in Ankara.", published=D2019)
    events = [e for e in coded.events if e.type == "COERCE"]
    assert events and events[0].target is not None and events[0].target.country == "TUR"
