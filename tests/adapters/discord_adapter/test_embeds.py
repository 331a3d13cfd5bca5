"""The embed renderer: what a Discord user sees, within every Discord size limit (D6, D7)."""

from __future__ import annotations

from typing import Any

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord import limits
from adapters.discord.embeds import render
from adapters.discord.responder import send_kwargs
from bot.messages import Button, Field, Reply, Section, Table

COMPARISON = Reply(
    title="PyTorch vs Keras",
    sections=(Section(text="Both are deep-learning frameworks."),),
    table=Table(
        columns=("Aspect", "PyTorch", "Keras"),
        rows=(("Ease of Use", "Pythonic", "Easiest"), ("Deployment", "TorchServe", "Via TensorFlow")),
    ),
    footer="Takeaway: pick PyTorch for research.",
    buttons=(Button("mock:pytorch", "Quiz me on PyTorch"), Button("mock:keras", "Quiz me on Keras")),
)


def embed_size(embed: dict[str, Any]) -> int:
    return len(discord.Embed.from_dict(embed))


def test_comparison_reads_as_title_description_inline_fields_and_footer() -> None:
    [payload] = render(COMPARISON)
    [embed] = payload["embeds"]
    assert embed["title"] == "PyTorch vs Keras"
    assert embed["description"] == "Both are deep-learning frameworks."
    assert [f["name"] for f in embed["fields"]] == ["Ease of Use", "Deployment"]
    assert all(f["inline"] for f in embed["fields"])
    assert embed["fields"][1]["value"] == "**PyTorch**: TorchServe\n**Keras**: Via TensorFlow"
    assert embed["footer"]["text"] == "Takeaway: pick PyTorch for research."


def test_buttons_become_one_row_with_prepbot_custom_ids() -> None:
    [payload] = render(COMPARISON)
    [row] = payload["components"]
    assert [(b["label"], b["custom_id"]) for b in row["components"]] == [
        ("Quiz me on PyTorch", "prepbot:mock:pytorch"),
        ("Quiz me on Keras", "prepbot:mock:keras"),
    ]


def test_at_most_five_buttons_a_row_five_rows_no_duplicate_or_oversized_ids() -> None:
    buttons = tuple(Button(f"explain:t{i}", f"T{i}") for i in range(30))
    buttons += (Button("explain:t0", "again"), Button("x" * 120, "too long"))
    [payload] = render(Reply(title="many", buttons=buttons))
    rows = payload["components"]
    ids = [b["custom_id"] for row in rows for b in row["components"]]
    assert len(rows) == 5 and all(len(row["components"]) == 5 for row in rows)
    assert len(ids) == len(set(ids)) == 25
    assert all(len(i) <= 100 for i in ids)


def test_styles_map_to_discord_button_styles() -> None:
    [payload] = render(
        Reply(
            title="t",
            buttons=(
                Button("hint", "Hint", "primary"),
                Button("stop", "Stop", "danger"),
                Button("skip", "Skip"),
            ),
        )
    )
    styles = [b["style"] for b in payload["components"][0]["components"]]
    assert styles == [
        discord.ButtonStyle.primary.value,
        discord.ButtonStyle.danger.value,
        discord.ButtonStyle.secondary.value,
    ]


def test_user_text_never_pings() -> None:
    reply = Reply(title="@everyone", sections=(Section(text="@here <@&123> <@456> hi"),))
    [payload] = render(reply)
    assert payload["allowed_mentions"] == {"parse": []}
    assert send_kwargs(payload)["allowed_mentions"].to_dict() == {"parse": []}


def test_a_long_title_and_field_are_cut_with_a_visible_ellipsis() -> None:
    reply = Reply(title="T" * 300, sections=(Section(fields=(Field("N" * 300, "V" * 2000),)),))
    embed = render(reply)[0]["embeds"][0]
    assert len(embed["title"]) == 256 and embed["title"].endswith("…")
    assert len(embed["fields"][0]["name"]) == 256 and embed["fields"][0]["name"].endswith("…")
    assert len(embed["fields"][0]["value"]) == 1024 and embed["fields"][0]["value"].endswith("…")


def test_a_long_answer_continues_in_more_embeds_then_more_messages() -> None:
    paragraphs = tuple(Section(text=f"Paragraph {i}. " + "word " * 300) for i in range(8))
    payloads = render(Reply(title="Long", sections=paragraphs, buttons=(Button("next", "Next"),)))
    text = "".join(e.get("description", "") for p in payloads for e in p["embeds"])
    assert len(payloads) > 1
    assert "Paragraph 0." in text and "Paragraph 7." in text
    assert payloads[0]["components"] == [] and payloads[-1]["components"], "buttons ride on the last message"


def test_a_huge_answer_is_cut_and_says_so() -> None:
    payloads = render(Reply(title="Huge", sections=(Section(text="x " * 100_000),)))
    last = payloads[-1]["embeds"][-1]
    assert "answer cut" in last["footer"]["text"] and last["footer"]["text"].startswith("…")


def test_a_reply_with_nothing_in_it_still_sends_a_visible_embed() -> None:
    [payload] = render(Reply(title=""))
    assert payload["embeds"][0]["description"] == "…"


def test_send_kwargs_rebuild_embeds_and_a_button_view() -> None:
    kwargs = send_kwargs(render(COMPARISON)[0])
    assert kwargs["embeds"][0].title == "PyTorch vs Keras"
    assert [item.custom_id for item in kwargs["view"].children] == [
        "prepbot:mock:pytorch",
        "prepbot:mock:keras",
    ]
    assert kwargs["view"].timeout is None


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=3000)
fields = st.builds(Field, texts, texts, st.booleans())
sections = st.builds(Section, texts, texts, st.lists(fields, max_size=30).map(tuple))
tables = st.builds(
    Table,
    st.lists(texts, min_size=1, max_size=4).map(tuple),
    st.lists(st.lists(texts, max_size=4).map(tuple), max_size=40).map(tuple),
)
replies = st.builds(
    Reply,
    title=texts,
    sections=st.lists(sections, max_size=8).map(tuple),
    table=st.none() | tables,
    footer=texts,
    buttons=st.lists(st.builds(Button, texts, texts), max_size=30).map(tuple),
)


@settings(max_examples=120, deadline=None)
@given(replies)
def test_every_payload_is_within_discord_limits(reply: Reply) -> None:
    payloads = render(reply)
    assert len(payloads) >= 1
    for payload in payloads:
        embeds = payload["embeds"]
        assert 1 <= len(embeds) <= limits.EMBEDS_PER_MESSAGE
        assert sum(embed_size(e) for e in embeds) <= limits.EMBED_TOTAL
        assert len(payload.get("content") or "") <= limits.CONTENT
        for embed in embeds:
            assert len(embed.get("title", "")) <= limits.EMBED_TITLE
            assert len(embed.get("description", "")) <= limits.EMBED_DESCRIPTION
            assert len(embed.get("fields", [])) <= limits.EMBED_FIELDS
            assert len(embed.get("footer", {}).get("text", "")) <= limits.FOOTER
            for item in embed.get("fields", []):
                assert 1 <= len(item["name"]) <= limits.FIELD_NAME
                assert 1 <= len(item["value"]) <= limits.FIELD_VALUE
            assert embed_size(embed) > 0
        assert len(payload["components"]) <= limits.ROWS
        for row in payload["components"]:
            assert len(row["components"]) <= limits.BUTTONS_PER_ROW
            for button in row["components"]:
                assert len(button["custom_id"]) <= limits.CUSTOM_ID
                assert 1 <= len(button["label"]) <= limits.BUTTON_LABEL
