"""Every number the matcher decides by, in one place (scores are 0-100)."""

from __future__ import annotations

MAX_CHARS = 4000  # text the matcher reads at most (rapidfuzz cost grows with length)
MAX_PHRASE_WORDS = 5  # longest phrase looked up as one unit
MIN_FUZZY_LEN = 3  # words shorter than this are never typo-corrected
SAME_START = 4  # a long lexicon word ("compare") corrects two typos only if the first letters agree
CORRECTION_CACHE = 20_000  # typo corrections remembered per matcher
MAX_REPAIRS = 40  # unfamiliar words looked up per message; the rest stay unknown (bounds long gibberish)
COMMAND_RATIO = 86  # whole-message similarity for a short command ("hlep" -> help)
COMMAND_MAX_WORDS = 7  # longer messages are never read as a bare command
SUGGEST_RATIO = 80  # did-you-mean: a word this close to a topic name (WRatio) is suggested
MAX_SUGGESTIONS = 3
UNKNOWN_WORD_MIN_LEN = 4  # an unknown word this long next to a topic names something else
LABEL_RATIO = 88  # a knowledge-base aspect label this close to a lexicon concept name adopts it

# Aspect evidence: a phrase scores its weight per word; the best-scoring aspect wins.
LABEL_WEIGHT = 3.0  # the knowledge base's own label, id or alias
PHRASE_WEIGHT = 2.0  # a lexicon phrasing of several words
WORD_WEIGHT = 1.0  # a single lexicon word ("!" phrases weigh 2 x LABEL_WEIGHT, "?" ones WORD_WEIGHT / 2)
SECONDARY_CONCEPT = 0.75  # weight factor of a concept a label adopts besides its main one
LABEL_WORD_WEIGHT = 1.5  # one distinctive word of a label ("bundle" of "Bundle Size")
MIN_CELL_WORDS = 2  # table-cell words (counted per topic) it takes to suggest their row
TOPICLESS_ASPECT = 4.0  # an aspect question naming no topic needs a phrase, not one loose word
SHORT_VS = 5  # words at most in a bare "a vs b (vs c)", which counts as a request, not a statement
SMALL_TALK_WORDS = 4  # a shorter statement ("inkwell rocks") still counts as about the topic

# Confidence of each kind of reading.
CONF_SLASH = 98
CONF_COMMAND = 95
CONF_EXACT = 92
CONF_FUZZY_PENALTY = 8  # per corrected word
CONF_DESCRIPTOR = 75
CONF_NO_TOPIC = 55
CONF_UNKNOWN = 20


PREFIX_SHARE = 0.6  # "mongo" stands for "mongodb": a prefix this share of a one-word topic name


def max_word_edits(length: int) -> int:
    """Typos tolerated in an ordinary word (not a name) of this length."""
    if length < MIN_FUZZY_LEN:
        return 0
    return 1 if length <= 8 else 2


def max_edits(length: int) -> int:
    """Typos tolerated in a name of this length (OSA distance: a swap counts as one)."""
    if length < MIN_FUZZY_LEN:
        return 0
    if length <= 6:
        return 1
    return 2 if length <= 10 else 3
