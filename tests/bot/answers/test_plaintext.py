from bot import plaintext
from bot.messages import Button, Field, Reply, Section, Table


def test_reply_reads_top_to_bottom_with_table_and_next_steps() -> None:
    reply = Reply(
        title="Alpha vs Beta",
        sections=(Section(text="Two tools.", heading="Overview", fields=(Field("Made by", "Acme"),)),),
        table=Table(columns=("Aspect", "Alpha", "Beta"), rows=(("Speed", "Fast", "Slow"),)),
        footer="Takeaway: pick Alpha for speed.",
        buttons=(
            Button("mock:alpha", "Quiz me"),
            Button("compare:alpha,beta", "Compare"),
            Button("model_answer:q1", "Show model answer"),
        ),
    )
    text = plaintext.render(reply)
    lines = text.splitlines()
    assert lines[0] == "Alpha vs Beta"
    assert "Overview\nTwo tools.\n• Made by: Acme" in text
    header = next(line for line in lines if line.startswith("Aspect"))
    row = next(line for line in lines if line.startswith("Speed"))
    assert header.index("Alpha") == row.index("Fast")  # columns line up
    assert header.index("Beta") == row.index("Slow")
    assert "Next: `mock alpha` · `compare alpha beta` · `show model answer`" in text
    assert text.index("Takeaway") > text.index("Speed")


def test_long_cells_wrap_inside_their_column() -> None:
    long = "a very long cell that goes on and on past the column width limit"
    text = plaintext.render_table(Table(columns=("Aspect", "X"), rows=(("Notes", long),)))
    assert all(len(line) <= plaintext.CELL_WIDTH * 2 + 3 for line in text.splitlines())
    lines = text.splitlines()
    assert len(lines) > 3  # the cell wrapped onto more lines
    column = " ".join(line.split(" | ", 1)[1].strip() for line in lines[2:])
    assert column == long


def test_control_and_bidi_characters_never_reach_the_output() -> None:
    reply = Reply(title="Hi\u202e there\x00", sections=(Section(text="py\u200btorch\x1b[31m"),))
    text = plaintext.render(reply)
    assert text.startswith("Hi there")
    assert "pytorch" in text
    assert not any(ch in text for ch in "\u202e\x00\u200b\x1b")
