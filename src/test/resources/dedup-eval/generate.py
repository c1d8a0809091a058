#!/usr/bin/env python3
"""Writes the dedup evaluation set: six feeds (RSS, Atom, JSON Feed) and labels.tsv, the true clusters.

Deterministic (fixed seed); rerun after editing and commit what it writes. Each piece's text is made of
sentences from templates with many slots, so two different pieces share few word triples, as real ones do;
the hard negatives are built to share more than that (headline and framing, a column's title and opening).
"""
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).parent
rnd = random.Random(7)

COUNTRIES = ["Hungary", "Slovakia", "Poland", "Czechia", "Austria", "Slovenia", "Croatia", "Romania", "Bulgaria",
             "Serbia", "Lithuania", "Latvia", "Estonia", "Finland", "Portugal", "Greece", "Ireland", "Denmark",
             "Belgium", "the Netherlands", "Norway", "Sweden", "Italy", "Spain"]
SECTORS = ["energy", "housing", "pension", "banking", "steel", "farm", "rail", "defence", "health", "tax",
           "labour", "water", "gas", "broadband", "tourism", "car industry", "chip", "fisheries", "grid", "port"]
PEOPLE = ["Ingrid Halvorsen", "Tomas Novak", "Marta Wisniewska", "Jan Kowalczyk", "Eva Dvorakova", "Peter Hollis",
          "Agnes Farkas", "Luka Petrovic", "Rasa Jankauskaite", "Mikko Laine", "Sofia Antunes", "Nikos Pappas",
          "Aoife Byrne", "Lars Mortensen", "Claire Dubois", "Pieter de Vries", "Ola Nordmann", "Elin Sjoberg"]
VERBS = ["raised", "cut", "froze", "doubled", "halved", "reviewed", "postponed", "announced", "scrapped", "extended"]
THINGS = ["subsidies", "tariffs", "interest rates", "public spending", "the minimum wage", "import quotas",
          "bond issuance", "investment credits", "price caps", "capital buffers", "export licences", "fuel duties"]
ADJ = ["cautious", "bold", "overdue", "contested", "modest", "sweeping", "temporary", "costly", "popular", "risky"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "December"]

TEMPLATES = [
    "The government of {c} {v} {t} on {d}, a {a} step that surprised most observers in {c2}.",
    "{p} argues that the {s} sector in {c} will need about {n} billion euros before {m} {y}.",
    "Figures from the statistics office show {s} output in {c} fell by {pc} per cent in the third quarter.",
    "Unions in {c} called the plan {a} and threatened strikes at {n} {s} sites across the country.",
    "A report by {p} estimates that {pc} per cent of households in {c} spend more on {s} than a decade ago.",
    "The finance ministry expects the {a} reform to save {n} million euros a year from {m} onwards.",
    "Neighbouring {c2} took the opposite course last {m} and {v} {t} instead.",
    "{p} points out that {c} still imports {pc} per cent of its {s} needs from {c2}.",
    "Opposition parties in {c} want a vote on {t} before the {s} budget is approved in {m}.",
    "Investors sold {c} bonds after the news, pushing yields up {n} basis points in a single session.",
    "The central bank of {c} warned that {t} could add {pc} points to inflation by {m} {y}.",
    "Regional leaders from {c2} met {p} on {d} to discuss a joint {s} corridor worth {n} million euros.",
    "Critics say the {a} approach favours large {s} firms over the {n} small producers in {c}.",
    "The European Commission is reviewing whether the {s} aid given by {c} breaks state aid rules.",
    "{p} expects a second round of measures on {t} if growth in {c} stays below {pc} per cent.",
    "Local authorities in {c} have spent {n} million euros on {s} projects since {m} {y}.",
    "Business groups in {c2} welcomed the decision, while {p} called it a {a} gamble.",
    "The plan leaves open how {c} will pay for {t} once the {s} windfall runs out in {y}.",
]


def sentence(rng, country, sector):
    t = rng.choice(TEMPLATES)
    return t.format(c=country, c2=rng.choice([x for x in COUNTRIES if x != country]), s=sector,
                    p=rng.choice(PEOPLE), v=rng.choice(VERBS), t=rng.choice(THINGS), a=rng.choice(ADJ),
                    m=rng.choice(MONTHS), y=rng.choice(["2027", "2028", "2029", "2030"]),
                    n=rng.randint(2, 950), pc=rng.randint(2, 48), d=rng.choice(["Monday", "Tuesday", "Wednesday",
                                                                                 "Thursday", "Friday"]))


def text(rng, country, sector, sentences=8):
    return " ".join(sentence(rng, country, sector) for _ in range(sentences))


BASE = datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc)


class Piece:
    count = 0

    def __init__(self, title, body, published, cluster=None):
        Piece.count += 1
        self.cluster = cluster or f"c{Piece.count:03d}"
        self.title, self.body, self.published = title, body, published


feeds = {name: [] for name in ["institute.rss", "institute-new.atom", "partner.json", "aggregator.rss",
                               "observatory.atom", "newswire.rss"]}
BASEURL = {"institute.rss": "https://institute.example/qc/2026/11/", "institute-new.atom": "https://www.institute.example/analysis/",
           "partner.json": "https://partner-review.example/republished/", "aggregator.rss": "https://aggregator.example/read/",
           "observatory.atom": "https://observatory.example/commentary/", "newswire.rss": "https://newswire.example/story/"}


def slug(title):
    return "".join(ch.lower() if ch.isalnum() else "-" for ch in title).strip("-").replace("--", "-")[:60]


def add(feed, piece, title=None, body=None, published=None, url=None, guid=None, via=None, source=None,
        external=None):
    n = len(feeds[feed]) + 1
    url = url or BASEURL[feed] + slug(title or piece.title) + f"-{n}"
    feeds[feed].append(dict(cluster=piece.cluster, title=title or piece.title, body=body or piece.body,
                            published=published or piece.published, url=url, guid=guid or f"{feed.split('.')[0]}-{n}",
                            via=via, source=source, external=external))
    return feeds[feed][-1]


def partner_title(t, rng):
    choice = rng.randrange(4)
    if choice == 0:
        return t + " | Partner Review"
    if choice == 1:
        return t.replace(": ", " \u2013 ") + " \u2014 Partner Review"
    if choice == 2:
        return "\u201c" + t.split(": ")[0] + "\u201d: " + (t.split(": ")[1] if ": " in t else "a closer look")
    return t + ": what comes next"


# 1. Institute Quick Comments (originals), some republished, copied by the aggregator, re-listed after a URL change.
institute = []
for i in range(60):
    country, sector = COUNTRIES[i % len(COUNTRIES)], SECTORS[(i * 7) % len(SECTORS)]
    title = f"Quick Comment: {country}'s {sector} {rnd.choice(['gamble', 'reform', 'squeeze', 'reset', 'dilemma'])}"
    piece = Piece(title, text(rnd, country, sector), BASE + timedelta(hours=9 * i))
    entry = add("institute.rss", piece)
    institute.append((piece, entry))

for k, (piece, entry) in enumerate(institute):
    if k % 2 == 0:  # partner republication: edited title, own URL, a line in front, the last sentence dropped
        body = "This commentary first appeared on the Institute's website. " + piece.body.rsplit(". ", 1)[0] + "."
        if k % 4 == 0:  # and the house style: "percent", "EUR", "government"
            body = (body.replace(" per cent", " percent").replace(" euros", " EUR")
                    .replace("The government of", "The cabinet of").replace("Figures from", "Data from"))
        add("partner.json", piece, title=partner_title(piece.title, rnd), body=body,
            published=piece.published + timedelta(hours=rnd.randint(3, 60)),
            external=entry["url"] if k % 6 == 0 else None)
    if k % 3 == 0:  # aggregator copy: the opening only
        words = piece.body.split()
        excerpt = " ".join(words[:rnd.randint(38, 55)]) + " \u2026"
        add("aggregator.rss", piece, title=rnd.choice([piece.title, "Institute: " + piece.title]), body=excerpt,
            published=piece.published + timedelta(hours=rnd.randint(1, 30)),
            via=entry["url"] if k % 9 == 0 else None,
            source="https://institute.example/feed.rss" if k % 9 == 3 else None)
    if k >= 45:  # the site moved to a new URL scheme and its new Atom feed lists its recent pieces again
        add("institute-new.atom", piece, url=BASEURL["institute-new.atom"] + slug(piece.title.split(": ")[1]))

# 2. Newswire stories, some republished by the partner.
for i in range(30):
    country, sector = COUNTRIES[(i * 5 + 3) % len(COUNTRIES)], SECTORS[(i * 3 + 1) % len(SECTORS)]
    title = f"{country} {rnd.choice(VERBS)} {rnd.choice(THINGS)} as {sector} costs climb"
    piece = Piece(title, text(rnd, country, sector), BASE + timedelta(hours=13 * i + 5))
    entry = add("newswire.rss", piece)
    if i % 3 == 0:
        add("partner.json", piece, title=title.replace(" as ", " as ", 1) + " | Partner Review",
            body=piece.body, published=piece.published + timedelta(hours=6))
    if i % 5 == 1:
        words = piece.body.split()
        add("aggregator.rss", piece, body=" ".join(words[:45]) + " \u2026",
            published=piece.published + timedelta(hours=2), via=entry["url"] if i % 2 else None)

# 3. Observatory: its own pieces, and the hard negatives.
for i in range(25):
    country, sector = COUNTRIES[(i * 11 + 2) % len(COUNTRIES)], SECTORS[(i * 9 + 4) % len(SECTORS)]
    piece = Piece(f"{sector.capitalize()} policy in {country}: {rnd.choice(ADJ)} times",
                  text(rnd, country, sector), BASE + timedelta(hours=20 * i + 3))
    add("observatory.atom", piece)

# Similar headlines, different substance: the same framing sentence, another country and story.
for i, (a, b) in enumerate([("Hungary", "Slovakia"), ("Poland", "Czechia"), ("Austria", "Slovenia"),
                            ("Croatia", "Serbia"), ("Latvia", "Lithuania"), ("Greece", "Portugal")]):
    sector = SECTORS[i * 3]
    for country, feed in ((a, "observatory.atom"), (b, "institute.rss")):
        opening = (f"Prime Minister Tomas Novak's visit to {country} this week was meant to settle the {sector} "
                   f"question. ")
        piece = Piece(f"Novak's visit to {country}: what it means for {sector}", opening + text(rnd, country, sector, 7),
                      BASE + timedelta(days=4 + i, hours=3 if feed == "observatory.atom" else 9))
        add(feed, piece)

# A weekly column: the same title and opening line every week, different text.
for week in range(6):
    country, sector = COUNTRIES[week + 3], SECTORS[week + 5]
    opening = "Welcome to Week in Review, our look back at the economic news of the past seven days. "
    piece = Piece("Week in Review", opening + text(rnd, country, sector, 6), BASE + timedelta(days=7 * week, hours=16))
    add("observatory.atom", piece)
    # The partner runs its own column under the same name.
    piece = Piece("Week in Review", "Welcome to Week in Review. " + text(rnd, COUNTRIES[week + 10], SECTORS[week], 6),
                  BASE + timedelta(days=7 * week, hours=18))
    add("partner.json", piece)

# Very short texts: same titles, too little text to tell them apart, each a different piece.
for n in range(6):
    for feed in ("observatory.atom", "newswire.rss"):
        piece = Piece("Podcast: Central Europe Briefing", f"Listen to episode {40 + n}.",
                      BASE + timedelta(days=3 * n, hours=7))
        add(feed, piece)

# Partner originals with titles close to the Institute's, but their own text.
for i in range(8):
    piece_title, _ = institute[i * 7][0].title, None
    country, sector = COUNTRIES[(i * 7) % len(COUNTRIES)], SECTORS[(i * 49) % len(SECTORS)]
    piece = Piece(piece_title.replace("Quick Comment", "Our view"), text(rnd, country, sector),
                  institute[i * 7][0].published + timedelta(hours=20))
    add("partner.json", piece)


def rfc822(dt):
    return dt.strftime("%a, %d %b %Y %H:%M:%S +0000")


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def html(body):
    return "<p>" + escape(body) + "</p>"


def write_rss(name, title, site):
    items = []
    for e in feeds[name]:
        extra = ""
        if e["via"]:
            extra += f'\n      <atom:link rel="via" href="{escape(e["via"])}"/>'
        if e["source"]:
            extra += f'\n      <source url="{escape(e["source"])}">The Institute</source>'
        items.append(f"""    <item>
      <title>{escape(e["title"])}</title>
      <link>{escape(e["url"])}</link>
      <guid isPermaLink="false">{e["guid"]}</guid>
      <pubDate>{rfc822(e["published"])}</pubDate>
      <description>{escape(html(e["body"]))}</description>{extra}
    </item>""")
    (OUT / name).write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{title}</title>
    <link>{site}</link>
    <description>{title}</description>
{chr(10).join(items)}
  </channel>
</rss>
""", encoding="utf-8")


def write_atom(name, title, site):
    entries = []
    for e in feeds[name]:
        e["guid"] = f'tag:{site.split("//")[1].strip("/")},2026:{e["guid"]}'
        entries.append(f"""  <entry>
    <id>{e["guid"]}</id>
    <title>{escape(e["title"])}</title>
    <link rel="alternate" href="{escape(e["url"])}"/>
    <published>{iso(e["published"])}</published>
    <updated>{iso(e["published"])}</updated>
    <content type="html">{escape(html(e["body"]))}</content>
  </entry>""")
    (OUT / name).write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>{title}</title>
  <id>{site}</id>
  <link rel="alternate" href="{site}"/>
  <updated>2026-11-30T00:00:00Z</updated>
{chr(10).join(entries)}
</feed>
""", encoding="utf-8")


def write_json(name, title, site):
    items = []
    for e in feeds[name]:
        item = {"id": e["guid"], "url": e["url"], "title": e["title"], "content_html": html(e["body"]),
                "date_published": iso(e["published"])}
        if e["external"]:
            item["external_url"] = e["external"]
        items.append(item)
    (OUT / name).write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": title,
                                        "home_page_url": site, "items": items}, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")


write_rss("institute.rss", "The Institute: Quick Comments", "https://institute.example/")
write_atom("institute-new.atom", "The Institute", "https://www.institute.example/")
write_json("partner.json", "Partner Review", "https://partner-review.example/")
write_rss("aggregator.rss", "Policy Aggregator", "https://aggregator.example/")
write_atom("observatory.atom", "Central Europe Observatory", "https://observatory.example/")
write_rss("newswire.rss", "Newswire", "https://newswire.example/")

with open(OUT / "labels.tsv", "w", encoding="utf-8") as labels:
    labels.write("# cluster\tfeed file\tguid: entries with the same cluster are one piece\n")
    for name, entries in feeds.items():
        for e in entries:
            labels.write(f"{e['cluster']}\t{name}\t{e['guid']}\n")

total = sum(len(v) for v in feeds.values())
clusters = {e["cluster"] for v in feeds.values() for e in v}
print(f"{total} entries, {len(clusters)} pieces, {len(feeds)} feeds")
