"""Plain English word lists the matcher needs: function words it ignores when comparing phrases,
and everyday words it must never "correct" into a topic name (a typo fixer that turns "years"
into "lens" is worse than none)."""

from __future__ import annotations

from bot.nlu import phrases

# The words themselves are data: bot/nlu/phrases/english.yaml.
STOPWORDS: frozenset[str] = phrases.words("english", "stopwords")
COMMON: frozenset[str] = STOPWORDS | phrases.words("english", "everyday")
# Tokens that end a "for <need>" clause rather than belong to it.
CLAUSE_BREAKS: frozenset[str] = phrases.words("english", "clause_breaks")
