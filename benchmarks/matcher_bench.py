"""Matcher latency, build time and memory, on the bundled KB and on a synthetic KB 100x larger,
against a plain difflib matcher over the same choices in the same run.

Run: `python -m benchmarks.matcher_bench` (or `python -m benchmarks matcher_bench`). Messages are
generated from templates with a fixed seed (typos, mentions, emoji, long rambling ones), so runs
are comparable. Targets: p99 < 1 ms per message on the bundled KB, < 5 ms on 300 topics.
"""

from __future__ import annotations

import difflib
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import knowledge
from bot.nlu.lexicon import COMMANDS
from bot.nlu.matcher import Matcher
from knowledge.model import Aspect, Cell, Fact, KnowledgeBase, Topic, UseCase

MESSAGES = 3000
SEED = 7
SYNTHETIC_TOPICS = 300
REPEATS = 3
_TEMPLATES = (
    "what is {a}",
    "tell me about {a}?",
    "{a} vs {b}",
    "compare {a} and {b} {asp}",
    "how is {a} on {asp}",
    "<@U123> {a} {asp} please",
    "is {a} good for beginners",
    "which is better for research, {a} or {b}?",
    "quiz me on {a} hard",
    "hint",
    "skip",
    "what's the answer",
    "daily",
    "/prep leaderboard week",
    "/compare {a} {b} {c}",
    "difference between {a}, {b} and {c} for {asp}",
    "{a} 🔥🔥 {asp}??",
    "hey so I was reading about {a} yesterday and honestly I'm a bit lost, could you explain the {asp} "
    "and maybe how it stacks up against {b}? thanks a lot",
    "what's the weather like today",
    "answer: it builds the graph as the code runs",
    "/mock {a}",
    "who made {a}",
    "{a} {asp}",
)


@dataclass(frozen=True)
class Figures:
    p50_ms: float
    p99_ms: float
    mean_ms: float


def main() -> None:
    bundled = knowledge.load(None)
    big = synthetic_kb(SYNTHETIC_TOPICS)
    rows = []
    for label, kb in (("bundled (3 topics)", bundled), (f"synthetic ({SYNTHETIC_TOPICS} topics)", big)):
        messages = generate(kb, MESSAGES)
        build_ms, matcher = _timed_build(kb)
        ours = latency(matcher.match, messages)
        baseline = latency(DifflibMatcher(kb).match, messages)
        peak_mb = peak_memory(kb, messages[:300])
        rows.append((label, build_ms, ours, baseline, peak_mb))
    print(
        f"{MESSAGES} generated messages per KB (seed {SEED}); time per message = median of {REPEATS} runs.\n"
    )
    print(
        "| KB | build (ms) | p50 (ms) | p99 (ms) | mean (ms) | difflib p50 (ms) | difflib p99 (ms) "
        "| difflib / ours (mean) | peak memory (MB) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for label, build_ms, ours, base, peak in rows:
        print(
            f"| {label} | {build_ms:.0f} | {ours.p50_ms:.3f} | {ours.p99_ms:.3f} | {ours.mean_ms:.3f} "
            f"| {base.p50_ms:.3f} | {base.p99_ms:.3f} | {base.mean_ms / ours.mean_ms:.1f}x | {peak:.1f} |"
        )
    corpus_accuracy()


def corpus_accuracy() -> None:
    """Fully right (intent, topics, aspect) on the labelled corpus in tests/fixtures/matcher."""
    try:
        from tests.bot.nlu.test_matcher_corpus import load_cases, matcher
    except ImportError:  # run outside the repository: no corpus to score
        print("\n(labelled corpus not found: run from the repository root for accuracy figures)")
        return
    cases = load_cases()
    plain: dict[str, DifflibMatcher] = {}
    ours = base = 0
    for case in cases:
        got = matcher(case.kb).match(case.text)
        ours += (got.intent.value, got.topics, got.aspect) == (case.intent, case.topics, case.aspect)
        baseline = plain.setdefault(case.kb, DifflibMatcher(matcher(case.kb).kb))
        base += baseline.match(case.text) == (case.intent, case.topics, case.aspect)
    print(
        f"\nLabelled corpus ({len(cases)} messages, {len({c.kb for c in cases})} knowledge bases), "
        "intent + topics + aspect all right:\n"
    )
    print("| matcher | right | share |")
    print("|---|---|---|")
    print(f"| prepbot | {ours} | {ours / len(cases):.1%} |")
    print(f"| difflib baseline | {base} | {base / len(cases):.1%} |")


def _timed_build(kb: KnowledgeBase) -> tuple[float, Matcher]:
    start = time.perf_counter()
    matcher = Matcher(kb)
    return (time.perf_counter() - start) * 1000, matcher


def latency(match: Callable[[str], object], messages: Sequence[str]) -> Figures:
    """Per message, the median of `REPEATS` timings (a shared 2-core box has noisy neighbours)."""
    for text in messages[:50]:  # warm imports
        match(text)
    times = []
    for text in messages:
        runs = []
        for _ in range(REPEATS):
            start = time.perf_counter_ns()
            match(text)
            runs.append((time.perf_counter_ns() - start) / 1e6)
        times.append(statistics.median(runs))
    times.sort()
    return Figures(statistics.median(times), times[int(len(times) * 0.99)], statistics.fmean(times))


def peak_memory(kb: KnowledgeBase, messages: Sequence[str]) -> float:
    """Peak Python heap while building a matcher and matching messages (tracemalloc), in MB."""
    tracemalloc.start()
    matcher = Matcher(kb)
    for text in messages:
        matcher.match(text)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def generate(kb: KnowledgeBase, count: int) -> list[str]:
    rng = random.Random(SEED)
    names = [n for t in kb.topics.values() for n in (t.name, *t.aliases[:1])]
    labels = [a.label for a in kb.aspects.values()]
    out = []
    for _ in range(count):
        a, b, c = (_typo(rng, rng.choice(names)) for _ in range(3))
        text = rng.choice(_TEMPLATES).format(a=a, b=b, c=c, asp=rng.choice(labels).lower())
        out.append(text.upper() if rng.random() < 0.05 else text)
    return out


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5 or rng.random() > 0.2:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def synthetic_kb(size: int) -> KnowledgeBase:
    """`size` invented topics with 12 table rows, facts, use cases and descriptions."""
    rng = random.Random(SEED)
    syllables = [
        "zor",
        "vex",
        "quan",
        "tal",
        "mir",
        "bex",
        "dra",
        "lum",
        "pyr",
        "nox",
        "sel",
        "tor",
        "vin",
        "kas",
    ]
    topics: dict[str, Topic] = {}
    while len(topics) < size:
        name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()
        if rng.random() < 0.3:
            name += " " + rng.choice(["Cloud", "DB", "Engine", "Studio", "Stack"])
        topic_id = name.lower().replace(" ", "_")
        if topic_id not in topics:
            topics[topic_id] = Topic(
                topic_id,
                name,
                (name[:3].lower() + str(len(topics)),),
                f"{name} is a tool made by {name}Corp for data work.",
                (f"{name}Corp's tool",),
            )
    labels = [
        "Ease of Use",
        "Performance",
        "Scalability",
        "Pricing",
        "Security",
        "Community",
        "Deployment",
        "Data Model",
        "Licensing",
        "Tooling",
        "Concurrency",
        "Best For",
    ]
    aspects = {
        label.lower().replace(" ", "_"): Aspect(label.lower().replace(" ", "_"), label) for label in labels
    }
    cells = {
        (a, t): Cell(f"{rng.choice(['Good', 'Fair', 'Strong'])} {rng.choice(syllables)}")
        for a in aspects
        for t in topics
    }
    facts = tuple(Fact(t, "developer", f"{topics[t].name}Corp") for t in topics)
    uses = tuple(UseCase(t, f"{rng.choice(['Analytics', 'Streaming', 'Web apps'])} at scale") for t in topics)
    return KnowledgeBase(topics=topics, aspects=aspects, cells=cells, facts=facts, use_cases=uses)


class DifflibMatcher:
    """A plain matcher: difflib close matches of each word and word pair against topic names,
    aliases and aspect labels, and the intent of the closest command phrase."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.topics = {n.lower(): t.id for t in kb.topics.values() for n in (t.name, t.id, *t.aliases)}
        self.aspects = {a.label.lower(): a.id for a in kb.aspects.values()}
        self.commands = list(COMMANDS)

    def match(self, text: str) -> tuple[str, tuple[str, ...], str | None]:
        words = text.lower()[:4000].split()
        grams = words + [" ".join(p) for p in pairwise(words)]
        topics: list[str] = []
        aspect = None
        for gram in grams:
            for found in difflib.get_close_matches(gram, self.topics, n=1, cutoff=0.8):
                topics.append(self.topics[found])
            for found in difflib.get_close_matches(gram, self.aspects, n=1, cutoff=0.8):
                aspect = aspect or self.aspects[found]
        command = difflib.get_close_matches(" ".join(words), self.commands, n=1, cutoff=0.8)
        intent = (
            COMMANDS[command[0]][0].value if command else ("compare" if len(set(topics)) > 1 else "explain")
        )
        return intent, tuple(dict.fromkeys(topics)), aspect


if __name__ == "__main__":
    main()
