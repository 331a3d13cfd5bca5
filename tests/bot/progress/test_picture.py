"""`progress` answers with the figures, a compact text chart and a PNG that shows them: decoded with
Pillow, each topic's bar is as long as its average in its own colour, the practised days are green
in the streak calendar, and the PNG's text chunks carry the same figures. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import UTC, date, datetime, timedelta

from PIL import Image

from bot import plaintext
from bot.app import Prepbot
from bot.messages import Reply
from bot.progress import picture
from tests.bot.daily.conftest import FakeClock, message


def _answer(bot: Prepbot, user: str, question_id: str, score: int, at: datetime) -> None:
    question = next(q for q in bot.bank.questions if q.id == question_id)
    bot.stores.practice.record_answer(f"slack:{user}", question, score, at, place="slack:T1:C1:")


def _progress(bot: Prepbot, text: str = "progress", user: str = "ana", admin: bool = False) -> Reply:
    reply = asyncio.run(bot.handle(message("D1", text, user=user, direct=True, admin=admin)))
    assert reply is not None
    return reply


def _history(bot: Prepbot, clock: FakeClock) -> tuple[date, date]:
    """Ana: alpha 90 and 70 (average 80) on Monday, beta 40 on Wednesday; Bob: beta 100 on Wednesday."""
    monday = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    _answer(bot, "ana", "curated:alpha:1", 90, monday)
    _answer(bot, "ana", "curated:alpha:2", 70, monday)
    _answer(bot, "ana", "curated:beta:4", 40, monday + timedelta(days=2))
    _answer(bot, "bob", "curated:beta:3", 100, monday + timedelta(days=2))
    clock.current = monday + timedelta(days=2, hours=2)
    return monday.date(), (monday + timedelta(days=2)).date()


def _image(reply: Reply) -> tuple[Image.Image, dict[str, object]]:
    [png] = [a for a in reply.attachments if a.mime == "image/png"]
    image = Image.open(io.BytesIO(png.data))
    image.load()
    chunks = {
        k.removeprefix("prepbot:"): json.loads(v)
        for k, v in image.info.items()
        if isinstance(k, str) and k.startswith("prepbot:")
    }
    return image.convert("RGB"), chunks


def _bar_end(image: Image.Image, y: int, colour: tuple[int, int, int]) -> int:
    """The last x of the run of `colour` starting at the bars' left edge on row y (-1: none)."""
    x = picture.BAR_X
    while x < image.width and image.getpixel((x, y)) == colour:
        x += 1
    return x - 1


def test_my_picture_shows_a_bar_per_topic_as_long_as_its_average(bot: Prepbot, clock: FakeClock) -> None:
    monday, wednesday = _history(bot, clock)
    reply = _progress(bot)
    image, chunks = _image(reply)
    assert image.width == picture.WIDTH and image.height > 300
    assert chunks["topics"] == {"Alpha": 80.0, "Beta": 40.0} and chunks["streak"] == 1
    assert chunks["days"] == [monday.isoformat(), wednesday.isoformat()]

    # Find each topic's bar by its colour on the rows below the heading: Alpha (most answered) first.
    found: dict[tuple[int, int, int], int] = {}
    for y in range(picture.TITLE_H, image.height):
        colour = image.getpixel((picture.BAR_X, y))
        if colour in picture.PALETTE[:2] and colour not in found:
            found[colour] = _bar_end(image, y + picture.BAR_H // 2, colour) - picture.BAR_X + 1
    alpha, beta = found[picture.PALETTE[0]], found[picture.PALETTE[1]]
    assert abs(alpha - 0.8 * picture.BAR_W) <= 2 and abs(beta - 0.4 * picture.BAR_W) <= 2

    summary = picture.summarise("x", bot_attempts(bot, "slack:ana"), {}, wednesday)
    for day, practised in ((monday, True), (monday + timedelta(days=1), False), (wednesday, True)):
        box = picture.calendar_cell(summary, day)
        assert box is not None
        centre = ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)
        assert image.getpixel(centre) == (picture.PRACTISED_DAY if practised else picture.EMPTY_DAY)

    text = plaintext.render(reply)
    assert "Chart" in text and "Alpha" in text and "█" * 16 + "░" * 4 in text  # 80/100 of 20 cells


def bot_attempts(bot: Prepbot, user_key: str) -> list:  # type: ignore[type-arg]
    from bot.storage.personal_data import PersonalData

    return PersonalData(bot.stores.db).attempts(user_key=user_key)


def test_the_team_picture_is_for_admins_and_counts_everyone(bot: Prepbot, clock: FakeClock) -> None:
    _history(bot, clock)
    refused = _progress(bot, "progress team", user="eve")
    assert refused.title == "Admins only" and not refused.attachments
    reply = _progress(bot, "progress team", user="boss")
    chunks = _image(reply)[1]
    assert chunks["topics"] == {"Alpha": 80.0, "Beta": 70.0}  # Beta: Ana's 40 and Bob's 100
    assert "4 answers from 2 people" in plaintext.render(reply)


def test_without_pillow_the_text_chart_stands_alone(
    bot: Prepbot, clock: FakeClock, monkeypatch: object
) -> None:
    import sys

    _history(bot, clock)
    monkeypatch.setitem(sys.modules, "PIL", None)  # type: ignore[attr-defined]
    reply = _progress(bot)
    assert not reply.attachments
    assert "By topic" in plaintext.render(reply) and "Last 4 weeks" in plaintext.render(reply)


def test_the_weekly_digest_carries_the_team_picture(bot: Prepbot, clock: FakeClock, channel_id: str) -> None:
    from bot.daily.scheduler import DailyScheduler
    from tests.bot.daily.conftest import RecordingPoster
    from tests.bot.progress.test_personal_data import MONDAY_0900, _two_people_answered

    _two_people_answered(bot, clock, channel_id)
    poster = RecordingPoster()
    clock.current = MONDAY_0900 + timedelta(days=7)
    asyncio.run(DailyScheduler(bot.stores, bot.bank.questions, poster, clock).tick())
    [digest] = [reply for _c, reply, key in poster.posts if key.endswith(":digest")]
    assert "Weekly study digest" in plaintext.render(digest)
    image, chunks = _image(digest)
    assert chunks["title"] == "Team progress" and chunks["days"] == ["2026-01-05"]
    [(topic, average)] = chunks["topics"].items()  # type: ignore[attr-defined]
    assert topic in {"alpha", "beta"} and 0 < average < 100  # Ana's good answer and Bob's poor one
    bar = image.getpixel((picture.BAR_X + 2, picture.TITLE_H + picture.HEAD_H + picture.ROW_H // 2))
    assert bar == picture.PALETTE[0]
