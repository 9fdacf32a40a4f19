"""Page layout on news pages: lines the author broke without punctuation, and the chrome
around a story (wire credits, tag lines, share bars, section links, comment forms, update
stamps) in every language. All texts are invented."""

from __future__ import annotations

import spacy

from articles.extraction.sentences import CHROME, HEADLINE, LEAD, analyse_layout, mark_sentences

STAMP = "March 3, 2019 / 10:15 AM / Updated 2 years ago"
HEADLINE_LINE = "Peace talks close with a pledge on relief convoys, plan for a new summit"
LEAD_LINE = (
    "RIVERTON, March 3 (Wire) - The delegations of the guarantor states agreed on Tuesday to "
    "let relief convoys through the valley and to meet again in the spring, the host ministry "
    "said after two days of talks in the capital."
)


def _layout(text: str, lang: str = "en", title: str | None = None):
    doc = mark_sentences(spacy.blank(lang).make_doc(text))
    layout = analyse_layout(doc, title)
    return doc, layout, {layout.text_of(doc, s): s.kind for s in layout.sents}


def test_stamp_headline_and_lead_without_final_punctuation_are_three_sentences() -> None:
    # Each line ends well short of the next one: the breaks are the author's, not a wrap.
    _, _, kinds = _layout("\n".join([STAMP, HEADLINE_LINE, LEAD_LINE]))
    assert kinds[STAMP] == CHROME
    assert kinds[HEADLINE_LINE] == HEADLINE
    assert kinds[LEAD_LINE] == LEAD


def test_ragged_wrap_ending_mid_clause_continues_its_sentence() -> None:
    # A wrapped paragraph whose first line is only a little shorter than the second.
    text = (
        "The envoys met for two days in the capital and the talks which the\n"
        "hosts called useful ended with a statement on the truce and the prisoners\n"
        "and on the return of refugees to their homes in the south of the country."
    )
    doc = mark_sentences(spacy.blank("en").make_doc(text))
    assert len(list(doc.sents)) == 1
