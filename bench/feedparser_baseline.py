"""The ingest benchmark's baseline: Python's feedparser over feed files given on the command line.

Prints "<entries> <seconds>" for the parse alone (the interpreter's start and the import are not timed).
Debian: apt-get install -y python3-feedparser (rss2email depends on it).
"""
import sys
import time

import feedparser

bodies = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        bodies.append(f.read())

start = time.perf_counter()
entries = 0
for body in bodies:
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        sys.exit("feedparser could not read a feed: %s" % parsed.bozo_exception)
    entries += len(parsed.entries)
print(entries, time.perf_counter() - start)
