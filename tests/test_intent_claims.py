"""Intent against the deed, and claims of responsibility.

- A future the narrator reports ("will visit next week", "prepared to attend") is, for scheduled
  kinds of deed (meetings, visits, deliveries: ``narrated: deed`` in data/intent.yaml), the deed
  in the future mode; a future the actor states ("said it would", "vowed to", "is ready to") is
  an intent (AGREE, CAMEO 03x).
- A harmful deed its doer claims ("claimed responsibility for the bombing", "admitted that it
  had fired") keeps its PLOVER type and takes the claim's CAMEO code, 015; a denied
  responsibility is no deed of the speaker's.

Every sentence is written for these tests. A case lists the exported events as (PLOVER type,
CAMEO root, source country, target country or None).
"""

from __future__ import annotations

from datetime import date

import pytest

from communique.model import CodedArticle

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
    # not claims: a statement of one's own arrest of others, an allegation about another, a denial
    ("Kenya said that it had arrested 20 Somali fishermen.", D, [("COERCE", "17", "KEN", "SOM")]),
    ("Russia claimed that Ukraine had shelled Russian border posts.", D, [("ACCUSE", "11", "RUS", "UKR")]),
    ("The Taliban denied responsibility for the attack on the Afghan army base.", D,
     [("REJECT", "12", "AFG", "AFG")]),
]


def quads(coded: CodedArticle) -> list[tuple[str, str, str | None, str | None]]:
    return sorted((
        (e.type, (e.cameo or "")[:2], e.source.country if e.source else None, e.target.country if e.target else None)
        for e in coded.events if e.exported
    ), key=str)


@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_intent_and_claims(code, text: str, published: date, expected: list[tuple]) -> None:
    assert quads(code(text, published=published)) == sorted(expected, key=str)


def test_narrated_future_keeps_the_future_mode(code) -> None:
    coded = code("The Chilean president will visit Argentina next week.", published=D)
    assert [(e.type, e.modality, e.exported) for e in coded.events] == [("CONSULT", "future", True)]


def test_claim_code_is_015(code) -> None:
    coded = code("Boko Haram claimed responsibility for an attack on a Nigerian army post.", published=D)
    assert [e.cameo for e in coded.events if e.exported] == ["015"]
