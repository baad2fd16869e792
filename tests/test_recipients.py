"""Targets found inside phrases and content, participles as adjectives, event nouns inside
carrier phrases ("a mediation mission"), and light verbs that renew or reopen an event.

Every sentence is written for these tests; the events are invented. A case lists events
(type, source country, target country or None) that must be exported, and triples that must not.
"""

from __future__ import annotations

from datetime import date

import pytest

D = date(2019, 6, 6)

# (text, events that must be exported, events that must not be)
CASES = [
    # the actor inside the slot's phrase: possessor, adjective, modifier
    ("Canada praised Ghana's handling of the election.", {("SUPPORT", "CAN", "GHA")}, set()),
    ("The United States imposed sanctions on the Venezuelan state oil company.", {("SANCTION", "USA", "VEN")}, set()),
    ("Chile is opposed to Argentine membership in the council.", {("REJECT", "CHL", "ARG")}, set()),
    ("Kenya is opposed to the Somali proposal.", {("REJECT", "KEN", "SOM")}, set()),
    # a modifier deep in a compound: "an Al-Shabaab training camp", "a Ukrainian army supply depot"
    ("Kenyan jets bombed an Al-Shabaab training camp.", {("ASSAULT", "KEN", "SOM")}, {("ASSAULT", "KEN", None)}),
    ("Russia imposed sanctions on a Ukrainian army supply depot.", {("SANCTION", "RUS", "UKR")}, set()),
    ("Jordanian jets carried out a raid against an Islamic State target northeast of Raqqa.",
     {("ASSAULT", "JOR", "IMG")}, {("ASSAULT", "JOR", None)}),
    # the recipient of the content: the object or to-clause of the trigger
    ("Sweden promised to continue its financial support for Ukraine.", {("AGREE", "SWE", "UKR")}, {("AGREE", "SWE", None)}),
    ("Poland mobilized reservists for a possible conflict with Belarus.", {("MOBILIZE", "POL", "BLR")},
     {("MOBILIZE", "POL", None)}),
    ("Germany pledged to maintain its military aid to Iraq.", {("AGREE", "DEU", "IRQ")}, {("AGREE", "DEU", None)}),
    # the purpose clause of a deed named by a light verb and its noun
    ("Armenian activists in Paris began a hunger strike to protest against Azerbaijan's blockade.",
     {("PROTEST", "ARM", "AZE")}, {("PROTEST", "ARM", "FRA")}),
    # a reason is not a recipient
    ("Ugandan police arrested two Kenyan men for spying for Somalia.", {("COERCE", "UGA", "KEN")},
     {("COERCE", "UGA", "SOM")}),
    ("Malaysian police detained three Indonesian fishermen for fishing in Malaysian waters.",
     {("COERCE", "MYS", "IDN")}, {("COERCE", "MYS", "MYS")}),
    # an event noun in a carrier phrase; light verbs that renew an event
    ("The Norwegian foreign minister undertook a mediation mission between Sudan and South Sudan.",
     {("CONSULT", "NOR", "SDN"), ("CONSULT", "NOR", "SSD")}, set()),
    ("Peru and Bolivia renewed negotiations on Tuesday.", {("CONSULT", "PER", "BOL"), ("CONSULT", "BOL", "PER")}, set()),
    ("Ghana and Togo reopened talks on their maritime border.", {("CONSULT", "GHA", "TGO"), ("CONSULT", "TGO", "GHA")},
     set()),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), CASES, ids=[c[0][:60] for c in CASES])
def test_recipients(code, text: str, wanted: set, unwanted: set) -> None:
    coded = code(text, published=D)
    got = {(e.type, e.source.country if e.source else None, e.target.country if e.target else None)
           for e in coded.events if e.exported}
    assert wanted <= got, got
    assert not (unwanted & got), got


# clauses: warnings with a condition, demands stated as nouns, participles, conjoined passives
CLAUSES = [
    ("Egypt warned that it will recall its ambassador from Israel unless the raids stop.",
     {("THREATEN", "EGY", "ISR")}, set()),
    ("Turkey said it would close its border with Syria if the shelling continued.", {("THREATEN", "TUR", "SYR")}, set()),
    ("Nigeria said it would withdraw its troops from Mali unless the Malian junta held elections.",
     {("THREATEN", "NGA", "MLI")}, {("CONSULT", "MLI", None), ("AGREE", "MLI", None)}),
    ("The union repeated its demand that Kenya lift restrictions on imports.", set(),
     {("CONCEDE", "KEN", None), ("RETREAT", "KEN", None)}),
    ("The Moroccan government issued a statement condemning Algeria.", {("ACCUSE", "MAR", "DZA")}, set()),
    ("Kenyan police dispersed Somali refugees protesting against the Kenyan government.",
     {("PROTEST", "SOM", "KEN")}, {("PROTEST", "KEN", "KEN")}),
    ("Sudan's former leader has been charged by prosecutors and will resign.", {("AGREE", "SDN", None)}, set()),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), CLAUSES, ids=[c[0][:60] for c in CLAUSES])
def test_clauses(code, text: str, wanted: set, unwanted: set) -> None:
    test_recipients(code, text, wanted, unwanted)


# trigger families: calling off one's protest, acceding to demands, admitting monitors, withdrawing
# personnel, stopping aid and supplies, alerts and reinforcements, cyber attacks, welcomes
FAMILIES = [
    ("Ghanaian nurses called off their strike on Monday.", {("CONCEDE", "GHA", None)}, {("PROTEST", "GHA", None)}),
    ("Serbia accepted demands from the European Union.", {("CONCEDE", "SRB", "EUR")}, {("AGREE", "SRB", "EUR")}),
    ("Iran allowed UN inspectors into the enrichment plant.", {("RETREAT", "IRN", "UNO")}, set()),
    ("Iraq said it would admit UN inspectors.", {("AGREE", "IRQ", "UNO")}, set()),
    ("Two thousand Angolan rebels have been demobilized.", {("RETREAT", "AGO", None)}, set()),
    ("The United Nations will withdraw its aid workers from Somalia.", {("THREATEN", "UNO", "SOM")}, set()),
    ("Japan suspended aid deliveries to Myanmar.", {("SANCTION", "JPN", "MMR")}, set()),
    ("The United Nations reduced food shipments to Somali refugee camps.", {("SANCTION", "UNO", "SOM")}, set()),
    ("Egypt announced the suspension of flights to Qatar.", {("SANCTION", "EGY", "QAT")}, set()),
    ("Ethiopia ended its mediation efforts between Sudan and South Sudan.",
     {("SANCTION", "ETH", "SDN"), ("SANCTION", "ETH", "SSD")}, set()),
    ("Turkish troops remained on alert near the Syrian border.", {("MOBILIZE", "TUR", None)}, set()),
    ("Russia boosted its military presence in Belarus.", {("MOBILIZE", "RUS", "BLR")}, set()),
    ("Russian hackers defaced Georgian government websites.", {("COERCE", "RUS", "GEO")}, set()),
    ("Israel reimposed a blockade on Gaza.", {("COERCE", "ISR", "PSE")}, set()),
    ("The Brazilian president gave a warm welcome to the Chinese premier.", {("CONSULT", "BRA", "CHN")}, set()),
    ("Britain completed the withdrawal of its troops from Afghanistan.", {("RETREAT", "GBR", "AFG")}, set()),
    ("Sudanese rebels engaged Chadian troops in heavy fighting.", {("ASSAULT", "SDN", "TCD")}, set()),
    ("Serb paramilitaries were engaged in ethnic cleansing against Bosnian Muslims.", {("ASSAULT", "SRB", "BIH")}, set()),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), FAMILIES, ids=[c[0][:60] for c in FAMILIES])
def test_families(code, text: str, wanted: set, unwanted: set) -> None:
    test_recipients(code, text, wanted, unwanted)


# where the content happens is the target when nothing else is: a country or city in an in-phrase
PLACES = [
    ("Ethiopia refused to deploy troops in Somalia.", {("REJECT", "ETH", "SOM")}, {("REJECT", "ETH", None)}),
    ("Japan agreed to build a hospital in Cambodia.", {("AGREE", "JPN", "KHM")}, {("AGREE", "JPN", None)}),
    ("Thousands of Armenian refugees sought shelter in Georgia.", {("REQUEST", "ARM", "GEO")}, set()),
    # an event noun far below the verb does not take the verb's subject just because a place is near
    ("French President Emmanuel Macron will attend a conference on the unrest in Iran.", set(),
     {("PROTEST", "FRA", "IRN")}),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), PLACES, ids=[c[0][:60] for c in PLACES])
def test_places(code, text: str, wanted: set, unwanted: set) -> None:
    test_recipients(code, text, wanted, unwanted)


# deeds named by a noun subject, obstruction and stoppages, stone throwing, letting monitors back in,
# hearings, attempted assassinations
DEEDS = [
    ("Israeli air strikes killed five Hamas fighters.", {("ASSAULT", "ISR", "PSE")}, set()),
    ("A car bomb killed two Pakistani policemen.", {("ASSAULT", None, "PAK")}, set()),
    ("Chilean dockworkers stopped work on Monday.", {("PROTEST", "CHL", None)}, set()),
    ("Palestinian youths hurled stones at Israeli soldiers.", {("PROTEST", "PSE", "ISR")}, set()),
    ("Greek farmers blocked the bridge to Bulgaria.", {("PROTEST", "GRC", "BGR")}, set()),
    ("Syria said it would allow the return of UN monitors.", {("AGREE", "SYR", "UNO")}, set()),
    ("The Argentine supreme court opened a hearing into the army's conduct.", {("ACCUSE", "ARG", "ARG")}, set()),
    ("An attempt to assassinate the Afghan president was foiled.", {("ASSAULT", None, "AFG")}, set()),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), DEEDS, ids=[c[0][:60] for c in DEEDS])
def test_deeds(code, text: str, wanted: set, unwanted: set) -> None:
    test_recipients(code, text, wanted, unwanted)


# protest by a crowd (PROTEST) or by an institution (ACCUSE); the aim of a protest is part of it
READINGS = [
    ("Thousands of Kenyan students protested the fee increase.", {("PROTEST", "KEN", None)}, {("ACCUSE", "KEN", None)}),
    ("The Indian foreign ministry protested the Chinese incursion.", {("ACCUSE", "IND", "CHN")},
     {("PROTEST", "IND", "CHN"), ("PROTEST", "IND", None)}),
    ("Angry Dutch farmers blockaded the port of Rotterdam to demand lower taxes.", {("PROTEST", "NLD", None)},
     {("REQUEST", "NLD", None)}),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), READINGS, ids=[c[0][:60] for c in READINGS])
def test_readings(code, text: str, wanted: set, unwanted: set) -> None:
    test_recipients(code, text, wanted, unwanted)


# a warning's target is the one its condition names; a request, offer or demand from X comes from X
CONDITIONS = [
    ("Turkey threatened to close the border unless Syria stops the shelling.", {("THREATEN", "TUR", "SYR")},
     {("THREATEN", "TUR", None)}),
    ("Venezuela threatened to halt oil shipments if Colombia continued its raids.", {("THREATEN", "VEN", "COL")},
     {("ASSAULT", "COL", None)}),
    ("Egypt refused to respond to a request from Qatar.", {("REJECT", "EGY", "QAT")}, {("REJECT", "EGY", None)}),
    # a double object parsed as one phrase: the name before the amount is the recipient
    ("The European Union gave the Central African Republic 5.2 million euros of aid.", {("AID", "EUR", "CAF")}, set()),
    ("Canada gave the Gambia 3.1 million dollars of food aid on Friday.", {("AID", "CAN", "GMB")}, set()),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), CONDITIONS, ids=[c[0][:60] for c in CONDITIONS])
def test_conditions(code, text: str, wanted: set, unwanted: set) -> None:
    test_recipients(code, text, wanted, unwanted)
