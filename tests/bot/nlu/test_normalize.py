"""Normalisation: what the matcher sees of a raw chat message."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.nlu.limits import MAX_CHARS
from bot.nlu.normalize import clean, normalize, phrase, stem


def test_fullwidth_zero_width_and_bidi_fold_to_plain_words() -> None:
    assert normalize("ｐｙｔｏｒｃｈ").words == ("pytorch",)
    assert normalize("py\u200btorch").words == ("pytorch",)
    assert normalize("\u202epytorch\u202c\u2066").words == ("pytorch",)
    assert normalize("\ufeffPyTorch\x00\x07").words == ("pytorch",)


def test_case_accents_and_emoji() -> None:
    assert normalize("François Chollet 🤖🔥").words == ("francois", "chollet")
    assert normalize("KERAS").words == ("keras",)
    assert normalize("Straße").words == ("strasse",)


def test_typed_at_names_and_shortcodes_are_dropped() -> None:
    # Platform markup (<@U1>, <#C1|x>) is each adapter's to strip (tests/adapters/*/test_inbound.py).
    assert normalize("@ana :tada: compare tf").words == ("compare", "tf")


def test_contractions_and_possessives() -> None:
    assert normalize("what's Google's framework").words == ("what", "s", "google", "s", "framework")
    assert normalize("I'm done, don't stop").words == ("i", "am", "done", "do", "not", "stop")


def test_dotted_and_symbol_names_stay_whole() -> None:
    assert normalize("tf.keras vs c++ and c#").words == ("tf.keras", "vs", "c++", "and", "c#")


def test_question_mark_and_capitals_are_recorded() -> None:
    n = normalize("Is Go fast?")
    assert n.question is True
    assert n.cased == (True, True, False)
    assert normalize("Go fast").question is False


def test_clauses_and_sentences() -> None:
    n = normalize("Hi! I'm new. Which one, tf or torch?")
    assert n.sentences == (0, 1, 1, 1, 2, 2, 2, 2, 2)
    assert n.clauses == (0, 1, 1, 1, 2, 2, 3, 3, 3)
    assert normalize("high-level api").clauses == (0, 0, 0)


def test_text_is_capped() -> None:
    assert len(clean("a" * (MAX_CHARS * 10))) == MAX_CHARS


def test_stem_joins_word_families() -> None:
    assert len({stem(w) for w in ("scale", "scaling", "scalable", "scalability")}) == 1
    assert stem("deployment") == stem("deploying") == stem("deploy")
    assert stem("easier") == stem("easy")


def test_phrase_uses_the_same_rules_as_messages() -> None:
    assert phrase("Ease of Use") == ("ease", "of", "use")
    assert phrase("tf.keras") == normalize("TF.Keras").words


@given(st.text(max_size=300))
def test_any_text_normalises_without_control_or_bidi_characters(text: str) -> None:
    n = normalize(text)
    assert len(n.cased) == len(n.words) == len(n.clauses) == len(n.sentences)
    for char in "\u200b\u202e\u2066\ufeff\x00":
        assert char not in n.text
