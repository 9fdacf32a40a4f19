"""Round mentions: the `astana_rounds` pipeline component and the rules that keep the
mentions naming an Astana round.

Structures, in every language with word data (`round_words.RoundWords`):

* ordinal, modifiers, round noun: "13th round", "the eighteenth international meeting",
  "8th Astana round", "восьмой раунд", "18. Astana görüşmeleri", "22ª Reunión", "4e round";
* a compound ordinal: "twenty-first", "двадцать первый", "الرابعة عشرة", "بیست و یکم";
* noun, then ordinal (languages marked `noun_first`): Arabic "al-jawla al-21", Persian
  "dowr-e shanzdahom";
* a named or numbered round: "Astana 16", "Astana-9", "“16” round", "Round 16";
* a count of earlier rounds: "11 meetings ... have been held" (names the next round).

An ordinal whose round noun belongs to another process by the words attached to it ("the
fourth round of intra-Syrian talks in Geneva", "die siebte Runde des Verfassungskomitees",
"Anayasa Komitesi'nin yedinci turu"; `other_processes`) is no Astana round
(`other_process_round`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress

from spacy.language import Language
from spacy.tokens import Doc, Span

from .round_words import RoundWords, normalise_text, round_words
from .sentences import (
    Layout,
    SentInfo,
    StringCache,
    Tokens,
    doc_text,
    make_serialisable,
    tokens_of,
)

ROUNDS_COMPONENT = "astana_rounds"
ROUNDS_SPANS = "astana_rounds"
MAX_ROUND = 60  # a larger ordinal is no round of this process
PROCESS_REACH = 8  # tokens a round noun's own words may run over, each side ("of the ...")
_QUOTES_OPEN = frozenset({'"', "\u201c", "\u00ab", "'", "\u2018", "\u201e"})
_QUOTES_CLOSE = frozenset({'"', "\u201d", "\u00bb", "'", "\u2019", "\u201c"})


def normalised_tokens(doc: Doc, words: RoundWords) -> list[str]:
    """The normalised lower-case tokens of a Doc (`RoundWords.norm`), built once per Doc."""
    tv = tokens_of(doc)
    if words.identity_norm:
        return tv.lower
    key = "astana.round_norm"
    cached = doc.user_data.get(key)
    if cached is None or len(cached) != tv.n:
        cached = doc.user_data[key] = list(map(words.norm, tv.lower))
    return cached


def words_of(doc: Doc) -> RoundWords:
    """The round word data of the Doc's language."""
    return round_words(doc.lang_)


# --- the structures, as plain functions over normalised tokens ------------------------------


def ordinal_at(N: Sequence[str], i: int, words: RoundWords) -> tuple[int, int] | None:
    """(number, end) of an ordinal starting at token `i`: one token ("13th", "восьмой"), a
    compound ("twenty - first", "الرابعة عشرة", "بیست و یکم") or a digit after a prefix
    token ("الـ 13")."""
    n = len(N)
    word = N[i]
    if word in words.tens:
        j = i + 1
        if j < n and N[j] in words.joiners:
            j += 1
        if j < n and N[j] in words.units:
            return words.tens[word] + words.units[N[j]], j + 1
        if word not in words.ordinals:  # "vigésima" is an ordinal alone too
            return None
    if word in words.digit_prefixes:
        if i + 1 < n and N[i + 1].isdigit() and len(N[i + 1]) <= 2:
            return int(N[i + 1]), i + 2
        return None
    value = words.ordinals.get(word)
    if value is None:
        return None
    j = i + 1
    if (
        words.unit_first and value < 10 and word in words.units
    ):  # "الرابعة عشرة", "الحادية والعشرين"
        k = j + 1 if j < n and N[j] in words.joiners else j
        if k < n and N[k] in words.tens and words.tens[N[k]] >= 10:
            return value + words.tens[N[k]], k + 1
    return value, j


def _noun_after(N: Sequence[str], j: int, words: RoundWords, nouns: frozenset[str]) -> int | None:
    """End of the longest "modifiers (at most four), round noun" run starting at `j`."""
    end = None
    for k in range(j, min(len(N), j + 5)):
        if N[k] in nouns:
            end = k + 1
        if N[k] not in words.round_modifiers:
            break
    return end


def named_round_at(N: Sequence[str], i: int, words: RoundWords) -> tuple[int, int] | None:
    """(number, end) of "Astana 16", "Astana-9" or "Round 16" at token `i`."""
    word = N[i]
    if word in words.named_round_words or word in words.numbered_round_nouns:
        if i + 1 < len(N) and N[i + 1].isdigit() and len(N[i + 1]) <= 2:
            return int(N[i + 1]), i + 2
        return None
    number = words.named_round_forms.get(word)
    return (number, i + 1) if number is not None else None


def ordinal_match_at(N: Sequence[str], i: int, words: RoundWords) -> tuple[int, int] | None:
    """(number, end) of the longest ordinal mention starting at token `i`."""
    named = named_round_at(N, i, words)
    if named is not None:
        return named
    if N[i] in _QUOTES_OPEN and i + 2 < len(N) and N[i + 1].isdigit() and N[i + 2] in _QUOTES_CLOSE:
        end = _noun_after(N, i + 3, words, words.round_nouns)  # "“16” round"
        return (int(N[i + 1]), end) if end is not None else None
    found = ordinal_at(N, i, words)
    if found is not None:
        end = _noun_after(N, found[1], words, words.round_nouns)
        if end is not None:
            return found[0], end
    if words.noun_first and N[i] in words.round_nouns:
        j = i + 1
        for _ in range(3):  # the noun, at most two modifiers, the ordinal
            if j >= len(N):
                return None
            after = ordinal_at(N, j, words)
            if after is None and N[j].isdigit() and len(N[j]) <= 2:
                after = int(N[j]), j + 1  # "الجولة 13", "دور ۱۶"
            if after is not None:
                return after
            if N[j] not in words.round_modifiers:
                return None
            j += 1
    return None


def count_start(
    N: Sequence[str], T: Sequence[str], end: int, words: RoundWords, like_num: Callable[[str], bool]
) -> int | None:
    """Start of the longest count ("11 meetings", "four earlier sessions") that ends with the
    count noun at token `end - 1`, or None. `like_num`: spaCy's LIKE_NUM of a token text."""
    if N[end - 1] not in words.count_nouns:
        return None
    modifiers = words.count_modifiers - words.count_nouns  # never "5 rounds rounds"
    start = None
    for j in range(end - 2, max(-1, end - 5), -1):  # the number, after at most two modifiers
        if like_num(T[j]):
            start = j
        if N[j] not in modifiers:
            break
    return start


def cardinal_value(text: str, words: RoundWords | None = None) -> int | None:
    """The value of a cardinal in digits or words ("11", "eleven")."""
    words = words or round_words("en")
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return words.cardinals.get(text)


@Language.factory(ROUNDS_COMPONENT)
def make_rounds_component(nlp: Language, name: str) -> RoundMatcher:
    return RoundMatcher(nlp)


class RoundMatcher:
    """Sets `doc.spans["astana_rounds"]`: ordinal round mentions (label `ordinal`) and counts
    of earlier rounds (label `count`), in the language of the pipeline.

    Only tokens in `RoundWords.anchor_words` (built from the same word data as the
    structures) or opening quotes can start a mention or end a count: those are found in
    one pass in C, and the structures are tried in Python at them alone. Overlapping
    matches are reduced to the longest.
    """

    def __init__(self, nlp: Language) -> None:
        self.words = round_words(nlp.lang)
        self.anchors = self.words.anchor_words | _QUOTES_OPEN
        vocab = nlp.vocab
        self.like_num = StringCache(lambda text: bool(vocab[text].like_num)).__getitem__

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[ROUNDS_SPANS] = [
            Span(doc, s, e, label=label) for s, e, label in self.matches(doc)
        ]
        return make_serialisable(doc)  # the last component: the Doc may leave the process

    def matches(self, doc: Doc) -> list[tuple[int, int, str]]:
        words = self.words
        tv = tokens_of(doc)
        N = normalised_tokens(doc, words)
        found: list[tuple[int, int, str]] = []
        for i in compress(range(tv.n), map(self.anchors.__contains__, N)):
            match = ordinal_match_at(N, i, words)
            if match is not None:
                found.append((i, match[1], "ordinal"))
            if N[i] in words.count_nouns:
                start = count_start(N, tv.text, i + 1, words, self.like_num)
                if start is not None:
                    found.append((start, i + 1, "count"))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        kept: list[tuple[int, int, str]] = []
        last_end = -1
        for start, end, label in found:
            if start >= last_end:
                kept.append((start, end, label))
                last_end = end
        return kept


# --- mentions --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoundMention:
    kind: str  # "ordinal", "count" or "since"
    # The round named (for a count: the one after those counted; for "since": the ordinal,
    # counted from the first round held in the month `since` names).
    number: int
    start: int  # token offsets
    end: int
    sent: int  # sentence index in the layout
    since: tuple[int, int | None] | None = None  # "the fifth round since January": (1, None)


def ordinal_value(tokens: Sequence[str], lang: str = "en") -> int | None:
    """The number of an ordinal written as one or more tokens ("13th", "twenty-third")."""
    words = round_words(lang)
    N = [words.norm(t.lower()) for t in tokens]
    if not N:
        return None
    found = ordinal_at(N, 0, words)
    return found[0] if found is not None else None


def sentence_index(layout: Layout) -> list[int]:
    """Token start offsets of the layout's sentences, for `bisect`."""
    return [s.start for s in layout.sents]


def sent_of(layout: Layout, starts: list[int], token_i: int) -> SentInfo | None:
    i = bisect_right(starts, token_i) - 1
    if i < 0:
        return None
    sent = layout.sents[i]
    return sent if sent.start <= token_i < sent.end else None


def find_round_mentions(doc: Doc, layout: Layout) -> list[RoundMention]:
    """Round mentions that name an Astana-format round (pure rules over the matcher's spans)."""
    words = words_of(doc)
    starts = sentence_index(layout)
    tv = tokens_of(doc)
    N = normalised_tokens(doc, words)
    out: list[RoundMention] = []
    spans = doc.spans.get(ROUNDS_SPANS, [])
    page_context = bool(spans) and _top_names_the_process(doc, layout, N, words)
    for span in spans:
        sent = sent_of(layout, starts, span.start)
        if sent is None:
            continue
        if span.label_ == "ordinal":
            mention = _ordinal_mention(N, span.start, span.end, sent, words, page_context)
            if mention is not None and other_process_round(doc, N, mention, sent, words):
                mention = None
        else:
            mention = _count_mention(N, tv, span.start, span.end, sent, words)
        if mention is not None:
            out.append(mention)
    return out


def _top_names_the_process(doc: Doc, layout: Layout, N: Sequence[str], words: RoundWords) -> bool:
    """Whether the headline or the lead is about talks of the process: a word of its
    context and a round word ("Astana talks resume"). The page's other sentences then need
    no context word of their own ("It is the nineteenth meeting since January 2017")."""
    top = [layout.sents[i] for i in layout.headline]
    if layout.lead is not None:
        top.append(layout.sents[layout.lead])
    text = doc_text(doc)
    for sent in top:
        if words.astana_context.isdisjoint(N[sent.start : sent.end]):
            continue
        if words.generic_round_words.found_in(
            normalise_text(words, text[sent.start_char : sent.end_char])
        ):
            return True
    return False


def _ordinal_mention(
    N: Sequence[str],
    start: int,
    end: int,
    sent: SentInfo,
    words: RoundWords,
    page_context: bool = False,
) -> RoundMention | None:
    match = ordinal_match_at(N, start, words)
    if match is None:
        return None
    number = match[0]
    if not 1 <= number <= MAX_ROUND:
        return None
    after = N[end] if end < sent.end else None
    named = named_round_at(N, start, words) is not None
    if named or N[end - 1].isdigit():
        # "Astana 11 Nov" is a dateline; "a round 2 weeks later" no round; "Astana 25 and
        # 26 <month>", "مذاکرات آستانه ۲۵ و ۲۶" a range of days.
        if after is not None and (after in words.month_names or after in words.time_units):
            return None
        if after in words.joiners and end + 1 < sent.end and N[end + 1].isdigit():
            return None
    if named:
        return RoundMention("ordinal", number, start, end, sent.index)
    noun_at = end - 1 if N[end - 1] in words.round_nouns else start
    noun = N[noun_at]
    # The words between the ordinal and the noun (ordinal first), or after the noun.
    modifiers = set(N[start + 1 : end - 1]) if noun_at == end - 1 else set(N[start + 1 : end])
    if number == 1 and not words.since_words.isdisjoint(N[end : min(end + 7, sent.end)]):
        return None  # "the first round since ...", "the first meeting in the capital since"
    since = _since_month(N, end, sent, words) if after in words.since_words else None
    if after is not None and after in words.not_round_after and after != "of" and since is None:
        return None
    if after == "of":
        following = set(N[end + 1 : min(end + 6, sent.end)])
        if following & words.not_round_after_of:
            return None
    if noun not in words.always_round_nouns:
        sentence_words = set(N[sent.start : sent.end])
        if (
            start > sent.start
            and N[start - 1] in words.party_possessives
            and sentence_words & words.other_bodies
            and not modifiers & words.astana_context
        ):
            return None  # "the working group held its second meeting"
        # On a page about the process, a later round needs no context word of its own;
        # "first" is too common a word ("held a first meeting today") and another body's
        # sessions are its own ("the committee's eighth session").
        in_context = page_context and number > 1 and sentence_words.isdisjoint(words.other_bodies)
        if not (
            modifiers & words.astana_context or sentence_words & words.astana_context or in_context
        ):
            return None
        if sentence_words & words.non_round_nouns and not modifiers & words.astana_context:
            return None
    if since is not None:
        return RoundMention("since", number, start, end, sent.index, since)
    return RoundMention("ordinal", number, start, end, sent.index)


def other_process_round(
    doc: Doc, N: Sequence[str], m: RoundMention, sent: SentInfo, words: RoundWords
) -> bool:
    """Whether an ordinal's round belongs to another process: a phrase of that process
    (`other_processes`: Geneva, the Constitutional Committee, intra-Syrian, UN-led) is
    attached to its round noun, inside the mention ("шестой раунд межсирийских переговоров"),
    after it past linking words ("the fourth round of intra-Syrian talks in Geneva", "die
    siebte Runde der Gespräche des Verfassungskomitees") or before it ("Anayasa Komitesi'nin
    yedinci turu", "Constitutional Committee opens seventh round"). An Astana word on the
    way ("the fourth round of Astana talks") keeps the round Astana's."""
    if named_round_at(N, m.start, words) is not None or not words.other_processes.phrases:
        return False
    tv = tokens_of(doc)
    text = doc_text(doc)

    def char_end(i: int) -> int:
        return tv.idx[i] + len(tv.text[i])

    def links(word: str) -> bool:
        if word in words.process_links or word in words.event_verbs:
            return True
        known = word in words.round_nouns or word in words.round_modifiers
        return known and word not in words.astana_context

    if words.other_processes.found_in(
        normalise_text(words, text[tv.idx[m.start] : char_end(m.end - 1)])
    ):
        return True
    for k in range(m.end, min(sent.end, m.end + PROCESS_REACH + 1)):
        if words.other_processes.starts(
            normalise_text(words, text[tv.idx[k] : char_end(min(sent.end, k + 4) - 1)])
        ):
            return True
        if not links(N[k]):
            break
    for k in range(m.start - 1, max(sent.start, m.start - PROCESS_REACH - 1) - 1, -1):
        opening = tv.idx[max(sent.start, k - 3)]
        before = normalise_text(words, text[opening : tv.idx[k]])
        if words.other_processes.ends_after(
            normalise_text(words, text[opening : char_end(k)]), len(before)
        ):
            return True
        if not links(N[k]):
            break
    return False


def _since_month(
    N: Sequence[str], end: int, sent: SentInfo, words: RoundWords
) -> tuple[int, int | None] | None:
    """(month, year or None) of "since January [2017]" right after an ordinal's noun at `end`:
    "the fifth round since January" counts the rounds from that month's."""
    at = end + 1
    if at >= sent.end or N[at] not in words.month_names:
        return None
    month = words.month_names[N[at]]
    if not month:
        return None
    following = N[at + 1] if at + 1 < sent.end else ""
    year = int(following) if len(following) == 4 and following.isdigit() else None
    return month, year


def _count_mention(
    N: Sequence[str], tv: Tokens, start: int, end: int, sent: SentInfo, words: RoundWords
) -> RoundMention | None:
    value = cardinal_value(tv.text[start], words)
    if value is None or not 1 <= value <= 40:
        return None
    if start > sent.start and (
        N[start - 1] in words.ordinals or N[start - 1] in words.count_blockers
    ):
        return None  # "the first two sessions"
    if not any(w in words.count_verbs for w in N[end : sent.end]):
        return None
    return RoundMention("count", value + 1, start, end, sent.index)


# --- the structures as spaCy Matcher patterns (the plain rules the tests compare with) -----


def round_patterns(words: RoundWords, attr: str = "LOWER") -> list[list[dict]]:
    """The ordinal mentions of `ordinal_match_at` as spaCy Matcher patterns over `attr` (LOWER
    where `norm` is the lower-case form, else NORM set to `RoundWords.norm`)."""

    def among(values: Iterable[str], op: str | None = None) -> dict:
        pattern: dict = {attr: {"IN": sorted(values)}}
        if op:
            pattern["OP"] = op
        return pattern

    single = among(words.ordinals)
    compound = [among(words.tens), among(words.joiners, "?"), among(words.units)]
    modifier = among(words.round_modifiers, "{0,4}")
    noun = among(words.round_nouns)
    digit = {attr: {"REGEX": r"^\d{1,2}$"}}
    quoted = [
        {"ORTH": {"IN": sorted(_QUOTES_OPEN)}},
        digit,
        {"ORTH": {"IN": sorted(_QUOTES_CLOSE)}},
    ]
    ordinals = [[single], compound, [among(words.digit_prefixes), digit]]
    if words.unit_first:
        ordinals.append([among(words.units), among(words.joiners, "?"), among(words.tens)])
    patterns = [[*o, modifier, noun] for o in ordinals]
    patterns += [
        [*quoted, modifier, noun],
        [among(words.named_round_words | words.numbered_round_nouns), digit],
        [among(words.named_round_forms)],
    ]
    if words.noun_first:  # "الجولة الرابعة عشرة": the noun, at most two modifiers, the ordinal
        before = among(words.round_modifiers, "{0,2}")
        patterns += [[noun, before, *o] for o in [*ordinals, [digit]]]
    return patterns


def count_patterns(words: RoundWords, attr: str = "LOWER") -> list[list[dict]]:
    """Counts of rounds as spaCy Matcher patterns: what `count_start` matches."""
    number = {"LIKE_NUM": True}
    modifier = {attr: {"IN": sorted(words.count_modifiers - words.count_nouns)}, "OP": "{0,2}"}
    return [[number, modifier, {attr: {"IN": sorted(words.count_nouns)}}]]
