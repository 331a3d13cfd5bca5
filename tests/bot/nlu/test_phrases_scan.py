"""No English phrase list in Python in bot/nlu/: the matcher's words live in bot/nlu/phrases/*.yaml.

The scan reads every module's syntax tree and flags a set, frozenset, list or tuple literal of three or
more plain lower-case words (or phrases). The few that remain are listed below with their reason; the
list may only shrink: an entry that no longer matches anything fails the test too, so it is removed
when its words move to the phrase tables."""

from __future__ import annotations

import ast
import re
from pathlib import Path

NLU = Path(__file__).resolve().parents[3] / "bot" / "nlu"
WORD = re.compile(r"[a-z][a-z'-]*(?: [a-z][a-z'-]*)*")

# module: first three words of the literal -> why it stays in code. May only shrink.
KNOWN: dict[str, str] = {
    "context.py: no nope sorry": "not moved yet: CONV2 edits this module (issue 13)",
    "lexicon.py: compare comparison comparing": "not moved yet (issue 13)",
    "lexicon.py: quiz me quiz mock interview": "not moved yet (issue 13)",
    "lexicon.py: in simple terms simple terms in simple words": "not moved yet (issue 13)",
    "lexicon.py: recommend recommendation recommendations": "not moved yet (issue 13)",
    "lexicon.py: i am looking": "not moved yet (issue 13)",
    "lexicon.py: what do you": "not moved yet (issue 13)",
    "lexicon.py: what is best": "not moved yet (issue 13)",
    "lexicon.py: what s best": "not moved yet (issue 13)",
    "lexicon.py: what is the": "not moved yet (issue 13)",
    "lexicon.py: what s the": "not moved yet (issue 13)",
    "lexicon.py: what to use": "not moved yet (issue 13)",
    "lexicon.py: what should i": "not moved yet (issue 13)",
    "lexicon.py: help me choose": "not moved yet (issue 13)",
    "lexicon.py: help me pick": "not moved yet (issue 13)",
    "lexicon.py: a an the": "not moved yet (issue 13)",
    "lexicon.py: i want to": "not moved yet (issue 13)",
    "lexicon.py: hey hi hello": "not moved yet (issue 13)",
    "lexicon.py: in optin back": "not moved yet (issue 13)",
    "lexicon.py: on off pause": "not moved yet (issue 13)",
    "lexicon.py: my answer is": "not moved yet (issue 13)",
    "lexicon.py: here is my": "not moved yet (issue 13)",
    "lexicon.py: here s my": "not moved yet (issue 13)",
    "lexicon.py: my final answer": "not moved yet (issue 13)",
    "lexicon.py: do not know": "not moved yet (issue 13)",
    "lexicon.py: i do not": "not moved yet (issue 13)",
    "lexicon.py: overview summary intro": "not moved yet (issue 13)",
    "lexicon.py: framework library lib": "not moved yet (issue 13)",
    "lexicon.py: made developed built": "not moved yet (issue 13)",
    "lexicon.py: is was are": "not moved yet (issue 13)",
    "matcher.py: prep prepbot ask": "not moved yet: CONV2 edits this module (issue 13)",
    "matcher.py: mock quiz interview": "not moved yet: CONV2 edits this module (issue 13)",
    "matcher.py: what whats who": "not moved yet: CONV2 edits this module (issue 13)",
    "matcher.py: what whats which": "not moved yet: CONV2 edits this module (issue 13)",
    "matcher.py: compare vs diff": "not moved yet: CONV2 edits this module (issue 13)",
    "matcher.py: recommend suggest pick": "not moved yet: CONV2 edits this module (issue 13)",
    "matcher.py: explain what define": "not moved yet: CONV2 edits this module (issue 13)",
    "matcher.py: vs versus v": "not moved yet: CONV2 edits this module (issue 13)",
    "matcher.py: the a an": "not moved yet: CONV2 edits this module (issue 13)",
    "normalize.py: ational ability ibility": "suffixes of the stemmer, not words",
    "rules.py: ing ed s": "suffixes",
    "rules.py: to with for": "not moved yet: CONV2 edits this module (issue 13)",
    "rules.py: all them everything": "not moved yet: CONV2 edits this module (issue 13)",
    "rules.py: what whats how": "not moved yet: CONV2 edits this module (issue 13)",
    "rules.py: mode level difficulty": "not moved yet: CONV2 edits this module (issue 13)",
    "rules.py: and or vs": "not moved yet: CONV2 edits this module (issue 13)",
    "rules.py: vs versus v": "not moved yet: CONV2 edits this module (issue 13)",
    "rules.py: is does can": "not moved yet: CONV2 edits this module (issue 13)",
    "rules.py: good best better": "not moved yet: CONV2 edits this module (issue 13)",
    "rules.py: but so and": "not moved yet: CONV2 edits this module (issue 13)",
}


def _word_lists(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Set | ast.List | ast.Tuple):
            continue
        texts = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(texts) >= 3 and len(texts) == len(node.elts) and all(WORD.fullmatch(t) for t in texts):
            found.append((node.lineno, f"{path.name}: {' '.join(texts[:3])}"))
    return found


def test_no_english_word_list_is_left_in_the_matcher_code() -> None:
    found = [(path, line, key) for path in sorted(NLU.glob("*.py")) for line, key in _word_lists(path)]
    new = [f"bot/nlu/{path.name}:{line}: {key}" for path, line, key in found if key not in KNOWN]
    assert not new, "word lists belong in bot/nlu/phrases/*.yaml:\n" + "\n".join(new)
    stale = sorted(set(KNOWN) - {key for _p, _l, key in found})
    assert not stale, "no longer in the code, remove from KNOWN:\n" + "\n".join(stale)


def test_the_scan_finds_a_word_list(tmp_path: Path) -> None:
    path = tmp_path / "sample.py"
    path.write_text('JOINERS = frozenset({"vs", "versus", "v"})\nPAIR = ("a", "b")\nMIXED = ["x", "y", 3]\n')
    assert _word_lists(path) == [(1, "sample.py: vs versus v")]
