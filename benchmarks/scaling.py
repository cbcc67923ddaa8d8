"""Show that every rule of a record and of a Dossier grows no faster than n log n.

    python benchmarks/scaling.py            # 1,000, 10,000 and 100,000 items
    python benchmarks/scaling.py --quick    # 1,000 and 10,000 items, fewer repetitions
    python benchmarks/scaling.py --sizes 500 1000 2000

Each family of rules gets inputs of growing size: an occasion chain of meetings, a dossier
of records that refer to one another, one agreement reported by many sources, an
organization with many memberships, an agreement with many parties, signatories and
lifecycle events, a meeting with many participants and statements, a person with many
names and offices, an activity with many parties. The inputs are made outside the timed
region; the timed region is the constructor that runs the checks. Each size keeps the best
of several runs, and the table shows the growth factor per tenfold size from each size to
the next, and over the whole range: about 10 is linear, about 13 is n log n, about 100 is
quadratic. Seconds depend on the machine, the ratios much less, though linear work shows
factors up to about 20 where the input outgrows the processor's caches. The script exits
with 1 when a factor over the whole range is above ``--limit`` (20).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import itertools
import math
import sys
import time
from collections.abc import Callable
from typing import Any

from diplomod import (
    Activity,
    Agreement,
    Dossier,
    Evidence,
    LifecycleEvent,
    Meeting,
    Membership,
    Name,
    Occasion,
    Office,
    Organization,
    PartialDate,
    Participant,
    Period,
    Person,
    Signatory,
    Source,
    Statement,
    codelist,
)

Build = Callable[[int], Callable[[], Any]]
"""Makes the input of size n and returns the call to time."""

DAY = PartialDate(year=2023, month=4, day=14)
TEXT = "The ministers met and agreed to cooperate."
AT = TEXT.index("agreed")


def _meeting(id: str, **changes: Any) -> Meeting:
    fields: dict[str, Any] = {
        "id": id,
        "when": DAY,
        "participants": (Participant(represents="PAK"), Participant(represents="RUS")),
        "formats": frozenset({"bilateral"}),
    }
    fields.update(changes)
    return Meeting(**fields)


def occasion_chain(n: int) -> Callable[[], Any]:
    """n meetings, each held on the occasion of the next."""
    links: list[Occasion | None] = [
        Occasion(relation="part_of", event=f"m-{i + 1}") for i in range(n - 1)
    ]
    meetings = tuple(_meeting(f"m-{i}", occasion=to) for i, to in enumerate([*links, None]))
    return lambda: Dossier(meetings=meetings)


def dossier_references(n: int) -> Callable[[], Any]:
    """n records: sources, people, and meetings that name both and quote the sources."""
    count = max(n // 4, 1)
    sources = tuple(
        Source(id=f"s-{i}", publisher="An agency", language="en", published=DAY, text=TEXT)
        for i in range(count)
    )
    people = tuple(Person(id=f"p-{i}", name=f"Person {i}") for i in range(2 * count))
    meetings = tuple(
        _meeting(
            f"m-{i}",
            participants=(
                Participant(represents="PAK", person=f"p-{2 * i}"),
                Participant(represents="RUS", person=f"p-{2 * i + 1}"),
            ),
            sources=(f"s-{i}",),
            evidence=(Evidence(source=f"s-{i}", quote="agreed", start=AT, end=AT + 6),),
        )
        for i in range(count)
    )
    return lambda: Dossier(sources=sources, people=people, meetings=meetings)


def reported_by_many(n: int) -> Callable[[], Any]:
    """One agreement with n/2 dated events, reported as done by n/2 sources."""
    count = max(n // 2, 2)
    published = PartialDate(year=2024)
    sources = tuple(
        Source(id=f"s-{i}", publisher="An agency", language="en", published=published)
        for i in range(count)
    )
    parties = tuple(f"org-{i}" for i in range(count))
    organizations = tuple(
        Organization(id=party, name=f"Body {i}", kind="intergovernmental")
        for i, party in enumerate(parties)
    )
    agreement = Agreement(
        id="a",
        title="An agreement",
        instrument="memorandum_of_understanding",
        parties=parties,
        events=tuple(LifecycleEvent(action="signed", party=p, date=DAY) for p in parties),
        sources=tuple(s.id for s in sources),
    )
    return lambda: Dossier(sources=sources, organizations=organizations, agreements=(agreement,))


def _state_codes() -> list[str]:
    return sorted(code for code, row in codelist("states").items() if row["status"] == "assigned")


def memberships(n: int) -> Callable[[], Any]:
    """An organization with n memberships: each state a run of consecutive years."""
    codes = _state_codes()
    per_state = math.ceil(n / len(codes))
    items = tuple(
        Membership(
            state=codes[i % len(codes)],
            status="member" if i % 2 else "observer",
            period=Period(
                start=PartialDate(year=1000 + i // len(codes)),
                end=PartialDate(year=1000 + i // len(codes), month=12),
            ),
        )
        for i in range(n)
    )
    assert per_state < 9000
    return lambda: Organization(
        id="org",
        name="A body",
        kind="intergovernmental",
        founded=PartialDate(year=999),
        memberships=items,
    )


def agreement_parties(n: int) -> Callable[[], Any]:
    """An agreement with n parties, n signatories and 2n lifecycle events."""
    parties = tuple(f"org-{i}" for i in range(n))
    signatories = tuple(Signatory(person=f"p-{i}", on_behalf_of=p) for i, p in enumerate(parties))
    signed = PartialDate(year=2020)
    events = tuple(LifecycleEvent(action="signed", party=p, date=signed) for p in parties) + tuple(
        LifecycleEvent(action="ratified", party=p, date=DAY) for p in parties
    )
    return lambda: Agreement(
        id="a",
        title="An agreement",
        instrument="memorandum_of_understanding",
        parties=parties,
        concluded=signed,
        signatories=signatories,
        events=events,
    )


def meeting_participants(n: int) -> Callable[[], Any]:
    """A multilateral meeting with n participants and n statements by them."""
    participants = tuple(Participant(represents=f"org-{i}", person=f"p-{i}") for i in range(n))
    statements = tuple(
        Statement(by=(f"p-{i}", f"org-{(i + 1) % n}"), stance="agreed", substance="They agreed.")
        for i in range(n)
    )
    formats = frozenset({"multilateral"})
    return lambda: _meeting("m", participants=participants, statements=statements, formats=formats)


def person_names(n: int) -> Callable[[], Any]:
    """A person with n other names and n offices."""
    names = tuple(Name(text=f"Name {i}") for i in range(n))
    offices = tuple(Office(title=f"Office {i}", represents="PAK") for i in range(n))
    return lambda: Person(id="p", name="A person", other_names=names, offices=offices)


def activity_parties(n: int) -> Callable[[], Any]:
    """An activity with n parties."""
    parties = tuple(f"org-{i}" for i in range(n))
    areas = frozenset({"economy.trade"})
    return lambda: Activity(id="a", parties=parties, description="They trade.", areas=areas)


FAMILIES: dict[str, Build] = {
    "occasion chain (Dossier)": occasion_chain,
    "references (Dossier)": dossier_references,
    "done before reported (Dossier)": reported_by_many,
    "memberships (Organization)": memberships,
    "parties, signatories, events (Agreement)": agreement_parties,
    "participants, statements (Meeting)": meeting_participants,
    "names, offices (Person)": person_names,
    "parties (Activity)": activity_parties,
}


_SCRATCH = bytearray(range(256)) * (2**18)  # 64 MiB


def _cool() -> None:
    """Write over a buffer larger than the processor's caches, so that every run starts
    with its input out of cache: a small input would otherwise be timed warm, a large one
    cold, and the growth would seem faster than it is."""
    _SCRATCH.reverse()


def best_of(call: Callable[[], Any], repeats: int, budget: float) -> float:
    """Return the best of up to *repeats* timings, stopping early after *budget* seconds."""
    best = math.inf
    spent = 0.0
    for _ in range(repeats):
        gc.collect()
        _cool()
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        if spent > budget:
            break
    return best


def growth(sizes: list[int], seconds: list[float]) -> list[float]:
    """Return the growth factor per tenfold size between each size and the one before."""
    return [
        (seconds[i] / seconds[i - 1]) ** (1 / math.log10(sizes[i] / sizes[i - 1]))
        for i in range(1, len(sizes))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 items only")
    parser.add_argument("--sizes", type=int, nargs="+", help="the sizes to measure")
    parser.add_argument("--repeats", type=int, help="runs per size (the best is kept)")
    parser.add_argument("--limit", type=float, default=20.0, help="the highest factor allowed")
    parser.add_argument("--only", help="measure only the families whose name contains this")
    args = parser.parse_args(argv)
    sizes: list[int] = args.sizes or ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    repeats: int = args.repeats or (3 if args.quick else 5)
    if len(sizes) < 2 or sorted(set(sizes)) != sizes or sizes[0] < 2:
        parser.error("give two or more increasing sizes of at least 2")
    print(f"python {sys.version.split()[0]}, {datetime.date.today()}, best of {repeats}")
    header = "".join(f"{n:>12,}" for n in sizes)
    steps = "".join(f"{f'{a:,}→{b:,}':>16}" for a, b in itertools.pairwise(sizes))
    print(f"\n{'':<42}{'seconds':>{12 * len(sizes)}}{'growth per tenfold size':>{16 * len(sizes)}}")
    print(f"{'rule family':<42}{header}{steps}{'overall':>16}")
    worst = 0.0
    failed: list[str] = []
    for name, build in FAMILIES.items():
        if args.only and args.only not in name:
            continue
        seconds: list[float] = []
        for n in sizes:
            call = build(n)
            seconds.append(best_of(call, repeats, budget=30.0))
            del call
        rates = growth(sizes, seconds)
        overall = growth([sizes[0], sizes[-1]], [seconds[0], seconds[-1]])[0]
        worst = max(worst, overall)
        if overall > args.limit:
            failed.append(name)
        cells = "".join(f"{s:>11.4f}s" for s in seconds)
        factors = "".join(f"{r:>16.1f}" for r in [*rates, overall])
        print(f"{name:<42}{cells}{factors}", flush=True)
    print(f"SCALING worst_growth_per_10x={worst:.1f} limit={args.limit:g}", flush=True)
    if failed:
        print("grows faster than the limit: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
