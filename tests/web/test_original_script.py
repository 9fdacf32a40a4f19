"""Articles in their own language and script: direction, the head as written beside the
canonical name, the rule behind each fact, and the language as a filter and a label."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rounds.models import DelegationMention, ObserverMention

ARTICLES = reverse("articles:article-list")

# Short texts written for these tests.
ARABIC_ROUND = "انطلقت في أستانا الجولة الرابعة عشرة من المحادثات حول سوريا."
ARABIC_HEAD = "وترأس الوفد الروسي ألكسندر لافرنتييف."
ARABIC_NAME = "ألكسندر لافرنتييف"
RUSSIAN_ROUND = "В Нур-Султане начался четырнадцатый раунд переговоров по Сирии."  # noqa: RUF001 (Cyrillic on purpose)
RUSSIAN_HEAD = "Российскую делегацию возглавил Александр Лаврентьев."
RUSSIAN_NAME = "Александр Лаврентьев"


def page(client, article) -> str:
    return client.get(article.get_absolute_url()).content.decode()


@pytest.fixture
def arabic(build):
    article = build.article(
        f"{ARABIC_ROUND}\n\n{ARABIC_HEAD}",
        title="الجولة الرابعة عشرة",
        language="ar",
        round=14,
        round_sentence=ARABIC_ROUND,
    )
    person = build.participant("Alexander Lavrentiev", ARABIC_NAME)
    build.delegation(14, "russia", person, article=article, sentence=ARABIC_HEAD)
    DelegationMention.objects.filter(article=article).update(
        head_as_written=ARABIC_NAME, rule="presence:test-led", head_rule="head:test-led-by"
    )
    return article


@pytest.mark.django_db
class TestDirectionAndScript:
    def test_arabic_text_reads_right_to_left_with_evidence_in_its_script(self, client, arabic):
        html = page(client, arabic)
        assert 'id="article-text" lang="ar" dir="rtl"' in html
        # The evidence is highlighted in the original script, not a transliteration.
        assert f">{ARABIC_HEAD}</mark>" in html
        assert f">{ARABIC_ROUND}</mark>" in html
        # The title, in the page's left-to-right frame, takes its direction from its text.
        assert '<h1 lang="ar" dir="auto">' in html

    def test_head_canonical_name_beside_the_name_as_written(self, client, arabic):
        html = page(client, arabic)
        assert "Russia: Alexander Lavrentiev" in html
        assert f'as written: <bdi lang="ar">{ARABIC_NAME}</bdi>' in html

    def test_head_named_in_another_sentence_is_highlighted_too(self, client, arabic):
        start = arabic.text.index(ARABIC_HEAD)
        DelegationMention.objects.filter(article=arabic).update(
            sentence=ARABIC_ROUND,
            start=0,
            end=len(ARABIC_ROUND),
            head_sentence=ARABIC_HEAD,
            head_start=start,
            head_end=start + len(ARABIC_HEAD),
        )
        html = page(client, arabic)
        assert 'title="Head of the delegation: Russia: Alexander Lavrentiev">' in html
        assert f">{ARABIC_HEAD}</mark>" in html
        mention = DelegationMention.objects.get(article=arabic)
        assert f'href="#fact-head-{mention.pk}">Show the head' in html

    def test_rule_beside_each_fact(self, client, arabic):
        html = page(client, arabic)
        assert "rule <code>presence:test-led</code>" in html
        assert "rule <code>ordinal</code>" in html  # the round link's method

    def test_russian_text_reads_left_to_right(self, client, build):
        article = build.article(
            f"{RUSSIAN_ROUND}\n\n{RUSSIAN_HEAD}",
            language="ru",
            round=14,
            round_sentence=RUSSIAN_ROUND,
        )
        html = page(client, article)
        assert 'id="article-text" lang="ru" dir="ltr"' in html
        assert f">{RUSSIAN_ROUND}</mark>" in html
        assert "Russian <span" in html

    def test_same_spelling_is_not_repeated(self, client, build):
        text = "Russia's delegation was led by Alexander Lavrentiev."
        article = build.article(text, round=14)
        person = build.participant("Alexander Lavrentiev")
        build.delegation(14, "russia", person, article=article, sentence=text)
        DelegationMention.objects.filter(article=article).update(
            head_as_written="Alexander Lavrentiev"
        )
        assert "as written:" not in page(client, article)

    def test_an_article_naming_another_head_says_whom(self, client, build):
        text = "Russia's delegation was led by Sergei Vershinin."
        article = build.article(text, round=14)
        majority = build.participant("Alexander Lavrentiev")
        delegation = build.delegation(14, "russia", majority)
        other = build.participant("Sergei Vershinin")
        DelegationMention.objects.create(
            delegation=delegation,
            article=article,
            sentence=text,
            start=0,
            end=len(text),
            head=other,
            head_as_written="S. Vershinin",
        )
        html = page(client, article)
        # The panel says what this article says; the round's head stands beside it.
        assert "Russia: Sergei Vershinin" in html
        assert 'as written: <bdi lang="en">S. Vershinin</bdi>' in html
        assert "head at this round: <a" in html
        assert "Alexander Lavrentiev</a>" in html

    @pytest.mark.parametrize(
        ("code", "direction", "name", "has_rules"),
        [("uz", "ltr", "Uzbek", False), ("und", "auto", "undetermined", False)],
    )
    def test_languages_without_rules_are_named_and_flagged(
        self, client, build, code, direction, name, has_rules
    ):
        article = build.article("Some text of the page.", language=code)
        html = page(client, article)
        assert f'id="article-text" lang="{code}" dir="{direction}"' in html
        assert f'id="article-language">{name} ' in html
        assert ("no extraction rules for this language" in html) is not has_rules

    def test_observer_rule_is_shown(self, client, build):
        text = "Jordan attended as an observer."
        article = build.article(text, round=14)
        build.observer(14, "jordan", article=article, sentence=text)
        ObserverMention.objects.filter(article=article).update(rule="observer:test-as")
        assert "rule <code>observer:test-as</code>" in page(client, article)


@pytest.mark.django_db
def test_language_filter_offers_the_languages_present_by_name(client, build):
    build.article("Текст.", title="Russian text", language="ru")
    build.article("نص.", title="Arabic text", language="ar")
    build.article("Text.", title="English text", language="en")
    html = client.get(ARTICLES).content.decode()
    for label in ("Arabic (ar)", "English (en)", "Russian (ru)"):
        assert label in html
    assert "Kazakh (kk)" not in html  # no article in it
    filtered = client.get(ARTICLES, {"language": "ar"}).content.decode()
    assert "Arabic text" in filtered and "Russian text" not in filtered
