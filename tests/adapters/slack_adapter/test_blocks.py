"""The Block Kit renderer: what a Slack user sees, escaping, and Slack's size limits (T8, T9)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.slack import blocks
from adapters.slack.blocks import render, render_messages
from adapters.slack.mrkdwn import chunks, fit, units
from bot.messages import Button, Field, Reply, Section, Table

INJECTION = "@everyone @here <!channel> <!here> <!subteam^S1> <@U2> *bold* ``` [x](http://evil) &amp; <http://evil|click>"


def all_texts(payload: dict[str, Any]) -> list[str]:
    found = [payload["text"]]
    for block in payload["blocks"]:
        if isinstance(block.get("text"), dict):
            found.append(block["text"]["text"])
        for item in block.get("fields", []):
            found.append(item["text"])
        for item in block.get("elements", []):
            found.append(item["text"] if isinstance(item["text"], str) else item["text"]["text"])
    return found


def comparison() -> Reply:
    return Reply(
        title="PyTorch vs Keras",
        sections=(Section(text="Both are **deep learning** libraries."),),
        table=Table(
            columns=("Aspect", "PyTorch", "Keras"),
            rows=(
                ("Ease of use", "Pythonic, explicit", "Very easy, high level"),
                ("API type", "Imperative", "Declarative"),
            ),
        ),
        footer="Pick Keras to start fast.",
        buttons=(
            Button("mock:pytorch", "Quiz me on PyTorch", "primary"),
            Button("mock:keras", "Quiz me on Keras"),
        ),
    )


def test_a_comparison_reads_as_header_rows_of_fields_footer_and_buttons() -> None:
    payload = render(comparison())
    kinds = [block["type"] for block in payload["blocks"]]
    assert kinds == ["header", "section", "section", "section", "context", "actions"]
    assert payload["blocks"][0]["text"]["text"] == "PyTorch vs Keras"
    assert payload["blocks"][1]["text"]["text"] == "Both are *deep learning* libraries."
    row = payload["blocks"][2]
    assert row["text"]["text"] == "*Ease of use*"
    assert [f["text"] for f in row["fields"]] == [
        "*PyTorch*\nPythonic, explicit",
        "*Keras*\nVery easy, high level",
    ]
    assert payload["blocks"][4]["elements"][0]["text"] == "Pick Keras to start fast."
    buttons = payload["blocks"][5]["elements"]
    assert [(b["action_id"], b["value"], b["text"]["text"]) for b in buttons] == [
        ("prepbot:mock:pytorch", "mock:pytorch", "Quiz me on PyTorch"),
        ("prepbot:mock:keras", "mock:keras", "Quiz me on Keras"),
    ]
    assert buttons[0]["style"] == "primary" and "style" not in buttons[1]
    assert "PyTorch vs Keras" in payload["text"] and "Ease of use" in payload["text"]


def test_section_fields_come_ten_per_block_and_duplicate_buttons_once() -> None:
    reply = Reply(
        title="Facts",
        sections=(Section(heading="Keras", fields=tuple(Field(f"name{i}", f"value{i}") for i in range(23))),),
        buttons=(Button("hint", "Hint"), Button("hint", "Hint again"), Button("skip", "Skip")),
    )
    payload = render(reply)
    sections = [b for b in payload["blocks"] if b["type"] == "section" and "fields" in b]
    assert [len(b["fields"]) for b in sections] == [10, 10, 3]
    actions = next(b for b in payload["blocks"] if b["type"] == "actions")["elements"]
    assert [b["action_id"] for b in actions] == ["prepbot:hint", "prepbot:skip"]


def test_user_text_cannot_ping_or_inject_markup() -> None:
    reply = Reply(
        title=INJECTION,
        sections=(Section(heading=INJECTION, text=INJECTION, fields=(Field(INJECTION, INJECTION),)),),
        table=Table(("Aspect", INJECTION), ((INJECTION, INJECTION),)),
        footer=INJECTION,
        buttons=(Button("hint", INJECTION),),
    )
    for payload in render_messages(reply):
        for text in all_texts(payload):
            assert "<!" not in text and "<@" not in text and "<http" not in text
            assert re.search(r"&(?!amp;|lt;|gt;)", text) is None, text
        assert "&lt;!channel&gt;" in payload["text"]


@pytest.mark.parametrize("size", [blocks.SECTION_TEXT - 1, blocks.SECTION_TEXT, blocks.SECTION_TEXT + 1])
def test_section_text_at_the_limit_stays_whole_or_splits_without_loss(size: int) -> None:
    text = "a" * size
    payloads = render_messages(Reply(title="", sections=(Section(text=text),)))
    pieces = [b["text"]["text"] for p in payloads for b in p["blocks"]]
    assert all(units(piece) <= blocks.SECTION_TEXT for piece in pieces)
    assert "".join(pieces) == text


def test_cutting_never_splits_an_entity_an_emoji_or_a_combining_mark() -> None:
    raw = "&" * 10 + "😀" * 10 + "e\u0301" * 10
    for limit in range(1, 60):
        cut = fit(raw, limit)
        assert units(cut) <= limit
        assert not re.search(r"&(?!amp;)", cut)
        assert "\u0301" not in cut[:1]
        for piece in chunks(raw, max(limit, 6)):
            assert units(piece) <= max(limit, 6)
            assert not piece.startswith("\u0301")


def test_an_overlong_reply_is_split_into_messages_within_limits_with_nothing_lost() -> None:
    paragraphs = tuple(Section(text=f"paragraph {i} " + "word " * 500) for i in range(40))
    payloads = render_messages(Reply(title="Long", sections=paragraphs, buttons=(Button("next", "Next"),)))
    assert len(payloads) > 1
    for payload in payloads:
        assert_within_limits(payload)
    assert payloads[0]["blocks"][0]["type"] == "header"
    assert payloads[-1]["blocks"][-1]["type"] == "actions"
    joined = " ".join(b["text"]["text"] for p in payloads for b in p["blocks"] if b["type"] == "section")
    assert all(f"paragraph {i} " in joined for i in range(40))


def assert_within_limits(payload: dict[str, Any]) -> None:
    assert 1 <= len(payload["blocks"]) <= blocks.MAX_BLOCKS
    assert 0 < units(payload["text"]) <= blocks.MAX_TEXT
    total = 0
    for block in payload["blocks"]:
        if block["type"] == "header":
            assert units(block["text"]["text"]) <= blocks.HEADER_TEXT
        if block["type"] == "section":
            if "text" in block:
                assert units(block["text"]["text"]) <= blocks.SECTION_TEXT
            assert len(block.get("fields", [])) <= blocks.FIELDS_PER_SECTION
            assert all(units(f["text"]) <= blocks.FIELD_TEXT for f in block.get("fields", []))
            assert "text" in block or block.get("fields")
        if block["type"] == "actions":
            assert all(units(b["text"]["text"]) <= blocks.BUTTON_TEXT for b in block["elements"])
    total = sum(units(t) for t in all_texts(payload)[1:])
    assert total <= blocks.MAX_MARKDOWN
    assert len(json.dumps(payload)) < 200_000


TEXT = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    [
        "",
        "😀" * 3000,
        "漢字" * 4000,
        "مرحبا " * 3000,
        "&<>" * 5000,
        "e\u0301" * 6000,
        INJECTION * 50,
        "x" * 100_000,
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, text=TEXT, cell=TEXT, footer=TEXT, label=TEXT, rows=st.integers(0, 80))
def test_any_reply_renders_within_slacks_limits(
    title: str, text: str, cell: str, footer: str, label: str, rows: int
) -> None:
    reply = Reply(
        title=title,
        sections=(Section(heading=label, text=text, fields=(Field(label, cell),)),),
        table=Table(("Aspect", "A", "B"), tuple((label, cell, text[:50]) for _ in range(rows))),
        footer=footer,
        buttons=(Button("hint", label),),
    )
    for payload in render_messages(reply):
        assert_within_limits(payload)
        for piece in all_texts(payload):
            assert "<!" not in piece
            assert not any(0xD800 <= ord(c) <= 0xDFFF for c in piece)


def _mrkdwn_objects(payload: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for block in payload["blocks"]:
        candidates = [block.get("text"), *block.get("fields", []), *block.get("elements", [])]
        found += [c for c in candidates if isinstance(c, dict) and c.get("type") == "mrkdwn"]
    return found


def test_broadcasts_and_bare_urls_from_a_document_reach_slack_as_text() -> None:
    """Literal @here / @everyone / @channel and bare URLs (knowledge text) must not ping or link:
    every mrkdwn object is `verbatim`, and the fallback text carries a word joiner after the @."""
    said = "Ping @here and @everyone or @channel, see https://example.com/docs and www.example.org"
    reply = Reply(
        title="Notes @here",
        sections=(Section(text=said, heading="@everyone"), Section(text="", fields=(Field("@here", said),))),
        table=Table(("Tool", "Site"), (("@channel", "https://example.com"),)),
        footer=said,
    )
    for payload in render_messages(reply):
        objects = _mrkdwn_objects(payload)
        assert objects and all(o["verbatim"] is True for o in objects)
        assert not re.search(r"(?<![\w.])@(here|everyone|channel)\b", payload["text"])
        assert "@\u2060here" in payload["text"] and "https://example.com/docs" in payload["text"]
    assert "a@channel.com" in render(Reply(title="mail a@channel.com"))["text"]
