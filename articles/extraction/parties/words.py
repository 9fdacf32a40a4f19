"""Word data of the party rules: read once from `patterns/*.json` or defined here, frozen."""

from __future__ import annotations

from ..data import load, word_set

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
# Tokens that may open a head structure in `_heads_in` (every other token is skipped).
HEAD_TRIGGERS = (
    HEAD_VERBS_PASSIVE
    | HEAD_VERBS_ACTIVE
    | SPOKE_FOR_VERBS
    | SENT_VERBS
    | BROUGHT_VERBS
    | frozenset({"head", "heads", "negotiator", "under", "(", "for"})
)

# Words that make "as <title>" after a name someone else's or another time's title.
AS_TITLE_STOPS = frozenset(
    {
        "served",
        "serving",
        "serves",
        "former",
        "formerly",
        "previously",
        "once",
        "until",
        "replaced",
        "replaces",
        "replacing",
        "succeeded",
        "succeeds",
        "succeeding",
        "from",
        "between",
        "before",
        "then",
        "named",
        "nominated",
        "proposed",
        "described",
        "known",
        "regarded",
        "seen",
    }
)
POINT_MAN_PLACES = frozenset(
    {"talks", "table", "negotiations", "room", "astana", "nur-sultan", "process", "meeting"}
)
PARTICIPIAL_OPENERS = frozenset({"heading", "leading", "representing"})
UNDER_VERBS = frozenset({"came", "comes", "was", "is", "were", "are", "went", "stood", "sat"})
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "both"})
RELATIVE_STOPS = frozenset(
    {"who", "which", "whose", "whom", "where", "when", "that", "while", "whereas"}
)
# Where the phrases after "by" end (punctuation is its own lower-case form).
BY_ITEM_ENDS = RELATIVE_STOPS | {";", ".", ":", "(", ")"}
PRESENCE_NOUNS = frozenset(
    {
        "delegation",
        "delegations",
        "team",
        "teams",
        "side",
        "envoy",
        "envoys",
        "representative",
        "representatives",
        "officials",
        "diplomats",
        "negotiator",
        "negotiators",
        "experts",
        "mission",
        "contingent",
        "camp",
        "participation",
        "observer",
        "observers",
    }
)
PRESENCE_BEFORE = frozenset(
    {
        "delegation",
        "delegations",
        "representatives",
        "envoys",
        "officials",
        "participation",
        "observers",
        "experts",
        "diplomats",
        "team",
        "teams",
        "negotiators",
    }
)
PRESENCE_VERBS = frozenset(
    {
        "attended",
        "attend",
        "attends",
        "attending",
        "participated",
        "participate",
        "participates",
        "participating",
        "joined",
        "joining",
        "join",
        "joins",
        "arrived",
        "arrive",
        "arrives",
        "arriving",
        "present",
        "represented",
        "sent",
        "sends",
        "sat",
        "took",
        "take",
        "taking",
        "takes",
        "followed",
        "follow",
        "follows",
        "came",
        "flew",
        "fly",
        "travelled",
        "traveled",
    }
)
GATHER_VERBS = frozenset(
    {
        "involve",
        "involves",
        "involved",
        "involving",
        "gathered",
        "brought",
        "bring",
        "brings",
        "came",
        "come",
        "comes",
        "together",
        "convened",
    }
)
LIST_LINKS = frozenset(
    {
        ",",
        "and",
        "as",
        "well",
        "-",
        "\u2013",
        "the",
        "of",
        "from",
        "delegations",
        "teams",
        "along",
        "with",
        "delegation",
        "team",
    }
)
LIST_LINKS_OR_POSSESSIVE = LIST_LINKS | POSSESSIVE
CHAIR_WORDS = frozenset({"chair", "co-chair"})
CHAIR_VERBS = frozenset({"chair", "co", "chairs", "chaired", "co-chair", "co-chaired", "co-chairs"})
ABSENCE_WORDS = frozenset({"absence", "boycott", "absent", "boycotting", "boycotted", "boycotts"})
ABSENCE_PHRASES = (
    ("stay", "away"),
    ("stayed", "away"),
    ("stays", "away"),
    ("staying", "away"),
    ("did", "not", "attend"),
    ("did", "not", "take", "part"),
    ("did", "not", "participate"),
    ("did", "not", "come"),
    ("did", "not", "travel"),
    ("would", "not", "travel"),
    ("would", "not", "attend"),
    ("would", "not", "take", "part"),
    ("will", "not", "attend"),
    ("will", "not", "take", "part"),
    ("would", "not", "come"),
    ("refused", "to", "attend"),
    ("refused", "to", "take", "part"),
    ("refused", "to", "join"),
    ("declined", "to", "attend"),
    ("not", "invited"),
    ("failed", "to", "turn", "up"),
    ("failed", "to", "show", "up"),
    ("failed", "to", "attend"),
    ("pulled", "out"),
    ("skip",),
    ("skipped",),
    ("skipping",),
    ("boycotted",),
    ("boycott",),
    ("boycotting",),
    ("absent",),
    ("refrained",),
    ("refrain",),
    ("refraining",),
    ("sat", "out"),
    ("sitting", "out"),
    ("sit", "out"),
    # "sent no one", "did not send anyone", "was not represented" (but "did not send a
    # minister" is a lower-level team, not an absence)
    ("sent", "no", "one"),
    ("sent", "nobody"),
    ("sent", "no", "delegation"),
    ("sent", "no", "observers"),
    ("sent", "no", "observer"),
    ("did", "not", "send", "anyone"),
    ("did", "not", "send", "any"),
    ("did", "not", "send", "a", "delegation"),
    ("did", "not", "send", "observers"),
    ("did", "not", "send", "an", "observer"),
    ("did", "n't", "send", "anyone"),
    ("will", "not", "send", "anyone"),
    ("was", "not", "represented"),
    ("were", "not", "represented"),
    ("is", "not", "represented"),
    ("stayed", "home"),
)
ABSENCE_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in ABSENCE_PHRASES:
    ABSENCE_BY_FIRST[_phrase[0]] = (*ABSENCE_BY_FIRST.get(_phrase[0], ()), _phrase)
ABSENCE_OPENERS = frozenset(ABSENCE_BY_FIRST)
# Every absence phrase holds one of these words (tests check it): without one, no phrase.
ABSENCE_PHRASE_MARKERS = frozenset(
    {"not", "n't", "no", "nobody", "away", "out", "home", "refused", "declined", "failed"}
) | {phrase[0] for phrase in ABSENCE_PHRASES if len(phrase) == 1}
OBSERVER_WORDS = frozenset({"observer", "observers"})
# Words `_presence_cue` needs in the clause to find a cue.
PRESENCE_CUE_WORDS = (
    PRESENCE_NOUNS | PRESENCE_BEFORE | PRESENCE_VERBS | {"attended", "joined", "participation"}
)
# Words of which `_absence_cue` needs one in the clause, unless the clause holds a whole
# absence phrase ("absence" and "boycott" are absence words).
ABSENCE_CUE_WORDS = ABSENCE_WORDS | {"without"}
CLAUSE_CUE_WORDS = PRESENCE_CUE_WORDS | ABSENCE_CUE_WORDS | ABSENCE_PHRASE_MARKERS | GATHER_VERBS
MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
COREF_WORDS = frozenset({"both", "they", "two", "these", "all", "each"})

CONF_EXPLICIT, CONF_TITLE, CONF_PRESENCE = 0.9, 0.65, 0.55
# No head rule claims more than CONF_EXPLICIT: a party's first explicit head is its head.
CONF_HEAD_MAX = CONF_EXPLICIT
DESTINATION_BEFORE = frozenset({"the", "to", "at", "in", "for"})
DESTINATION_TITLES = frozenset(
    {"ambassador", "representative", "envoy", "mission", "embassy", "delegate", "representation"}
)


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
