"""Actor resolution: names on dates, transliterations, capitals and seats, sector nouns,
organisations, title-only people and pronouns across sentences.

Every sentence is written for these tests; events in them are invented. Each case gives the
sentence, the publication date, the exact text of one mention and the actor fields expected
for it (only the fields named are checked).
"""

from __future__ import annotations

from datetime import date

import pytest

from communique.knowledge import load_kb
from communique.model import Actor, CodedArticle, Mention


@pytest.fixture(scope="module")
def code(code_full):
    """Actor resolution is tested on every noun phrase, so these sentences are all parsed (the
    default screen parses only sentences that can hold an event)."""
    return code_full


def find_mention(coded: CodedArticle, text: str) -> Mention:
    """The mention whose text is exactly ``text`` (the first, if there are several)."""
    for mention in coded.mentions:
        if mention.text == text:
            return mention
    found = [m.text for m in coded.mentions]
    raise AssertionError(f"no mention {text!r}; mentions: {found}")


D2010 = date(2010, 6, 1)
D2019 = date(2019, 3, 14)
D2022 = date(2022, 3, 2)

# (sentence text, publication date, mention text, expected actor fields)
PEOPLE_ON_DATES = [
    # the same person before and after a change of office
    ("Russian President Dmitry Medvedev visited Beijing on Monday.", D2010,
     "Russian President Dmitry Medvedev",
     {"country": "RUS", "sector": "GOV", "name": "Dmitry Medvedev", "role": "president"}),
    ("Dmitry Medvedev criticized the plan on Monday.", date(2015, 6, 1),
     "Dmitry Medvedev", {"country": "RUS", "sector": "GOV", "role": "prime minister"}),
    ("Recep Tayyip Erdogan criticized Israel.", date(2012, 1, 10),
     "Recep Tayyip Erdogan", {"country": "TUR", "sector": "GOV", "role": "prime minister"}),
    ("Recep Tayyip Erdogan criticized Israel.", date(2016, 1, 10),
     "Recep Tayyip Erdogan", {"country": "TUR", "sector": "GOV", "role": "president"}),
    ("Boris Johnson visited Moscow.", date(2017, 1, 10),
     "Boris Johnson", {"country": "GBR", "sector": "GOV", "role": "foreign minister"}),
    ("Boris Johnson visited Moscow.", date(2020, 1, 10),
     "Boris Johnson", {"country": "GBR", "sector": "GOV", "role": "prime minister"}),
    ("Jens Stoltenberg met Swedish officials in Oslo.", date(2012, 5, 1),
     "Jens Stoltenberg", {"country": "NOR", "sector": "GOV", "role": "prime minister"}),
    ("Jens Stoltenberg met Swedish officials in Oslo.", date(2016, 5, 1),
     "Jens Stoltenberg", {"country": "IGO", "org": "NATO", "role": "secretary-general"}),
    ("Antonio Guterres visited a refugee camp in Jordan.", date(2010, 9, 1),
     "Antonio Guterres", {"country": "UNO", "org": "UN.UNHCR", "role": "high commissioner"}),
    ("Antonio Guterres visited a refugee camp in Jordan.", date(2018, 9, 1),
     "Antonio Guterres", {"country": "UNO", "org": "UN", "role": "secretary-general"}),
    ("Donald Tusk praised the budget deal.", date(2012, 9, 1),
     "Donald Tusk", {"country": "POL", "sector": "GOV", "role": "prime minister"}),
    ("Donald Tusk praised the budget deal.", date(2017, 9, 1),
     "Donald Tusk", {"country": "EUR", "org": "EU.CO", "role": "president"}),
    ("Xi Jinping met the Vietnamese delegation.", date(2015, 9, 1),
     "Xi Jinping", {"country": "CHN", "sector": "GOV", "role": "president"}),
    # a president in office, and the same man after his term: the name stays, the office goes
    ("Donald Trump criticized the court ruling.", date(2018, 4, 2),
     "Donald Trump", {"country": "USA", "sector": "GOV", "name": "Donald Trump", "role": "president"}),
    ("Donald Trump criticized the court ruling.", date(2023, 4, 2),
     "Donald Trump", {"name": "Donald Trump", "role": None}),
    ("Joe Biden praised the Japanese government.", date(2022, 5, 20),
     "Joe Biden", {"country": "USA", "sector": "GOV", "role": "president"}),
    ("Volodymyr Zelensky criticized the television channel.", date(2018, 5, 20),
     "Volodymyr Zelensky", {"name": "Volodymyr Zelensky", "role": None}),
    ("Angela Merkel criticized the German government.", date(2003, 6, 1),
     "Angela Merkel", {"country": "DEU", "name": "Angela Merkel", "role": None, "sector": None}),
    ("Angela Merkel criticized the Greek government.", date(2012, 6, 1),
     "Angela Merkel", {"country": "DEU", "sector": "GOV", "role": "chancellor"}),
    ("U.S. Secretary of State Mike Pompeo met Indian Prime Minister Narendra Modi in New Delhi.", date(2019, 6, 1),
     "U.S. Secretary of State Mike Pompeo", {"country": "USA", "sector": "GOV", "role": "foreign minister"}),
    ("U.S. Secretary of State Mike Pompeo met Indian Prime Minister Narendra Modi in New Delhi.", date(2019, 6, 1),
     "Indian Prime Minister Narendra Modi", {"country": "IND", "sector": "GOV", "role": "prime minister"}),
    ("Britain's Foreign Secretary Jeremy Hunt criticized Tehran.", date(2019, 6, 1),
     "Britain's Foreign Secretary Jeremy Hunt", {"country": "GBR", "role": "foreign minister"}),
    ("Saudi Crown Prince Mohammed bin Salman met French officials.", date(2019, 6, 1),
     "Saudi Crown Prince Mohammed bin Salman", {"country": "SAU", "sector": "GOV", "role": "crown prince"}),
]

TRANSLITERATIONS = [
    ("Dmitri Medvedev praised the agreement.", D2010,
     "Dmitri Medvedev", {"country": "RUS", "name": "Dmitry Medvedev", "role": "president"}),
    ("Volodymyr Zelenskyy thanked Poland for its support.", D2022,
     "Volodymyr Zelenskyy", {"country": "UKR", "sector": "GOV", "name": "Volodymyr Zelensky"}),
    ("Volodymyr Zelenskiy thanked Poland for its support.", D2022,
     "Volodymyr Zelenskiy", {"country": "UKR", "sector": "GOV", "name": "Volodymyr Zelensky"}),
    ("Volodymyr Zelenskyy thanked Poland. Zelensky later criticized the Kremlin.", D2022,
     "Zelensky", {"country": "UKR", "sector": "GOV", "role": "president"}),
    ("Belarusian Prime Minister Sergey Rumas met Chinese officials.", date(2019, 6, 1),
     "Belarusian Prime Minister Sergey Rumas", {"country": "BLR", "sector": "GOV", "name": "Sergei Rumas"}),
    ("Sergei Rumas met Chinese officials.", date(2019, 6, 1),
     "Sergei Rumas", {"country": "BLR", "sector": "GOV", "role": "prime minister"}),
    ("Recep Tayyip Erdoğan criticized Greece.", date(2016, 1, 10),
     "Recep Tayyip Erdoğan", {"country": "TUR", "role": "president"}),
    ("Hassan Rohani met Iraqi officials.", date(2015, 3, 1),
     "Hassan Rohani", {"country": "IRN", "sector": "GOV", "name": "Hassan Rouhani", "role": "president"}),
    ("António Guterres urged restraint.", date(2019, 3, 1),
     "António Guterres", {"country": "UNO", "role": "secretary-general"}),
]

CAPITALS_AND_SEATS = [
    ("Beijing condemned the White House.", date(2018, 3, 1), "Beijing", {"country": "CHN", "sector": "GOV"}),
    ("Beijing condemned the White House.", date(2018, 3, 1), "the White House", {"country": "USA", "sector": "GOV"}),
    ("Downing Street rejected the claims.", date(2018, 3, 1), "Downing Street", {"country": "GBR", "sector": "GOV"}),
    ("The Kremlin declined to comment.", date(2018, 3, 1), "The Kremlin", {"country": "RUS", "sector": "GOV"}),
    ("Tehran accused Washington of lying.", date(2018, 3, 1), "Tehran", {"country": "IRN", "sector": "GOV"}),
    ("Tehran accused Washington of lying.", date(2018, 3, 1), "Washington", {"country": "USA", "sector": "GOV"}),
    ("The Elysee welcomed the vote.", date(2018, 3, 1), "The Elysee", {"country": "FRA", "sector": "GOV"}),
    ("Ankara summoned the Dutch ambassador.", date(2018, 3, 1), "Ankara", {"country": "TUR", "sector": "GOV"}),
    ("Pyongyang threatened Seoul.", date(2018, 3, 1), "Pyongyang", {"country": "PRK", "sector": "GOV"}),
    ("Pyongyang threatened Seoul.", date(2018, 3, 1), "Seoul", {"country": "KOR", "sector": "GOV"}),
    ("New Delhi criticized Islamabad.", date(2018, 3, 1), "Islamabad", {"country": "PAK", "sector": "GOV"}),
    ("Moscow criticized the decision.", date(2018, 3, 1), "Moscow", {"country": "RUS", "sector": "GOV"}),
    ("Kiev and Kyiv welcomed the plan.", D2019, "Kiev", {"country": "UKR", "sector": "GOV"}),
    ("Kiev and Kyiv welcomed the plan.", D2019, "Kyiv", {"country": "UKR", "sector": "GOV"}),
    ("Aso Rock rejected the report.", date(2018, 3, 1), "Aso Rock", {"country": "NGA", "sector": "GOV"}),
]

SECTOR_NOUNS = [
    ("Ukrainian troops shelled positions near the town.", D2019, "Ukrainian troops", {"country": "UKR", "sector": "MIL"}),
    ("Indian police detained dozens of students.", D2019, "Indian police", {"country": "IND", "sector": "COP"}),
    ("Syria's army attacked the rebels.", D2019, "Syria's army", {"country": "SYR", "sector": "MIL"}),
    ("Syria's army attacked the rebels.", D2019, "the rebels", {"sector": "REB"}),
    ("Kenyan lawmakers rejected the bill.", D2019, "Kenyan lawmakers", {"country": "KEN", "sector": "LEG"}),
    ("Iranian state media accused Israel.", D2019, "Iranian state media", {"country": "IRN", "sector": "JRN"}),
    ("The African Union criticized Sudan's military.", D2019, "Sudan's military", {"country": "SDN", "sector": "MIL"}),
    ("Russian soldiers crossed the border.", D2019, "Russian soldiers", {"country": "RUS", "sector": "MIL"}),
    ("Chinese officials met the delegation.", D2019, "Chinese officials", {"country": "CHN", "sector": "GOV"}),
    ("French riot police dispersed the crowd.", D2019, "French riot police", {"country": "FRA", "sector": "COP"}),
    ("Brazilian protesters blocked the highway.", D2019, "Brazilian protesters", {"country": "BRA", "sector": "CVL"}),
    ("Egyptian judges rejected the appeal.", D2019, "Egyptian judges", {"country": "EGY", "sector": "JUD"}),
    ("Thousands of Russians protested in Moscow.", D2019, "Russians", {"country": "RUS", "sector": "CVL"}),
    ("Turkish farmers blocked the road.", D2019, "Turkish farmers", {"country": "TUR", "sector": "AGR"}),
    ("Polish journalists criticized the law.", D2019, "Polish journalists", {"country": "POL", "sector": "JRN"}),
    ("Israeli soldiers arrested two men.", D2019, "Israeli soldiers", {"country": "ISR", "sector": "MIL"}),
    ("Russia's Foreign Ministry criticized the U.S. State Department.", D2019,
     "Russia's Foreign Ministry", {"country": "RUS", "sector": "GOV"}),
    ("Russia's Foreign Ministry criticized the U.S. State Department.", D2019,
     "the U.S. State Department", {"country": "USA", "sector": "GOV"}),
    ("The Ukrainian government rejected the demand.", D2019,
     "The Ukrainian government", {"country": "UKR", "sector": "GOV"}),
]

ORGANISATIONS = [
    ("The UN Security Council condemned the attack.", D2019, "The UN Security Council",
     {"country": "UNO", "org": "UN.SC"}),
    ("The European Commission criticized Hungary.", D2019, "The European Commission",
     {"country": "EUR", "org": "EU.COM"}),
    ("NATO deployed troops to Estonia.", D2019, "NATO", {"country": "IGO", "org": "NATO"}),
    ("The African Union suspended Mali.", D2019, "The African Union", {"country": "IGO", "org": "AU"}),
    ("The European Union imposed sanctions on Belarus.", D2019, "The European Union",
     {"country": "EUR", "org": "EU"}),
    ("Amnesty International criticized the verdict.", D2019, "Amnesty International",
     {"country": "NGO", "org": "AMNESTY"}),
    ("The Taliban attacked a checkpoint.", D2019, "The Taliban", {"country": "AFG", "sector": "REB", "org": "TALIBAN"}),
    ("Hamas fired rockets at the town.", D2019, "Hamas", {"sector": "REB", "org": "HAMAS"}),
    ("The IAEA criticized Iran.", D2019, "The IAEA", {"country": "UNO", "org": "UN.IAEA"}),
    ("The World Health Organization praised Nigeria.", D2019, "The World Health Organization",
     {"country": "UNO", "org": "UN.WHO"}),
    ("The UN refugee agency criticized Greece.", D2019, "The UN refugee agency", {"country": "UNO", "org": "UN.UNHCR"}),
    ("The International Criminal Court charged the general.", D2019, "The International Criminal Court",
     {"sector": "JUD", "org": "ICC"}),
    ("Human Rights Watch accused Egypt.", D2019, "Human Rights Watch", {"country": "NGO", "org": "HRW"}),
    ("The Red Cross delivered aid to Yemen.", D2019, "The Red Cross", {"country": "NGO", "org": "ICRC"}),
    ("The U.N. condemned the attack.", D2019, "The U.N.", {"country": "UNO", "org": "UN"}),
    ("The World Food Programme delivered food to Yemen.", D2019, "The World Food Programme",
     {"country": "UNO", "org": "UN.WFP"}),
    ("The European Parliament condemned Poland.", D2019, "The European Parliament",
     {"country": "EUR", "sector": "LEG", "org": "EU.EP"}),
    ("The Organization of American States criticized Venezuela.", D2019,
     "The Organization of American States", {"country": "IGO", "org": "OAS"}),
]

TITLES_ONLY = [
    ("Nigerian Foreign Minister Ade Bello met his Ghanaian counterpart in Accra.", D2019,
     "Nigerian Foreign Minister Ade Bello",
     {"country": "NGA", "sector": "GOV", "name": "Ade Bello", "role": "foreign minister"}),
    ("Kenyan Interior Minister Jane Wambui visited the border town.", D2019,
     "Kenyan Interior Minister Jane Wambui",
     {"country": "KEN", "sector": "GOV", "name": "Jane Wambui", "role": "interior minister"}),
    ("Brazilian Defence Minister Carlos Mendes visited the base.", D2019,
     "Brazilian Defence Minister Carlos Mendes",
     {"country": "BRA", "name": "Carlos Mendes", "role": "defence minister"}),
    ("Polish General Tomasz Nowak inspected the troops.", D2019,
     "Polish General Tomasz Nowak", {"country": "POL", "sector": "MIL", "name": "Tomasz Nowak"}),
    ("Chinese Foreign Ministry spokesman Geng Shuang criticized Washington.", D2019,
     "Chinese Foreign Ministry spokesman Geng Shuang", {"country": "CHN", "sector": "GOV", "name": "Geng Shuang"}),
    ("Venezuelan opposition leader Pedro Salas called for protests.", D2019,
     "Venezuelan opposition leader Pedro Salas", {"country": "VEN", "sector": "OPP", "name": "Pedro Salas"}),
    ("Chilean President Ana Rojas praised the agreement.", D2019,
     "Chilean President Ana Rojas", {"country": "CHL", "sector": "GOV", "role": "president"}),
]

COREFERENCE = [
    ("German Chancellor Angela Merkel met Polish officials on Monday. She said the talks were useful.",
     D2010, "She", {"country": "DEU", "sector": "GOV", "name": "Angela Merkel"}),
    ("German Chancellor Angela Merkel met Polish officials on Monday. The chancellor later visited Warsaw.",
     D2010, "The chancellor", {"country": "DEU", "sector": "GOV", "name": "Angela Merkel"}),
    ("Nigerian Foreign Minister Ade Bello arrived in Accra on Monday. The minister praised Ghana.",
     D2019, "The minister", {"country": "NGA", "sector": "GOV", "name": "Ade Bello"}),
    ("Nigerian Foreign Minister Ade Bello arrived in Accra on Monday. He praised Ghana.",
     D2019, "He", {"country": "NGA", "sector": "GOV", "name": "Ade Bello"}),
    ("Nigerian Foreign Minister Ade Bello met his Ghanaian counterpart in Accra.", D2019,
     "his", {"country": "NGA", "name": "Ade Bello"}),
    ("Turkish President Recep Tayyip Erdogan visited Berlin. Erdogan praised Germany.",
     date(2016, 1, 10), "Erdogan", {"country": "TUR", "role": "president"}),
    ("Russian President Dmitry Medvedev arrived in Paris. He met French business leaders.",
     D2010, "He", {"country": "RUS", "name": "Dmitry Medvedev", "role": "president"}),
    ("NATO criticized Russia on Monday. The alliance said Moscow had broken the treaty.", D2019,
     "The alliance", {"country": "IGO", "org": "NATO"}),
    ("The EU praised Kenya. The bloc said the vote was fair.", D2019, "The bloc", {"country": "EUR", "org": "EU"}),
    ("Kenyan Interior Minister Jane Wambui toured the camp. She criticized the aid agencies.",
     D2019, "She", {"country": "KEN", "name": "Jane Wambui"}),
]

# capitals named by their country; opponents of a state's institution; national NGOs based abroad
DESCRIBED_PLACES_AND_GROUPS = [
    ("Rebels shelled the Yemeni capital.", D2019, "the Yemeni capital", {"country": "YEM", "sector": "GOV"}),
    ("Troops entered Mali's capital.", D2019, "Mali's capital", {"country": "MLI", "sector": "GOV"}),
    ("Opponents of Kenya's parliament marched.", D2019, "Opponents", {"country": "KEN", "sector": "OPP"}),
    ("The Syrian Observatory for Human Rights said ten people died.", D2019,
     "The Syrian Observatory for Human Rights", {"country": "SYR", "org": "SOHR"}),
    # a reflexive object is the subject of its clause
    ("Officials said Peru had armed itself.", D2019, "itself", {"country": "PER"}),
    ("Kenya and Uganda said they had defended themselves.", D2019, "themselves", {"country": "KEN"}),
]

CASES = DESCRIBED_PLACES_AND_GROUPS + PEOPLE_ON_DATES + TRANSLITERATIONS + CAPITALS_AND_SEATS + SECTOR_NOUNS + ORGANISATIONS + TITLES_ONLY + COREFERENCE


def _case_id(case: tuple) -> str:
    return f"{case[2]}@{case[1].isoformat()}"


@pytest.mark.parametrize(("text", "published", "mention", "expected"), CASES, ids=[_case_id(c) for c in CASES])
def test_mention_resolves(code, text: str, published: date, mention: str, expected: dict) -> None:
    coded = code(text, published=published)
    found = find_mention(coded, mention)
    assert found.actor is not None, f"{mention!r} did not resolve"
    got = {field: getattr(found.actor, field) for field in expected}
    assert got == expected


ORG_IDS = sorted({c[3]["org"] for c in CASES if c[3].get("org")})


@pytest.mark.parametrize("org_id", ORG_IDS)
def test_expected_org_ids_exist_in_the_knowledge_base(org_id: str) -> None:
    assert org_id in load_kb().orgs


def test_there_are_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(("actor", "code"), [
    (Actor(sector="GOV", cameo="---GOV"), "---GOV"),
    (Actor(country="KEN", sector="GOV", cameo="---GOV"), "KENGOV"),  # country found later
    (Actor(country="RUS", sector="GOV", cameo="RUSGOVXYZ"), "RUSGOVXYZ"),
    (Actor(country="UNO", org="UN", cameo="---IGO"), "IGOUNO"),
    (Actor(country="FRA", sector="MIL"), "FRAMIL"),
])
def test_an_actor_code_follows_a_country_found_after_resolution(actor, code) -> None:
    assert actor.code == code
