"""Loads the reference vocabulary: the 22 rounds of the calendar, the parties, the topics.

The data is written here, not imported, so that this migration keeps doing what it did
when it was written whatever the code becomes.
"""

from datetime import date

from django.db import migrations

ROUNDS = [
    (1, "2017-01-23", "2017-01-24", "Astana"),
    (2, "2017-02-15", "2017-02-16", "Astana"),
    (3, "2017-03-14", "2017-03-15", "Astana"),
    (4, "2017-05-03", "2017-05-04", "Astana"),
    (5, "2017-07-04", "2017-07-05", "Astana"),
    (6, "2017-09-14", "2017-09-15", "Astana"),
    (7, "2017-10-30", "2017-10-31", "Astana"),
    (8, "2017-12-21", "2017-12-22", "Astana"),
    (9, "2018-05-14", "2018-05-15", "Astana"),
    (10, "2018-07-30", "2018-07-31", "Sochi"),
    (11, "2018-11-28", "2018-11-29", "Astana"),
    (12, "2019-04-25", "2019-04-26", "Nur-Sultan"),
    (13, "2019-08-01", "2019-08-02", "Nur-Sultan"),
    (14, "2019-12-10", "2019-12-11", "Nur-Sultan"),
    (15, "2021-02-16", "2021-02-17", "Sochi"),
    (16, "2021-07-07", "2021-07-08", "Nur-Sultan"),
    (17, "2021-12-21", "2021-12-22", "Nur-Sultan"),
    (18, "2022-06-15", "2022-06-16", "Nur-Sultan"),
    (19, "2022-11-22", "2022-11-23", "Astana"),
    (20, "2023-06-20", "2023-06-21", "Astana"),
    (21, "2024-01-24", "2024-01-25", "Astana"),
    (22, "2024-11-11", "2024-11-12", "Astana"),
]

# (canonical name, slug, role, description, aliases)
PARTIES = [
    (
        "Russia",
        "russia",
        "guarantor",
        "Guarantor state",
        ["Russian Federation", "Moscow", "the Kremlin"],
    ),
    ("Iran", "iran", "guarantor", "Guarantor state", ["Islamic Republic of Iran", "Tehran"]),
    ("Turkey", "turkey", "guarantor", "Guarantor state", ["Türkiye", "Turkiye", "Ankara"]),
    (
        "Syrian government",
        "syrian-government",
        "government",
        "The government in Damascus",
        ["Syrian Arab Republic", "the Syrian regime", "Damascus", "Syrian government delegation"],
    ),
    (
        "Syrian opposition",
        "syrian-opposition",
        "opposition",
        "The armed opposition",
        ["the armed opposition", "armed Syrian opposition", "Syrian rebels"],
    ),
    (
        "United Nations",
        "united-nations",
        "mediator",
        "Its envoy attends; some articles call the UN an observer",
        ["UN", "U.N."],
    ),
    ("Kazakhstan", "kazakhstan", "host", "Host country", ["Republic of Kazakhstan"]),
    ("Jordan", "jordan", "observer", "Observer state", ["Hashemite Kingdom of Jordan"]),
    ("Lebanon", "lebanon", "observer", "Observer state from round 13", []),
    ("Iraq", "iraq", "observer", "Observer state from round 13", []),
    (
        "United States",
        "united-states",
        "observer",
        "Observer state in the early rounds",
        ["US", "U.S.", "USA", "Washington"],
    ),
    (
        "UNHCR",
        "unhcr",
        "observer",
        "The UN refugee agency",
        ["UN refugee agency", "UN High Commissioner for Refugees"],
    ),
    (
        "ICRC",
        "icrc",
        "observer",
        "The International Committee of the Red Cross",
        ["International Committee of the Red Cross", "Red Cross", "International Red Cross"],
    ),
]

TOPICS = [
    (
        "constitutional-committee",
        "Constitutional Committee",
        "Forming, launching or running the Syrian Constitutional Committee; a new constitution",
    ),
    (
        "idlib",
        "Idlib",
        "The situation in and around Idlib province, its de-escalation zone or ceasefire",
    ),
    (
        "de-escalation-zones",
        "De-escalation zones",
        "Creating, delimiting or monitoring the de-escalation zones",
    ),
    ("ceasefire", "Ceasefire", "A nationwide ceasefire, its monitoring and violations"),
    (
        "detainees-and-missing-persons",
        "Detainees and missing persons",
        "Release of detainees, prisoners, abductees or hostages; handover of bodies; search for "
        "missing persons; the working group on these",
    ),
    (
        "refugees-return",
        "Return of refugees",
        "Return of refugees and internally displaced persons",
    ),
    (
        "humanitarian-aid",
        "Humanitarian aid",
        "The humanitarian situation, humanitarian access and assistance",
    ),
    ("reconstruction", "Reconstruction", "Post-conflict recovery and rebuilding of Syria"),
    (
        "counterterrorism",
        "Counterterrorism",
        "Fighting ISIS/Daesh, Nusra/HTS, the PKK/YPG or terrorism in general",
    ),
    ("demining", "Demining", "Humanitarian mine clearance"),
    (
        "political-settlement",
        "Political settlement",
        "The political process, a comprehensive settlement, UN Security Council resolution 2254",
    ),
    (
        "turkey-syria-normalization",
        "Turkey–Syria normalisation",
        "The roadmap for normalising relations between Ankara and Damascus",
    ),
    (
        "northeast-syria",
        "Northeast Syria",
        "The situation east of the Euphrates, in northeastern Syria",
    ),
    ("sanctions", "Sanctions", "Unilateral sanctions on Syria"),
    ("covid-19", "COVID-19", "The pandemic and the sanitary-epidemiological situation"),
]


def load(apps, schema_editor):
    Round = apps.get_model("rounds", "Round")
    Party = apps.get_model("rounds", "Party")
    PartyAlias = apps.get_model("rounds", "PartyAlias")
    Topic = apps.get_model("rounds", "Topic")
    Round.objects.bulk_create(
        Round(
            number=number,
            start=date.fromisoformat(start),
            end=date.fromisoformat(end),
            city=city,
            confirmed=True,
        )
        for number, start, end, city in ROUNDS
    )
    for order, (name, slug, role, description, aliases) in enumerate(PARTIES, start=1):
        party = Party.objects.create(
            name=name, slug=slug, default_role=role, description=description, sort_order=order
        )
        PartyAlias.objects.bulk_create(PartyAlias(party=party, name=alias) for alias in aliases)
    Topic.objects.bulk_create(
        Topic(slug=slug, name=name, description=description, sort_order=order)
        for order, (slug, name, description) in enumerate(TOPICS, start=1)
    )


def unload(apps, schema_editor):
    for model in ("Topic", "PartyAlias", "Party", "Round"):
        apps.get_model("rounds", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("rounds", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
