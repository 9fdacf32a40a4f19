"""Hostile encodings: broken UTF-8, implausible guesses, mojibake. Each test builds its bytes."""

from __future__ import annotations

from articles.extraction.decoding import _plausible_script, decode
from articles.extraction.reader import read_article

PROSE = (
    "The delegations of Russia, Iran and Turkey met in the Kazakh capital on Monday and "
    "agreed to hold the next round of talks on Syria in the summer, the ministry said."
)
RUSSIAN = (
    "Делегации России, Ирана и Турции встретились в столице Казахстана и договорились "
    "провести следующий раунд переговоров по Сирии летом, сообщил МИД."
)


def test_utf8_with_a_few_invalid_bytes_stays_utf8_with_a_warning() -> None:
    good = f"{RUSSIAN}\n\n{RUSSIAN}".encode()
    # a character cut in half by a crawler, and a stray Latin-1 byte
    data = good[:60] + good[60:61] + b"\n" + good[120:] + b" caf\xe9"
    article = read_article(data, "a.txt")
    assert article.encoding == "utf-8"
    assert "Делегации России" in article.text
    assert "\ufffd" in article.text  # the bad bytes are replaced, never guessed
    assert any("invalid UTF-8" in w for w in article.warnings)


def test_clean_utf8_has_no_warning() -> None:
    article = read_article(f"{PROSE}\n\n{RUSSIAN}".encode(), "a.txt")
    assert article.encoding == "utf-8" and article.warnings == ()


def test_legacy_file_is_not_taken_for_broken_utf8() -> None:
    data = (PROSE.replace("met", "se réunirent à") + " Café, déjà, Zürich.").encode("latin-1")
    article = read_article(data, "a.txt")
    assert article.encoding in {"iso-8859-1", "windows-1252"}
    assert "réunirent à" in article.text and "\ufffd" not in article.text


def test_latin_text_is_never_read_as_cjk() -> None:
    # Accented capitals followed by ASCII letters are valid Big5 pairs: charset-normalizer
    # ranks Big5 first for these bytes. Latin prose must come out Latin.
    data = "DÉLÉGATION ÖNAL end\n".encode("latin-1") + b"Reporting by the wire desk.\n"
    text, encoding, _ = decode(data, prefer_html=False)
    assert "DÉLÉGATION ÖNAL" in text
    assert not any("\u2e80" <= ch <= "\uffef" for ch in text)  # no CJK or full-width forms
    assert encoding in {"iso-8859-1", "windows-1252", "iso8859-15"}


def test_a_cjk_reading_of_latin_prose_is_implausible() -> None:
    data = "DÉLÉGATION ÖNAL met the délégation.\n".encode("latin-1")
    assert not _plausible_script(data.decode("big5", errors="ignore"))
    assert _plausible_script(data.decode("latin-1"))
    assert _plausible_script("Переговоры начались.")  # not Latin prose: not this test's call


def test_latin1_article_with_an_ascii_line_appended() -> None:
    body = (
        "Les délégations de la Russie, de l'Iran et de la Turquie se sont réunies à Astana "
        "pour un nouveau cycle de pourparlers sur la Syrie, a indiqué le ministère."
    )
    data = body.encode("latin-1") + b"\nSource: wire report\n"
    article = read_article(data, "a.txt")
    assert "délégations" in article.text and "ministère" in article.text
    assert article.language == "fr"


def test_cp1252_mojibake_is_repaired_by_ftfy() -> None:
    mangled = "The envoy\u2019s délégation arrived in Astana — early.".encode().decode("cp1252")
    data = f"{mangled}\n\n{PROSE}".encode()
    article = read_article(data, "a.txt")
    assert "envoy\u2019s délégation" in article.text and "â€" not in article.text
    assert any("mojibake" in w for w in article.warnings)


def test_cyrillic_mojibake_is_repaired() -> None:
    sentence = "Переговоры по Сирии начались в столице Казахстана, сообщили в министерстве."
    mangled = sentence.encode().decode("cp1251")  # UTF-8 bytes once read as cp1251
    article = read_article(f"{mangled}\n\n{mangled}".encode(), "a.txt")
    assert "Переговоры по Сирии" in article.text
    assert article.language == "ru"
    assert any("mojibake" in w for w in article.warnings)


def test_text_that_only_looks_odd_is_left_alone() -> None:
    # A real "Ã" (Portuguese, Vietnamese names) followed by an ordinary letter is no mojibake.
    text = f"SÃO PAULO, Brazil - {PROSE}"
    article = read_article(text.encode(), "a.txt")
    assert article.text.startswith("SÃO PAULO") and article.warnings == ()


def test_legacy_cyrillic_file_is_read_in_its_code_page() -> None:
    data = f"{RUSSIAN}\n\n{RUSSIAN}".encode("cp1251")
    article = read_article(data, "a.txt")
    assert "Делегации России" in article.text and "\ufffd" not in article.text
    assert article.language == "ru"
