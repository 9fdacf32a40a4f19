"""Word data of the party rules, read once from `patterns/*.json` (English: the top level of
`people.json` and `parties.json`) and frozen; the sets made of several lists are made here."""

from __future__ import annotations

from ..data import for_language, load, word_set

HEAD_VERBS_ACTIVE = word_set("people", "head_verbs_active")
HEAD_VERBS_PASSIVE = word_set("people", "head_verbs_passive")
SPOKE_FOR_VERBS = word_set("people", "spoke_for_verbs")
SENT_VERBS = word_set("people", "sent_verbs")
BROUGHT_VERBS = word_set("people", "brought_verbs")  # head verbs only before a delegation noun
PASSIVE_AUX = word_set("people", "passive_auxiliaries")
SKIP_ADVERBS = word_set("people", "skip_adverbs")
DELEGATION_NOUNS = word_set("people", "delegation_nouns")
MEMBER_CUES = word_set("people", "member_cues")
CLAUSE_BREAKERS = word_set("people", "clause_breakers")
ABSENCE_AFTER_NAME = tuple(tuple(p.split()) for p in load("people")["absence_after_name"])
ABSENCE_AFTER_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _after_phrase in ABSENCE_AFTER_NAME:
    ABSENCE_AFTER_BY_FIRST[_after_phrase[0]] = (
        *ABSENCE_AFTER_BY_FIRST.get(_after_phrase[0], ()),
        _after_phrase,
    )
ABSENCE_AFTER_OPENERS = frozenset(ABSENCE_AFTER_BY_FIRST)
# "It is led by X", "Its team is headed by X", "The delegation is led by X": the opening
# words of a passive whose party is the one delegation the sentence before names.
ANAPHORA_OPENERS = word_set("people", "anaphora_openers")
# Words that open the head structures `_heads_in` dispatches on (besides the verbs).
HEAD_OF_WORDS = word_set("people", "head_of_words")  # "head of Tehran's delegation"
NEGOTIATOR_WORDS = word_set("people", "negotiator_words")  # "chief negotiator X"
UNDER_WORDS = word_set("people", "under_words")  # "the rebel delegation, under X"
BRACKET_WORDS = frozenset({"("})  # "X (Russia)": punctuation, not a word
FOR_WORDS = word_set("people", "for_words")  # "X for Russia; Y for Iran"
# Tokens that may open a head structure in `_heads_in` (every other token is skipped): the
# union of the sets it dispatches on, so no rule's opener can be missing.
HEAD_TRIGGERS = (
    HEAD_VERBS_PASSIVE
    | HEAD_VERBS_ACTIVE
    | SPOKE_FOR_VERBS
    | SENT_VERBS
    | BROUGHT_VERBS
    | HEAD_OF_WORDS
    | NEGOTIATOR_WORDS
    | UNDER_WORDS
    | BRACKET_WORDS
    | FOR_WORDS
)

# Words that make "as <title>" after a name someone else's or another time's title.
AS_TITLE_STOPS = word_set("parties", "as_title_stops")
POINT_MAN_PLACES = word_set("parties", "point_man_places")
PARTICIPIAL_OPENERS = word_set("people", "participial_openers")
UNDER_VERBS = word_set("people", "under_verbs")
POSSESSIVE = word_set("people", "possessive_endings")
DETERMINERS = word_set("people", "determiners")
RELATIVE_STOPS = word_set("people", "relative_stops")
# Where the phrases after "by" end (punctuation is its own lower-case form).
BY_ITEM_ENDS = RELATIVE_STOPS | {";", ".", ":", "(", ")"}
PRESENCE_NOUNS = word_set("parties", "presence_nouns")
PRESENCE_BEFORE = word_set("parties", "presence_before")
PRESENCE_VERBS = word_set("parties", "presence_verbs")
NEGATIONS = word_set("people", "negation_words")
STAND_IN_POSSESSIVES = word_set("parties", "stand_in_possessives")
STAND_IN_NOUNS = word_set("parties", "stand_in_nouns")
# "X, who sent a deputy": a person's stand-ins sent in his place (parties.json).
SENDING_VERBS = word_set("parties", "stand_in_sending_verbs")
STAND_IN_DETERMINERS = word_set("parties", "stand_in_determiners")
STAND_IN_PHRASE_ENDS = word_set("parties", "stand_in_phrase_ends")
COLLECTIVE_ACT_VERBS = word_set("parties", "collective_act_verbs")
COLLECTIVE_DOCUMENT_NOUNS = word_set("parties", "collective_document_nouns")
MEETING_NOUNS = word_set("parties", "meeting_nouns")  # "talks between P and Q"
# A meeting's outcome told in the past, and the words of a future (topics.json's lists).
PAST_REPORT_VERBS = word_set("topics", "past_report_verbs")
FUTURE_CUES = word_set("topics", "future_cues")
BACKER_NOUNS = word_set("parties", "backer_nouns")
GATHER_VERBS = word_set("parties", "gather_verbs")
LIST_LINKS = word_set("parties", "list_links")
LIST_LINKS_OR_POSSESSIVE = LIST_LINKS | POSSESSIVE


def list_links_of(lang: str) -> frozenset[str]:
    """The list links of a page in `lang`: the English ones and the language's own."""
    own = for_language("parties", lang).get("list_links", ()) if lang != "en" else ()
    return LIST_LINKS_OR_POSSESSIVE | {w.lower() for w in own}


CHAIR_WORDS = word_set("people", "chair_words")
CHAIR_VERBS = word_set("people", "chair_verbs")
ABSENCE_WORDS = word_set("parties", "absence_words")
ABSENCE_PHRASES = tuple(tuple(p.split()) for p in load("parties")["absence_phrases"])
ABSENCE_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in ABSENCE_PHRASES:
    ABSENCE_BY_FIRST[_phrase[0]] = (*ABSENCE_BY_FIRST.get(_phrase[0], ()), _phrase)
ABSENCE_OPENERS = frozenset(ABSENCE_BY_FIRST)
# Every absence phrase holds one of these words (tests check it): without one, no phrase.
ABSENCE_PHRASE_MARKERS = word_set("parties", "absence_phrase_markers") | {
    phrase[0] for phrase in ABSENCE_PHRASES if len(phrase) == 1
}
OBSERVER_WORDS = word_set("parties", "observer_words")
# Words `_presence_cue` needs in the clause to find a cue.
PRESENCE_CUE_WORDS = (
    PRESENCE_NOUNS
    | PRESENCE_BEFORE
    | PRESENCE_VERBS
    | COLLECTIVE_ACT_VERBS
    | COLLECTIVE_DOCUMENT_NOUNS
    | MEETING_NOUNS
)
# Words of which `_absence_cue` needs one in the clause, unless the clause holds a whole
# absence phrase ("absence" and "boycott" are absence words).
ABSENCE_BEFORE = word_set("parties", "absence_before")
ABSENCE_CUE_WORDS = ABSENCE_WORDS | ABSENCE_BEFORE
CLAUSE_CUE_WORDS = PRESENCE_CUE_WORDS | ABSENCE_CUE_WORDS | ABSENCE_PHRASE_MARKERS | GATHER_VERBS
MONTHS = frozenset(load("dates")["months"])  # the one list of month names
COREF_WORDS = word_set("parties", "coref_words")
EARLIER_WORDS = word_set("parties", "earlier_words")  # "at the previous round"
HEAD_OF_COPULAS = word_set("people", "head_of_copulas")  # "X is the head of ..."
NEGOTIATOR_MODIFIERS = word_set("people", "negotiator_modifiers")  # "chief negotiator"
FORMER_ROLE_ADVERBS = word_set("people", "former_role_adverbs")  # "who previously led"
EARLIER_ROUND_WORDS = word_set("people", "earlier_round_words")  # "at earlier rounds"
EARLIER_ROUND_NOUNS = word_set("people", "earlier_round_nouns")
POINT_MAN_MODIFIERS = word_set("people", "point_man_modifiers")  # "Moscow's point man"
POINT_MAN_NOUNS = word_set("people", "point_man_nouns")
POSTED_TITLE_WORDS = word_set("people", "posted_title_words")  # "Syria's UN ambassador"
DELEGATION_NOUN_MODIFIERS = word_set("parties", "delegation_noun_modifiers")
TAKE_PART_VERBS = word_set("parties", "take_part_verbs")  # "took part"
ABSENCE_PARTY_MODIFIERS = word_set("parties", "absence_party_modifiers")
ABSENCE_OF_NOUNS = word_set("parties", "absence_of_nouns")  # "the boycott of Jordan"
OTHER_TIME_WORDS = word_set("parties", "other_time_words")  # "absent last time"
GOVERNMENT_WORDS = word_set("parties", "government_words")
# Function words inside the rule shapes (English; other languages have no such grammar yet).
PARTY_POSSESSIVES = word_set("people", "party_possessives")  # "its team", "their delegations"
PERSON_POSSESSIVES = word_set("people", "person_possessives")  # "his UN envoy"
DEFINITE_ARTICLES = word_set("people", "definite_articles")
RESPECTIVE_WORDS = word_set("people", "respective_words")  # "their respective delegations"
FUTURE_AUXILIARIES = word_set("people", "future_auxiliaries")  # "Heading the team will be X"
CLAUSE_CONJUNCTIONS = word_set("people", "clause_conjunctions")  # ", and Turkey was ..."
NOUN_PHRASE_STOPS = word_set("people", "noun_phrase_stops")  # "talks with the Russian team"
SUBJECT_RELATIVES = word_set("people", "subject_relative_pronouns")  # ", which ..., by X"
NAME_PARTY_LINKS = word_set("people", "name_party_links")  # "X of Russia", "Y for Iran"
DELEGATION_OF_LINKS = word_set("people", "delegation_of_links")  # "the delegation of P"
DELEGATION_PRONOUNS = word_set("people", "delegation_pronouns")  # "the Iranian one by Y"
LOOSE_DELEGATION_NOUNS = word_set("people", "loose_delegation_nouns")
TITLE_SUBJECT_FILLERS = word_set("people", "title_subject_fillers")  # "and the envoy X"
RUNDOWN_LABEL_LINKS = word_set("people", "rundown_label_links")  # "Government of the ...:"
MENTION_JOINERS = word_set("parties", "mention_joiners")  # "the Turkish and Iranian delegations"
PRESENCE_NOUN_LINKS = word_set("parties", "presence_noun_links")  # "delegations from P"
PRESENCE_BEFORE_FILLERS = word_set("parties", "presence_before_fillers")
PUNCTUAL_PHRASES = word_set("parties", "punctual_phrases")  # "failed to turn up on time"
OTHER_TIME_PREPOSITIONS = word_set("parties", "other_time_prepositions")  # "absent in May"
ASIDE_RELATIVES = word_set("clauses", "aside_relative_pronouns")  # ", which had sent ..."
OWN_DELEGATION_DETERMINERS = PARTY_POSSESSIVES | RESPECTIVE_WORDS  # "led their delegations"
INVERTED_HEAD_VERBS = HEAD_OF_COPULAS | FUTURE_AUXILIARIES  # "Heading the team was X"
ANAPHORA_DETERMINERS = PARTY_POSSESSIVES | DEFINITE_ARTICLES  # "Its team / The team is led by"
ATTRIBUTE_POSSESSIVES = PARTY_POSSESSIVES | PERSON_POSSESSIVES  # "under its UN envoy"

CONF_EXPLICIT, CONF_TITLE, CONF_PRESENCE = 0.9, 0.65, 0.55
# No head rule claims more than CONF_EXPLICIT (`_add_head` refuses more): a party's first
# explicit head is its head, so head rules skip sentences naming only such parties (measured:
# a fifth of the party extraction time on the seeds, dev and real pages).
CONF_HEAD_MAX = CONF_EXPLICIT
DESTINATION_PREPOSITIONS = word_set("people", "destination_prepositions")
# Only a mention after one of these words may be a destination ("envoy on Syrian affairs").
DESTINATION_BEFORE = DESTINATION_PREPOSITIONS | {"the"}
DESTINATION_TITLES = word_set("people", "destination_titles")


# --- party data and the matcher component --------------------------------------------------------

# "the guarantor states", "the Syrian sides": (words, roles) by first word, longest first.
COLLECTIVE_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {}
for _group in sorted(
    (
        (tuple(phrase.split()), tuple(entry["roles"]))
        for entry in load("parties")["collective_mentions"]
        for phrase in entry["phrases"]
    ),
    key=lambda item: -len(item[0]),
):
    COLLECTIVE_BY_FIRST[_group[0][0]] = (*COLLECTIVE_BY_FIRST.get(_group[0][0], ()), _group)
COLLECTIVE_OPENERS = frozenset(COLLECTIVE_BY_FIRST)
