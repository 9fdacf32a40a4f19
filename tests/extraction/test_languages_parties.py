"""Parties in languages other than English: each language's spellings (the `languages`
blocks of patterns/parties.json), its presence rule (language_presence.py) and known heads
named in it. The round is given: these tests are about parties, not about finding rounds."""

# ruff: noqa: RUF001
from __future__ import annotations

import pytest

from articles.extraction.data import load
from articles.extraction.language_presence import RULE_OBSERVER, add_language_presence
from articles.extraction.parties import party_mentions
from articles.extraction.parties.heads_language import RULE_LANGUAGE_HEAD, add_language_heads
from articles.extraction.pipeline import Extractor
from articles.extraction.rounds import attribute_sentences, find_round_mentions
from articles.extraction.sentences import analyse_layout, tokens_of, use_source_text
from articles.extraction.titles import NameFinder
from articles.extraction.types import DelegationFact, ObserverFact, PersonInfo, RoundLink


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _facts(
    extractor: Extractor,
    lang: str,
    text: str,
    round_number: int = 13,
    language_heads: bool = False,
) -> tuple[list[DelegationFact], list[ObserverFact]]:
    """Delegations and observers of a text whose round is `round_number` (with the heads by
    structure of other languages when `language_heads`)."""
    nlp = extractor.pipeline(lang)
    doc = nlp(text)
    use_source_text(doc, text)
    layout = analyse_layout(doc, None)
    link = RoundLink(round_number, "ordinal", None, None, 1.0)
    roles = attribute_sentences(
        doc, layout, find_round_mentions(doc, layout), link, None, extractor.calendar
    )
    finder = NameFinder(tokens_of(doc), extractor.parties.party_tokens)
    delegations, observers = extractor.parties.extract(doc, layout, roles, finder)
    delegations, observers = add_language_presence(
        doc, lang, layout, roles, extractor.table, delegations, observers
    )
    delegations = extractor.known_heads.add_heads(
        doc, nlp, layout, roles, finder, round_number, delegations
    )
    if language_heads:
        delegations = add_language_heads(
            doc, lang, layout, roles, extractor.table, finder, delegations
        )
    return delegations, observers


def _mentioned(extractor: Extractor, lang: str, text: str) -> set[str]:
    strong, _ = party_mentions(extractor.pipeline(lang)(text))
    return {party for party, _, _ in strong}


@pytest.mark.parametrize(
    ("lang", "text", "parties"),
    [
        (
            "ru",
            "Россия, Иран и Турция; российская делегация прибыла.",
            {"Russia", "Iran", "Turkey"},
        ),
        ("tr", "Türkiye, Rusya ve İran'ın heyetleri geldi.", {"Turkey", "Russia", "Iran"}),
        ("ar", "وصلت وفود روسيا وإيران وتركيا والأردن.", {"Russia", "Iran", "Turkey", "Jordan"}),
        ("fa", "هیئت ایرانی و هیئت روسیه و ترکیه", {"Iran", "Russia", "Turkey"}),
        ("fr", "La délégation turque et l'Iran", {"Turkey", "Iran"}),
        ("de", "Die iranische Delegation und Russland", {"Iran", "Russia"}),
        ("es", "La delegación rusa y la oposición", {"Russia", "Syrian opposition"}),
        ("it", "La delegazione turca e le Nazioni Unite", {"Turkey", "United Nations"}),
    ],
)
def test_party_spellings_of_each_language(extractor, lang: str, text: str, parties) -> None:
    assert _mentioned(extractor, lang, text) == parties


def test_english_spellings_unchanged_by_the_blocks(extractor) -> None:
    # English pages see only the English spellings: a Russian word is no party there.
    assert _mentioned(extractor, "en", "Россия and Iran") == {"Iran"}


@pytest.mark.parametrize(
    ("lang", "text", "present"),
    [
        # a delegation noun next to the party
        ("ru", "Делегация России обсудила с коллегами режим прекращения огня.", {"Russia"}),
        ("fr", "La délégation iranienne est arrivée mardi.", {"Iran"}),
        ("de", "Die türkische Delegation traf am Dienstag ein.", {"Turkey"}),
        ("fa", "هیئت ایرانی امروز وارد شد.", {"Iran"}),
        ("ar", "التقى الوفد الروسي مع المبعوث.", {"Russia"}),
        ("es", "La delegación rusa llegó el lunes.", {"Russia"}),
        ("it", "La delegazione turca è arrivata.", {"Turkey"}),
        ("tr", "Rus heyeti dün geldi.", {"Russia"}),
        # a verb of attending in the clause
        ("ru", "Иран на встрече представлял замминистра.", {"Iran"}),
        ("tr", "Türkiye toplantıda bakan yardımcısı tarafından temsil edildi.", {"Turkey"}),
        # delegations listed before the observers, in one clause
        (
            "ru",
            "На встрече присутствовали представители ООН, а в качестве наблюдателей - Ирака.",
            {"United Nations"},
        ),
        ("ru", "В переговорах примут участие Россия, Иран и Турция.", {"Russia", "Iran", "Turkey"}),
        # the guarantors listed after a guarantor word, in a clause about observers
        (
            "es",
            "Asisten delegaciones de los países garantes (Rusia, Turquía e Irán), y "
            "representantes de Jordania como observadores.",
            {"Russia", "Turkey", "Iran"},
        ),
    ],
)
def test_presence_from_the_language_words(extractor, lang: str, text: str, present) -> None:
    delegations, _ = _facts(extractor, lang, text)
    assert {d.party for d in delegations} == present
    # (a list of guarantors or a German "Delegation" may also fire an English rule)
    assert all(d.rule.startswith("presence:") for d in delegations)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "كما وصلت وفود الدول الثلاث الضامنة إلى العاصمة."),
        ("ru", "В столицу прибыли делегации стран-гарантов."),
        ("es", "Asisten las delegaciones de los países garantes."),
    ],
)
def test_delegations_of_the_guarantors_name_all_three(extractor, lang: str, text: str) -> None:
    delegations, _ = _facts(extractor, lang, text)
    assert {d.party for d in delegations} == {"Russia", "Iran", "Turkey"}


def test_guarantors_in_a_clause_without_attending_are_not_present(extractor) -> None:
    delegations, _ = _facts(extractor, "ru", "Делегации стран-гарантов давно спорят о зонах.")
    assert delegations == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Переговоры прошли в Москве."),  # a city is a place
        ("ru", "Россия поддерживает политическое урегулирование."),  # no cue
        ("fr", "Le boycott de l'opposition a été confirmé par la délégation."),  # absence
        ("tr", "Kazak hükümeti yeni turu duyurdu."),  # the host is no delegation
        # a title that begins like a verb of attending ("Temsilcisi", "represent-")
        ("tr", "Rusya Devlet Başkanı'nın Özel Temsilcisi dün bir açıklama yaptı."),
    ],
)
def test_no_presence_without_a_cue(extractor, lang: str, text: str) -> None:
    delegations, _ = _facts(extractor, lang, text)
    assert delegations == []


@pytest.mark.parametrize(
    ("lang", "text", "observers"),
    [
        ("ru", "В роли наблюдателей примут участие Иордания и США.", {"Jordan", "United States"}),
        ("tr", "Görüşmelere gözlemci olarak Ürdün temsilcileri davet edildi.", {"Jordan"}),
        ("ar", "ويشارك العراق ولبنان بصفة مراقب.", {"Iraq", "Lebanon"}),
        (
            "fr",
            "Des représentants de la Jordanie y assisteront en tant qu'observateurs.",
            {"Jordan"},
        ),
        ("de", "Als Beobachter sind der Irak und der Libanon dabei.", {"Iraq", "Lebanon"}),
    ],
)
def test_observers_of_each_language(extractor, lang: str, text: str, observers) -> None:
    delegations, found = _facts(extractor, lang, text)
    assert {o.party for o in found} == observers
    assert all(o.rule == RULE_OBSERVER for o in found)
    assert not {d.party for d in delegations} & observers


@pytest.mark.parametrize(
    ("lang", "text", "party", "head"),
    [
        (
            "ru",
            "Российскую делегацию возглавляет Александр Лаврентьев.",
            "Russia",
            "Александр Лаврентьев",
        ),
        (
            "ar",
            "عقد الوفد السوري برئاسة بشار الجعفري اجتماعا.",
            "Syrian government",
            "بشار الجعفري",
        ),
        ("fa", "هیئت ایرانی به ریاست علی اصغر خاجی وارد شد.", "Iran", "علی اصغر خاجی"),
        ("tr", "Türk heyetine Sedat Önal başkanlık etti.", "Turkey", "Sedat Önal"),
    ],
)
def test_known_head_in_each_language(
    extractor, lang: str, text: str, party: str, head: str
) -> None:
    delegations, _ = _facts(extractor, lang, text)
    heads = {d.party: d.head for d in delegations}
    assert heads.get(party) == head


def test_known_head_after_capitalised_titles_in_the_languages_letters() -> None:
    # Turkish capitalises every word of a title and writes "c" for an English "j".
    extractor = Extractor(people=[PersonInfo("Jamal Rostami", "Iran", (), (13,))])
    text = "İran heyetine Dışişleri Bakan Yardımcısı Camal Rostami başkanlık etti."
    heads = {d.party: d.head for d in _facts(extractor, "tr", text)[0]}
    assert heads.get("Iran") == "Camal Rostami"


LANGUAGE_HEAD_CASES = [
    (
        "ru",
        "Российскую делегацию возглавил спецпредставитель Павел Орлов.",
        "Russia",
        "Павел Орлов",
    ),
    ("ru", "Делегацию оппозиции возглавил Карим Нассар.", "Syrian opposition", "Карим Нассар"),
    (
        "tr",
        "Türk heyetine Dışişleri Bakan Yardımcısı Kemal Arslan başkanlık ediyor.",
        "Turkey",
        "Kemal Arslan",
    ),
    (
        "tr",
        "Rus heyetine Rusya Devlet Başkanı'nın Özel Temsilcisi Pavel Orlov başkanlık ediyor.",
        "Russia",
        "Pavel Orlov",
    ),
    ("fr", "La délégation russe est conduite par Pavel Orlov.", "Russia", "Pavel Orlov"),
    (
        "fr",
        "La délégation turque était conduite par le vice-ministre chargé du dossier, Kemal Arslan.",
        "Turkey",
        "Kemal Arslan",
    ),
    ("de", "Die russische Delegation wird von Pavel Orlov geleitet.", "Russia", "Pavel Orlov"),
    ("es", "La delegación rusa está encabezada por Pavel Orlov.", "Russia", "Pavel Orlov"),
    ("it", "La delegazione russa è guidata da Pavel Orlov.", "Russia", "Pavel Orlov"),
]


def _language_heads(extractor: Extractor, lang: str, text: str) -> dict[str, DelegationFact]:
    delegations, _ = _facts(extractor, lang, text, language_heads=True)
    return {d.party: d for d in delegations}


@pytest.mark.parametrize(("lang", "text", "party", "head"), LANGUAGE_HEAD_CASES)
def test_head_by_structure_in_each_language(
    extractor, lang: str, text: str, party: str, head: str
) -> None:
    # Nobody the archive knows: the sentence's structure alone names the head.
    fact = _language_heads(extractor, lang, text)[party]
    assert (fact.head, fact.head_rule) == (head, RULE_LANGUAGE_HEAD)


def test_heads_by_structure_go_to_their_own_parties(extractor) -> None:
    text = "Rus heyetine Pavel Orlov, İran heyetine Rıza Kerimi başkanlık ediyor."
    facts = _language_heads(extractor, "tr", text)
    assert {p: f.head for p, f in facts.items()} == {
        "Russia": "Pavel Orlov",
        "Iran": "Rıza Kerimi",
    }


def test_a_party_name_before_its_abbreviation_is_no_head(extractor) -> None:
    text = "Görüşmelere Birleşmiş Milletler (BM) temsilcileri de katılıyor."
    delegations, _ = _facts(extractor, "tr", text)
    assert all(d.head is None for d in delegations), delegations


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Российскую делегацию возглавит замминистра, сообщила пресс-секретарь Анна Белова."),
        ("fr", "La délégation russe sera dirigée par un vice-ministre, a déclaré Marie Dupont."),
        ("de", "Die russische Delegation wird von einem Vizeminister geleitet, sagte Anna Weber."),
    ],
)
def test_a_speaker_after_a_comma_heads_nothing(extractor, lang: str, text: str) -> None:
    assert all(f.head is None for f in _language_heads(extractor, lang, text).values())


def test_no_head_by_structure_without_a_word_of_heading(extractor) -> None:
    text = "Российская делегация встретилась с Павлом Орловым."
    assert all(f.head is None for f in _language_heads(extractor, "ru", text).values())


def test_every_language_block_names_known_parties() -> None:
    parties = load("parties")
    for lang in load("languages")["supported"]:
        if lang == "en":
            continue
        block = parties["languages"][lang]
        assert set(block["parties"]) <= set(parties["parties"])
        assert block["presence_words"] and block["observer_words"]


@pytest.mark.parametrize(
    ("lang", "text", "present", "posted"),
    [
        (
            "fr",
            "La délégation russe est arrivée jeudi; Damas a envoyé son représentant "
            "permanent auprès des Nations unies.",
            "Russia",
            "United Nations",
        ),
        (
            "fr",
            "La délégation turque participe aux pourparlers avec l'ambassadeur auprès de l'ONU.",
            "Turkey",
            "United Nations",
        ),
    ],
)
def test_party_where_an_official_is_posted_is_not_present(
    extractor: Extractor, lang: str, text: str, present: str, posted: str
) -> None:
    # A title and a preposition of its post before the party (people.json, per language).
    delegations, _ = _facts(extractor, lang, text)
    parties = {d.party for d in delegations}
    assert present in parties
    assert posted not in parties


def test_party_named_with_a_verb_of_attending_and_no_post_is_present(
    extractor: Extractor,
) -> None:
    delegations, _ = _facts(
        extractor, "fr", "Les Nations unies participent aux pourparlers avec une délégation."
    )
    assert "United Nations" in {d.party for d in delegations}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Россия, Иран и Турция подписали совместное заявление."),
        ("tr", "Rusya, İran ve Türkiye ortak bir bildiri imzaladı."),
    ],
)
def test_a_list_of_the_guarantors_joined_by_the_languages_and(
    extractor, lang: str, text: str
) -> None:
    # The language's own "and" (list_links of its block) joins the last guarantor to the list.
    delegations, _ = _facts(extractor, lang, text)
    assert {d.party for d in delegations} == {"Russia", "Iran", "Turkey"}
