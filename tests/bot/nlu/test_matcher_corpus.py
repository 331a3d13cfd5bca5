"""The matcher against a large corpus of realistic chat messages, on four knowledge bases.

Each corpus file (tests/fixtures/matcher/corpus_*.yaml) names a knowledge base and lists lines
`text => intent[:command] [topic ...] [@aspect] [!difficulty] [^yes|^no] [|| args]`. A message is
right when intent, command, topics (order included) and aspect all match, plus difficulty, explicit
and args where the line gives them. The failure list says what was expected and what came back.

The corpus is a ratchet: tests/fixtures/matcher/known_failures.tsv lists every line that is read
wrong today (knowledge base, corpus file, message). A test fails on any failure not listed (a
regression) and on any listed line that is now read right (delete it from the file, so that it
cannot regress unseen). The whole corpus must still be >= 97% right.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest
import yaml

from adapters.discord import inbound as discord_inbound
from adapters.slack import inbound as slack_inbound
from bot.intents import Match
from bot.nlu.matcher import Matcher
from tests.bot.nlu.test_matcher_support import FIXTURES, spec_kb

REQUIRED = 0.97


def as_delivered(text: str) -> str:
    """The text as an adapter hands it to the core: Slack's and Discord's markup stripped there."""
    return discord_inbound.strip_markup(slack_inbound.strip_markup(text))


KNOWN_FAILURES = FIXTURES / "known_failures.tsv"


@dataclass(frozen=True)
class Case:
    file: str
    kb: str
    text: str
    intent: str
    command: str | None
    topics: tuple[str, ...]
    aspect: str | None
    difficulty: str | None
    explicit: bool | None
    args: str | None

    def problems(self, got: Match) -> list[str]:
        wrong = []
        if got.intent.value != self.intent or (got.command.value if got.command else None) != self.command:
            wrong.append(f"intent {got.intent.value}:{got.command.value if got.command else '-'}")
        if got.topics != self.topics:
            wrong.append(f"topics {list(got.topics)}")
        if got.aspect != self.aspect:
            wrong.append(f"aspect {got.aspect}")
        if self.difficulty is not None and got.difficulty != self.difficulty:
            wrong.append(f"difficulty {got.difficulty}")
        if self.explicit is not None and got.explicit != self.explicit:
            wrong.append(f"explicit {got.explicit}")
        if self.args is not None and got.args != self.args:
            wrong.append(f"args {got.args!r}")
        return wrong

    @property
    def key(self) -> str:
        """Its line in the known-failures file."""
        return f"{self.kb}\t{self.file}\t{self.text}"

    def expected(self) -> str:
        parts = [self.intent + (f":{self.command}" if self.command else ""), *self.topics]
        parts += [f"@{self.aspect}"] if self.aspect else []
        parts += [f"args={self.args!r}"] if self.args is not None else []
        return " ".join(parts)


def parse(line: str, kb: str, file: str) -> Case:
    text, _, spec = line.rpartition(" => ")
    spec, bar, args = spec.partition("||")
    tokens = spec.split()
    intent, _, command = tokens[0].partition(":")
    topics = tuple(t for t in tokens[1:] if t[0].isalnum())
    aspect = next((t[1:] for t in tokens if t.startswith("@")), None)
    difficulty = next((t[1:] for t in tokens if t.startswith("!")), None)
    explicit = next((t[1:] == "yes" for t in tokens if t.startswith("^")), None)
    return Case(
        file,
        kb,
        text,
        intent,
        command or None,
        topics,
        aspect,
        difficulty,
        explicit,
        args.strip() if bar else None,
    )


def load_cases() -> list[Case]:
    """Every corpus line; lines about the frameworks run on the bundled KB (knowledge.load())."""
    cases = []
    for path in sorted(FIXTURES.glob("corpus_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kb = "bundled" if data["kb"] == "frameworks" else data["kb"]
        cases += [parse(line, kb, path.name) for line in data["messages"]]
    return cases


@cache
def matcher(kb: str) -> Matcher:
    return Matcher(spec_kb(kb))


def failures(cases: list[Case]) -> list[str]:
    return list(failing(cases).values())


def failing(cases: list[Case]) -> dict[str, str]:
    """Each wrongly read case's known-failures key -> what was expected and what came back."""
    out = {}
    for case in cases:
        got = matcher(case.kb).match(as_delivered(case.text))
        wrong = case.problems(got)
        if wrong:
            out[case.key] = (
                f"[{case.kb} {case.file}] {case.text!r}\n    expected {case.expected()}\n"
                f"    got      {', '.join(wrong)}"
            )
    return out


def read_known(path: Path = KNOWN_FAILURES) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def ratchet(cases: list[Case], known: set[str] | None = None) -> None:
    """No failure that is not in the known list; no listed line (among `cases`) that now passes."""
    known = read_known() if known is None else known
    keys = {case.key for case in cases}
    wrong = failing(cases)
    new = [report for key, report in wrong.items() if key not in known]
    fixed = sorted(key for key in known & keys if key not in wrong)
    problems = []
    if new:
        problems.append(f"{len(new)} new failure(s), not in {KNOWN_FAILURES.name}:\n" + "\n".join(new))
    if fixed:
        problems.append(
            f"{len(fixed)} line(s) of {KNOWN_FAILURES.name} now read right; delete them from the file:\n"
            + "\n".join(fixed)
        )
    assert not problems, "\n\n".join(problems)


CASES = load_cases()


def test_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 400
    assert {c.kb for c in CASES} >= {"bundled", "databases", "cloud", "languages"}
    assert {c.intent for c in CASES} == {
        "explain",
        "compare",
        "recommend",
        "mock",
        "grade",
        "daily",
        "help",
        "unknown",
        "smalltalk",
    }


def test_corpus_accuracy() -> None:
    wrong = failures(CASES)
    accuracy = 1 - len(wrong) / len(CASES)
    report = "\n".join(wrong)
    assert accuracy >= REQUIRED, f"{accuracy:.1%} right ({len(wrong)} of {len(CASES)} wrong):\n{report}"
    ratchet(CASES)


def test_known_failures_name_only_corpus_lines() -> None:
    """A stale line (its message edited or deleted from the corpus) would hide nothing but clutter."""
    keys = {c.key for c in CASES}
    keys |= {replace(c, kb="frameworks").key for c in CASES if c.kb == "bundled"}
    keys |= {replace(c, kb=f"md:{c.kb}").key for c in CASES if c.kb in {"databases", "cloud", "languages"}}
    # md: cases keep the corpus text and file; their topic ids differ but the key does not name them.
    assert sorted(read_known() - keys) == []


def test_the_ratchet_catches_a_regression_and_a_fix() -> None:
    right = parse("what is pytorch => explain pytorch", "bundled", "demo.yaml")
    wrong = parse("what is pytorch => compare keras", "bundled", "demo.yaml")
    with pytest.raises(AssertionError, match="1 new failure"):
        ratchet([wrong], known=set())
    with pytest.raises(AssertionError, match="now read right"):
        ratchet([right], known={right.key})
    ratchet([wrong], known={wrong.key})


@pytest.mark.parametrize("kb", ["databases", "cloud", "languages"])
def test_unseen_subjects_are_read_as_well(kb: str) -> None:
    cases = [c for c in CASES if c.kb == kb]
    wrong = failures(cases)
    assert 1 - len(wrong) / len(cases) >= 0.95, "\n".join(wrong)
    ratchet(cases)


def test_parse_reads_every_field() -> None:
    case = parse("/mock pytorch hard => mock:start pytorch @deployment !hard ^yes || x y", "k", "f")
    assert (case.intent, case.command, case.topics, case.aspect) == (
        "mock",
        "start",
        ("pytorch",),
        "deployment",
    )
    assert (case.difficulty, case.explicit, case.args) == ("hard", True, "x y")
    assert parse("hi => help", "k", "f").args is None


def test_failure_report_reads_like_a_diff() -> None:
    case = parse("what is pytorch => compare keras", "bundled", "demo.yaml")
    (report,) = failures([case])
    assert "expected compare keras" in report and "got      intent explain:-, topics ['pytorch']" in report


@pytest.mark.parametrize("subject", ["databases", "cloud", "languages"])
def test_documents_loaded_by_knowledge_load_read_as_well(subject: str) -> None:
    """The same corpus over markdown documents ingested by knowledge.load() (ids mapped by name)."""
    ids = {t.name: t.id for t in spec_kb(f"md:{subject}").topics.values()}
    rename = {t.id: ids[t.name] for t in spec_kb(subject).topics.values()}
    cases = [
        replace(c, kb=f"md:{subject}", topics=tuple(rename[t] for t in c.topics))
        for c in CASES
        if c.kb == subject
    ]
    wrong = failures(cases)
    assert 1 - len(wrong) / len(cases) >= 0.95, "\n".join(wrong)
    ratchet(cases)


def test_hand_built_frameworks_kb_reads_the_same_as_the_bundled_one() -> None:
    """The corpus does not lean on the bundled overlay: a plain KB of the same three topics, with
    only the document's own names, reads the frameworks corpus just as well."""
    cases = [replace(c, kb="frameworks") for c in CASES if c.kb == "bundled"]
    wrong = failures(cases)
    assert 1 - len(wrong) / len(cases) >= REQUIRED, "\n".join(wrong)
    ratchet(cases)
