"""Event coding: PLOVER types with their source and target, voice, nominal events,
coordination, reciprocals, reported speech, negation, modality and deduplication.

Every sentence is written for these tests and the events in them are invented. A case
lists the exported events as (type, source country, target country or None).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from communique.model import CodedArticle

D = date(2019, 1, 1)

# (text, publication date, expected exported events as (type, source country, target country))
EVENTS = [
    # CONSULT: meetings, visits, hosting, nominal talks and visits, reciprocals
    ("German Chancellor Angela Merkel met French President Nicolas Sarkozy in Paris on Monday.",
     date(2010, 5, 4), [("CONSULT", "DEU", "FRA")]),
    ("Indian Prime Minister Narendra Modi visited Japan.", date(2016, 11, 11), [("CONSULT", "IND", "JPN")]),
    ("Talks between Russia and Ukraine began in Minsk on Friday.", date(2015, 2, 13),
     [("CONSULT", "RUS", "UKR"), ("CONSULT", "UKR", "RUS")]),
    ("Indian Prime Minister Narendra Modi's visit to China ended on Sunday.", date(2018, 6, 10),
     [("CONSULT", "IND", "CHN")]),
    ("Ethiopian Prime Minister Abiy Ahmed and Eritrean President Isaias Afwerki met in Asmara.", D,
     [("CONSULT", "ETH", "ERI"), ("CONSULT", "ERI", "ETH")]),
    ("Indian Prime Minister Narendra Modi hosted Chinese President Xi Jinping in Chennai.", date(2019, 10, 12),
     [("CONSULT", "IND", "CHN")]),
    ("Turkish President Recep Tayyip Erdogan spoke by phone with Iranian President Hassan Rouhani.", date(2018, 7, 16),
     [("CONSULT", "TUR", "IRN")]),
    # AGREE: agreements, promises, offers
    ("Greece and North Macedonia agreed to cooperate on energy.", D, [("AGREE", "GRC", "MKD"), ("AGREE", "MKD", "GRC")]),
    ("Norway promised Colombia to fund the peace process.", D, [("AGREE", "NOR", "COL")]),
    ("Tunisia offered to host talks between the Libyan factions.", D, [("AGREE", "TUN", "LBY")]),
    # CONCEDE; an apology is SUPPORT (CAMEO 055 maps to it)
    ("Japan apologised to South Korea for the incident.", D, [("SUPPORT", "JPN", "KOR")]),
    ("Egypt's president pardoned 300 prisoners.", D, [("CONCEDE", "EGY", None)]),
    # SUPPORT: praise, endorse, sign; passive with a by-agent; coordinated sources
    ("Sweden endorsed Finland's bid to join the alliance.", D, [("SUPPORT", "SWE", "FIN")]),
    ("Germany, France and Italy praised Greece.", D,
     [("SUPPORT", "DEU", "GRC"), ("SUPPORT", "FRA", "GRC"), ("SUPPORT", "ITA", "GRC")]),
    ("The Philippine government was praised by Japan.", D, [("SUPPORT", "JPN", "PHL")]),
    ("Ethiopia and Eritrea signed a peace agreement.", D, [("SUPPORT", "ETH", "ERI"), ("SUPPORT", "ERI", "ETH")]),
    ("Kenya praised the agreement.", D, [("SUPPORT", "KEN", None)]),
    # COOPERATE and AID
    ("Germany and France cooperated on the investigation.", D,
     [("COOPERATE", "DEU", "FRA"), ("COOPERATE", "FRA", "DEU")]),
    ("Japan sent humanitarian aid to the Philippines.", D, [("AID", "JPN", "PHL")]),
    ("Saudi Arabia delivered food aid to Yemen.", D, [("AID", "SAU", "YEM")]),
    ("Food aid was delivered to Yemen by Saudi Arabia.", D, [("AID", "SAU", "YEM")]),
    ("Britain gave Jordan $20 million in humanitarian assistance.", D, [("AID", "GBR", "JOR")]),
    ("India and Russia held joint military exercises.", D, [("COOPERATE", "IND", "RUS"), ("COOPERATE", "RUS", "IND")]),
    # RETREAT
    ("Malaysia freed three Indonesian fishermen.", D, [("RETREAT", "MYS", "IDN")]),
    ("Israel released 20 Palestinian prisoners.", D, [("RETREAT", "ISR", "PSE")]),
    ("Russia withdrew its troops from Syria.", D, [("RETREAT", "RUS", "SYR")]),
    # REQUEST: call on, urge, ask, appeal, reported speech with "must", coordinated sources
    # (a passive request's to-clause is what is asked, not a deed of the one who asks)
    ("Ghana's president is being pressured by the Nigerian government to help Togo.", date(2019, 5, 5),
     [("REQUEST", "NGA", "GHA")]),
    ("The European Union called on Turkey to release the journalists.", D, [("REQUEST", "EUR", "TUR")]),
    ("U.S. Secretary of State Mike Pompeo said Iran must stop enriching uranium.", date(2019, 5, 1),
     [("REQUEST", "USA", "IRN")]),
    ("Brazil urged Venezuela to hold new elections.", D, [("REQUEST", "BRA", "VEN")]),
    ("Kenya, Uganda and Tanzania urged South Sudan to end the fighting.", D,
     [("REQUEST", "KEN", "SSD"), ("REQUEST", "UGA", "SSD"), ("REQUEST", "TZA", "SSD")]),
    ("Poland appealed to NATO for more troops.", D, [("REQUEST", "POL", "IGO")]),
    # ACCUSE: accuse, criticize (passive), condemn (coordinated), reciprocal, nominal, investigate
    ("Tehran accused Washington of lying.", D, [("ACCUSE", "IRN", "USA")]),
    ("Israel was criticized by Turkey for the raid.", D, [("ACCUSE", "TUR", "ISR")]),
    ("Britain, France and Germany condemned Iran.", D,
     [("ACCUSE", "GBR", "IRN"), ("ACCUSE", "FRA", "IRN"), ("ACCUSE", "DEU", "IRN")]),
    ("India and Pakistan accused each other of violating the ceasefire.", D,
     [("ACCUSE", "IND", "PAK"), ("ACCUSE", "PAK", "IND")]),
    ("Iranian President Hassan Rouhani was criticized by Israeli Prime Minister Benjamin Netanyahu.", D,
     [("ACCUSE", "ISR", "IRN")]),
    ("Pakistan's condemnation of India was swift.", D, [("ACCUSE", "PAK", "IND")]),
    ("Turkish prosecutors opened an investigation into Swedish journalists.", D, [("ACCUSE", "TUR", "SWE")]),
    ("The International Criminal Court opened an investigation into Myanmar.", D, [("ACCUSE", "IGO", "MMR")]),
    ("The Chinese Foreign Ministry summoned the Japanese ambassador.", D, [("ACCUSE", "CHN", "JPN")]),
    ("Bangladesh and Myanmar agreed to begin repatriation.", D, [("AGREE", "BGD", "MMR"), ("AGREE", "MMR", "BGD")]),
    ("Japan and South Korea agreed to share military intelligence.", date(2016, 11, 23),
     [("AGREE", "JPN", "KOR"), ("AGREE", "KOR", "JPN")]),
    # REJECT
    ("North Korea rejected South Korea's offer of talks.", D, [("REJECT", "PRK", "KOR")]),
    ("Myanmar rejected the call.", D, [("REJECT", "MMR", None)]),
    ("Iran refused to meet American negotiators.", D, [("REJECT", "IRN", "USA")]),
    ("Hungary vetoed the EU statement on China.", D, [("REJECT", "HUN", "EUR")]),
    # THREATEN, verbal and nominal
    ("China threatened Taiwan with military action.", D, [("THREATEN", "CHN", "TWN")]),
    ("Russia warned NATO against deploying missiles in Poland.", D, [("THREATEN", "RUS", "IGO")]),
    ("Turkey threatened to expel the Dutch ambassador.", D, [("THREATEN", "TUR", "NLD")]),
    ("China's threats against Taiwan worried Japan.", D, [("THREATEN", "CHN", "TWN")]),
    # PROTEST
    ("Serbian students demonstrated against the Serbian government.", D, [("PROTEST", "SRB", "SRB")]),
    ("Protesters in Caracas marched against Venezuelan President Nicolas Maduro.", D, [("PROTEST", "VEN", "VEN")]),
    # SANCTION: verbal, nominal, passive, expulsion, recall
    ("The United States imposed sanctions on Venezuela.", D, [("SANCTION", "USA", "VEN")]),
    ("Canada announced sanctions against Russia.", D, [("SANCTION", "CAN", "RUS")]),
    ("Latvia expelled two Russian diplomats.", D, [("SANCTION", "LVA", "RUS")]),
    ("Sanctions were imposed on Iran by the European Union.", D, [("SANCTION", "EUR", "IRN")]),
    ("The Philippines recalled its ambassador from Canada.", D, [("SANCTION", "PHL", "CAN")]),
    ("Nicaragua expelled the Organization of American States mission.", D, [("SANCTION", "NIC", "IGO")]),
    # MOBILIZE: no target where none is named
    ("The Pakistani army mobilised reserve troops.", D, [("MOBILIZE", "PAK", None)]),
    ("Indian police deployed 5,000 officers in Kashmir.", D, [("MOBILIZE", "IND", None)]),
    ("China sent warships toward Taiwan.", D, [("MOBILIZE", "CHN", "TWN")]),
    ("Iran put its armed forces on high alert.", D, [("MOBILIZE", "IRN", None)]),
    # COERCE: arrests (active and passive), seizure
    ("Indian police arrested 20 protesters.", D, [("COERCE", "IND", None)]),
    ("Two French journalists were detained by Turkish police.", D, [("COERCE", "TUR", "FRA")]),
    # the country of a seized or attacked thing is the target ("a British tanker" -> GBR)
    ("Iran seized a British tanker.", D, [("COERCE", "IRN", "GBR")]),
    ("Belarus closed its border with Lithuania.", D, [("COERCE", "BLR", "LTU")]),
    # ASSAULT: verbal and nominal with a by-agent
    ("Syria's army attacked the rebels.", D, [("ASSAULT", "SYR", None)]),
    ("Turkish forces attacked Syrian troops near Idlib.", D, [("ASSAULT", "TUR", "SYR")]),
    ("The attack on Syrian troops by Turkish forces killed 30 soldiers.", D, [("ASSAULT", "TUR", "SYR")]),
    # an unnamed target struck in a place: the place answers for it, as CAMEO coders code it
    ("Israeli warplanes struck targets in Gaza.", D, [("ASSAULT", "ISR", "PSE")]),
    ("Ukrainian troops shelled rebel positions near Donetsk.", D, [("ASSAULT", "UKR", None)]),
    ("Iraqi protesters attacked the U.S. embassy in Baghdad.", D, [("ASSAULT", "IRQ", "USA")]),
    # a deed against foreigners with no one named: the place answers for it; not at home
    ("Three French soldiers were killed in Mali on Monday.", D, [("ASSAULT", "MLI", "FRA")]),
    ("Two Chinese engineers were kidnapped in Nigeria.", D, [("ASSAULT", "NGA", "CHN")]),
    ("Two Malian soldiers were killed in Mali.", D, [("ASSAULT", None, "MLI")]),
    # a participle after its noun: the noun is what was done to
    ("There were five Turkish soldiers killed in Syria yesterday.", D, [("ASSAULT", "SYR", "TUR")]),
    # an organ of a state no one names still faces a known actor (CAMEO's ---GOV); other groups do not
    ("The government thanked Japan for its help.", D, [("SUPPORT", None, "JPN")]),
    ("Lawmakers condemned Iran.", D, [("ACCUSE", None, "IRN")]),
    ("Parliament rejected the treaty with Norway.", D, [("REJECT", None, "NOR")]),
    ("Students condemned Iran.", D, []),
    ("The army held exercises.", D, []),
    # a weapon stands for the forces using it; the people it struck are of the place struck
    ("Three farmers were killed by a Turkish drone in northern Iraq.", D, [("ASSAULT", "TUR", "IRQ")]),
    ("Five nurses were wounded in a Saudi air strike in the north of Yemen.", D, [("ASSAULT", "SAU", "YEM")]),
    ("Two farmers were killed in Indian tank shelling in the Aleppo province.", D,
     [("ASSAULT", "IND", "SYR")]),
]


def triples(coded: CodedArticle) -> list[tuple[str, str | None, str | None]]:
    return sorted(
        (e.type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in coded.events if e.exported
    )


def _ids(cases: list[tuple]) -> list[str]:
    return [c[0][:60] for c in cases]


@pytest.mark.parametrize(("text", "published", "expected"), EVENTS, ids=_ids(EVENTS))
def test_exported_events(code, text: str, published: date, expected: list[tuple]) -> None:
    assert triples(code(text, published=published)) == sorted(expected, key=str)


@pytest.mark.parametrize(("text", "published", "expected"), EVENTS, ids=_ids(EVENTS))
def test_source_is_never_the_target(code, text: str, published: date, expected: list[tuple]) -> None:
    for event in code(text, published=published).events:
        if event.source is not None and event.target is not None:
            assert event.source.key() != event.target.key(), event.trigger


def test_every_plover_type_is_covered() -> None:
    covered = {t for _, _, events in EVENTS for t, _, _ in events} | {case[2] for case in FLAGS}
    assert covered >= {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
        "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }


# (text, publication date, event type, source country, negated, modality, exported)
FLAGS = [
    ("German Chancellor Angela Merkel did not meet Russian President Dmitry Medvedev.", date(2010, 5, 4),
     "CONSULT", "DEU", True, None, False),
    ("South Korea did not condemn Japan.", D, "ACCUSE", "KOR", True, None, False),
    # a scheduled meeting or visit the narrator reports is the deed, in the future mode ...
    ("Japanese Prime Minister Shinzo Abe will meet South Korean President Moon Jae-in next week.",
     date(2019, 9, 25), "CONSULT", "JPN", False, "future", True),
    ("Indian Prime Minister Narendra Modi will visit China next month.", date(2018, 5, 4),
     "CONSULT", "IND", False, "future", True),
    # ... one its actor states is an intent to meet
    ("Modi said he would visit China next month.", date(2018, 5, 4), "AGREE", "IND", False, "future", True),
    ("South Korea and Japan may hold talks in Tokyo next month.", date(2019, 9, 25),
     "CONSULT", "KOR", False, "hypothetical", False),
    ("China may impose sanctions on American companies.", D, "SANCTION", "CHN", False, "hypothetical", False),
    ("Egypt could send troops to Libya, Egyptian officials said.", D, "MOBILIZE", "EGY", False, "hypothetical", False),
    ("If Iran attacks American ships, the United States will retaliate against Iran.", date(2019, 5, 4),
     "ASSAULT", "IRN", False, "conditional", False),
]


@pytest.mark.parametrize(("text", "published", "etype", "source", "negated", "modality", "exported"),
                         FLAGS, ids=_ids(FLAGS))
def test_negation_and_modality(code, text: str, published: date, etype: str, source: str,
                               negated: bool, modality: str | None, exported: bool) -> None:
    coded = code(text, published=published)
    found = [e for e in coded.events if e.type == etype and e.source and e.source.country == source]
    assert found, [(e.type, e.source and e.source.country) for e in coded.events]
    event = found[0]
    assert (event.negated, event.modality, event.exported) == (negated, modality, exported)


def test_negated_event_is_not_exported_but_kept(code) -> None:
    coded = code("South Korea did not condemn Japan.", published=D)
    assert [e.type for e in coded.events] == ["ACCUSE"]
    assert triples(coded) == []


# A caption and a lead that report the same event: stored once, with both sentences as evidence.
# (text, published, trigger, (type, source country, target country), evidence sentences)
DEDUP = [
    ("Kenyan President Uhuru Kenyatta, pictured above, accused Somalia of violating Kenyan airspace.\n\n"
     "Kenyan President Uhuru Kenyatta accused Somalia of violating Kenyan airspace, his office said.\n\n"
     "Somalia has denied the charge.", date(2019, 6, 5), "accused", ("ACCUSE", "KEN", "SOM"), (0, 1)),
    ("Kenya accused Somalia of violating its airspace.\n\n"
     "Nairobi has long complained about Somali flights. Kenya accused Somalia of violating its airspace, "
     "the foreign ministry said in a statement on Wednesday.", date(2019, 9, 25), "accused", ("ACCUSE", "KEN", "SOM"),
     (0, 2)),
]


@pytest.mark.parametrize(("text", "published", "trigger", "key", "evidence"), DEDUP, ids=["caption-lead", "lead-body"])
def test_repeated_event_is_stored_once(code, text: str, published: date, trigger: str, key: tuple,
                                       evidence: tuple) -> None:
    coded = code(text, published=published)
    same = [e for e in coded.events if e.trigger == trigger
            and (e.type, e.source and e.source.country, e.target and e.target.country) == key]
    assert len(same) == 1
    assert same[0].evidence == evidence


def test_case_counts() -> None:
    assert len(EVENTS) + len(FLAGS) >= 40
    assert Counter(t for _, _, events in EVENTS for t, _, _ in events)["ACCUSE"] >= 5


@pytest.mark.parametrize(("text", "expected"), [
    ("Iranian and American diplomats met in Vienna on Tuesday.", {("CONSULT", "IRN", "USA"), ("CONSULT", "USA", "IRN")}),
    ("US and British activists staged a protest in Beijing on Wednesday.", {("PROTEST", "USA", "CHN"), ("PROTEST", "GBR", "CHN")}),
])
def test_coordinated_country_adjectives_give_one_actor_each(code, text, expected):
    coded = code(text, published=date(2019, 6, 6))
    got = {(e.type, e.source.country, e.target.country if e.target else None) for e in coded.events if e.exported}
    assert expected <= got, got


@pytest.mark.parametrize(("text", "target"), [
    ("The Chilean president expressed condolences over the bombing in Madrid.", "ESP"),
    ("Norway expressed sympathy for the victims of the flood in Ghana.", "GHA"),
    ("Japan offered condolences to Nepal.", "NPL"),
    # a place the gazetteer knows (a city, a US state), and the deed attached to the verb
    ("The Italian president sent condolences over the bombing in Kharkiv.", "UKR"),
    ("The Mexican president expressed sorrow for the deadly floods in Texas.", "USA"),
    ("The Chilean president expressed condolences over the bombing.", None),
])
def test_sympathy_goes_to_the_place_struck(code, text: str, target: str | None) -> None:
    events = [e for e in code(text, date(2019, 4, 1)).events if e.type == "SUPPORT"]
    assert events and {e.target.country if e.target else None for e in events} == {target}
