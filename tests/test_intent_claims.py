"""Intent against the deed, claims of responsibility, places of deeds and elided nouns.

- A future the narrator reports ("will visit next week", "prepared to attend") is, for scheduled
  kinds of deed (meetings, visits, deliveries: ``narrated: deed`` in data/intent.yaml), the deed
  in the future mode; a future the actor states ("said it would", "vowed to", "is ready to") is
  an intent (AGREE, CAMEO 03x).
- A harmful deed its doer claims ("claimed responsibility for the bombing", "admitted that it
  had fired") keeps its PLOVER type and takes the claim's CAMEO code, 015; a denied
  responsibility is no deed of the speaker's.
- A material deed with no named target is aimed at the country where it happens, also found
  inside its place ("at a hotel in Kenya") and circumstances ("during its campaign in Syria").
- "from the Syrian to the Iraqi side": a country adjective heading a phrase is the country.
- "X faces pressure from Y", "X came under fire from Y": Y's request or criticism of X.
- A report or statement speaks for its author only as its own verb's subject.
- "X and Y said they ...": the pronoun stands for both; what an accusation says is alleged.

Every sentence is written for these tests. A case lists the exported events as (PLOVER type,
CAMEO root, source country, target country or None).
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import quads

D = date(2019, 1, 1)

CASES = [
    # narrated futures of scheduled deeds
    ("The Chilean president will visit Argentina next week.", D, [("CONSULT", "04", "CHL", "ARG")]),
    ("Japan will send food aid to North Korea.", D, [("AID", "07", "JPN", "PRK")]),
    ("The Kenyan president prepared to attend a summit in Ethiopia.", D, [("CONSULT", "04", "KEN", "ETH")]),
    ("Iran will hold talks with the European Union on Monday.", D,
     [("CONSULT", "04", "EUR", "IRN"), ("CONSULT", "04", "IRN", "EUR")]),
    # stated futures are intents
    ("Chile said its president would visit Argentina next week.", D, [("AGREE", "03", "CHL", "ARG")]),
    ("Japan vowed to send food aid to North Korea.", D, [("AGREE", "03", "JPN", "PRK")]),
    ("Kenya is ready to send food aid to Somalia.", D, [("AGREE", "03", "KEN", "SOM")]),
    # claims of responsibility: the claimant's deed, coded 015
    ("The Taliban claimed responsibility for the bombing of the Afghan army base.", D,
     [("ASSAULT", "01", "AFG", "AFG")]),
    ("Boko Haram claimed responsibility for an attack on a Nigerian army post.", D,
     [("ASSAULT", "01", "NGA", "NGA")]),
    ("Al-Shabaab took responsibility for the attack on Kenyan troops.", D, [("ASSAULT", "01", "SOM", "KEN")]),
    ("Hamas admitted that it had fired rockets at Israel.", D, [("ASSAULT", "01", "PSE", "ISR")]),
    # the place of a claimed deed answers for its target; a participle describes the deed
    ("The militants claimed responsibility for a suicide bombing targeting police in Pakistan's capital.", D,
     [("ASSAULT", "01", None, "PAK")]),
    ("Al-Shabaab claimed responsibility for an attack on tourists at a hotel in Kenya.", D,
     [("ASSAULT", "01", "SOM", "KEN")]),
    # not claims: a statement of one's own arrest of others, an allegation about another, a denial
    ("Kenya said that it had arrested 20 Somali fishermen.", D, [("COERCE", "17", "KEN", "SOM")]),
    ("Russia claimed that Ukraine had shelled Russian border posts.", D, [("ACCUSE", "11", "RUS", "UKR")]),
    ("The Taliban denied responsibility for the attack on the Afghan army base.", D,
     [("REJECT", "12", "AFG", "AFG")]),
    # the place of a material deed with no named target: inside its place and circumstances ...
    ("Syrian jets carried out an air strike targeting rebels at a hospital in Turkey.", D,
     [("ASSAULT", "19", "SYR", "TUR")]),
    ("Russia launched several air strikes during its campaign in northern Syria.", D, [("ASSAULT", "19", "RUS", "SYR")]),
    ("Al-Shabaab has launched many attacks during its long insurgency in southern Somalia.", D,
     [("ASSAULT", "19", "SOM", "SOM")]),
    # ... but where a verbal act was made is no target
    ("Russia criticized the elections during a meeting in Syria.", D, [("ACCUSE", "11", "RUS", None)]),
    ("The Kenyan minister complained in a speech to the assembly in Uganda that the talks had failed.", D,
     [("ACCUSE", "11", "KEN", None)]),
    # a country adjective heading its own phrase stands for the elided noun
    ("Turkish troops withdrew from the Syrian to the Iraqi side of the border.", D, [("RETREAT", "08", "TUR", "SYR")]),
    ("Indian troops fired at the Pakistani across the border.", D, [("ASSAULT", "19", "IND", "PAK")]),
    ("The Iranian met the Iraqi in Geneva.", D, [("CONSULT", "04", "IRN", "IRQ")]),
    # empathy is verbal support in PLOVER, CAMEO 018 (empathetic comment), not 051 (praise)
    ("The Turkish president expressed condolences to Greece over the fire.", D, [("SUPPORT", "01", "TUR", "GRC")]),
    ("Kenya expressed sorrow for the victims of the attack in Somalia.", D, [("SUPPORT", "01", "KEN", "SOM")]),
    ("The French president expressed sympathy with Japan after the earthquake.", D, [("SUPPORT", "01", "FRA", "JPN")]),
    # a passive participle with no agent read as the adjective: "is committed to", "is opposed to"
    ("Vietnam is committed to opening up the economy.", D, [("AGREE", "03", "VNM", None)]),
    ("Kenya is opposed to the plan.", D, [("REJECT", "12", "KEN", None)]),
    ("Uganda is determined to mend ties with Kenya.", D, [("AGREE", "03", "UGA", "KEN")]),
    # a strike by armed forces is an attack; by workers, a work stoppage
    ("French jets conducted a strike on a Taliban target east of Kandahar.", D, [("ASSAULT", "19", "FRA", "AFG")]),
    ("Syrian troops launched a strike on rebel positions near Idlib.", D, [("ASSAULT", "19", "SYR", None)]),
    ("Nigerian teachers began a strike against the government.", D, [("PROTEST", "14", "NGA", "NGA")]),
    ("Kenyan doctors went on strike.", D, [("PROTEST", "14", "KEN", None)]),
    # thanks and gratitude are praise
    ("The Nepalese government expressed gratitude to India for its help.", D, [("SUPPORT", "05", "NPL", "IND")]),
    ("Kenya expressed appreciation for China's assistance.", D, [("SUPPORT", "05", "KEN", "CHN")]),
    # inspections are investigations; examining a thing (not a proposal) is one
    ("IAEA inspectors inspected a nuclear site in Iran.", D, [("ACCUSE", "09", "UNO", "IRN")]),
    ("UN inspectors began an inspection of Syrian chemical sites.", D, [("ACCUSE", "09", "UNO", "SYR")]),
    ("Russian officials examined the wreckage in Ukraine.", D, [("ACCUSE", "09", "RUS", "UKR")]),
    ("The Iraqi court examined the proposal.", D, []),
    # an intent with no intent code of its own (investigate) stays the deed, in the future mode
    ("UN inspectors want to examine the reactors in Iran.", D, [("ACCUSE", "09", "UNO", "IRN")]),
    # pressure or criticism one faces or comes under is the other side's deed
    ("The Kenyan government faces pressure from the United States.", D, [("REQUEST", "10", "USA", "KEN")]),
    ("Israel came under pressure from the European Union.", D, [("REQUEST", "10", "EUR", "ISR")]),
    ("The Indian government came under fire from Pakistan.", D, [("ACCUSE", "11", "PAK", "IND")]),
    ("The Brazilian plan drew criticism from Argentina.", D, [("ACCUSE", "11", "ARG", "BRA")]),
    ("Kenya faces a difficult election.", D, []),
    # a text speaks for its author only as the subject of its own verb
    ("The statement by the Kenyan government comes a day before the summit, seeking to mend ties with Uganda.", D, []),
    ("A statement by the Kenyan government accused Uganda of arming the rebels.", D, [("ACCUSE", "11", "KEN", "UGA")]),
    ("The Kenyan government issued a statement condemning Uganda.", D, [("ACCUSE", "11", "KEN", "UGA")]),
    # a plural pronoun stands for every coordinated antecedent; their own deed accuses no one
    ("Kenya and Uganda said they had closed their border with Somalia.", D,
     [("COERCE", "17", "KEN", "SOM"), ("COERCE", "17", "UGA", "SOM")]),
    ("Chile and Peru said they would meet Bolivia next month.", D, [("AGREE", "03", "CHL", "BOL"), ("AGREE", "03", "PER", "BOL")]),
    # what an accusation says is alleged, and what one is condemned "as" is no event of its own
    ("Ethiopia condemned as \"unacceptable\" accusations by Egypt that it had attacked the dam.", D,
     [("ACCUSE", "11", "ETH", None)]),
    ("Kenya rejected as baseless allegations by Uganda.", D, [("REJECT", "12", "KEN", None)]),
]



@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_intent_and_claims(code, text: str, published: date, expected: list[tuple]) -> None:
    assert quads(code(text, published=published)) == sorted(expected, key=str)


def test_narrated_future_keeps_the_future_mode(code) -> None:
    coded = code("The Chilean president will visit Argentina next week.", published=D)
    assert [(e.type, e.modality, e.exported) for e in coded.events] == [("CONSULT", "future", True)]


def test_claim_code_is_015(code) -> None:
    coded = code("Boko Haram claimed responsibility for an attack on a Nigerian army post.", published=D)
    assert [e.cameo for e in coded.events if e.exported] == ["015"]


# the intent code of what is promised, from the CAMEO codebook (03x)
INTENT_CODES = [
    ("Kenya agreed to meet Uganda next month.", "036"),
    ("Japan pledged to provide aid to Nepal.", "033"),
    ("Peru agreed to lift the sanctions on Chile.", "035"),
    ("Israel announced it would free 100 Palestinian prisoners.", "035"),
    ("Kenya vowed to attack Somalia.", "138"),
]


@pytest.mark.parametrize(("text", "cameo"), INTENT_CODES, ids=[c[0][:50] for c in INTENT_CODES])
def test_intent_takes_the_code_of_what_is_promised(code, text: str, cameo: str) -> None:
    assert [e.cameo for e in code(text, published=D).events if e.exported] == [cameo]
