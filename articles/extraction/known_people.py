"""Heads the archive knows: a known head named in a clause about the article's round.

Structural rules (parties/) find heads by the shape of a sentence. Many articles, and most
articles in languages the structural rules have no grammar for, name a delegation's head
without such a structure ("Lavrentiev told reporters ...", "Лаврентьев заявил ...",
"قال لافرنتييف ..."). The archive knows who headed which delegation at which rounds
(`patterns/heads.json`, merged with the database's participants as `PersonInfo`), so:

* every known person is found in one pass over the article, in any spelling: their aliases
  exactly (a PhraseMatcher on lower-case tokens for alphabetic scripts; for Arabic and
  Persian a search of the text with letter variants folded, "أ"/"ا", "ي"/"ی", "ك"/"ک", and
  an attached "و"/"ب"/"ل"/"ف" forgiven), Arabic-script words by the consonant skeletons of
  the Latin spellings (`people.script_skeleton`: a whole name word by word, a surname alone
  only with a distinctive skeleton), and name runs of Latin or Cyrillic capitals by
  transliteration (`people.NameIndex`, so "Aleksandr Lavrentyev", "Лаврентьевым");
* a mention counts in a usable clause (`rounds.attribute_sentences`) only, not when the
  person is named as something else: a title of `excluded_titles` ("Foreign Minister X"),
  a former role ("former envoy X"), "X's deputy", a stand-in ("a representative of the UN
  envoy, X"), absence ("X is not here", "X said he would not participate");
* tenure: a person whose known rounds span the article's round is a full candidate; one
  whose tenure ended or begins within two rounds needs a delegation noun or a verb of
  heading or attending in the clause, and so does a mediator's envoy (named far more often
  than he attends); a person further away (a replaced head) is not taken. Of two
  candidates for a party, the one whose tenure covers the round wins;
* the person's party gets that head ("head:known-person") when the structural rules named
  none for it, and becomes present ("presence:known-head") if it was not: only parties
  with a delegation role. A structural head is never replaced, and a person a structural
  rule made another party's head is not taken (one person heads one delegation).
"""

# Names in other scripts are written in them on purpose (no confusable characters).
# ruff: noqa: RUF002
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .data import for_language, load, word_set
from .people import PARTICLES, NameIndex, normalize_name, same_person, script_skeleton, word_key
from .rounds import SentenceRole
from .sentences import Layout, Tokens, doc_text, tokens_of
from .titles import (
    ARTICLES,
    EXCLUDED,
    NameFinder,
    NameSpan,
    appositive,
    classify_title,
    pre_title,
)
from .types import DELEGATION_ROLES, NO_HEAD_STAND_IN, DelegationFact, Evidence, PersonInfo

RULE_HEAD = "head:known-person"
RULE_PRESENCE = "presence:known-head"
CONF_KNOWN = 0.6  # below every structural head rule (titles alone give 0.65)
NEAR_ROUNDS = 2  # a tenure ending or beginning this close still counts, with a cue
_POSSESSIVE = word_set("people", "possessive_endings")
# Languages whose nouns are capitalised: a name run may open with nouns (`_people_of_tail`).
_CAPITALISED_TITLES = word_set("people", "capitalised_title_languages")


@cache
def _title_words(lang: str) -> frozenset[str]:
    """Title words of a language that capitalises them (`title_words` of its block)."""
    return frozenset(w.lower() for w in for_language("people", lang).get("title_words", ()))


_ARABIC_SCRIPT_RE = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_ATTACHED = frozenset("\u0648\u0628\u0644\u0641")  # و ب ل ف written onto the next word
_ARTICLE = "\u0627\u0644"  # ال
SURNAME_SKELETON_MIN = 4  # "lfrndf" alone is distinctive; "gfr" (Jaafar) is a first name
_CAPITAL_RE = re.compile(r"[A-Z\u00c0-\u024f\u0400-\u04ff]")
# Arabic and Persian spell the same letters differently: alif with or without hamza or
# madda, Arabic yeh / Persian yeh / alif maqsura, Arabic / Persian kaf, teh marbuta / heh;
# a zero-width non-joiner ("علی‌اصغر") reads as a space. One character for one, so offsets
# in the folded text are offsets in the text.
_ARABIC_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        "\u06cc": "\u064a",
        "\u0649": "\u064a",
        "\u06a9": "\u0643",
        "\u0629": "\u0647",
        "\u200c": " ",
    }
)


def load_known_people(extra: Sequence[PersonInfo] = ()) -> tuple[PersonInfo, ...]:
    """`patterns/heads.json` merged with the database's people: an entry with the same
    canonical name (or the same person and party) gains the other's aliases and rounds."""
    merged: list[PersonInfo] = [
        PersonInfo(
            name=p["name"],
            party=p["party"],
            aliases=tuple(p.get("aliases", ())),
            rounds=tuple(p.get("rounds", ())),
        )
        for p in load("heads")["people"]
    ]
    for info in extra:
        for k, known in enumerate(merged):
            if known.name == info.name or (
                known.party == info.party and same_person(known.name, info.name)
            ):
                merged[k] = PersonInfo(
                    name=known.name,
                    party=info.party or known.party,
                    aliases=tuple(dict.fromkeys((*known.aliases, info.name, *info.aliases))),
                    rounds=tuple(sorted({*known.rounds, *info.rounds})),
                )
                break
        else:
            merged.append(info)
    return tuple(merged)


def _spellings(person: PersonInfo) -> list[str]:
    return list(dict.fromkeys(s for s in (person.name, *person.aliases) if s.strip()))


def _arabic_pattern(spellings: Iterable[str]) -> re.Pattern[str] | None:
    folded = sorted(
        {re.sub(r"\s+", " ", s.translate(_ARABIC_FOLD)).strip() for s in spellings}, key=len
    )[::-1]
    if not folded:
        return None
    names = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in folded)
    # An attached conjunction or preposition ("والجعفري", "بلافرنتييف") is part of the word;
    # \w holds the Arabic letters, not the Arabic comma.
    return re.compile(rf"(?<!\w)[\u0648\u0628\u0644\u0641]?({names})(?!\w)")


@dataclass(slots=True)
class _Mention:
    people: frozenset[int]
    start: int  # token offsets
    end: int


@dataclass(slots=True)
class _Claim:
    person: int
    strength: float
    mention: _Mention
    sent_index: int
    clause_start: int


class KnownHeads:
    """Known heads found in an article (see the module docstring). Build once per process;
    the matchers are built once per language."""

    def __init__(self, people: Sequence[PersonInfo], roles: dict[str, str]) -> None:
        # roles: party -> role (the party table's); only delegation roles get heads
        self.people = tuple(p for p in people if roles.get(p.party) in DELEGATION_ROLES)
        self.roles = roles
        self.parties = frozenset(p.party for p in self.people)
        self.index: NameIndex[int] = NameIndex()
        self.alphabetic: dict[str, int] = {}  # alias (Latin, Cyrillic ...) -> person
        arabic: dict[str, int] = {}
        for k, person in enumerate(self.people):
            for spelling in _spellings(person):
                if _ARABIC_SCRIPT_RE.search(spelling):
                    arabic[spelling] = k
                else:
                    self.alphabetic[spelling] = k
                    self.index.add(k, spelling)
        # Arabic-script spellings, one pattern for all; the group's text finds the person.
        self.arabic_pattern = _arabic_pattern(arabic)
        self.arabic_people: dict[str, int] = {
            re.sub(r"\s+", " ", s.translate(_ARABIC_FOLD)).strip(): k for s, k in arabic.items()
        }
        # Skeleton beginnings of every word of a known spelling: a name run holding none of
        # them names nobody known (most runs of an article are tested by one set lookup).
        self.stems = frozenset(
            word_key(w)[:3]
            for spelling in self.alphabetic
            for w in normalize_name(spelling).split()
            if len(w) > 2
        )
        # Names in Arabic script no alias spells: the consonant skeletons of the words of each
        # Latin spelling (`people.script_skeleton`). A whole name matches word by word; a
        # surname alone only with a skeleton long enough to be distinctive.
        self.skeleton_names: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self.skeleton_surnames: dict[str, set[int]] = {}
        for latin, k in self.alphabetic.items():
            if _CYRILLIC_RE.search(latin):
                continue
            # Arabic writes some Latin letters as another's ("Selçuk" with a jim): both count.
            for spelling in dict.fromkeys((latin, latin.translate(_ARABIC_SCRIPT_LETTERS))):
                words = [w for w in normalize_name(spelling).split() if w not in PARTICLES]
                keys = tuple(script_skeleton(w) for w in words)
                if len(keys) < 2 or not all(keys):
                    continue
                self.skeleton_names.setdefault(keys[0], []).append((keys, k))
                if len(keys[-1]) >= SURNAME_SKELETON_MIN:
                    self.skeleton_surnames.setdefault(keys[-1], set()).add(k)
        self._token_skeletons: dict[str, tuple[str, ...]] = {}
        self._matchers: dict[str, PhraseMatcher] = {}
        self._run_people: dict[str, frozenset[int]] = {}
        self._cues: dict[
            str, tuple[frozenset[str], tuple[str, ...], tuple[frozenset[str], tuple[str, ...]]]
        ] = {}

    # -- finding people -----------------------------------------------------------------------

    def matcher(self, nlp: Language) -> PhraseMatcher:
        """The matcher of the known people's spellings for `nlp`'s language (built once)."""
        matcher = self._matchers.get(nlp.lang)
        if matcher is None:
            matcher = self._matchers[nlp.lang] = PhraseMatcher(nlp.vocab, attr="LOWER")
            for spelling, k in self.alphabetic.items():
                matcher.add(str(k), [nlp.make_doc(spelling)])
        return matcher

    def _people_of_run(self, text: str) -> frozenset[int]:
        found = self._run_people.get(text)
        if found is None:
            words = normalize_name(text).split()
            if any(word_key(w)[:3] in self.stems for w in words if len(w) > 2):
                found = self.index.candidates(text)
            else:
                found = frozenset()
            self._run_people[text] = found
        return found

    def _people_of_tail(
        self, tv: Tokens, run: NameSpan, letters: dict[int, str] | None
    ) -> tuple[int, frozenset[int]]:
        """A run that opens with capitalised nouns or titles in a language that capitalises
        them ("Delegationsleiter Alexander ...", "UN-Botschafter Baschar ...", "Bakan
        Yardımcısı Sedat ..."): the known people of the run from a later word on (its start,
        the people), also in the language's letters for foreign names (`letters`)."""
        for start in range(run.start + 1, run.end - 1):
            if not tv.ws[start - 1] and tv.text[start - 1] != "-":
                continue  # not a word boundary
            tail = NameSpan(start, run.end).text(tv)
            people = self._people_of_run(tail)
            if not people and letters:
                people = self._people_of_run(tail.translate(letters))
            if people:
                return start, people
        return run.start, frozenset()

    def _past_titles(
        self, tv: Tokens, run: NameSpan, start: int, people: frozenset[int], lang: str
    ) -> int:
        """The first word of a known person's name in a run that opens with capitalised title
        words ("Dışişleri Bakan Yardımcısı Hüseyin Cabiri Ensari"): past each of the
        language's `title_words` while the rest still names the same person, so the name as
        written carries no title."""
        titles = _title_words(lang)
        letters = _NAME_LETTERS.get(lang)
        while start < run.end - 1 and tv.text[start].lower() in titles:
            tail = NameSpan(start + 1, run.end).text(tv)
            rest = self._people_of_run(tail)
            if not rest and letters:
                rest = self._people_of_run(tail.translate(letters))
            if not rest & people:
                break
            start += 1
        return start

    def mentions(self, doc: Doc, nlp: Language, finder: NameFinder) -> list[_Mention]:
        """Every mention of a known person in the document, in text order."""
        tv = tokens_of(doc)
        found: list[_Mention] = []
        taken = bytearray(tv.n + 1)
        # The longest spelling wins ("Staffan de Mistura", not also "de Mistura").
        matches = sorted(self.matcher(nlp)(doc), key=lambda m: (m[1], m[1] - m[2]))
        for match_id, start, end in matches:
            if any(taken[start:end]):
                continue
            found.append(_Mention(frozenset({int(nlp.vocab.strings[match_id])}), start, end))
            taken[start:end] = b"\x01" * (end - start)
        text = doc_text(doc)
        if self.arabic_pattern is not None and _ARABIC_SCRIPT_RE.search(text):
            folded = text.translate(_ARABIC_FOLD)
            for m in self.arabic_pattern.finditer(folded):
                start = bisect_right(tv.idx, m.start()) - 1
                end = bisect_left(tv.idx, m.end())
                k = self.arabic_people.get(re.sub(r"\s+", " ", m.group(1)))
                if k is not None and start >= 0 and not any(taken[start:end]):
                    found.append(_Mention(frozenset({k}), start, end))
                    taken[start:end] = b"\x01" * (end - start)
        if self.skeleton_names and _ARABIC_SCRIPT_RE.search(text):
            self._arabic_script_names(tv, taken, found)
        if _CAPITAL_RE.search(text):
            for run in finder.all_runs():
                if any(taken[run.start : run.end]):
                    continue
                people = self._people_of_run(run.text(tv))
                if not people and nlp.lang in _NAME_LETTERS:
                    # "Caferi" is Turkish for "Jaafari": the language's letters, then the index
                    people = self._people_of_run(run.text(tv).translate(_NAME_LETTERS[nlp.lang]))
                start = run.start
                if not people and run.end - run.start > 2 and nlp.lang in _CAPITALISED_TITLES:
                    start, people = self._people_of_tail(tv, run, _NAME_LETTERS.get(nlp.lang))
                if people and nlp.lang in _CAPITALISED_TITLES:
                    start = self._past_titles(tv, run, start, people, nlp.lang)
                if people:
                    found.append(_Mention(people, start, run.end))
        found.sort(key=lambda m: m.start)
        return found

    def _skeletons(self, token: str) -> tuple[str, ...]:
        """Skeletons of an Arabic-script token as written, without an attached conjunction or
        preposition and without the article ("والجعفري" -> "الجعفري", "جعفري")."""
        found = self._token_skeletons.get(token)
        if found is None:
            forms = [token]
            if token[:1] in _ATTACHED and len(token) > 3:
                forms.append(token[1:])
            forms += [f[2:] for f in forms if f.startswith(_ARTICLE) and len(f) > 4]
            # Waw is a vowel or, in Persian and in foreign names, a v ("لاورنتیف").
            latin = [normalize_name(f) for f in forms]
            latin += [f.replace("w", "v") for f in latin if "w" in f]
            found = self._token_skeletons[token] = tuple(
                dict.fromkeys(script_skeleton(f) for f in latin)
            )
        return found

    def _arabic_script_names(self, tv: Tokens, taken: bytearray, found: list[_Mention]) -> None:
        """Known people written in Arabic script in a spelling no alias holds."""
        T = tv.text
        for i in range(tv.n):
            if taken[i] or not _ARABIC_SCRIPT_RE.match(T[i]):
                continue
            people: set[int] = set()
            end = i + 1
            for key in self._skeletons(T[i]):
                for keys, k in self.skeleton_names.get(key, ()):
                    j = i + len(keys)
                    if j <= tv.n and all(
                        keys[x] in self._skeletons(T[i + x]) for x in range(1, len(keys))
                    ):
                        people.add(k)
                        end = max(end, j)
                if not people:
                    people.update(self.skeleton_surnames.get(key, ()))
            if people and not any(taken[i:end]):
                found.append(_Mention(frozenset(people), i, end))
                taken[i:end] = b"\x01" * (end - i)

    # -- deciding -----------------------------------------------------------------------------

    def _strength(self, person: PersonInfo, round_number: int) -> float:
        """1 when the person's known rounds span the round; 0.5 when they end or begin within
        NEAR_ROUNDS of it; 0 further away; 0.75 when no rounds are known."""
        if not person.rounds:
            return 0.75
        first, last = min(person.rounds), max(person.rounds)
        if first <= round_number <= last:
            return 1.0 if round_number in person.rounds else 0.9
        gap = first - round_number if round_number < first else round_number - last
        return 0.5 if gap <= NEAR_ROUNDS else 0.0

    def _language_cues(
        self, lang: str
    ) -> tuple[frozenset[str], tuple[str, ...], tuple[frozenset[str], tuple[str, ...]]]:
        """(cue words, cue word beginnings, (former-role words, their beginnings)) for a
        language. Cues are delegation nouns, verbs of heading and verbs of attending; other
        languages inflect, so their words also match as beginnings ("делегаци" in
        "делегацией")."""
        cues = self._cues.get(lang)
        if cues is None:
            people = for_language("people", lang)
            words = {
                w.lower()
                for key in ("delegation_nouns", "head_verbs_active", "head_verbs_passive")
                for w in people.get(key, ())
            }
            words.update(_ATTENDANCE.get(lang, ()))
            words_former = [w.lower() for w in people.get("former_words", ())]
            former = (
                frozenset(words_former),
                tuple(w for w in words_former if len(w) >= 4 and lang != "en"),
            )
            stems = () if lang == "en" else tuple(sorted(words))
            cues = self._cues[lang] = (frozenset(words), stems, former)
        return cues

    def _has_cue(self, words: list[str], lang: str) -> bool:
        exact, stems, _ = self._language_cues(lang)
        if not exact.isdisjoint(words):
            return True
        return bool(stems) and any(w.startswith(stems) for w in words)

    def _other_role(
        self, tv: Tokens, m: _Mention, c0: int, c1: int, lang: str, finder: NameFinder
    ) -> bool:
        """The person is named as something else: an excluded title ("Foreign Minister X",
        "X, the foreign ministry spokesman,"), a former role, "X's deputy", "X is not here"."""
        L = tv.lower
        if m.end < c1 and tv.text[m.end] in _POSSESSIVE:
            return True
        former = self._language_cues(lang)[2]
        before = L[max(c0, m.start - 3) : m.start]
        # Short words only as written ("ex", not "expected"); longer ones as beginnings
        # ("бывшего", "ehemaligen").
        if any(w in former[0] or w.startswith(former[1]) for w in before):
            return True
        t0, t1 = pre_title(tv, m.start, c0, lambda i: False)
        if t1 > t0 and classify_title(tv, t0, t1, finder) == EXCLUDED:
            return True
        apos = appositive(tv, m.end, c1)
        if apos is not None and classify_title(tv, apos[0], apos[1], finder) == EXCLUDED:
            return True
        after = L[m.end : min(c1, m.end + 5)]
        if " ".join(after).startswith(_ABSENCE_AFTER_NAME.get(lang, ())):
            return True
        # "X cannot take part", "X will not attend", "X не примет участия": the person's
        # own verb is negated (a verb of saying first, "X said ... not", is no such case).
        negations = _NEGATIONS.get(lang, frozenset())
        for word in after[:3]:
            if word in negations:
                return True
            if word in {",", ";", ":", "(", "\u2014", "\u2013"}:
                break
        # "X said he would not participate personally", "X, who is not participating":
        # a negated verb of attending after the name.
        attend = _ATTENDANCE.get(lang, ())
        tail = L[m.end : min(c1, m.end + ATTENDANCE_WINDOW)]
        for x, word in enumerate(tail):
            if word in negations and any(w.startswith(attend) for w in tail[x + 1 : x + 4]):
                return True
        # "a representative of the UN special envoy, X", "a team of envoy X": someone else
        # stands in for the person.
        stand_in = _STAND_IN_BEFORE.get(lang, ())
        if stand_in:
            window = " " + " ".join(L[max(c0, m.start - STAND_IN_WINDOW) : m.start]) + " "
            if any(phrase in window for phrase in stand_in):
                return True
        return False

    def add_heads(
        self,
        doc: Doc,
        nlp: Language,
        layout: Layout,
        roles: list[SentenceRole],
        finder: NameFinder,
        round_number: int,
        delegations: list[DelegationFact],
    ) -> list[DelegationFact]:
        """`delegations` with a head for every party that has none and whose known head is
        named in a usable clause, and with the parties such a head makes present."""
        if not self.people or not roles:
            return delegations
        delegations = self.drop_contradicted_heads(delegations)
        tv = tokens_of(doc)
        lang = nlp.lang
        by_party = {d.party: d for d in delegations}
        structural = [d.head for d in delegations if d.head]
        headed = {d.party for d in delegations if d.head or d.head_rule == NO_HEAD_STAND_IN}
        if self.parties <= headed:
            return delegations  # every party a known person may head has its head
        starts = [r.sent.start for r in roles]
        claims: dict[str, list[_Claim]] = {}
        for m in self.mentions(doc, nlp, finder):
            r = bisect_right(starts, m.start) - 1
            if r < 0 or m.start >= roles[r].sent.end:
                continue
            role = roles[r]
            clause = role.clause_at(m.start)
            if clause is None or not clause.usable:
                continue
            c0, c1 = clause.start, clause.end
            if all(self.people[k].party in headed for k in m.people):
                continue  # never override a structural head
            if self._other_role(tv, m, c0, c1, lang, finder):
                continue
            written = " ".join(tv.text[m.start : m.end])
            if any(same_person(written, head) for head in structural):
                continue  # a structural rule made this person another party's head
            eligible: list[_Claim] = []
            for k in m.people:
                person = self.people[k]
                if person.party in headed:
                    continue  # never override a structural head
                strength = self._strength(person, round_number)
                # A tenure just ended or not yet begun needs a cue in the clause, and so does
                # a mediator's envoy, whom articles name far more often than he attends.
                needs_cue = strength < 0.75 or self.roles.get(person.party) == "mediator"
                if strength <= 0 or (needs_cue and not self._has_cue(tv.lower[c0:c1], lang)):
                    continue
                eligible.append(_Claim(k, strength, m, role.sent.index, c0))
            if not eligible:
                continue
            # One person heads one delegation: a spelling several known people share counts
            # for those whose tenure fits best, and for nobody if they head different parties.
            top = max(c.strength for c in eligible)
            eligible = [c for c in eligible if c.strength == top]
            if len({self.people[c.person].party for c in eligible}) > 1:
                continue
            for claim in eligible:
                claims.setdefault(self.people[claim.person].party, []).append(claim)
        if not claims:
            return delegations
        out = list(delegations)
        for party, party_claims in claims.items():
            # The strongest claim, the first of them; a person several tenures could name
            # ("Onal" for two people) counts for the one whose tenure fits best.
            best = max(party_claims, key=lambda c: (c.strength, -c.mention.start))
            person = self.people[best.person]
            head = self._head_text(tv, person, party_claims, best.person)
            sent = layout.sents[best.sent_index]
            evidence = Evidence(
                doc_text(doc)[sent.start_char : sent.end_char], sent.start_char, sent.end_char
            )
            title = self._title(doc, tv, best)
            existing = by_party.get(party)
            if existing is not None:
                fact = DelegationFact(
                    party=existing.party,
                    role=existing.role,
                    head=head,
                    head_title=title,
                    evidence=existing.evidence,
                    confidence=existing.confidence,
                    rule=existing.rule,
                    head_rule=RULE_HEAD,
                    head_evidence=evidence,
                )
                out[out.index(existing)] = fact
            else:
                out.append(
                    DelegationFact(
                        party=party,
                        role=self.roles[party],
                        head=head,
                        head_title=title,
                        evidence=evidence,
                        confidence=round(CONF_KNOWN * best.strength, 2),
                        rule=RULE_PRESENCE,
                        head_rule=RULE_HEAD,
                    )
                )
            structural.append(head)
        return out

    def drop_contradicted_heads(self, delegations: list[DelegationFact]) -> list[DelegationFact]:
        """Delegations without the heads the archive knows to head another party, and never
        this one: one person heads one delegation, so such a head is a sentence misread (a
        list of heads mapped to the wrong parties). The delegation keeps its presence; its
        head is then looked for among the people known for it, as for any headless party."""
        out = []
        for fact in delegations:
            if fact.head and self.roles.get(fact.party) in DELEGATION_ROLES:
                parties = {self.people[k].party for k in self.index.candidates(fact.head)}
                if parties and fact.party not in parties:
                    fact = replace(fact, head=None, head_title="", head_rule="", head_evidence=None)
            out.append(fact)
        return out

    def _title(self, doc: Doc, tv: Tokens, claim: _Claim) -> str:
        """The title words right before the name ("presidential envoy"), as written."""
        t0, t1 = pre_title(tv, claim.mention.start, claim.clause_start, lambda i: False)
        while t0 < t1 and tv.lower[t0] in ARTICLES:
            t0 += 1
        if t1 <= t0:
            return ""
        return doc_text(doc)[tv.idx[t0] : tv.idx[t1 - 1] + len(tv.text[t1 - 1])]

    def _head_text(self, tv: Tokens, person: PersonInfo, claims: list[_Claim], k: int) -> str:
        """The person's fullest spelling in the article; a surname alone gives the known
        name (the head is then named by the archive's spelling)."""
        written = [
            " ".join(tv.text[c.mention.start : c.mention.end]) for c in claims if c.person == k
        ]
        fullest = max(written, key=lambda w: len(w.split()))
        return fullest if len(fullest.split()) > 1 else person.name


def _absence_after_name() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for lang in load("languages")["supported"]:
        out[lang] = tuple(
            p.lower() for p in for_language("people", lang).get("absence_after_name", ())
        )
    return out


_ABSENCE_AFTER_NAME = _absence_after_name()
ATTENDANCE_WINDOW = 8  # tokens after a name in which a negated verb of attending counts
STAND_IN_WINDOW = 10  # tokens before a name in which a stand-in phrase counts
# Verbs of attending: the presence verbs of the English rules, each language's presence
# words (both from patterns/parties.json; matched as beginnings).
_ATTENDANCE = {
    lang: tuple(
        w.lower()
        for w in (
            load("parties").get("presence_verbs", ())
            if lang == "en"
            else for_language("parties", lang).get("presence_words", ())
        )
    )
    for lang in load("languages")["supported"]
}
_STAND_IN_BEFORE = {
    lang: tuple(f" {p.lower()} " for p in for_language("people", lang).get("stand_in_before", ()))
    for lang in load("languages")["supported"]
}


def _name_letters() -> dict[str, dict[int, str]]:
    """Per language, the letters its spelling of foreign names writes for another
    transliteration's (Turkish "c" for "j": `name_letters` in patterns/people.json)."""
    out: dict[str, dict[int, str]] = {}
    for lang in load("languages")["supported"]:
        letters = for_language("people", lang).get("name_letters", {})
        if letters:
            pairs = {**letters, **{a.upper(): b.capitalize() for a, b in letters.items()}}
            out[lang] = str.maketrans(pairs)
    return out


_NAME_LETTERS = _name_letters()
_ARABIC_SCRIPT_LETTERS = str.maketrans(dict(load("people").get("arabic_script_letters", {})))
_NEGATIONS = {
    lang: frozenset(w.lower() for w in for_language("people", lang).get("negation_words", ()))
    for lang in load("languages")["supported"]
}
