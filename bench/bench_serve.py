"""How fast ``newsprism serve`` answers many readers at once, over a store of 20,000 articles.

Usage: python bench/bench_serve.py [--articles 20000] [--clients 50] [--requests 4]
       [--threads N] [--json bench/results/serve.json]

The store is built once and kept in ``bench/.cache/serve/`` (rebuilt when it holds another
number of articles). Its articles are invented here, event by event: a fire, a flood, a
strike, a vote... in an invented town, with invented people and numbers, each told by one to
five of eight outlets in their own words within two days, dated over two years. They go in
through ``add_articles`` (copies, stories, as an ingest does), with no deep annotation and
no stored brief: the story list needs none, and briefs are the server's work.

Then the real server runs (``newsprism serve --port 0 --quiet`` in a subprocess), with its
brief maker computing the stored briefs of the store's thousands of stories in the background
the whole time (as after a large ingest). ``--stories`` story pages told by three or more
outlets are asked for once each: the first answer is the 202 page saying the brief is being
computed (its latency is printed), and the seconds until each page is ready are printed too.
Then ``--clients`` threads each GET the first page of the story list and one of those story
pages (chosen at random each time), each ``--requests`` times, all starting together. Printed and written: p50, p95 and max latency in
milliseconds per page, requests per second, and errors (status other than 200, a page
without its expected words, a failed connection). Goal: p95 under 200 ms.

The server keeps each page as rendered until the store changes. ``--write-every SECONDS``
runs the load a second time with a writer beside it, committing to the store that often
(as an ``ingest`` or ``watch`` would), so every page keeps being rendered afresh: its
figures are printed under ``while_writing``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from newsprism.corpus import add_articles
from newsprism.model import Article
from newsprism.store import Store

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache" / "serve"
GOAL_P95_MS = 200.0
GENERATOR = 2
"""Named in the cached store's file name: a change to the invented articles makes a new store."""

OUTLETS = ("Northern Ledger", "Tamsin Courier", "Evening Post", "Harbour Times",
           "Valley Gazette", "City Wire", "Coast Herald", "Plains Journal")
SYLLABLES = ("ka", "lo", "mi", "ran", "tes", "vo", "bel", "dor", "sa", "quin", "zu", "per", "an", "el")
FIRST_NAMES = ("Anna", "Tomas", "Priya", "Owen", "Marta", "Kofi", "Lena", "Ravi", "Sofia", "Jonas",
               "Amara", "Declan", "Ines", "Yusuf", "Clara", "Mateo", "Hana", "Felix", "Zara", "Ivan")
ROLES = ("the mayor", "a council spokesperson", "the fire chief", "a police spokesperson",
         "the union leader", "the health minister", "a local resident", "the company's director")

# Each kind of event: headlines, a lead and further sentences; {place}, {person}, {count},
# {number}, {day}, {body} are filled per event, so every report of one event shares them.
EVENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "fire": {
        "titles": ("Fire destroys warehouse in {place}", "{count} homes evacuated as {place} blaze spreads",
                   "Firefighters battle warehouse fire in {place}"),
        "leads": ("A fire broke out at a warehouse in {place} on {day}, forcing {count} families from nearby homes.",
                  "Firefighters spent the night fighting a blaze that destroyed a warehouse in {place} on {day}.",
                  "{count} households were evacuated in {place} after a warehouse caught fire on {day}."),
        "more": ("{number} firefighters were sent to the scene, the {body} said.",
                 "No one was hurt, according to {person}, who leads the {body}.",
                 "\u201cThe building could not be saved, but the homes around it were,\u201d {person} said.",
                 "Residents described thick smoke over the town for hours.",
                 "The cause of the fire is being investigated."),
    },
    "flood": {
        "titles": ("Floods close roads across {place}", "River bursts its banks in {place}",
                   "{place} counts the cost of flooding"),
        "leads": ("Heavy rain flooded {count} streets in {place} on {day} after the river burst its banks.",
                  "The river through {place} rose by {number} centimetres on {day}, flooding homes and shops.",
                  "Roads were closed and {count} people moved to shelters as floods hit {place} on {day}."),
        "more": ("The {body} said the water would take days to go down.",
                 "\u201cWe have never seen the river this high,\u201d {person} told reporters.",
                 "{person} of the {body} urged drivers to stay away from flooded roads.",
                 "Emergency shelters opened in two schools.",
                 "Forecasters expect more rain later in the week."),
    },
    "strike": {
        "titles": ("Bus drivers strike in {place}", "{place} transport halted by strike",
                   "Walkout leaves {place} without buses"),
        "leads": ("Bus drivers in {place} walked out on {day}, leaving {count} routes without service.",
                  "A strike by {number} bus drivers halted public transport in {place} on {day}.",
                  "Commuters in {place} faced long walks on {day} as drivers began a strike over pay."),
        "more": ("The drivers want a pay rise of {count} percent, the {body} said.",
                 "\u201cWe did not want to strike, but we were left no choice,\u201d {person} said.",
                 "{person}, speaking for the {body}, said talks would resume next week.",
                 "Schools reported many pupils arriving late.",
                 "The operator said it regretted the disruption."),
    },
    "vote": {
        "titles": ("{place} council approves new budget", "Council vote splits {place}",
                   "{place} backs plan for new library"),
        "leads": ("The council of {place} voted {count} to {number} on {day} to approve next year's budget.",
                  "Councillors in {place} approved a plan for a new library on {day} after a long debate.",
                  "A narrow council vote in {place} on {day} cleared the way for higher local taxes."),
        "more": ("The plan will cost {number} million, the {body} said.",
                 "\u201cThis is a budget for the next generation,\u201d {person} said after the vote.",
                 "Opponents said the vote had been rushed, {person} of the {body} told reporters.",
                 "The meeting lasted more than five hours.",
                 "Work is expected to start in the spring."),
    },
    "court": {
        "titles": ("Court rules against {place} developer", "Judge halts {place} building project",
                   "{place} residents win court case"),
        "leads": ("A court ruled on {day} that a housing project in {place} broke planning rules.",
                  "A judge stopped work on {count} flats in {place} on {day}, siding with residents.",
                  "Residents of {place} won their case against a developer in court on {day}."),
        "more": ("The developer must pay costs of {number} thousand, the {body} said.",
                 "\u201cToday the law listened to us,\u201d {person} said outside the court.",
                 "{person}, a lawyer for the {body}, said an appeal was likely.",
                 "The project had been planned for six years.",
                 "The ruling can be appealed within a month."),
    },
}
THINGS = ("bakery", "bridge", "library", "school", "depot", "market", "chapel", "harbour", "stadium",
          "clinic", "orchard", "mill", "quarry", "tunnel", "museum", "theatre", "garage", "pier",
          "brewery", "college", "hospital", "station", "canal", "reservoir", "airfield", "cinema",
          "foundry", "laundry", "pharmacy", "hotel", "farm", "tannery", "bakehouse", "ferry", "lighthouse",
          "greenhouse", "sawmill", "pottery", "bookshop", "dairy", "vineyard", "printworks", "smithy",
          "observatory", "aquarium", "velodrome", "courthouse", "granary", "boatyard", "kiln")
DETAILS = ("The {thing} on {street} Road was closed for the day, {person} said.",
           "In {place}, the {thing} near {street} Road stayed shut while the {other} reopened.",
           "Staff at the {thing} in {place} were sent home early.",
           "{person} said the {other} on {street} Road would be checked before it reopened.",
           "Neighbours of the {thing} gathered outside the {other} in {place} to hear the news.")
BODIES = ("fire service", "town council", "river authority", "drivers' union", "residents' association",
          "county police", "health board", "transport authority")


@dataclass(frozen=True)
class Event:
    """What every report of one event shares."""

    kind: str
    place: str
    person: str
    body: str
    street: str
    things: tuple[str, str]
    count: int
    number: int
    when: datetime

    def fill(self, template: str) -> str:
        day = self.when.strftime("%A")
        return template.format(place=self.place, person=self.person, body=self.body, count=self.count,
                               number=self.number, day=day, street=self.street, thing=self.things[0],
                               other=self.things[1])


def invented_word(rng: random.Random) -> str:
    """A made-up proper name (``Kalomi``, ``Tesvobel``)."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def invented_event(rng: random.Random, start: datetime) -> Event:
    """One event: its kind, place, people and numbers, and when it happened."""
    return Event(
        kind=rng.choice(sorted(EVENTS)),
        place=f"{invented_word(rng)}{rng.choice(('ton', 'field', 'bury', 'mouth', 'ford'))}",
        person=f"{rng.choice(FIRST_NAMES)} {invented_word(rng)}",
        body=rng.choice(BODIES),
        street=invented_word(rng),
        things=(rng.choice(THINGS), rng.choice(THINGS)),
        count=rng.randint(3, 90),
        number=rng.randint(10, 400),
        when=start + timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60)),
    )


def report(event: Event, outlet: str, rng: random.Random) -> tuple[str, str]:
    """One outlet's headline and text of ``event``: its own choice and order of sentences."""
    parts = EVENTS[event.kind]
    title = event.fill(rng.choice(parts["titles"]))
    more = rng.sample(parts["more"], rng.randint(3, len(parts["more"])))
    more[1:1] = rng.sample(DETAILS, 2)
    if rng.random() < 0.5:
        more.append(f"{rng.choice(ROLES).capitalize()} said the situation was being watched closely.")
    paragraphs = [event.fill(rng.choice(parts["leads"])), *(event.fill(sentence) for sentence in more)]
    return title, "\n\n".join(paragraphs)


def invented_articles(count: int, seed: int = 11) -> Iterator[Article]:
    """``count`` reports of invented events, one to five outlets each, in event order."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 1)
    made = 0
    while made < count:
        event = invented_event(rng, start)
        outlets = rng.sample(OUTLETS, min(count - made, rng.choice((1, 2, 3, 3, 4, 5))))
        for outlet in outlets:
            title, text = report(event, outlet, rng)
            yield Article(
                id=f"serve-{made}",
                text=text,
                title=title,
                source="bench_serve",
                published=event.when + timedelta(minutes=rng.randint(0, 48 * 60)),
                url=f"https://{outlet.lower().replace(' ', '-')}.example/{made}",
                outlet=outlet,
            )
            made += 1


def build_store(path: Path, count: int) -> float:
    """The store at ``path`` holding ``count`` invented articles (reused when it does);
    seconds spent building it."""
    if path.exists():
        with Store.open(path) as store:
            held = store.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        if held == count:
            return 0.0
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Store.open(path) as store:
        add_articles(store, invented_articles(count))
    return time.perf_counter() - started


def stories_to_show(path: Path, count: int) -> list[tuple[int, str]]:
    """The id and headline of ``count`` stories told by three outlets or more, spread over
    the store's two years (so they are not simply the first the brief maker computes)."""
    with Store.open(path) as store:
        rows = store.connection.execute(
            "SELECT story, MIN(title) FROM articles GROUP BY story "
            "HAVING COUNT(DISTINCT outlet) >= 3 ORDER BY MAX(published) DESC"
        ).fetchall()
    if len(rows) < count:
        raise SystemExit(f"{path} has fewer than {count} stories told by three outlets")
    step = len(rows) // count
    return [(int(story), str(title)) for story, title in rows[::step][:count]]


def wait_until_ready(url: str, expected: str, seconds: float = 600.0) -> tuple[float, float]:
    """Milliseconds of the first answer for ``url`` (a 202 while its brief is computed), and
    seconds until it answers 200 with ``expected`` in it."""
    started = time.perf_counter()
    first, problem = fetch(url, expected)
    while problem is not None:
        if problem != "status 202":
            raise SystemExit(f"{url}: {problem}")
        if time.perf_counter() - started > seconds:
            raise SystemExit(f"{url}: not ready after {seconds:.0f} s")
        time.sleep(0.25)
        _, problem = fetch(url, expected)
    return round(first * 1000, 1), round(time.perf_counter() - started, 1)


@dataclass
class Server:
    """``newsprism serve`` running in a subprocess."""

    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, store: Path, threads: int | None, background: bool = True) -> Server:
        command = [sys.executable, "-m", "newsprism", "serve", "--db", str(store), "--port", "0", "--quiet"]
        if not background:
            command.append("--no-background")
        if threads is not None:
            command += ["--threads", str(threads)]
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        assert process.stderr is not None
        line = process.stderr.readline()
        address = re.search(r"http://[\w.:\[\]-]+/", line)
        if address is None:
            process.kill()
            raise SystemExit(f"newsprism serve did not say where it listens: {line!r}")
        server = cls(process, address.group(0).rstrip("/"))
        # Keep reading stderr so that the server never blocks on a full pipe.
        threading.Thread(target=lambda: server.lines.extend(process.stderr or ()), daemon=True).start()
        return server

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def fetch(url: str, expected: str) -> tuple[float, str | None]:
    """Seconds one GET took, and what went wrong (None: status 200 with ``expected`` in it)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read().decode("utf-8")
            status = response.status
    except (urllib.error.URLError, OSError) as error:
        return time.perf_counter() - started, f"{type(error).__name__}: {error}"
    elapsed = time.perf_counter() - started
    if status != 200:
        return elapsed, f"status {status}"
    if expected not in body:
        return elapsed, f"{expected!r} not in the page"
    return elapsed, None


Pages = dict[str, list[tuple[str, str]]]
"""Each page's name, and the (url, expected words) a request for it picks from at random."""


def load(pages: Pages, clients: int, requests: int) -> dict[str, Any]:
    """``clients`` threads, started together, each fetching every page ``requests`` times
    (in a shuffled order); latency figures per page."""
    timings: dict[str, list[float]] = {name: [] for name in pages}
    errors: dict[str, list[str]] = {name: [] for name in pages}
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def client(number: int) -> None:
        order = [name for name in pages for _ in range(requests)]
        choices = random.Random(number)
        choices.shuffle(order)
        barrier.wait()
        for name in order:
            seconds, problem = fetch(*choices.choice(pages[name]))
            with lock:
                timings[name].append(seconds)
                if problem:
                    errors[name].append(problem)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    figures: dict[str, Any] = {
        name: {**latency_ms(timings[name]), "errors": len(errors[name]), "first_errors": sorted(set(errors[name]))[:3]}
        for name in pages
    }
    figures["requests_per_second"] = round(sum(len(t) for t in timings.values()) / wall, 1)
    return figures


def writing(path: Path, every: float, stop: threading.Event) -> int:
    """Commit one small change to the store every ``every`` seconds until ``stop``; commits made."""
    commits = 0
    with Store.open(path) as store:
        while not stop.wait(every):
            store.record_failure("bench-serve-writer", f"a commit to change the store ({commits})")
            commits += 1
        store.connection.execute("DELETE FROM failures WHERE source = 'bench-serve-writer'")
    return commits


def load_while_writing(path: Path, every: float, pages: Pages, clients: int,
                       requests: int) -> dict[str, Any]:
    """``load`` with a writer committing every ``every`` seconds."""
    stop = threading.Event()
    commits: list[int] = []
    writer = threading.Thread(target=lambda: commits.append(writing(path, every, stop)))
    writer.start()
    try:
        figures = load(pages, clients, requests)
    finally:
        stop.set()
        writer.join()
    return {"write_every_s": every, "commits": commits[0] if commits else 0, **figures}


def latency_ms(seconds: list[float]) -> dict[str, float]:
    """p50, p95 and max of ``seconds``, in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return {
        "requests": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=4, help="requests per page per client")
    parser.add_argument("--threads", type=int, help="the server's --threads (default: its own)")
    parser.add_argument("--stories", type=int, default=10, help="story pages asked for")
    parser.add_argument("--no-background", action="store_true",
                        help="serve without the brief maker (briefs computed on first view), to compare")
    parser.add_argument("--writing-requests", type=int, default=20,
                        help="requests per page per client in the second run, long enough for many commits")
    parser.add_argument("--write-every", type=float, default=0.05,
                        help="seconds between the writer's commits in the second run (0: no second run)")
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()

    path = CACHE / f"serve-{options.articles}-v{GENERATOR}.db"
    build_seconds = build_store(path, options.articles)
    with Store.open(path) as store:
        stories = store.connection.execute("SELECT COUNT(DISTINCT story) FROM articles").fetchone()[0]
    shown = stories_to_show(path, options.stories)
    result: dict[str, Any] = {
        "articles": options.articles,
        "stories": stories,
        "build_seconds": round(build_seconds, 1),
        "clients": options.clients,
        "requests_per_client_per_page": options.requests,
        "server_threads": options.threads or "default",
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result), flush=True)

    server = Server.start(path, options.threads, not options.no_background)
    result["background"] = not options.no_background
    try:
        pages: Pages = {
            "story_list": [(server.url + "/", "Stories")],
            "story_page": [(f"{server.url}/stories/{story}", headline.split()[0]) for story, headline in shown],
        }
        seconds, problem = fetch(*pages["story_list"][0])
        if problem:
            raise SystemExit(f"story list: {problem}")
        result["story_list_first_ms"] = round(seconds * 1000, 1)
        waits = [wait_until_ready(url, expected) for url, expected in pages["story_page"]]
        result["story_page_first_answer_ms"] = [first for first, _ in waits]
        result["story_page_ready_after_s"] = [ready for _, ready in waits]
        result["story_page_ready_after_s_max"] = max(ready for _, ready in waits)
        result.update(load(pages, options.clients, options.requests))
        if options.write_every > 0:
            result["while_writing"] = load_while_writing(
                path, options.write_every, pages, options.clients, options.writing_requests
            )
    finally:
        exit_code = server.stop()
    result["server_exit_code"] = exit_code
    with Store.open(path) as store:
        result["briefs_stored_in_the_run"] = store.connection.execute("SELECT COUNT(*) FROM briefs").fetchone()[0]
        store.connection.execute("DELETE FROM briefs")  # the next run starts as after an ingest again
    result["goal_p95_ms"] = GOAL_P95_MS
    result["goal_met"] = all(result[name]["p95_ms"] < GOAL_P95_MS for name in pages)
    if "while_writing" in result:
        result["goal_met_while_writing"] = all(
            result["while_writing"][name]["p95_ms"] < GOAL_P95_MS for name in pages
        )
    print(json.dumps(result, indent=2))
    if options.json:
        options.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
