"""Write synthetic news articles about Astana rounds, for the ingest benchmark.

    python scripts/generate_articles.py OUTDIR --count 2000 --seed 1 [--manifest truth.jsonl]

Each file is one article in one of four layouts (a ` date YYYY-MM-DD ` header, an outlet
banner with a date line, a page copy with header bar and trailing chrome, an HTML page),
about a random round, with heads spelled in several ways, observers, agenda topics,
decoy sentences about other rounds, and 150-600 words, with the texture of news copy
(people quoted, places, figures, newsroom typography). The same seed gives the same files.
Only article files go into OUTDIR; `--manifest` writes the true round, date, heads, observers
and topics elsewhere.
Standard library only.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# --- data -------------------------------------------------------------------------------

CALENDAR: dict[int, tuple[date, date, str]] = {
    1: (date(2017, 1, 23), date(2017, 1, 24), "Astana"),
    2: (date(2017, 2, 15), date(2017, 2, 16), "Astana"),
    3: (date(2017, 3, 14), date(2017, 3, 15), "Astana"),
    4: (date(2017, 5, 3), date(2017, 5, 4), "Astana"),
    5: (date(2017, 7, 4), date(2017, 7, 5), "Astana"),
    6: (date(2017, 9, 14), date(2017, 9, 15), "Astana"),
    7: (date(2017, 10, 30), date(2017, 10, 31), "Astana"),
    8: (date(2017, 12, 21), date(2017, 12, 22), "Astana"),
    9: (date(2018, 5, 14), date(2018, 5, 15), "Astana"),
    10: (date(2018, 7, 30), date(2018, 7, 31), "Sochi"),
    11: (date(2018, 11, 28), date(2018, 11, 29), "Astana"),
    12: (date(2019, 4, 25), date(2019, 4, 26), "Nur-Sultan"),
    13: (date(2019, 8, 1), date(2019, 8, 2), "Nur-Sultan"),
    14: (date(2019, 12, 10), date(2019, 12, 11), "Nur-Sultan"),
    15: (date(2021, 2, 16), date(2021, 2, 17), "Sochi"),
    16: (date(2021, 7, 7), date(2021, 7, 8), "Nur-Sultan"),
    17: (date(2021, 12, 21), date(2021, 12, 22), "Nur-Sultan"),
    18: (date(2022, 6, 15), date(2022, 6, 16), "Nur-Sultan"),
    19: (date(2022, 11, 22), date(2022, 11, 23), "Astana"),
    20: (date(2023, 6, 20), date(2023, 6, 21), "Astana"),
    21: (date(2024, 1, 24), date(2024, 1, 25), "Astana"),
    22: (date(2024, 11, 11), date(2024, 11, 12), "Astana"),
}

ORDINAL_WORDS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second"),
)


@dataclass(frozen=True)
class Head:
    party: str
    rounds: tuple[int, ...]
    spellings: tuple[str, ...]
    titles: tuple[str, ...]
    honorific: str = ""  # "Dr." for a head the press calls so


HEADS = (
    Head(
        "Russia",
        tuple(range(1, 23)),
        ("Alexander Lavrentiev", "Alexander Lavrentyev", "Aleksandr Lavrentiev"),
        ("the Russian president's special envoy for Syria", "Moscow's Syria envoy"),
    ),
    Head(
        "Iran",
        tuple(range(1, 12)),
        ("Hossein Jaberi Ansari", "Hossein Jaberi-Ansari", "Hossein Ansari"),
        ("Iran's deputy foreign minister", "a senior Iranian diplomat"),
    ),
    Head(
        "Iran",
        tuple(range(12, 23)),
        ("Ali Asghar Khaji", "Ali Asghar Haji"),
        ("senior adviser to the Iranian foreign minister", "Tehran's chief negotiator"),
    ),
    Head(
        "Turkey",
        tuple(range(1, 17)),
        ("Sedat Önal", "Sedat Onal"),
        ("Turkey's deputy foreign minister", "a senior Turkish diplomat"),
    ),
    Head(
        "Turkey",
        tuple(range(17, 20)),
        ("Selçuk Ünal", "Selcuk Unal"),
        ("the Turkish foreign ministry's director general for Syria",),
    ),
    Head("Turkey", (20,), ("Burak Akçapar", "Burak Akcapar"), ("deputy foreign minister",)),
    Head("Turkey", (21,), ("Ahmet Y\u0131ld\u0131z", "Ahmet Yildiz"), ("deputy foreign minister",)),
    Head(
        "Syrian government",
        tuple(range(1, 15)),
        ("Bashar al-Jaafari", "Bashar Jaafari", "Bashar al-Ja'afari"),
        ("Syria's ambassador to the UN",),
        "Dr.",
    ),
    Head(
        "Syrian government",
        (*range(15, 21), 22),
        ("Ayman Sousan", "Ayman Susan"),
        ("Syria's deputy foreign minister",),
    ),
    Head(
        "Syrian government",
        tuple(range(21, 22)),
        ("Bassam Sabbagh", "Bassam al-Sabbagh"),
        ("Syria's deputy foreign minister",),
    ),
    Head(
        "Syrian opposition",
        (1, 2, 4, 5),  # the opposition stayed away from round 3
        ("Mohammed Alloush", "Mohammad Alloush"),
        ("of Jaish al-Islam",),
    ),
    Head(
        "Syrian opposition",
        tuple(range(6, 23)),
        ("Ahmad Tohme", "Ahmed Toma", "Ahmad Tuma", "Ahmet Toma"),
        ("the opposition's chief negotiator",),
    ),
    Head("United Nations", tuple(range(1, 12)), ("Staffan de Mistura",), ("the UN special envoy",)),
    Head("United Nations", tuple(range(12, 23)), ("Geir Pedersen",), ("the UN special envoy",)),
)

PARTY_WORDS = {
    "Russia": ("Russia", "Moscow", "the Russian delegation"),
    "Iran": ("Iran", "Tehran", "the Iranian delegation"),
    "Turkey": ("Turkey", "Türkiye", "Ankara", "the Turkish delegation"),
    "Syrian government": ("the Syrian government", "Damascus", "the government delegation"),
    "Syrian opposition": ("the armed opposition", "the rebel delegation", "the opposition"),
    "United Nations": ("the United Nations", "the UN"),
}

TOPICS = {
    "constitutional-committee": "the work of the Constitutional Committee in Geneva",
    "idlib": "the situation in Idlib province",
    "de-escalation-zones": "the boundaries of the de-escalation zones",
    "ceasefire": "compliance with the nationwide ceasefire",
    "detainees-and-missing-persons": "the release of detainees and the search for missing persons",
    "refugees-return": "the return of refugees and displaced people",
    "humanitarian-aid": "humanitarian access across the front lines",
    "reconstruction": "international help with rebuilding Syria",
    "counterterrorism": "the fight against ISIS and Hayat Tahrir al-Sham",
    "demining": "humanitarian mine clearance",
    "political-settlement": "a political settlement under resolution 2254",
    "turkey-syria-normalization": "a roadmap for normalising ties between Ankara and Damascus",
    "northeast-syria": "the situation east of the Euphrates",
    "sanctions": "the effect of unilateral sanctions on Syria",
    "covid-19": "the coronavirus pandemic in Syria",
}

OUTLETS = (
    "STEPPE DAILY",
    "CENTRAL ASIA MONITOR",
    "THE EURASIAN WIRE",
    "LEVANT REPORT",
    "CASPIAN NEWS DESK",
    "THE CAPITAL HERALD",
    "SILK ROAD BULLETIN",
)
REPORTERS = ("Aruzhan Bekova", "Timur Iskakov", "Leyla Hasan", "Omar Khalil", "Nina Petrova")
BACKGROUND = (
    "The Astana process was launched by Russia, Iran and Turkey in January 2017.",
    "Kazakhstan has hosted most of the meetings and says it takes no side in the conflict.",
    "The war in Syria began in 2011 and has displaced about half of the pre-war population.",
    "Diplomats say the format complements the UN-led negotiations in Geneva.",
    "The guarantors meet first in bilateral and trilateral formats before a plenary session.",
    "Observers say the process has done more to manage the conflict than to end it.",
    "Journalists were kept outside the hotel for most of the consultations.",
    "A final press conference was held in the afternoon of the second day.",
    "The delegations arrived on the eve of the talks and were met at the airport by officials.",
    "Officials said the wording of the joint statement was negotiated late into the night.",
    "Some delegations held meetings with the UN team on the sidelines.",
    "The host country's foreign ministry said all invited parties had confirmed attendance.",
)

# --- the texture of real reporting ---------------------------------------------------------
# Besides the facts, news copy carries a long tail of words (people quoted, places, figures)
# and newsroom typography: dashes, curly quotes, "Jan." and "Mr.", contractions, possessive
# plurals. Both decide what spaCy's tokenizer costs: it caches a word's tokens, but stops
# caching for the rest of a document at its first special case ("\n", "Jan.", "don't",
# "rebels'" ...). Articles made of a dozen stock sentences and none of this tokenized four
# times faster than our annotated articles of the same length (and the issue's "about 3,000
# such articles per second"), which made the reference figure a poor yardstick.

TOWNS = (
    *("Aleppo", "Homs", "Hama", "Daraa", "Raqqa", "Deir ez-Zor", "Qamishli", "Afrin"),
    *("Manbij", "Tal Rifaat", "Latakia", "Tartus", "Jisr al-Shughur", "Saraqeb", "Douma"),
    *("Maarat al-Numan", "Azaz", "al-Bab", "Kobani", "Ras al-Ain", "Palmyra", "Rukban"),
    *("Quneitra", "Sweida", "Khan Sheikhoun", "Ariha", "Atarib", "Hasakah", "Tabqa"),
)
ORGANISATIONS = (
    *("the Carnegie Middle East Center", "Chatham House", "the International Crisis Group"),
    *("the Valdai Discussion Club", "the Syrian Observatory for Human Rights"),
    *("the Kazakhstan Institute for Strategic Studies", "the Middle East Institute"),
    *("the Russian International Affairs Council", "the Omran Center for Strategic Studies"),
    *("the Norwegian Refugee Council", "the World Food Programme", "Save the Children"),
    *("the Syrian Arab Red Crescent", "the White Helmets", "OCHA", "Amnesty International"),
)
KAZAKH_CITIES = ("Almaty", "Shymkent", "Karaganda", "Aktau", "Pavlodar")
# (given name, honorific for a second reference)
GIVEN_NAMES = (
    *(("Yerlan", "Mr."), ("Dana", "Ms."), ("Kirill", "Mr."), ("Maria", "Ms."), ("Hassan", "Mr.")),
    *(("Rania", "Ms."), ("Mehmet", "Mr."), ("Elif", "Ms."), ("Sami", "Mr."), ("Lina", "Ms.")),
    *(("Pavel", "Mr."), ("Zeynep", "Ms."), ("Karim", "Mr."), ("Aigerim", "Ms."), ("Nour", "Ms.")),
    *(("Dmitri", "Mr."), ("Farid", "Mr."), ("Selin", "Ms."), ("Oleg", "Mr."), ("Yasmin", "Ms.")),
)
FAMILY_NAMES = (
    *("Abenov", "Suleimen", "Semenov", "Haddad", "Kaya", "Yilmaz", "Nasser", "Orlov", "Demir"),
    *("Khoury", "Zhakupov", "Volkov", "Mansour", "Aydin", "Saleh", "Ivanov", "Bakir", "Hamdan"),
    *("Ozturk", "Tarabishi", "Sokolov", "Barakat", "Celik", "Nurlanov", "Azzam", "Morozov"),
)
# (role, whether the person is a doctor: "Dr." on second reference)
ROLES = (
    ("a researcher at {org}", False),
    ("an analyst at {org}", False),
    ("who follows Syria for {org}", False),
    ("a spokesperson for {org}", False),
    ("a professor of international relations in {kazakh_city}", True),
    ("a resident of {town}", False),
    ("a doctor in {town}", True),
    ("an aid worker in {town}", False),
    ("a lawyer who represents families of detainees", False),
    ("a former diplomat", False),
)
QUOTES = (
    "We didn't expect a breakthrough, and there wasn't one",
    "It's a format that manages the war rather than ending it",
    "Nobody here thinks the front lines will move because of a communiqué",
    "The guarantors' interests don't overlap as much as the statement suggests",
    "People in {town} can't plan beyond the next week",
    "What matters is whether the crossings stay open through the winter",
    "We've heard these promises before, in this same hotel",
    "There's a gap between what's agreed in the ballroom and what happens in {town}",
    "Families want names, and they haven't got them",
    "I wouldn't call it a failure; I'd call it a pause",
    "The convoys aren't reaching the people who need them most",
    "It won't survive the first serious incident near {town}",
    "Moscow and Ankara talk to each other here; that's not nothing",
    "The rebels' commanders weren't consulted about any of it",
)
FOLLOW_UPS = (
    "{title} {family} added that the talks had kept channels open between the armies.",
    "{title} {family} said the next weeks in {town} would show whether anything had changed.",
    "Asked about sanctions, {title} {family} declined to comment.",
    "{title} {family} has visited {town} {k} times since the fighting began.",
)
REPORTS = (
    "{org} said {n:,} people had left {town} and the villages around it {when}.",
    "Shelling near {town} killed {k} civilians on {weekday}, according to {org}.",
    "{org} counted {k} aid convoys through the Bab al-Hawa crossing {when}.",
    "Prices of bread and fuel in {town} have risen by about {pct}% {when}, traders said.",
    "Local councils in {town} and {town2} say they've received less than half the aid promised.",
    "The road between {town} and {town2} is open to civilian traffic for {k} hours a day.",
    "{org} estimates that {n:,} people are still missing across the country.",
    "Residents of {town} said they hadn't seen any change on the ground {when}.",
    "A bus carrying {k} families home from the camps near the border reached {town} on {weekday}.",
    "In {town2}, {k} schools reopened after repairs paid for by {org}.",
)
SINCE = (
    "since the spring",
    "over the winter",
    "in recent weeks",
    "since the start of the year",
    "in the past month",
    "since last year",
    "this autumn",
    "over the summer",
)
# AP style: the months that datelines shorten.
SHORT_MONTHS = {1: "Jan.", 2: "Feb.", 8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}


@dataclass(frozen=True)
class HouseStyle:
    """How one outlet sets its copy."""

    dash: str  # after the dateline
    curly: bool  # typographic quotes and apostrophes
    wire: bool  # "ASTANA, Jan. 24 (Outlet) —" datelines


def _house_style(rng: random.Random) -> HouseStyle:
    return HouseStyle(
        dash=rng.choice((" - ", " \u2014 ", " \u2013 ")),
        curly=rng.random() < 0.5,
        wire=rng.random() < 0.4,
    )


def _slots(rng: random.Random) -> dict[str, object]:
    town, town2 = rng.sample(TOWNS, 2)
    return {
        "town": town,
        "town2": town2,
        "org": rng.choice(ORGANISATIONS),
        "kazakh_city": rng.choice(KAZAKH_CITIES),
        "n": rng.randint(1_200, 240_000),
        "k": rng.randint(2, 95),
        "pct": rng.randint(5, 140),
        "when": rng.choice(SINCE),
        "weekday": rng.choice(WEEKDAYS),
    }


class _Deck:
    """Draws each of `items` once, in random order, before any repeats: one article seldom
    says the same thing twice."""

    def __init__(self, rng: random.Random, items: tuple[str, ...]) -> None:
        self.rng, self.items, self.left = rng, items, []

    def draw(self) -> str:
        if not self.left:
            self.left = self.rng.sample(self.items, len(self.items))
        return self.left.pop()


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _quote(rng: random.Random, quotes: _Deck) -> str:
    """A quoted voice from outside the delegations, sometimes referred to again."""
    slots = _slots(rng)
    given, honorific = rng.choice(GIVEN_NAMES)
    family = rng.choice(FAMILY_NAMES)
    role, doctor = rng.choice(ROLES)
    quote = quotes.draw().format(**slots)
    text = f'"{quote}," said {given} {family}, {role.format(**slots)}.'
    if rng.random() < 0.5:
        title = "Dr." if doctor else honorific
        text += " " + rng.choice(FOLLOW_UPS).format(title=title, family=family, **slots)
    return text


def _filler(rng: random.Random) -> Iterator[str]:
    """Paragraphs of background, field reports and quoted voices, mixed."""
    background, reports, quotes = _Deck(rng, BACKGROUND), _Deck(rng, REPORTS), _Deck(rng, QUOTES)
    while True:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            kind = rng.random()
            if kind < 0.4:
                sentences.append(background.draw())
            elif kind < 0.75:
                sentences.append(_sentence(reports.draw().format(**_slots(rng))))
            else:
                sentences.append(_quote(rng, quotes))
        yield " ".join(sentences)


def _typeset(text: str, style: HouseStyle) -> str:
    """Straight quotes and apostrophes, or curly ones."""
    if not style.curly:
        return text
    text = re.sub(r'(^|[\s(\[])"', "\\1\u201c", text)
    return text.replace('"', "\u201d").replace("'", "\u2019")


def _dateline(story: Story, outlet: str, style: HouseStyle) -> str:
    """The city, and for a wire style the day and the outlet, before the first sentence."""
    city = story.city.upper()
    if not style.wire:
        return city + style.dash
    day = story.published
    month = SHORT_MONTHS.get(day.month, f"{day:%B}")
    return f"{city}, {month} {day.day} ({outlet.title()}){style.dash}"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

DATE_LINE_FORMATS = (
    "{d:%d %B %Y} | {h:02d}:{m:02d}",
    "Posted {d:%d.%m.%Y}, {h:02d}:{m:02d}",
    "{weekday}, {d.day} {d:%B %Y}",
    "{d:%b} {d.day}, {d:%Y} {h:02d}:{m:02d} (GMT+6)",
    "{d:%d/%m/%Y}",
    "{d:%B} {d.day}, {d:%Y}",
    "{d:%d.%m.%Y} | {h:02d}:{m:02d}",
)


# --- article text -------------------------------------------------------------------------


@dataclass
class Story:
    number: int
    published: date
    city: str
    headline: str
    paragraphs: list[str]
    heads: dict[str, str]  # party -> the head's first spelling, whichever spelling is used
    observers: list[str]
    topics: list[str]


def _ordinal(rng: random.Random, n: int) -> str:
    if rng.random() < 0.5:
        return ORDINAL_WORDS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _observers(number: int) -> list[str]:
    if number <= 8:
        return ["United States", "Jordan"]
    if number <= 12:
        return ["Jordan"]
    return ["Jordan", "Lebanon", "Iraq"]


def _story(rng: random.Random, index: int) -> Story:
    number = rng.randint(1, len(CALENDAR))
    start, end, city = CALENDAR[number]
    announcement = rng.random() < 0.1
    published = (
        start - timedelta(days=rng.randint(3, 9))
        if announcement
        else (end + timedelta(days=rng.choice((0, 0, 0, 1, 2))))
    )
    ordinal = _ordinal(rng, number)
    what = rng.choice(
        (
            "round of the Astana talks on Syria",
            "international meeting on Syria",
            "round of Astana-format talks",
            "Astana meeting on Syria",
        )
    )
    if announcement:
        lead = (
            f"{city} will host the {ordinal} {what} on {start:%B} {start.day}-{end.day}, "
            "the foreign ministry said, with the three guarantor states expected to attend."
        )
        headline = f"{city} to host {ordinal} {what.split(' of ')[0]} next week"
    else:
        lead = (
            f"The {ordinal} {what} ended in {city} on {WEEKDAYS[end.weekday()]} with a joint "
            "statement by Russia, Iran and Turkey, the guarantors of the process."
        )
        headline = rng.choice(
            (
                f"Guarantors close {ordinal} Astana round in {city}",
                f"{ordinal.capitalize()} round of Syria talks ends with joint statement",
                f"Astana talks: {ordinal} meeting wraps up in {city}",
            )
        )
    paragraphs = [lead]

    heads = [h for h in HEADS if number in h.rounds]
    rng.shuffle(heads)
    sentences = []
    named_heads = {}
    for head in heads[: rng.randint(2, len(heads))]:
        named_heads[head.party] = head.spellings[0]
        name = rng.choice(head.spellings)
        if head.honorific and rng.random() < 0.3:
            name = f"{head.honorific} {name}"
        party = rng.choice(PARTY_WORDS[head.party])
        verb = "will be led by" if announcement else rng.choice(("was led by", "was headed by"))
        if head.party == "United Nations":
            attends = "is expected to attend" if announcement else "attended"
            sentences.append(f"{name}, {head.titles[0]}, {attends}.")
        else:
            party = party[0].upper() + party[1:]
            sentences.append(f"{party} {verb} {name}, {rng.choice(head.titles)}.")
    paragraphs.append(" ".join(sentences))

    observers = _observers(number)
    named = [f"the {name}" if name == "United States" else name for name in observers]
    paragraphs.append(
        _sentence(
            f"{', '.join(named[:-1]) + ' and ' if len(named) > 1 else ''}{named[-1]} "
            f"{'are to attend' if announcement else 'attended'} as observers."
        )
    )

    slugs = rng.sample(sorted(TOPICS), rng.randint(2, 4))
    agenda = [TOPICS[s] for s in slugs]
    paragraphs.append(
        f"The agenda {'includes' if announcement else 'covered'} {', '.join(agenda[:-1])} "
        f"and {agenda[-1]}."
    )

    # A decoy: another round, with its own month and business.
    other = rng.choice([n for n in CALENDAR if n != number])
    o_start, _, o_city = CALENDAR[other]
    decoy_topic = TOPICS[rng.choice(sorted(TOPICS))]
    paragraphs.append(
        rng.choice(
            (
                f"At the {_ordinal(rng, other)} round, in {o_city} in {o_start:%B %Y}, "
                f"the guarantors had focused on {decoy_topic}.",
                f"The talks in {o_start:%B %Y} had ended with a pledge on {decoy_topic}.",
            )
        )
    )

    # 150-600 words in all; the closing line below adds about fifteen.
    target = rng.randint(135, 585)
    words = sum(len(p.split()) for p in paragraphs)
    paragraphs_of_filler = _filler(rng)
    while words < target:
        filler = next(paragraphs_of_filler)
        if words + len(filler.split()) > 585:
            break
        paragraphs.append(filler)
        words += len(filler.split())
    paragraphs.append(
        f"About {rng.randint(40, 400)} journalists were accredited, according to the organisers. "
        f"(Dispatch no. {index + 1}.)"
    )
    return Story(
        number, published, city, headline, paragraphs, named_heads, observers, sorted(slugs)
    )


def _date_line(rng: random.Random, day: date) -> str:
    fmt = rng.choice(DATE_LINE_FORMATS)
    return fmt.format(
        d=day, h=rng.randint(7, 22), m=rng.randint(0, 59), weekday=WEEKDAYS[day.weekday()]
    )


def _render(rng: random.Random, story: Story, layout: str) -> tuple[str, str]:
    outlet = rng.choice(OUTLETS)
    reporter = rng.choice(REPORTERS)
    style = _house_style(rng)
    story_paragraphs = [_typeset(p, style) for p in story.paragraphs]
    body = "\n\n".join(story_paragraphs)
    if layout == "header":
        text = f" date {story.published.isoformat()} {_dateline(story, outlet, style)}{body}\n"
        return text, "txt"
    if layout == "dateline":
        text = (
            f"{outlet}\nHome | Politics | World | Opinion\n\n"
            f"{_date_line(rng, story.published)}\n\n{story.headline}\n\nBy {reporter}\n\n"
            f"{_dateline(story, outlet, style)}{body}\n"
        )
        return text, "txt"
    if layout == "chrome":
        viewed = story.published + timedelta(days=rng.randint(400, 2500))
        caption_day = story.published - timedelta(days=rng.randint(60, 400))
        text = (
            f"{outlet.title()}   |   Today: {WEEKDAYS[viewed.weekday()]}, {viewed.day} "
            f"{viewed:%B %Y}   |   Sign in\n\nWorld > Middle East > Syria\n\n"
            f"{story.headline}\n\n{_date_line(rng, story.published)}\n\n"
            f"[Photo: Delegates at an earlier meeting, {caption_day:%B} {caption_day.day}, "
            f"{caption_day:%Y}.]\n\n{body}\n\nSHARE THIS ARTICLE\nComments (0) | Print | Share\n"
            "Loading...\n"
        )
        return text, "txt"
    paragraphs = "\n".join(f"  <p>{html.escape(p)}</p>" for p in story_paragraphs)
    headline, site, day = html.escape(story.headline), outlet.title(), story.published
    stamp = f"{day.isoformat()}T{rng.randint(7, 22):02d}:00:00+06:00"
    menu = '<li><a href="/">Home</a></li><li><a href="/world/">World</a></li>'
    related = '<li><a href="/a/">Earlier round ends</a> <span>01.01.2017</span></li>'
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{headline} | {site}</title>
<meta property="article:published_time" content="{stamp}">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "article"}});</script>
</head>
<body>
<header><a href="/">{outlet}</a><nav><ul>{menu}</ul></nav></header>
<main>
<article>
  <h1>{headline}</h1>
  <p class="byline">By {reporter} &middot;
    <time datetime="{day.isoformat()}">{day:%d.%m.%Y}</time></p>
{paragraphs}
  <div class="share">Share: <a href="#">Facebook</a> <a href="#">Telegram</a></div>
</article>
<aside class="related"><h3>Related</h3><ul>{related}</ul></aside>
</main>
<footer><p>&copy; {day.year} {site}</p></footer>
</body>
</html>
"""
    return page, "html"


LAYOUTS = ("header", "dateline", "chrome", "html")


def generate(outdir: Path, count: int, seed: int) -> list[dict]:
    """Write `count` articles into `outdir`; return one truth record per file."""
    rng = random.Random(seed)
    outdir.mkdir(parents=True, exist_ok=True)
    truth = []
    for index in range(count):
        story = _story(rng, index)
        layout = LAYOUTS[index % len(LAYOUTS)] if rng.random() < 0.8 else rng.choice(LAYOUTS)
        content, suffix = _render(rng, story, layout)
        name = f"{index + 1:05d}_round-{story.number:02d}-{layout}.{suffix}"
        (outdir / name).write_text(content, encoding="utf-8")
        truth.append(
            {
                "source": name,
                "round": story.number,
                "city": story.city,
                "published": story.published.isoformat(),
                "layout": layout,
                "heads": story.heads,
                "observers": story.observers,
                "topics": story.topics,
            }
        )
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--manifest", type=Path, help="write each article's true facts (JSON lines)"
    )
    args = parser.parse_args()
    truth = generate(args.outdir, args.count, args.seed)
    if args.manifest:
        args.manifest.write_text("".join(json.dumps(t) + "\n" for t in truth), encoding="utf-8")
    print(f"wrote {len(truth)} articles to {args.outdir}")


if __name__ == "__main__":
    main()
