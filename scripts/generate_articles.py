"""Write synthetic news articles about Astana rounds, for the ingest benchmark.

    python scripts/generate_articles.py OUTDIR --count 2000 --seed 1 [--manifest truth.jsonl]

Each file is one article in one of four layouts (a ` date YYYY-MM-DD ` header, an outlet
banner with a date line, a page copy with header bar and trailing chrome, an HTML page),
about a random round, with heads spelled in several ways, observers, agenda topics,
decoy sentences about other rounds, and 150-600 words. The same seed gives the same files.
Only article files go into OUTDIR; `--manifest` writes the true round and date elsewhere.
Standard library only.
"""

from __future__ import annotations

import argparse
import html
import json
import random
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


def _ordinal(rng: random.Random, n: int) -> str:
    if rng.random() < 0.5:
        return ORDINAL_WORDS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _observers(number: int) -> list[str]:
    if number <= 8:
        return ["the United States", "Jordan"]
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
    for head in heads[: rng.randint(2, len(heads))]:
        name = rng.choice(head.spellings)
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
    paragraphs.append(
        f"{', '.join(observers[:-1]) + ' and ' if len(observers) > 1 else ''}{observers[-1]} "
        f"{'are to attend' if announcement else 'attended'} as observers."
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
    while words < target:
        filler = " ".join(rng.sample(BACKGROUND, rng.randint(2, 4)))
        if words + len(filler.split()) > 585:
            break
        paragraphs.append(filler)
        words += len(filler.split())
    paragraphs.append(
        f"About {rng.randint(40, 400)} journalists were accredited, according to the organisers. "
        f"(Dispatch no. {index + 1}.)"
    )
    return Story(number, published, city, headline, paragraphs)


def _date_line(rng: random.Random, day: date) -> str:
    fmt = rng.choice(DATE_LINE_FORMATS)
    return fmt.format(
        d=day, h=rng.randint(7, 22), m=rng.randint(0, 59), weekday=WEEKDAYS[day.weekday()]
    )


def _render(rng: random.Random, story: Story, layout: str) -> tuple[str, str]:
    outlet = rng.choice(OUTLETS)
    reporter = rng.choice(REPORTERS)
    body = "\n\n".join(story.paragraphs)
    if layout == "header":
        text = f" date {story.published.isoformat()} {story.city.upper()} - {body}\n"
        return text, "txt"
    if layout == "dateline":
        text = (
            f"{outlet}\nHome | Politics | World | Opinion\n\n"
            f"{_date_line(rng, story.published)}\n\n{story.headline}\n\nBy {reporter}\n\n"
            f"{story.city.upper()} - {body}\n"
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
    paragraphs = "\n".join(f"  <p>{html.escape(p)}</p>" for p in story.paragraphs)
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
            }
        )
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path, help="write the true round and date (JSON lines)")
    args = parser.parse_args()
    truth = generate(args.outdir, args.count, args.seed)
    if args.manifest:
        args.manifest.write_text("".join(json.dumps(t) + "\n" for t in truth), encoding="utf-8")
    print(f"wrote {len(truth)} articles to {args.outdir}")


if __name__ == "__main__":
    main()
