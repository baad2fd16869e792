"""Attribution: quotes, their speakers, cue verbs and media; events reported inside quotes.

Every sentence is written for these tests; the statements in them are invented.
"""

from __future__ import annotations

from datetime import date

import pytest

from communique.model import CodedArticle, Quote

D = date(2019, 6, 5)
ANY = ...  # do not check this field

# (text, published, a fragment of the quote, speaker country, speaker name, cue, medium, direct)
QUOTES = [
    # straight and curly quotes, speaker after the quote
    ('"We will not accept any interference," Chinese Foreign Minister Wang Yi said.', D,
     "We will not accept any interference", "CHN", "Wang Yi", "say", None, True),
    ("\u201cWe will not accept any interference,\u201d Chinese Foreign Minister Wang Yi said.", D,
     "We will not accept any interference", "CHN", "Wang Yi", "say", None, True),
    ("\u201cThe talks were useful,\u201d Japanese Prime Minister Shinzo Abe told reporters.", D,
     "The talks were useful", "JPN", "Shinzo Abe", "tell", None, True),
    # speaker before the quote
    ('Chinese Foreign Minister Wang Yi said: "We will not accept any interference."', D,
     "We will not accept any interference", "CHN", "Wang Yi", "say", None, True),
    # inverted "said X"
    ('"We condemn the attack," said Kenyan President Uhuru Kenyatta.', D,
     "We condemn the attack", "KEN", "Uhuru Kenyatta", "say", None, True),
    # "he said" / "she said" / "he added" / "the president said" across sentences
    ('Chinese Foreign Minister Wang Yi spoke to reporters in Beijing. "We will not accept any interference," he said.',
     D, "We will not accept any interference", "CHN", "Wang Yi", "say", None, True),
    ('New Zealand Prime Minister Jacinda Ardern visited the mosque. "They are us," she said.', date(2019, 3, 20),
     "They are us", "NZL", "Jacinda Ardern", "say", None, True),
    ('Japanese Prime Minister Shinzo Abe praised Australia. "Our friendship is strong," he added.', D,
     "Our friendship is strong", "JPN", "Shinzo Abe", "add", None, True),
    ('Kenyan President Uhuru Kenyatta met Ethiopian officials. "Ethiopia is our brother," the president said.', D,
     "Ethiopia is our brother", "KEN", "Uhuru Kenyatta", "say", None, True),
    # a quote that runs on in the next sentence keeps its speaker
    ('"We are ready," Turkish Defence Minister Hulusi Akar said. "Our troops will stay."', D,
     "Our troops will stay", "TUR", ANY, "say", None, True),
    # media: quoted by an agency, told a broadcaster, a transcript or statement on a website
    ('German Chancellor Angela Merkel criticized the plan. "This is a mistake," she was quoted as saying by Reuters.',
     D, "This is a mistake", "DEU", "Angela Merkel", "quote", "Reuters", True),
    ("Indian Prime Minister Narendra Modi told the BBC that Pakistan must stop supporting militants.", D,
     "Pakistan must stop supporting militants", "IND", "Narendra Modi", "tell", "the BBC", False),
    ('"Iran seized the tanker illegally," British Foreign Secretary Jeremy Hunt told the BBC on Wednesday.', D,
     "Iran seized the tanker illegally", "GBR", "Jeremy Hunt", "tell", "the BBC", True),
    ('"Moscow has broken the treaty," NATO Secretary-General Jens Stoltenberg said, according to a transcript '
     "on the alliance's website.", D,
     "Moscow has broken the treaty", "IGO", "Jens Stoltenberg", "say", "a transcript on the alliance's website", True),
    ('"The sanctions are illegal," the Iranian Foreign Ministry said, according to a statement on its website.', D,
     "The sanctions are illegal", "IRN", None, "say", "a statement on its website", True),
    ("Qatar's foreign minister told the Associated Press that the blockade had failed.", D,
     "the blockade had failed", "QAT", ANY, "tell", "the Associated Press", False),
    ("Sudan's army arrested protest leaders, Sudanese activists told Al Jazeera.", D,
     "Sudan's army arrested protest leaders", "SDN", None, "tell", "Al Jazeera", False),
    # partial quotes of a few words
    ('Turkish President Recep Tayyip Erdogan called the sanctions "an act of aggression" and vowed to respond.', D,
     "an act of aggression", "TUR", ANY, "call", None, True),
    ('Brazilian President Jair Bolsonaro accused France of "colonial" thinking.', D,
     "colonial", "BRA", "Jair Bolsonaro", "accuse", None, True),
    # indirect speech
    ("French President Emmanuel Macron said France would send aid to Lebanon.", D,
     "France would send aid to Lebanon", "FRA", "Emmanuel Macron", "say", None, False),
    ("Egyptian President Abdel Fattah al-Sisi said on Tuesday that Egypt would not attack Libya.", D,
     "Egypt would not attack Libya", "EGY", ANY, "say", None, False),
    ("Egyptian officials said Israeli troops had arrested two Egyptian fishermen.", D,
     "Israeli troops had arrested two Egyptian fishermen", "EGY", None, "say", None, False),
    # unnamed speakers described by their sector
    ('"Turkish troops shelled our villages," a Syrian army spokesman said.', D,
     "Turkish troops shelled our villages", "SYR", None, "say", None, True),
    ('"We stand with Kyiv," British Prime Minister Theresa May wrote on Twitter.', D,
     "We stand with Kyiv", "GBR", "Theresa May", "write", ANY, True),
]


def find_quote(coded: CodedArticle, fragment: str) -> Quote:
    for quote in coded.quotes:
        if fragment in quote.text:
            return quote
    raise AssertionError(f"no quote with {fragment!r}; quotes: {[q.text for q in coded.quotes]}")


@pytest.mark.parametrize(("text", "published", "fragment", "country", "name", "cue", "medium", "direct"),
                         QUOTES, ids=[q[2][:40] for q in QUOTES])
def test_quote_speaker_cue_and_medium(code, text: str, published: date, fragment: str, country: str,
                                      name: str | None, cue: str, medium: str | None, direct: bool) -> None:
    quote = find_quote(code(text, published=published), fragment)
    assert quote.speaker is not None
    assert quote.speaker.country == country
    if name is not ANY:
        assert quote.speaker.name == name
    assert quote.cue == cue
    if medium is not ANY:
        assert quote.medium == medium
    assert quote.direct is direct


# An event stated inside a quote: quote_id points at the quote, reported_by is its speaker.
# (text, published, event type, event source country, speaker country, exported)
QUOTED_EVENTS = [
    ('"Turkish troops shelled our villages," a Syrian army spokesman said.', D, "ASSAULT", "TUR", "SYR", True),
    ('"Iran seized the tanker illegally," British Foreign Secretary Jeremy Hunt told the BBC on Wednesday.', D,
     "COERCE", "IRN", "GBR", True),
    ("Sudan's army arrested protest leaders, Sudanese activists told Al Jazeera.", D, "COERCE", "SDN", "SDN", True),
    ("Egyptian officials said Israeli troops had arrested two Egyptian fishermen.", D, "COERCE", "ISR", "EGY", True),
    # "would" in reported speech is the speaker's future: a stated intent to aid is an AGREE, and a
    # denied intent to attack is a negated THREATEN, stored but not exported
    ("French President Emmanuel Macron said France would send aid to Lebanon.", D, "AGREE", "FRA", "FRA", True),
    ("Egyptian President Abdel Fattah al-Sisi said on Tuesday that Egypt would not attack Libya.", D,
     "THREATEN", "EGY", "EGY", False),
]


@pytest.mark.parametrize(("text", "published", "etype", "source", "speaker", "exported"), QUOTED_EVENTS,
                         ids=[q[0][:40] for q in QUOTED_EVENTS])
def test_event_inside_quote_is_reported_by_the_speaker(code, text: str, published: date, etype: str, source: str,
                                                       speaker: str, exported: bool) -> None:
    coded = code(text, published=published)
    events = [e for e in coded.events if e.type == etype and e.source and e.source.country == source]
    assert len(events) == 1, [(e.type, e.source and e.source.country) for e in coded.events]
    event = events[0]
    quotes = {q.id: q for q in coded.quotes}
    assert event.quote_id in quotes
    assert event.reported_by is not None
    assert event.reported_by.country == speaker
    assert event.reported_by == quotes[event.quote_id].speaker
    assert event.exported is exported


def test_event_outside_any_quote_has_no_reporter(code) -> None:
    coded = code('German Chancellor Angela Merkel criticized the plan. "This is a mistake," she said.', published=D)
    accuse = [e for e in coded.events if e.type == "ACCUSE"]
    assert accuse
    assert accuse[0].quote_id is None
    assert accuse[0].reported_by is None


def test_case_count() -> None:
    assert len(QUOTES) >= 20


def test_news_agency_reported_is_the_medium(code) -> None:
    coded = code('"We will respond," Russian President Vladimir Putin said, state news agency RIA Novosti reported.',
                 published=date(2015, 6, 5))
    quote = next(q for q in coded.quotes if "respond" in q.text)
    assert quote.speaker is not None and quote.speaker.name == "Vladimir Putin"
    assert quote.medium is not None and "RIA Novosti" in quote.medium
