"""The screen: which sentences are parsed, and that parsing only those changes no event.

Sentences are written for these tests; the events in them are invented.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from communique.ingest import parse_text_article
from communique.screen import sentence_bounds

ARTICLE = """Ministers meet in Vienna

The weather in the Austrian capital was cold and grey on Tuesday.

Germany accused Poland of blocking the agreement on Tuesday. Talks lasted four hours.

Officials said the delegates ate dinner late. Lt. Gen. Maria Kovac, the army chief, said the troops would withdraw.

"We condemn the shelling," he said. The mood was tense.
Poland rejected the accusation and threatened to leave the meeting.
"""


@pytest.fixture(scope="module")
def screen(pipeline):
    return pipeline.screen


def _sentences(pipeline, text: str) -> list[str]:
    doc = pipeline.nlp.make_doc(text)
    return [doc[s:e].text.strip() for s, e in sentence_bounds(doc)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia protested. Ukraine replied.", ["Russia protested.", "Ukraine replied."]),
    ("Lt. Gen. Ivan Petrov resigned.", ["Lt. Gen. Ivan Petrov resigned."]),
    ("U.S. troops left Kabul. Afghan police arrived.", ["U.S. troops left Kabul.", "Afghan police arrived."]),
    ('"We will fight," he said. She left.', ['"We will fight," he said.', "She left."]),
    ("A headline with no stop\nThe first sentence.", ["A headline with no stop", "The first sentence."]),
    ("Prices rose 3.5 percent. e.g. not here", ["Prices rose 3.5 percent. e.g. not here"]),
    ("Why? Because! Then", ["Why?", "Because!", "Then"]),
])
def test_sentences_are_cut_cautiously(pipeline, text: str, expected: list[str]) -> None:
    assert _sentences(pipeline, text) == expected


def test_runs_of_full_stops_are_read_in_linear_time(pipeline) -> None:
    # a run of full stops once made the cutter rescan the run from every stop
    assert len(sentence_bounds(pipeline.nlp.make_doc(". " * 20_000))) == 1
    doc = pipeline.nlp.make_doc(".\n" * 2_000)
    assert sum(not doc[s:e].text.isspace() for s, e in sentence_bounds(doc)) == 2_000


def test_plan_covers_the_text_and_parses_only_event_sentences(screen) -> None:
    _, units = screen.plan(ARTICLE)
    assert units[0].start == 0 and units[-1].end == len(ARTICLE)
    assert all(a.end == b.start for a, b in pairwise(units))
    parsed = " ".join(ARTICLE[u.start:u.end] for u in units if u.parse)
    skipped = " ".join(ARTICLE[u.start:u.end] for u in units if not u.parse)
    for sentence in ("Germany accused Poland", "Lt. Gen. Maria Kovac", "We condemn the shelling",
                     "Poland rejected the accusation"):
        assert sentence in parsed
    # no event cue ("weather"), or a cue with no actor ("Talks lasted"), or neither
    for sentence in ("The weather in the Austrian capital", "Talks lasted four hours", "The mood was tense"):
        assert sentence in skipped


def test_every_inflection_of_a_trigger_is_a_cue(screen) -> None:
    for sentence in ("Germany fought Poland.", "Germany is fighting Poland.", "Germany met Poland.",
                     "Germany stopped aid to Poland.", "Germany's sanctions on Poland.",
                     "Germany held talks with Poland."):
        _, units = screen.plan(sentence)
        assert [u.parse for u in units] == [True], sentence


def test_a_sentence_without_an_actor_cue_is_not_parsed(screen) -> None:
    _, units = screen.plan("the meeting was held and the talks failed.")
    assert [u.parse for u in units] == [False]


def test_selective_parsing_finds_the_same_events_as_a_full_parse(pipeline, full_pipeline) -> None:
    article = parse_text_article(ARTICLE, published=date(2015, 3, 3))

    def events(pipe):
        return sorted((e.type, e.trigger_start, e.source and e.source.key(), e.target and e.target.key(),
                       e.negated, e.modality, e.date) for e in pipe.code(article).events)

    selective, full = events(pipeline), events(full_pipeline)
    assert selective == full
    assert any(e[0] == "ACCUSE" for e in selective)


def test_parse_setting_is_checked() -> None:
    from communique.errors import ConfigError
    from communique.settings import Settings

    with pytest.raises(ConfigError, match="COMMUNIQUE_PARSE"):
        Settings(parse="sometimes")


@pytest.mark.parametrize(("sentence", "parsed"), [
    # the trigger "accord" is a noun: "according" is only ever the verb
    ("According to Germany, prices rose sharply.", False),
    ("Germany and Poland signed an accord.", True),
    # "find" codes a verdict only with its complement ("guilty", "liable")
    ("Germany found the documents in Paris.", False),
    ("A court found the Polish minister guilty.", True),
    # a wish verb with a to-clause can be an appeal ("X wants Y to ..."); without one it cannot
    ("Germany wants Poland to reconsider.", True),
    ("Germany wants cheaper bread.", False),
    # multi-word triggers need all their words
    ("Germany held a concert in Poland.", False),
    ("Germany held talks with Poland.", True),
])
def test_a_cue_is_a_trigger_the_lemmatizer_could_read(screen, sentence: str, parsed: bool) -> None:
    _, units = screen.plan(sentence)
    assert [u.parse for u in units] == [parsed], sentence


def test_a_wish_with_a_to_clause_is_coded_the_same_in_both_modes(pipeline, full_pipeline) -> None:
    article = parse_text_article("Poland wants Germany to withdraw its ambassador.", published=date(2015, 3, 3))
    selective = [(e.type, e.source and e.source.key(), e.target and e.target.key()) for e in pipeline.code(article).events]
    full = [(e.type, e.source and e.source.key(), e.target and e.target.key()) for e in full_pipeline.code(article).events]
    assert selective == full and selective


def test_unparsed_text_keeps_the_screens_sentences(screen) -> None:
    from communique.screen import unparsed

    doc, units = screen.plan(ARTICLE)
    for u in units:
        if not u.parse:
            given, recut = unparsed(doc[u.first:u.last], u.sentences), unparsed(doc[u.first:u.last])
            assert [s.text for s in given.sents] == [s.text for s in recut.sents]
            assert len(list(given.sents)) == len(u.sentences)


def test_a_name_in_mixed_case_is_an_actor_cue(screen) -> None:
    _, units = screen.plan("the army of iSrael attacked the village.")
    assert [u.parse for u in units] == [True]
