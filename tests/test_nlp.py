"""The language pipeline: the tokenizer's exceptions, added as texts need them, give
the same tokens as spaCy's tokenizer with all of them loaded."""

from __future__ import annotations

from conftest import SAMPLES
from protocheck.language import lexicon, nlp
from protocheck.read import read

TRICKY = [
    "I cannot go. Mr. Smith (Mr.) said \"don't\" - isn't it? It's 9 a.m., not 5 p.m.",
    "e.g. the U.K. rules, etc.; we'll see. Won't they? I'm sure they'd say 'can't'.",
    "Dr. Jones, St. Mary's Rd. and No. 10 (Jan. 2027): Cllr. Shah's view.",
    'CANNOT, Cannot and cannot. "Mr.", [Mrs.] {Ms.} <Dr.>',
    "It costs £1.8m. and £0.45m. a year; 10a.m. to 4p.m.; (e.g. the U.K.'s) 3rd-4th.",
]


def test_exceptions_added_on_demand_tokenize_as_all_of_them() -> None:
    from spacy import util
    from spacy.lang.en import English
    from spacy.tokenizer import Tokenizer

    pipe = nlp.pipeline()
    d = English.Defaults
    full = Tokenizer(
        pipe.vocab,
        rules=nlp._exceptions(d.tokenizer_exceptions),
        prefix_search=util.compile_prefix_regex(d.prefixes).search,
        suffix_search=util.compile_suffix_regex(d.suffixes).search,
        infix_finditer=util.compile_infix_regex(d.infixes).finditer,
        token_match=d.token_match,
        url_match=d.url_match,
    )
    texts = list(TRICKY)
    for path in sorted(SAMPLES.rglob("*.txt")) + sorted(SAMPLES.rglob("*.eml")):
        texts += [b.text for b in read(path).blocks]
    for entry in lexicon.entries_by_id().values():
        texts += entry.examples + entry.counters
    assert len(texts) > 1000
    for text in texts:
        text = nlp.prepare(text)
        assert [t.text for t in pipe.tokenize(text)] == [t.text for t in full(text)], text
    assert 0 < len(pipe.added) < len(pipe.exceptions)


def test_a_long_unbroken_run_of_text_is_tokenized_in_bounded_time() -> None:
    """A PDF can yield a line with no spaces; finding the exceptions must stay linear."""
    import time

    pipe = nlp.pipeline()
    start = time.perf_counter()
    doc = pipe.tokenize("x" * 300_000 + " Mr. Smith's")
    assert time.perf_counter() - start < 5
    assert [t.text for t in doc][-3:] == ["Mr.", "Smith", "'s"]


def test_web_page_lines_are_sentences_but_wrapped_lines_are_not() -> None:
    from protocheck.language.nlp import _split_lines

    page = (
        "Cost of Living Working Group\nMeeting: 16/11/2022 - Council (Item 48)\nWho can apply\n"
        "- Schools\n- Registered charities\nFind out who your ward member is"
    )
    pieces = [page[a:b] for a, b in _split_lines(page, 0, len(page))]
    assert pieces == [
        "Cost of Living Working Group",
        "Meeting: 16/11/2022 - Council (Item 48)",
        "Who can apply",
        "- Schools",
        "- Registered charities",
        "Find out who your ward member is",
    ]
    wrapped = (
        "I raised your case with officers as soon as your letter arrived, and\n"
        "Parking Services have confirmed that the machines on levels 2 and 3\n"
        "were at fault for most of that month"
    )
    assert _split_lines(wrapped, 0, len(wrapped)) == [(0, len(wrapped))]


def test_a_headline_over_its_paragraph_is_a_sentence_of_its_own() -> None:
    from protocheck.language.nlp import _split_lines

    page = (
        "Greens cannot be trusted with the county's money, say Independents\n"
        "At last week's budget meeting the Independent group set out its own plan for "
        "the library service, the bus routes and the leisure centres, and asked the "
        "Cabinet to think again about the cuts it had proposed."
    )
    first = page.index("\n")
    assert _split_lines(page, 0, len(page)) == [(0, first), (first + 1, len(page))]
    # a hard-wrapped paragraph's lines are of a length, however long the first is
    wrapped = (
        "Thank you for your letter about the charges at the Station Road car park\n"
        "and for the photographs of the broken machine, which I have passed on"
    )
    assert _split_lines(wrapped, 0, len(wrapped)) == [(0, len(wrapped))]
