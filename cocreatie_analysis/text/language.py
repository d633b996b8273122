"""Which language residents wrote in: Dutch or English, decided from their own texts.

A Pol.is export says nothing about its language, yet the report language and the text processing (stop
words, stemming, sentiment) depend on it: a Dutch conversation read as English gets an English report and
English stop words. ``detect_language`` decides between the two languages the project supports (``nl``,
``en``) and says how sure it is, so an importer can state which it chose and why, and a user can override it.

How: every text is scored as a bag of words against the word-frequency lists of the ``wordfreq`` package
(large, curated lists built from subtitles, Wikipedia, books, web and social-media text; shipped with the
package, nothing is downloaded; read on first use). The log-likelihood of a text under a language is the sum
over its words of log10 of the word's frequency in that language (a word the list does not know counts as one
in 300 million), a unigram naive-Bayes classifier. Common words carry the decision ("de", "het", "een",
"niet" against "the", "and", "not"); names and numbers weigh little because they are rare, or equally rare,
in both lists.

German is scored too, though the project does not support it. Dutch and German share many words, and a
German conversation must not silently become "Dutch": when most texts read as German (or another scored
language) the result is still the better of nl / en, but ``confidence`` (the share of texts that read as the
chosen language) is low and ``most_likely`` names the other language, so the importer can warn and ask for
``--language``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from ..errors import UserError
from ..vocabulary import LANGUAGES as SUPPORTED

__all__ = ["MIN_CONFIDENCE", "SUPPORTED", "choose_language", "detect_language"]

MIN_CONFIDENCE = 0.6  # below this share of texts read as the chosen language, a person must choose

_ALSO_SCORED = ("de",)  # near neighbours scored only to notice them, never chosen
_NAMES = {"nl": "Dutch", "en": "English", "de": "German"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_URL = re.compile(r"https?://\S+|www\.\S+")
_UNKNOWN_FREQUENCY = 10**-8.5  # below the rarest listed word (about 1e-8)
_tables: dict[str, dict[str, float]] = {}


def _frequencies(language: str) -> dict[str, float]:
    if language not in _tables:
        import wordfreq

        _tables[language] = wordfreq.get_frequency_dict(language, wordlist="best")
    return _tables[language]


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(_URL.sub(" ", text.lower())) if len(w) > 1]


def detect_language(texts: Iterable, default: str = "nl", max_texts: int = 5000) -> tuple[str, dict]:
    """Decide whether ``texts`` are Dutch or English; returns ``(language, evidence)``.

    ``language`` is "nl" or "en": the one under which all words together are the more likely. ``evidence``
    is a dict (JSON-serialisable):

    * ``confidence``: share of the texts that read as ``language`` (each text judged on its own among nl,
      en and de; texts without a scoreable word are not counted); 0 when there was nothing to read;
    * ``most_likely``: the language most texts read as, which may be "de": then the texts are probably
      German and ``language`` is only the nearer of the two supported ones;
    * ``texts_by_language``: how many texts read as each language; ``n_texts``, ``n_words``: what was read;
    * ``log_likelihood_per_word``: average log10 likelihood of a word under each language;
    * ``reason``: one English sentence for a log line, e.g. "nl: 95% of 412 texts read as Dutch".

    Blank and non-string entries are skipped; at most ``max_texts`` texts are read (the first ones). With
    no word to go by the result is ``default`` with confidence 0.
    """
    if default not in SUPPORTED:
        raise UserError(f"default must be one of {', '.join(SUPPORTED)}, got {default!r}")
    languages = SUPPORTED + _ALSO_SCORED
    tables = {lang: _frequencies(lang) for lang in languages}
    totals = dict.fromkeys(languages, 0.0)
    per_text: Counter = Counter()
    n_texts = n_words = 0
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        if n_texts >= max_texts:
            break
        words = _words(text)
        if not words:
            continue
        n_texts += 1
        n_words += len(words)
        scores = {lang: sum(math.log10(tables[lang].get(w, _UNKNOWN_FREQUENCY)) for w in words) for lang in languages}
        for lang in languages:
            totals[lang] += scores[lang]
        best = max(scores.values())
        winners = [lang for lang in languages if scores[lang] == best]
        if len(winners) == 1:  # a tie (e.g. only unknown words) decides nothing
            per_text[winners[0]] += 1
    if n_words == 0:
        return default, {
            "confidence": 0.0,
            "most_likely": None,
            "texts_by_language": {},
            "n_texts": 0,
            "n_words": 0,
            "log_likelihood_per_word": {},
            "reason": f"{default}: no text to go by, the default",
        }
    language = max(SUPPORTED, key=lambda lang: (totals[lang], lang == default))
    decided = sum(per_text.values())
    confidence = per_text[language] / decided if decided else 0.0
    most_likely = max(languages, key=lambda lang: (per_text[lang], totals[lang])) if decided else language
    reason = f"{language}: {confidence:.0%} of {decided} texts read as {_NAMES[language]}"
    if most_likely != language:
        reason += (
            f"; most ({per_text[most_likely] / decided:.0%}) read as {_NAMES[most_likely]}, which is not "
            f"supported: {language} is only the nearer of {' and '.join(SUPPORTED)}"
        )
    evidence = {
        "confidence": round(confidence, 4),
        "most_likely": most_likely,
        "texts_by_language": {lang: int(per_text[lang]) for lang in languages},
        "n_texts": n_texts,
        "n_words": n_words,
        "log_likelihood_per_word": {lang: round(totals[lang] / n_words, 4) for lang in languages},
        "reason": reason,
    }
    return language, evidence


def choose_language(texts: Iterable, default: str = "nl") -> tuple[str, str]:
    """The language of ``texts`` when they are clearly Dutch or English, with the reason in one English line.

    Clearly: most texts read as the chosen language and at least ``MIN_CONFIDENCE`` of them do. Otherwise (German
    comments, a conversation in two languages) a UserError asks for the language to be given, because a wrong
    guess means a report in the wrong language and text processing with the wrong word lists. With no text
    to read, ``default`` is chosen and the reason says so.
    """
    language, evidence = detect_language(texts, default=default)
    if evidence["n_texts"] == 0:
        return language, evidence["reason"]
    if evidence["most_likely"] not in SUPPORTED or evidence["confidence"] < MIN_CONFIDENCE:
        raise UserError(
            f"the texts are not clearly Dutch or English ({evidence['reason']}); give the language yourself: "
            "--language nl or --language en on the command line (language='nl' or 'en' in Python)"
        )
    return language, f"detected: {evidence['reason']}"
