"""The scoring engine: one pass over a text's tokens that applies the lexicon and the rules.

Kept as one module, and `Engine.analyse` as one loop, on purpose: the rules (negation scope, intensifiers,
"te", contrast, concession, questions, exclamations, scare quotes) pass state from token to token, and the
single pass with memoised lookups is what makes the scorer as fast as the plain lexicon (see
`benchmarks/sentiment.py`). Lookups of words (exact, inflected, compounds) are separate methods.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from ..text.cleaning import NEGATIONS, as_text, stem, stopwords
from ..text.morphology import lemmatize
from .inflection import (
    VERBAL_PREFIXES,
    strip_accents,
    verb_stems,
)
from .lexicon import base_tables, default_negated

__all__ = ["DEFAULT_NEUTRAL_ZONE", "Engine", "LENGTH_HITS"]


# Tokens: words (letters/digits, inner apostrophes and hyphens), emoticons, emoji (with skin tone /
# variation selector), runs of ! and ?, other punctuation that structures a text, double quotes.
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\u3030\u303d"
_TOKEN_RE = re.compile(
    r"[^\W_]+(?:['’\-][^\W_]+)*"
    r"|[:;][\-']?[()\[\]dpsoc/|*]|[:;][\-']?\\|<3"
    rf"|[{_EMOJI}][\U0001F3FB-\U0001F3FF\uFE0F\u200D]*"
    r"|[!?]+|\.{2,}|…|[.,;:\n]|[\"“”„«»]",
    re.UNICODE,
)
_NEEDS_CLEAN = ("<", "&", "://", "www.")
_MODIFIER_CHARS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f\u200d]")

# Token kinds (small ints: the scoring loop compares them a lot).
(
    _PLAIN,
    _WORD,
    _NEG,
    _CLAUSE,
    _END,
    _MARK,
    _CONTRAST,
    _CONTRAST_INITIAL,
    _CONCESSION,
    _CONCESSION_NP,
    _EXCESS,
    _QUOTE,
    _INTENSIFIER,
) = range(13)

# Weights of the rules that have no per-word value in the rules file (calibrated on the dev part of
# benchmarks/data/sentiment_eval_nl.csv; see the benchmark).
_BEFORE_CONTRAST = 0.5  # what came before "maar" counts half
_EXCLAMATION = 1.25  # "!" strengthens its sentence
_QUESTION = 0.6  # a question weakens its sentence ("Komt er een mooie speeltuin?")
_MAX_MULTIPLIER = 2.0
_INTENSIFIER_REACH = 3  # tokens an intensifier waits for its sentiment word
_IRRITATED = -0.3  # "??" / "?!"
_VERDICT = 1.5  # "Jammer dat ..." / "Goed dat ...": a verdict on what follows
_IRONY = -0.7  # a positive word in scare quotes: "participatie" noemen ze dit
SUBJECTIVITY_FULL = 0.5  # lexicon words less subjective than this count proportionally less
LENGTH_HITS = 4  # up to this many hits the sum counts; beyond, 4 x the mean contribution
DEFAULT_NEUTRAL_ZONE = 0.25  # |evidence| at or below this is neutral: the score is exactly 0
_BOUNDARY_TOKENS = frozenset({",", ";", ":", ".", "\n", "…", "!", "?", "-"})
_MEMO_LIMIT = 500_000
_PREDICATE_NEXT = frozenset({"dat", "hoor", "zeg", "joh", "he", "hè", "hé", "zo"})


class Engine:
    """Compiled lexicon + rules for one language and one municipality lexicon; memoises token lookups."""

    def __init__(self, language: str, lexicon: Mapping[str, float] | None):
        self.language = language
        exact, civic_phrases, rules, rule_phrases, prefixes = base_tables(language)
        exact = dict(exact)
        phrases = dict(civic_phrases)
        for term, score in (lexicon or {}).items():
            term = str(term).strip().lower()
            entry = (float(score), default_negated(float(score)), "NN", "gemeente", term)
            (phrases if " " in term else exact)[term] = entry
        negators = {t for t, (role, _v) in rules.items() if role == "negation"}
        for term, entry in list(phrases.items()):
            if negators.intersection(term.split()):
                # a phrase with its own negation ("wordt niks", "niet te doen") is not negated again
                phrases[term] = (entry[0], entry[0]) + tuple(entry[2:])
        self.exact = exact
        self.verb_stems = verb_stems(exact) if language == "nl" else {}
        self.rules = rules
        self.prefixes = prefixes
        self.stopwords = stopwords(language) | NEGATIONS[language]
        # Phrases: first token -> [(tokens, kind, payload)] longest first.
        table: dict[str, list] = {}
        for term, entry in phrases.items():
            toks = tuple(_TOKEN_RE.findall(term))
            table.setdefault(toks[0], []).append((toks, "word", entry))
        for term, (role, value) in rule_phrases.items():
            toks = tuple(_TOKEN_RE.findall(term))
            table.setdefault(toks[0], []).append((toks, role, value))
        for options in table.values():
            options.sort(key=lambda o: -len(o[0]))
        self.phrases = table
        self.memo: dict[str, tuple] = {}
        self.weights: dict[str, float] = {}

    # -- token resolution (memoised) ----------------------------------------------------------------

    def lookup(self, word: str, compounds: bool = True):
        """Entry for a word and how it matched: (entry, how) or (None, None)."""
        entry = self.exact.get(word)
        if entry is not None and (entry[0] or entry[3] != "lexicon"):
            return entry, "exact"
        neutral = entry
        if not word.isascii():
            plain = strip_accents(word)
            if plain != word and plain in self.exact:
                return self.exact[plain], "exact"
        if not word.isalpha():
            if "-" in word:  # hyphenated compound: the head decides ("verkeers-onveilig")
                parts = [p for p in word.split("-") if p]
                if parts:
                    head, how = self.lookup(parts[-1])
                    if head is not None:
                        mult = self.prefixes.get(parts[0], 1.0) if len(parts) > 1 else 1.0
                        return _scaled(head, mult), "compound"
            return None, None
        if len(word) < 4:
            return (neutral, "exact") if neutral is not None else (None, None)
        entry = self._inflected(word)
        if entry is not None:
            return entry, "inflection"
        if compounds and len(word) >= 7:
            entry = self._compound(word)
            if entry is not None:
                return entry, "compound"
        if neutral is not None:
            return neutral, "exact"
        return None, None

    def _inflected(self, word: str):
        """Entry of an inflected form: the lexicon entry of its lemma (simplemma, the project's one
        lemmatiser), else of its verb stem ("waardeer", "klaag": forms simplemma does not know).

        Snowball stems were tried first and rejected: they also strip derivational endings, so "kinderen"
        met "kinderlijk" and "onderhoud" met "onderhoudend". A lemma undoes only inflection."""
        lemma = lemmatize(word, self.language)
        if lemma != word:
            entry = self.exact.get(lemma)
            if entry is not None:
                return entry
        if self.language == "nl":
            return self.verb_stems.get(word)
        return None

    def _compound(self, word: str):
        """Dutch compounds: the head (last part) carries the sentiment; first parts can intensify.

        Heads are restricted to curated entries (civic / gemeente nouns and adjectives) and to strong,
        long lexicon adjectives, and a first part may not be a verbal prefix (ver-, be-, ont-, ...), so that
        "versterkt" is not "sterk" and "bedrijventerrein" is not "rein"."""
        if self.language != "nl":
            return None
        if word.startswith("on") and len(word) >= 6:
            entry, _ = self.lookup(word[2:], compounds=False)
            if entry is not None and entry[0] > 0.2 and entry[2] == "JJ":
                score = -0.8 * entry[0]
                return (score, default_negated(score), "JJ", entry[3], "on" + entry[4])
        for k in range(3, len(word) - 2):
            head, first = word[k:], word[:k]
            mult = self.prefixes.get(first)
            if mult is not None:
                entry, _ = self.lookup(head, compounds=False)
                if entry is not None and entry[0]:
                    return _scaled(entry, mult)
                continue
            # A first part of at least 4 letters that is no verbal prefix and no participle start
            # ("aange-vochten"); a head of at least 5 letters ("ok", "tof", "eng", "erg" are too short to be
            # safe: "slachtoffer", "herbergen").
            if k < 4 or len(head) < 5 or first in VERBAL_PREFIXES or first.endswith("ge"):
                continue
            entry, _ = self.lookup(head, compounds=False)
            if entry is None:
                continue
            if entry[3] == "lexicon":
                # Only long, clearly polar adjectives of the original lexicon ("gevaarlijk", "vriendelijk")
                if len(entry[4]) >= 7 and abs(entry[0]) >= 0.5:
                    return entry
            elif entry[2] in ("NN", "JJ") and len(entry[4]) >= 5:
                return entry  # civic/gemeente heads, also neutral ones: they stop a wrong shorter head
        return None

    def resolve(self, tok: str) -> tuple:
        """Token -> (kind, score, negated, is_adjective, is_verb, multiplier, value, entry, feature)."""
        info = self._resolve(tok)
        if len(self.memo) >= _MEMO_LIMIT:
            self.memo.clear()  # bounded memory on huge corpora with many unique tokens
        self.memo[tok] = info
        return info

    def _resolve(self, tok: str) -> tuple:
        first = tok[0]
        if not (first.isalnum()):
            if tok in (",", ";", ":"):
                return (_CLAUSE, 0.0, 0.0, False, False, 0.0, 0.0, None, None)
            if tok in (".", "\n", "…") or tok.startswith(".."):
                return (_END, 0.0, 0.0, False, False, 0.0, 0.0, None, None)
            if first in "!?":
                flags = (2.0 if "!" in tok else 0.0) + (1.0 if "?" in tok else 0.0)
                if tok.count("?") >= 2 or flags == 3.0:
                    flags += 4.0  # "??", "?!": an irritated question
                return (_MARK, 0.0, 0.0, False, False, 0.0, flags, None, None)
            if tok in '"“”„«»':
                return (_QUOTE, 0.0, 0.0, False, False, 0.0, 0.0, None, None)
            base = _MODIFIER_CHARS.sub("", tok)
            entry = self.exact.get(base) or self.exact.get(tok)
            if entry is not None and entry[0]:
                return (_WORD, entry[0], entry[1], False, False, 0.0, 0.0, entry, None)
            return (_PLAIN, 0.0, 0.0, False, False, 0.0, 0.0, None, None)
        feature = None
        if tok.isalpha() and len(tok) > 2 and tok not in self.stopwords:
            feature = stem(tok, self.language)
        rule = self.rules.get(tok)
        if rule is None and self.language == "en" and (tok.endswith("n't") or tok.endswith("n’t")):
            rule = ("negation", 1.0)  # don't, isn't, wasn't
        entry, how = self.lookup(tok)
        if entry is not None:
            entry = entry + (how,)
        if rule is not None:
            role, value = rule
            if role == "negation":
                return (_NEG, 0.0, 0.0, False, False, 0.0, value, None, None)
            if role == "intensifier":
                if entry is not None and entry[0]:
                    return (_WORD, entry[0], entry[1], entry[2] == "JJ", entry[2] == "VB", value, 0.0, entry, feature)
                return (_INTENSIFIER, 0.0, 0.0, False, False, value, 0.0, None, None)
            kinds = {
                "contrast": _CONTRAST,
                "contrast_initial": _CONTRAST_INITIAL,
                "concession": _CONCESSION,
                "concession_np": _CONCESSION_NP,
                "clause": _CLAUSE,
                "excess": _EXCESS,
            }
            if role in kinds:
                return (kinds[role], 0.0, 0.0, False, False, 0.0, value, None, None)
        if entry is not None:
            return (_WORD, entry[0], entry[1], entry[2] == "JJ", entry[2] == "VB", 0.0, 0.0, entry, feature)
        return (_PLAIN, 0.0, 0.0, False, False, 0.0, 0.0, None, feature)

    def match_phrase(self, toks: list[str], i: int):
        for ptoks, kind, payload in self.phrases[toks[i]]:
            n = len(ptoks)
            if tuple(toks[i : i + n]) == ptoks:
                return n, kind, payload
        return None

    # -- analysis ---------------------------------------------------------------------------------------

    def analyse(
        self, text, record: list | None = None, features: dict | None = None, use_weights: bool = True
    ) -> tuple[float, int, float]:
        """One pass over a text.

        Returns (lexicon evidence sum, number of sentiment hits, learned-word evidence sum).  With `record`
        (a list) every contribution is appended as [tokens, entry, base, value, reasons, sentence_no];
        with `features` (a dict) the signed feature values used by `fit` are accumulated.
        """
        if not isinstance(text, str):
            text = as_text(text)
        if not text:
            return 0.0, 0, 0.0
        for marker in _NEEDS_CLEAN:
            if marker in text:
                text = _clean_fast(text)
                break
        toks = _TOKEN_RE.findall(text.lower())
        n = len(toks)
        memo = self.memo
        resolve = self.resolve
        phrases = self.phrases
        weights = self.weights if use_weights else None
        acc = prev = sent = 0.0
        learned = 0.0
        hits = 0
        neg = False  # a negation is active in this clause
        neg_mult_lock = False  # intensifiers after a negation do not count ("niet echt blij")
        neg_until = 0  # last token a pronoun negation reaches (0 = end of clause)
        mult = 1.0
        mult_ttl = 0
        weight = 1.0  # contrast weight for the rest of the sentence
        conc = 1.0  # concession weight for the rest of the clause
        conc_np = False
        excess = 0.0  # value of a preceding "te"
        verbs: list = []  # (value added, value if negated, record index) of verbs in this clause
        sent_started = False
        sent_no = 0
        sent_start = 0
        rec = record
        i = 0
        while i < n:
            tok = toks[i]
            info = memo.get(tok)
            if info is None:
                info = resolve(tok)
            kind = info[0]
            span = 1
            if tok in phrases:
                m = self.match_phrase(toks, i)
                if m is not None:
                    span, pkind, payload = m
                    if pkind == "word":
                        entry = payload + ("phrase",)
                        info = (_WORD, entry[0], entry[1], False, entry[2] == "VB", 0.0, 0.0, entry, None)
                        kind = _WORD
                        tok = " ".join(toks[i : i + span])
                    elif pkind == "cancel_negation":
                        i += span
                        continue
                    elif pkind == "cancel_contrast":
                        neg = False
                        neg_mult_lock = False
                        mult, mult_ttl, conc, excess = 1.0, 0, 1.0, 0.0
                        verbs = []
                        i += span
                        continue
                    elif pkind == "intensifier":
                        info = (_INTENSIFIER, 0.0, 0.0, False, False, payload, 0.0, None, None)
                        kind = _INTENSIFIER
                    else:
                        span = 1
            if excess and kind == _INTENSIFIER:
                # "te veel", "te weinig" + noun: the quantity word carries the excess
                info = (_WORD, 0.0, 0.0, True, False, 0.0, 0.0, (0.0, 0.0, "JJ", "rules", tok, "rule"), None)
                kind = _WORD
            if neg_until and i > neg_until:
                # a pronoun negation (niks, niemand) reaches only the next two tokens
                neg = neg_mult_lock = False
                neg_until = 0
            if kind == _PLAIN:
                if weights and info[8] is not None:
                    w = weights.get(info[8])
                    if w is not None:
                        v = (-w if neg else w) * weight
                        learned += v
                        if rec is not None:
                            rec.append(
                                [
                                    tok,
                                    ("", 0.0, "", "fit", info[8], "learned"),
                                    w,
                                    v,
                                    ["learned (fit)"]
                                    + (["negated"] if neg else [])
                                    + (["after maar"] if weight > 1 else []),
                                    sent_no,
                                    True,
                                ]
                            )
                if features is not None and info[8] is not None:
                    features[info[8]] = features.get(info[8], 0.0) + (-weight if neg else weight)
                sent_started = True
                if mult_ttl:
                    mult_ttl -= 1
                    if not mult_ttl:
                        mult = 1.0
                excess = 0.0
                i += 1
                continue
            if kind == _WORD:
                score = info[1]
                m_word = info[5]
                if m_word:
                    # Dual words (erg, super, vreselijk): intensifier before a sentiment word, else a word.
                    nxt = toks[i + 1] if i + 1 < n else None
                    if nxt is not None and nxt not in _PREDICATE_NEXT:
                        ninfo = memo.get(nxt)
                        if ninfo is None:
                            ninfo = resolve(nxt)
                        if ninfo[0] in (_WORD, _INTENSIFIER, _EXCESS, _NEG):
                            if not neg_mult_lock:
                                mult = min(mult * m_word, _MAX_MULTIPLIER)
                            mult_ttl = _INTENSIFIER_REACH
                            sent_started = True
                            i += 1
                            continue
                sent_started = True
                if features is not None and info[8] is not None:
                    features[info[8]] = features.get(info[8], 0.0) + (-weight if neg else weight)
                if weights and info[8] is not None and info[8] in weights:
                    w = weights[info[8]]
                    v = (-w if neg else w) * weight
                    learned += v
                    if rec is not None:
                        rec.append(
                            [
                                tok,
                                ("", 0.0, "", "fit", info[8], "learned"),
                                w,
                                v,
                                ["learned (fit)"] + (["negated"] if neg else []),
                                sent_no,
                                True,
                            ]
                        )
                reasons = [] if rec is not None else None
                if excess and info[3]:
                    # "te" + adjective: too much of something is a complaint, unless already negative.
                    base = min(score * 1.2, excess) if score < 0 else excess
                    negated_base = default_negated(base)
                    if reasons is not None:
                        reasons.append("after te (excess)")
                else:
                    base = score
                    negated_base = info[2]
                excess = 0.0
                if base == 0.0 and not (neg and negated_base):
                    if info[4] and negated_base and not neg:
                        verbs.append((0.0, negated_base * weight, -1, tok, info[7]))  # "deugt" ... "niet"
                    mult_ttl = 0
                    mult = 1.0
                    i += span
                    continue
                if neg:
                    value = negated_base
                    if reasons is not None:
                        reasons.append("negated")
                else:
                    value = base
                if mult != 1.0:
                    value *= mult
                    if reasons is not None:
                        reasons.append("intensified" if mult > 1 else "diminished")
                    mult = 1.0
                    mult_ttl = 0
                if weight != 1.0:
                    value *= weight
                    if reasons is not None:
                        reasons.append("after maar")
                if conc != 1.0:
                    value *= conc
                    if reasons is not None:
                        reasons.append("concession")
                    if conc_np:
                        conc, conc_np = 1.0, False
                if i - sent_start <= 2 and i + span < n and toks[i + span] == "dat":
                    # "Jammer dat ...", "Fijn dat ...": the speaker's verdict on what follows
                    value *= _VERDICT
                    if reasons is not None:
                        reasons.append("verdict (… dat)")
                if value > 0 and i > 0 and i + span < n and toks[i - 1] in '"“„«' and toks[i + span] in '"”»':
                    value = _IRONY * value
                    if reasons is not None:
                        reasons.append("irony (quotes)")
                if info[4] and not neg and base:
                    verbs.append(
                        (value, negated_base * (value / base), len(rec) if rec is not None else -1, tok, info[7])
                    )
                sent += value
                hits += 1
                if rec is not None:
                    rec.append([tok, info[7], base, value, reasons, sent_no, False])
                i += span
                continue
            if kind == _INTENSIFIER:
                if not neg_mult_lock:
                    mult = min(mult * info[5], _MAX_MULTIPLIER)
                mult_ttl = _INTENSIFIER_REACH
                sent_started = True
                i += span
                continue
            if kind == _NEG:
                neg = True
                neg_mult_lock = True
                neg_until = i + 2 if info[6] == 2 else 0
                sent_started = True
                if info[6] and verbs:
                    # "ik steun dit plan niet": the clause-final negation flips the verb before it.
                    for value, negated_value, ridx, vtok, ventry in verbs:
                        sent += negated_value - value
                        if not value:
                            hits += 1
                        if rec is not None:
                            if ridx >= 0:
                                rec[ridx][3] = negated_value
                                rec[ridx][4].append("negated (after verb)")
                            else:
                                rec.append([vtok, ventry, 0.0, negated_value, ["negated (after verb)"], sent_no, False])
                    verbs = []
                i += 1
                continue
            if kind == _EXCESS:
                excess = info[6]
                sent_started = True
                i += 1
                continue
            if kind == _CLAUSE:
                neg = neg_mult_lock = conc_np = False
                mult, mult_ttl, conc, excess = 1.0, 0, 1.0, 0.0
                verbs = []
                i += 1
                continue
            if kind == _END or kind == _MARK:
                if kind == _MARK:
                    flags = int(info[6])
                    if flags & 4:
                        # "Waarom duurt dit zo lang??": irritation, not a neutral question
                        factor = _EXCLAMATION
                        sent += _IRRITATED
                        hits += 1
                        if rec is not None:
                            rec.append(
                                [
                                    tok,
                                    (_IRRITATED, 0.0, "RB", "rules", tok, "rule"),
                                    _IRRITATED,
                                    _IRRITATED,
                                    ["irritated question"],
                                    sent_no,
                                    False,
                                ]
                            )
                    else:
                        factor = (_EXCLAMATION if flags & 2 else 1.0) * (_QUESTION if flags & 1 else 1.0)
                    if factor != 1.0 and sent:
                        sent *= factor
                        if rec is not None:
                            why = "exclamation" if factor > 1 else "question"
                            for item in rec:
                                if item[5] == sent_no and not item[6]:
                                    item[3] *= factor
                                    item[4].append(why)
                neg = neg_mult_lock = conc_np = False
                mult, mult_ttl, conc, excess = 1.0, 0, 1.0, 0.0
                verbs = []
                acc += prev
                prev = sent
                sent = 0.0
                weight = 1.0
                sent_started = False
                sent_no += 1
                sent_start = i + 1
                i += 1
                continue
            if kind == _CONTRAST or (kind == _CONTRAST_INITIAL and (i == 0 or toks[i - 1] in _BOUNDARY_TOKENS)):
                # "mooi park, maar 's avonds doodeng": before counts half, after counts more.  A sentence
                # that starts with "Maar" contrasts with the previous sentence.
                target = sent_no if (sent_started and sent) else sent_no - 1
                if target == sent_no:
                    sent *= _BEFORE_CONTRAST
                else:
                    prev *= _BEFORE_CONTRAST
                if rec is not None:
                    for item in rec:
                        if item[5] == target and not item[6]:
                            item[3] *= _BEFORE_CONTRAST
                            item[4].append(f"before {toks[i]}")
                weight = info[6]
                neg = neg_mult_lock = conc_np = False
                mult, mult_ttl, conc, excess = 1.0, 0, 1.0, 0.0
                verbs = []
                sent_started = True
                i += 1
                continue
            if kind == _CONCESSION or kind == _CONCESSION_NP:
                conc = info[6]
                conc_np = kind == _CONCESSION_NP
                sent_started = True
                i += 1
                continue
            # quotes, contrast_initial mid-clause: nothing to do
            sent_started = True
            i += 1
        return acc + prev + sent, hits, learned


def _scaled(entry: tuple, mult: float) -> tuple:
    """An entry with its scores multiplied (intensifying compound parts), clipped to [-1, 1]."""
    if mult == 1.0:
        return entry
    score = max(-1.0, min(1.0, entry[0] * mult))
    return (score, default_negated(score)) + tuple(entry[2:])


def _clean_fast(text: str) -> str:
    """HTML tags/entities and URLs out, like `text.clean`, but line breaks are kept: they end sentences
    here (only called when the text may contain markup or a URL)."""
    text = html.unescape(re.sub(r"<[^>]{0,200}>", " ", text))
    return re.sub(r"(?:https?://|www\.)\S+", " ", text, flags=re.IGNORECASE)
