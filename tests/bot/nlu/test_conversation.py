"""Single messages and multi-turn conversations, read as a person reads the reply (issue 13).

The batches live in tests/bot/nlu/conversations/*.yaml (written blind, before the code for them).
Each turn goes through the real core (`Prepbot.handle`, console platform) on SQLite and PostgreSQL;
a turn is right when the reply's intent, topics (in order) and aspect match, and every `~~` part of
the line appears in the reply as the console renders it. Turns known to fail are listed in
conversations/known_failures.txt: a new failure fails the test, and so does a listed turn that now
passes (take it off the list).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import plaintext
from bot.app import Prepbot
from bot.messages import Reply
from tests.conftest import Chat

HERE = Path(__file__).resolve().parent / "conversations"
_people = itertools.count(1)
_LOOSE = frozenset({"mock", "grade", "recommend", "daily"})


@dataclass(frozen=True)
class Turn:
    text: str
    intent: str
    topics: tuple[str, ...]
    aspect: str | None
    says: tuple[str, ...]

    def problems(self, reply: Reply) -> list[str]:
        wrong = []
        if reply.intent.value != self.intent:
            wrong.append(f"intent {reply.intent.value}")
        # A mock, grade, daily or recommend reply carries the question's or the pick's topic and aspect:
        # those are checked only where the line names them.
        loose = self.intent in _LOOSE
        if reply.topics != self.topics and not (loose and not self.topics):
            wrong.append(f"topics {list(reply.topics)}")
        if reply.aspect != self.aspect and not (loose and self.aspect is None):
            wrong.append(f"aspect {reply.aspect}")
        shown = " ".join(plaintext.render(reply).casefold().split())
        wrong += [f"does not say {s!r}" for s in self.says if s.casefold() not in shown]
        return wrong


def parse(line: str) -> Turn:
    text, _, spec = line.rpartition(" => ")
    spec, *says = spec.split("~~")
    tokens = spec.split()
    intent = tokens[0].partition(":")[0]
    topics = tuple(t for t in tokens[1:] if t[0].isalnum())
    aspect = next((t[1:] for t in tokens if t.startswith("@")), None)
    return Turn(text, intent, topics, aspect, tuple(s.strip() for s in says if s.strip()))


def batches() -> dict[str, list[list[Turn]]]:
    """Batch name -> conversations (a single message is a conversation of one turn)."""
    out: dict[str, list[list[Turn]]] = {}
    for path in sorted(HERE.glob("*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        convs = [[parse(line)] for line in data.get("messages", [])]
        convs += [[parse(line) for line in c["turns"]] for c in data.get("conversations", [])]
        out[path.stem] = convs
    return out


def run(bot: Prepbot, conversation: list[Turn]) -> list[str]:
    """Failures as `text -> problems`, each turn said by one fresh person in one place."""
    chat = Chat(bot, user=f"person{next(_people)}", channel=f"dm-{next(_people)}")
    out = []
    for turn in conversation:
        wrong = turn.problems(chat.say(turn.text))
        if wrong:
            out.append(f"{turn.text} -> {', '.join(wrong)}")
    return out


def known() -> set[str]:
    path = HERE / "known_failures.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


BATCHES = batches()


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_batch(prepbot: Prepbot, batch: str) -> None:
    failed: list[str] = []
    total = 0
    for conversation in BATCHES[batch]:
        total += len(conversation)
        failed += run(prepbot, conversation)
    listed = {k.partition(" -> ")[0] for k in known()}
    new = [f for f in failed if f.partition(" -> ")[0] not in listed]
    texts = {t.text for c in BATCHES[batch] for t in c}
    fixed = sorted(t for t in listed & texts if not any(f.startswith(t + " -> ") for f in failed))
    right = total - len(failed)
    print(f"{batch}: {right}/{total} turns right ({right / total:.0%})")
    assert not new, "new failures:\n" + "\n".join(new)
    assert not fixed, "passing now, take off known_failures.txt:\n" + "\n".join(fixed)


def test_parse_reads_every_part() -> None:
    turn = parse("what about jax? => unknown keras @deployment ~~ JAX ~~ I know")
    assert (turn.text, turn.intent, turn.topics, turn.aspect) == (
        "what about jax?",
        "unknown",
        ("keras",),
        "deployment",
    )
    assert turn.says == ("JAX", "I know")
