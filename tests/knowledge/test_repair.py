"""Text repair: the seed's Mac Roman mojibake is undone, clean text is never damaged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.repair import first_repaired_line, repair


def test_seed_text_is_repaired(seeds: Path) -> None:
    raw = next(seeds.iterdir()).read_text(encoding="utf-8")
    fixed = repair(raw)
    assert "🔷 **1. TensorFlow**" in fixed
    assert "“TensorFlow is an open-source" in fixed
    assert "Fran\u00e7ois Chollet" in fixed
    assert "I’ve used both" in fixed
    assert "‚Äú" not in fixed and "√" not in fixed
    assert fixed.count("\n") == raw.count("\n")  # line numbers survive
    assert first_repaired_line(raw, fixed) == 1


@pytest.mark.parametrize(
    "clean",
    [
        "plain ascii text\nwith lines",
        "café, naïve, Zürich — “quoted” ‘text’",
        "emoji 🔷 🧠 ✅ and CJK 深度学习",
        "maths: √2 ≈ 1.414, ∑ and ∂",
        "ÀÉÎÕÜ àéîõü ß æ ø å",
    ],
)
def test_clean_text_is_left_alone(clean: str) -> None:
    assert repair(clean) == clean
    assert first_repaired_line(clean, repair(clean)) is None


def test_latin1_mojibake_falls_back_to_ftfy() -> None:
    broken = "The cafÃ© serves crÃ¨me brÃ»lÃ©e"
    assert repair(broken) == "The café serves crème brûlée"


def test_only_broken_lines_are_repaired_when_the_whole_text_does_not_round_trip() -> None:
    text = "clean line with emoji 🔷\n" + "Fran√ßois wrote it\n"
    assert repair(text) == "clean line with emoji 🔷\nFrançois wrote it\n"
    assert first_repaired_line(text, repair(text)) == 2


@given(st.text(min_size=1).filter(lambda t: not t.isascii()))
def test_any_utf8_text_read_as_mac_roman_comes_back(original: str) -> None:
    mojibake = original.encode("utf-8").decode("mac_roman")
    assert repair(mojibake) == original
