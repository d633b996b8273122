"""`SentimentScorer`: sentiment of resident input in [-1, 1], with `explain` and `fit` on an analyst's labels."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from ..errors import UserError
from ..text.cleaning import as_text, iter_texts
from ..vocabulary import check_language
from .engine import DEFAULT_NEUTRAL_ZONE, LENGTH_HITS, Engine

__all__ = ["LABELS", "SentimentScorer", "label"]

#: Label names per language, for -1 / 0 / 1.
LABELS = {
    "nl": {-1: "negatief", 0: "neutraal", 1: "positief"},
    "en": {-1: "negative", 0: "neutral", 1: "positive"},
}
# Accepted label spellings in fit(); "gemengd"/"mixed" is treated as neutral (documented in fit()).
_LABEL_VALUES = {
    "negatief": -1,
    "negative": -1,
    "neg": -1,
    "-1": -1,
    "-1.0": -1,
    "neutraal": 0,
    "neutral": 0,
    "neu": 0,
    "0": 0,
    "0.0": 0,
    "gemengd": 0,
    "mixed": 0,
    "positief": 1,
    "positive": 1,
    "pos": 1,
    "1": 1,
    "1.0": 1,
}


# ----------------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------------


def label(scores, neutral: float = 0.0, names: bool = False, language: str = "nl") -> np.ndarray:
    """Map scores to -1 / 0 / 1: above `neutral` positive, below `-neutral` negative, else neutral.

    `SentimentScorer.score` already sets weak evidence to exactly 0 (its calibrated neutral zone), so the
    default `neutral=0.0` gives the calibrated labels.  With `names=True` the Dutch (or English) label names
    are returned instead (negatief / neutraal / positief).  NaN scores are neutral.
    """
    s = np.asarray(scores, dtype=float)
    s = np.where(np.isnan(s), 0.0, s)
    out = np.where(s > neutral, 1, np.where(s < -neutral, -1, 0)).astype(int)
    if names:
        table = LABELS[check_language(language)]
        return np.array([table[v] for v in out.ravel()], dtype=object).reshape(out.shape)
    return out


def _labels_to_int(labels) -> np.ndarray:
    out = []
    for i, value in enumerate(iter_texts(labels) if not isinstance(labels, str) else [labels]):
        key = as_text(value).strip().lower()
        if key in _LABEL_VALUES:
            out.append(_LABEL_VALUES[key])
            continue
        try:
            number = float(key)
        except ValueError:
            number = None
        if number is None or number != number:
            raise UserError(
                f"label {value!r} at position {i} is not one of -1/0/1 or "
                f"negatief/neutraal/positief (gemengd counts as neutraal)"
            )
        out.append(int(np.sign(number)))
    return np.asarray(out, dtype=int)


def _balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    """Mean recall over the classes present in `y`."""
    classes = np.unique(y)
    return float(np.mean([np.mean(pred[y == c] == c) for c in classes])) if len(classes) else float("nan")


class SentimentScorer(BaseEstimator):
    """Dutch (or English) sentiment of resident input, a float in [-1, 1] per text (> 0 positive).

    Parameters
    ----------
    language : "nl" or "en"
    lexicon : dict word -> score in [-1, 1], optional
        The municipality's own words (gemeente.yaml `sentiment: {lexicon: {...}}`); they extend and override
        the built-in lexicon.  Multi-word keys are phrases ("te hard rijden": -0.6).  Words are matched with
        their inflections and as the head of compounds, like the built-in ones.
    random_state : int
        Seeds the cross-validation folds in `fit` (nothing else is random).
    neutral_zone : float, optional
        Evidence at or below this (before squashing) scores exactly 0.  Default: the calibrated
        `DEFAULT_NEUTRAL_ZONE`, or the one learned by `fit`.

    How a score is made: every known word or phrase contributes its lexicon score, changed by the rules
    (negation, intensifiers, "te", contrast, concession, question, exclamation, irony quotes); the sum is
    the evidence, except that a text with more than 4 hits counts as 4 times its mean contribution (a long
    text is as positive as what it says on average, not as long as it is); weak evidence (<= neutral zone)
    become 0 and the rest is squashed with tanh.  `explain` shows each contribution.

    Learned attributes (after `fit`): `scale_` (multiplier of the lexicon evidence), `word_weights_`
    (dict Snowball stem -> weight learned from the labelled texts), `neutral_zone_`, `alpha_` (ridge
    penalty chosen by cross-validation), `cv_balanced_accuracy_`, `n_features_in_` (= 1, texts).
    """

    def __init__(
        self,
        language: str = "nl",
        lexicon: Mapping[str, float] | None = None,
        random_state: int = 0,
        neutral_zone: float | None = None,
    ):
        self.language = language
        self.lexicon = lexicon
        self.random_state = random_state
        self.neutral_zone = neutral_zone

    # -- internals --------------------------------------------------------------------------------------

    def _engine(self) -> Engine:
        lexicon = self.lexicon
        if lexicon is not None and not isinstance(lexicon, Mapping):
            raise TypeError(f"lexicon must be a dict word -> score, not {type(lexicon).__name__}")
        items = tuple(sorted((str(k).strip().lower(), _check_score(k, v)) for k, v in (lexicon or {}).items()))
        key = (check_language(self.language), items)
        engine = getattr(self, "_engine_cache", None)
        if engine is None or engine[0] != key:
            engine = (key, Engine(key[0], dict(items)))
            self._engine_cache = engine
        eng = engine[1]
        eng.weights = getattr(self, "word_weights_", None) or {}
        return eng

    def _zone(self) -> float:
        if self.neutral_zone is not None:
            return float(self.neutral_zone)
        return float(getattr(self, "neutral_zone_", DEFAULT_NEUTRAL_ZONE))

    def _evidence(self, lex: float, hits: int, learned: float) -> float:
        if hits > LENGTH_HITS:
            lex *= LENGTH_HITS / hits
        return getattr(self, "scale_", 1.0) * lex + learned

    @staticmethod
    def _squash(evidence: float, zone: float) -> float:
        if abs(evidence) <= zone:
            return 0.0
        return math.tanh(evidence)

    # -- API --------------------------------------------------------------------------------------------

    def score(self, texts) -> np.ndarray:
        """Sentiment per text in [-1, 1] (> 0 positive, 0 neutral or unknown); one float per input.

        `texts` may be any iterable or Series (a single string counts as one text).  None, NaN, numbers,
        emoji-only and other-language texts get a score too: 0 when nothing in them is known.
        """
        engine = self._engine()
        zone = self._zone()
        analyse = engine.analyse
        scale = getattr(self, "scale_", 1.0)
        out = []
        append = out.append
        tanh = math.tanh
        for text in iter_texts(texts):
            lex, hits, learned = analyse(text)
            if hits > LENGTH_HITS:
                lex *= LENGTH_HITS / hits
            ev = scale * lex + learned
            append(tanh(ev) if ev > zone or ev < -zone else 0.0)
        return np.asarray(out, dtype=float)

    def predict(self, texts) -> np.ndarray:
        """-1 / 0 / 1 per text (the sign of `score`, whose neutral zone is already applied)."""
        return label(self.score(texts))

    def label(self, scores, neutral: float = 0.0, names: bool = False) -> np.ndarray:
        """`label()` in this scorer's language."""
        return label(scores, neutral=neutral, names=names, language=self.language)

    def explain(self, text) -> pd.DataFrame:
        """What moved the score of one text, one row per contribution, in text order.

        Columns: `token` (word, phrase or emoji as it appears, lower-cased), `lemma` (the lexicon entry it
        matched, or the learned stem), `source` ("lexicon" = De Smedt & Daelemans, "civic", "gemeente",
        "fit"), `match` (exact, inflection, compound, phrase, learned), `base` (the entry's score),
        `weight` (after the rules, before length damping and squashing), `contribution` and `reason`
        (e.g. "negated; intensified; after maar").

        The contributions sum to `score(text)`: each is its weight times score / (sum of weights).  When
        the score is 0 (nothing known, or evidence inside the neutral zone) all contributions are 0 and
        `weight` shows what was found.  `df.attrs` holds `score`, `evidence` and `neutral_zone`.
        """
        engine = self._engine()
        record: list = []
        lex, hits, learned = engine.analyse(text, record=record)
        evidence = self._evidence(lex, hits, learned)
        score = self._squash(evidence, self._zone())
        scale = getattr(self, "scale_", 1.0)
        damp = LENGTH_HITS / hits if hits > LENGTH_HITS else 1.0
        rows = []
        for tok, entry, base, value, reasons, _sent, is_learned in record:
            if value == 0:
                continue
            effective = value if is_learned else value * damp * scale
            rows.append(
                {
                    "token": tok,
                    "lemma": entry[4],
                    "source": entry[3],
                    "match": entry[5] if len(entry) > 5 else "exact",
                    "base": float(base),
                    "weight": float(value),
                    "_effective": effective,
                    "reason": "; ".join(reasons or []),
                }
            )
        df = pd.DataFrame(rows, columns=["token", "lemma", "source", "match", "base", "weight", "_effective", "reason"])
        total = float(df["_effective"].sum()) if len(df) else 0.0
        factor = score / total if total and score else 0.0
        df.insert(6, "contribution", df["_effective"] * factor)
        df = df.drop(columns="_effective")
        df.attrs.update(score=score, evidence=evidence, neutral_zone=self._zone())
        return df

    def fit(self, texts, labels):
        """Adapt the scorer to an analyst's own labelled inputs; returns self.

        `labels`: -1/0/1 or negatief/neutraal/positief (also negative/neutral/positive; "gemengd"/"mixed"
        counts as neutral).  What is learned, by ridge regression of the labels on the lexicon evidence plus
        signed word features (Snowball stems of content words, sign flipped under negation, weighted after
        "maar"): a scale for the lexicon evidence (pulled towards 1), a weight per word that occurs at least
        twice (pulled towards 0; the penalty is chosen by 5-fold cross-validation seeded with
        `random_state`), and the neutral zone that maximises balanced accuracy on out-of-fold predictions.
        With very few texts (< 20) only the neutral zone and a strongly penalised fit are used.
        """
        texts = list(iter_texts(texts))
        y = _labels_to_int(labels)
        if len(texts) != len(y):
            raise UserError(f"fit() got {len(texts)} texts but {len(y)} labels")
        if len(texts) == 0:
            raise UserError("fit() needs at least one labelled text")
        for attr in ("scale_", "word_weights_", "neutral_zone_"):
            if hasattr(self, attr):
                delattr(self, attr)
        engine = self._engine()
        engine.weights = {}
        lex = np.empty(len(texts))
        feats: list[dict] = []
        for k, text in enumerate(texts):
            f: dict = {}
            s, hits, _ = engine.analyse(text, features=f, use_weights=False)
            lex[k] = s * LENGTH_HITS / hits if hits > LENGTH_HITS else s
            feats.append(f)
        df_count: dict[str, int] = {}
        for f in feats:
            for key in f:
                df_count[key] = df_count.get(key, 0) + 1
        vocab = sorted((k for k, c in df_count.items() if c >= 2), key=lambda k: (-df_count[k], k))[:3000]
        col = {k: j for j, k in enumerate(vocab)}
        X = np.zeros((len(texts), len(vocab) + 1))
        X[:, 0] = lex
        for r, f in enumerate(feats):
            for key, v in f.items():
                j = col.get(key)
                if j is not None:
                    X[r, j + 1] = v
        yf = y.astype(float)
        rng = np.random.RandomState(self.random_state)
        alphas = (3.0, 10.0, 30.0, 100.0, 300.0)
        if len(texts) >= 20 and len(np.unique(y)) >= 2:
            folds = np.arange(len(texts)) % 5
            rng.shuffle(folds)
            best = None
            for alpha in alphas:
                oof = np.empty(len(texts))
                for fold in range(5):
                    tr, te = folds != fold, folds == fold
                    theta = _ridge(X[tr], yf[tr], alpha)
                    oof[te] = X[te] @ theta
                zone, ba = _best_zone(oof, y)
                if best is None or ba > best[0] + 1e-9:
                    best = (ba, alpha, zone)
            ba, alpha, zone = best
        else:
            alpha = 30.0
            theta = _ridge(X, yf, alpha)
            zone, ba = _best_zone(X @ theta, y)
        theta = _ridge(X, yf, alpha)
        self.scale_ = float(theta[0])
        self.word_weights_ = {k: float(w) for k, w in zip(vocab, theta[1:]) if abs(w) >= 1e-3}
        self.neutral_zone_ = float(zone)
        self.alpha_ = float(alpha)
        self.cv_balanced_accuracy_ = float(ba)
        self.n_features_in_ = 1
        return self


def _check_score(word, value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise UserError(f"sentiment lexicon: score for {word!r} must be a number in [-1, 1], not {value!r}") from None
    if not -1.0 <= v <= 1.0 or v != v:
        raise UserError(f"sentiment lexicon: score for {word!r} must be in [-1, 1], not {value!r}")
    return v


def _ridge(X: np.ndarray, y: np.ndarray, alpha: float, scale_prior: float = 1.0) -> np.ndarray:
    """Ridge regression without intercept; the first coefficient (lexicon scale) is pulled towards
    `scale_prior` (penalty 1), the word weights towards 0 (penalty `alpha`)."""
    d = X.shape[1]
    penalty = np.full(d, alpha)
    penalty[0] = 1.0
    A = X.T @ X + np.diag(penalty)
    b = X.T @ y
    b[0] += scale_prior
    return np.linalg.solve(A, b)


def _best_zone(evidence: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Neutral zone (threshold on |evidence|) that maximises balanced accuracy; ties -> the middle one."""
    a = np.abs(evidence)
    candidates = np.unique(np.concatenate([[0.0], np.quantile(a, np.linspace(0, 0.95, 40))]))
    # thresholds halfway between distinct values are more robust than the values themselves
    mids = np.unique(np.concatenate([candidates, (candidates[1:] + candidates[:-1]) / 2]))
    scores = []
    for t in mids:
        pred = np.where(evidence > t, 1, np.where(evidence < -t, -1, 0))
        scores.append(_balanced_accuracy(y, pred))
    scores = np.asarray(scores)
    best = np.flatnonzero(scores >= scores.max() - 1e-9)
    t = float(mids[best[len(best) // 2]])
    return t, float(scores.max())
