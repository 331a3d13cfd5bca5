"""One timed interview round of five questions, played the same way on every platform: a follow-up,
a hint, a late answer, a skip, (optionally) a restart, and the scorecard. Each platform test gives
`say` (send a line as the person, get back what they read) and how to find their session."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.app import Prepbot
from knowledge.model import Question
from tests.fakes import FakeClock


@dataclass
class Player:
    say: Callable[[str], Awaitable[str]]
    bot: Callable[[], Prepbot]  # the bot now serving (a restart swaps it)
    user_key: str
    channel_key: str
    clock: FakeClock
    restart: Callable[[], Awaitable[None]] | None = None

    def pending(self) -> Question:
        session = self.bot().stores.practice.get_session(self.user_key, self.channel_key)
        assert session is not None and session.question_id, "no question waiting"
        question = self.bot().bank.get(session.question_id)
        assert question is not None
        return question


def flat(text: str) -> str:
    """What a person reads, without markup, line breaks or table padding."""
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return re.sub(r"\s+", " ", re.sub(r"[*`_|]|-{3,}|\+", " ", text)).strip()


async def play(p: Player) -> str:
    """Play the round; returns the scorecard as read. Asserts what the person reads at each step."""
    said = flat(await p.say("followups always"))
    assert "Follow-ups: always" in said

    said = flat(await p.say("mock interview 5 hard 2"))
    assert "Timed interview: 5 questions, 2 minutes each" in said and "Question 1 of 5" in said
    first = p.pending()
    assert first.text in flat(said) or flat(first.text) in said

    # 1: partly right after a minute -> scored, on time, and the follow-up asked at once
    p.clock.advance(minutes=1)
    said = flat(await p.say(". ".join(first.key_points[:-1]) + "."))
    score = int(re.search(r"Score: (\d+)/100", said).group(1))  # type: ignore[union-attr]
    assert 35 <= score < 80, said
    assert "Answered in 1:00 (limit 2:00)" in said and "You didn't mention" in said
    missed = first.key_points[-1]
    said = flat(await p.say(f"It also comes down to {missed}, which is why teams rely on it there."))
    assert "Follow-up" in said and f"On what you missed: {flat(missed)}" in said

    # 2: a hint, then a late answer: graded, and marked late
    said = flat(await p.say("next"))
    assert "Question 2 of 5" in said
    second = p.pending()
    said = flat(await p.say("hint"))
    assert "Hint 1 of" in said
    p.clock.advance(minutes=3)
    said = flat(await p.say(second.model_answer))
    assert re.search(r"Score: \d+/100 · late", said) and "Late: answered in 3:00, the limit was 2:00" in said
    assert "Hints used: 1." in said

    # 3: skipped: the model answer is shown and question 4 is put
    said = flat(await p.say("next"))
    assert "Question 3 of 5" in said
    third = p.pending()
    said = flat(await p.say("skip"))
    assert "Skipped" in said and flat(third.model_answer) in said and "Question 4 of 5" in said

    if p.restart is not None:  # the round lives in the database
        await p.restart()
        assert p.pending().id != third.id

    # 4 and 5, then the scorecard
    said = flat(await p.say("no idea at all"))
    assert "Score: 0/100" in said
    said = flat(await p.say("next"))
    assert "Question 5 of 5" in said
    fifth = p.pending()
    said = flat(await p.say(fifth.model_answer))
    assert "Say next for the scorecard" in said
    card = flat(await p.say("next"))
    assert "Round complete: scorecard" in card
    for shown in (
        "Questions 5 of 5",
        "Answered 4",
        "Late 1",
        "Skipped 1",
        "1b. Follow-up",
        "(late)",
        "skipped",
        "0/100",
        "1 hint",
        "Strengths",
        "Gaps by topic and aspect",
        "Review next",
    ):
        assert shown in card.replace(":", ""), (shown, card)
    assert flat(third.text) in card  # skipped: to review next
    assert p.bot().stores.practice.get_session(p.user_key, p.channel_key) is None
    return card
