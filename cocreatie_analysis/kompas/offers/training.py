"""Rebuild the offer model (`data/offers_model.json`) from the labelled sets, and estimate it by grouped CV.

    python -m cocreatie_analysis.kompas.offers.training            # grouped CV table, then train and write
    python -m cocreatie_analysis.kompas.offers.training --cv-only  # only the table

Run from the repository root: the labelled sets are `benchmarks/data/offers_*.csv` (one annotator each; the
blind set `offers_blind4.csv` is never read here) and the municipal samples `data/samples/*/texts.csv`
(`offers_help`). What is learned (`model`): a logistic regression (liblinear, L2, C) on units (`features`):
named flags plus words and word pairs scaled NGRAM_SCALE / sqrt(length); a text's probability is that of its
best unit. Training is multiple-instance in its simplest form: every unit of a text without an offer is a
negative; of a text with an offer only one unit is a positive, the sentence where the clause rules fired or,
if they did not, the one with most signs of an offer (`_initial_unit`). Kinds: a multinomial logistic
regression on the deciding unit, trained on the offers of the sets that have a `kind` column.

Grouped cross-validation: each labelled set is one group. For each set left out, the offer model is trained
on the others, its threshold chosen on those others by an inner leave-one-set-out round (`best_threshold`:
the best worst-set F1, because the next set comes from yet another annotator), and the left-out set scored.
The shipped threshold is `best_threshold` over the out-of-fold probabilities of all sets. The result is
deterministic: the same data gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from .features import _units
from .lexicon import KINDS
from .model import MODEL_FILE, _kind_features, _OfferModel, _probability
from .word_table import _ngrams

__all__ = ["best_threshold", "grouped_cv", "load_sets", "main", "train", "training_sets"]

BLIND_SET = "offers_blind4.csv"  # measured once by benchmarks/offers.py; never trained or tuned on
C = 10.0
NGRAM_SCALE = 2.0
MIN_DF = 2
PRUNE = 0.005
KIND_C = 1.0
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))  # 0.20 ... 0.80
_INITIAL_FLAGS = ("first person", "modal", "eager", "specific contribution", "contribution named")
MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / MODEL_FILE


def training_sets(root: Path | str = ".") -> list[Path]:
    """The labelled sets the shipped model is trained on, in a fixed order (the blind set left out)."""
    root = Path(root)
    benchmark = sorted(p for p in (root / "benchmarks" / "data").glob("offers_*.csv") if p.name != BLIND_SET)
    return [*sorted((root / "data" / "samples").glob("*/texts.csv")), *benchmark]


def set_name(path: Path) -> str:
    return path.parent.name if path.name == "texts.csv" else path.stem


def load_sets(paths=None) -> dict[str, tuple[list[str], np.ndarray, list]]:
    """name -> (texts, offer labels, kind labels or Nones)."""
    sets = {}
    for path in paths if paths is not None else training_sets():
        path = Path(path)
        if not path.exists():
            continue
        frame = pd.read_csv(path)
        column = "offer" if "offer" in frame.columns else "offers_help"
        kinds = (
            frame["kind"].where(frame["kind"].notna(), None).tolist()
            if "kind" in frame.columns
            else [None] * len(frame)
        )
        sets[set_name(path)] = (
            frame["text"].fillna("").astype(str).tolist(),
            frame[column].astype(int).astype(bool).to_numpy(),
            kinds,
        )
    return sets


def _initial_unit(found) -> int:
    """For a text with an offer: the unit trained as its positive."""
    units, hit = found[0], found[1]
    best, best_score = 0, -1
    for k, (flags, _tokens, s) in enumerate(units):
        score = 10 * (hit is not None and hit[5] == s) + sum(1 for f in _INITIAL_FLAGS if f in flags)
        if score > best_score:
            best, best_score = k, score
    return best


def _design(rows, vocabulary: dict[str, int]):
    """Sparse matrix of unit rows (flags, n-gram tokens): flags 1, n-grams NGRAM_SCALE / sqrt(length)."""
    data, r, c = [], [], []
    for i, (flags, tokens) in enumerate(rows):
        for f in flags:
            j = vocabulary.get("f:" + f)
            if j is not None:
                data.append(1.0), r.append(i), c.append(j)
        scale = NGRAM_SCALE / math.sqrt(max(len(tokens), 1))
        for f in _ngrams(tokens):
            j = vocabulary.get(f)
            if j is not None:
                data.append(scale), r.append(i), c.append(j)
    matrix = sparse.csr_matrix((data, (r, c)), shape=(len(rows), len(vocabulary)))
    matrix.sum_duplicates()
    return matrix


def _training_rows(found_list, labels):
    rows, y = [], []
    for found, label in zip(found_list, labels):
        if found is None:
            continue
        if label:
            flags, tokens, _ = found[0][_initial_unit(found)]
            rows.append((flags, tokens)), y.append(1)
        else:
            for flags, tokens, _ in found[0]:
                rows.append((flags, tokens)), y.append(0)
    return rows, np.array(y)


def fit_offer(found_list, labels) -> dict:
    """The offer model as the "offer" part of data/offers_model.json."""
    rows, y = _training_rows(found_list, labels)
    df: dict[str, int] = {}
    for flags, tokens in rows:
        for f in set(["f:" + x for x in flags] + _ngrams(tokens)):
            df[f] = df.get(f, 0) + 1
    vocabulary = {f: j for j, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF or f.startswith("f:")))}
    model = LogisticRegression(C=C, solver="liblinear", max_iter=5000, random_state=0)
    model.fit(_design(rows, vocabulary), y)
    features = sorted(vocabulary, key=vocabulary.get)
    weights = {f: round(float(w), 5) for f, w in zip(features, model.coef_[0]) if abs(w) >= PRUNE}
    return {"bias": round(float(model.intercept_[0]), 5), "weights": dict(sorted(weights.items()))}


def _deciding_unit(model: _OfferModel, found):
    return max(found[0], key=lambda u: model.unit_score(u[0], u[1]))


def fit_kind(found_list, kinds, offer_part: dict) -> dict:
    """The kind model (multinomial logistic regression) on the unit the offer model picks in each offer."""
    scorer = _OfferModel({"offer": offer_part, "threshold": 0.5, "ngram_scale": NGRAM_SCALE})
    feats, y = [], []
    for found, kind in zip(found_list, kinds):
        if found is None or kind not in KINDS:
            continue
        flags, _tokens, s = _deciding_unit(scorer, found)
        begin, end, _ = found[3][s]
        feats.append(_kind_features(found[4][begin:end], flags))
        y.append(kind)
    df: dict[str, int] = {}
    for f in feats:
        for name in set(f):
            df[name] = df.get(name, 0) + 1
    vocabulary = {f: j for j, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}
    data, r, c = [], [], []
    for i, f in enumerate(feats):
        for name in f:  # a repeated feature counts once per occurrence
            j = vocabulary.get(name)
            if j is not None:
                data.append(1.0), r.append(i), c.append(j)
    matrix = sparse.csr_matrix((data, (r, c)), shape=(len(feats), len(vocabulary)))
    matrix.sum_duplicates()
    model = LogisticRegression(C=KIND_C, max_iter=5000)
    model.fit(matrix, y)
    classes = [str(k) for k in model.classes_]
    names = sorted(vocabulary, key=vocabulary.get)
    weights = {}
    for j, name in enumerate(names):
        column = [round(float(model.coef_[k][j]), 4) for k in range(len(classes))]
        if max(abs(v) for v in column) >= PRUNE:
            weights[name] = column
    return {
        "classes": classes,
        "bias": [round(float(b), 4) for b in model.intercept_],
        "weights": dict(sorted(weights.items())),
    }


def probabilities(data: dict, found_list) -> np.ndarray:
    model = _OfferModel(data)
    return np.array(
        [0.0 if f is None else _probability(max(model.unit_score(u[0], u[1]) for u in f[0])) for f in found_list]
    )


def best_threshold(probs: list[np.ndarray], truths: list[np.ndarray]) -> float:
    """The threshold whose worst F1 over the given sets (one per annotator) is highest; ties go to the best
    pooled F1. Maximin rather than pooled F1, because the next set comes from yet another annotator: with the
    pooled-F1 rule a sample set fell to precision 0.76 in grouped CV (docs/offers.md)."""

    def f1(predicted, truth):
        p, r = _pr(predicted, truth)
        return 2 * p * r / (p + r) if p + r else 0.0

    pooled_truth = np.concatenate(truths)
    best_key, best_t = None, 0.5
    for t in THRESHOLDS:
        key = (
            round(min(f1(p >= t, y) for p, y in zip(probs, truths)), 9),
            round(f1(np.concatenate(probs) >= t, pooled_truth), 9),
        )
        if best_key is None or key > best_key:
            best_key, best_t = key, t
    return best_t


def _pr(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    tp = int((predicted & truth).sum())
    return (tp / predicted.sum() if predicted.sum() else 0.0), (tp / truth.sum() if truth.sum() else 0.0)


def extract(sets) -> dict[str, list]:
    """Units of every text, with the clause rules' hit (for _initial_unit)."""
    return {name: [_units(t, scan=True) for t in texts] for name, (texts, _, _) in sets.items()}


def _inner_threshold(names, found, sets) -> float:
    """best_threshold on the out-of-fold probabilities of leave-one-set-out over `names` (0.5 when there is only
    one set: nothing to leave out)."""
    if len(names) < 2:
        return 0.5
    probs, truths = [], []
    for held in names:
        train = [n for n in names if n != held]
        part = fit_offer([f for n in train for f in found[n]], np.concatenate([sets[n][1] for n in train]))
        probs.append(probabilities({"offer": part, "threshold": 0.5, "ngram_scale": NGRAM_SCALE}, found[held]))
        truths.append(sets[held][1])
    return best_threshold(probs, truths)


def grouped_cv(sets, found=None, log=print) -> dict:
    """Leave each set out in turn (see the module docstring). Returns per-set rows, pooled figures and the
    pooled out-of-fold probabilities (for the shipped threshold)."""
    found = found or extract(sets)
    names = list(sets)
    rows, pooled_pred, pooled_truth, pooled_prob, kind_hits, kind_total = [], [], [], [], 0, 0
    for held in names:
        train = [n for n in names if n != held]
        part = fit_offer([f for n in train for f in found[n]], np.concatenate([sets[n][1] for n in train]))
        threshold = _inner_threshold(train, found, sets)
        data = {"offer": part, "threshold": threshold, "ngram_scale": NGRAM_SCALE}
        prob = probabilities(data, found[held])
        truth = sets[held][1]
        predicted = prob >= threshold
        p, r = _pr(predicted, truth)
        kind_acc = None
        kinds = sets[held][2]
        if any(k is not None for k in kinds):
            data["kind"] = fit_kind([f for n in train for f in found[n]], [k for n in train for k in sets[n][2]], part)
            model = _OfferModel(data)
            hits = total = 0
            for f, k, pr, t in zip(found[held], kinds, predicted, truth):
                if pr and t and k in KINDS:
                    flags, _tokens, s = _deciding_unit(model, f)
                    begin, end, _ = f[3][s]
                    guess = model.kind(f[4][begin:end], flags)
                    hits += guess == k
                    total += 1
            kind_acc = hits / total if total else None
            kind_hits += hits
            kind_total += total
        rows.append(
            {
                "set": held,
                "n": len(truth),
                "offers": int(truth.sum()),
                "threshold": threshold,
                "precision": p,
                "recall": r,
                "f1": 2 * p * r / (p + r) if p + r else 0.0,
                "kind_accuracy": kind_acc,
            }
        )
        pooled_pred.append(predicted), pooled_truth.append(truth), pooled_prob.append(prob)
    truth = np.concatenate(pooled_truth)
    p, r = _pr(np.concatenate(pooled_pred), truth)
    return {
        "rows": rows,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "worst_precision": min(x["precision"] for x in rows),
        "worst_recall": min(x["recall"] for x in rows),
        "kind_accuracy": kind_hits / kind_total if kind_total else None,
        "n": len(truth),
        "offers": int(truth.sum()),
        "probs": pooled_prob,
        "truths": pooled_truth,
    }


def format_cv(result) -> str:
    lines = [
        "grouped cross-validation: each set left out in turn; weights and threshold learned on the other sets",
        f"{'left-out set':<20} {'n':>5} {'offers':>6} | {'thresh':>6} | {'P':>5} {'R':>5} {'F1':>5} | {'kind acc':>8}",
    ]
    for x in result["rows"]:
        kind = f"{x['kind_accuracy']:.3f}" if x["kind_accuracy"] is not None else "-"
        lines.append(
            f"{x['set']:<20} {x['n']:>5} {x['offers']:>6} | {x['threshold']:>6.2f} | {x['precision']:>5.3f} "
            f"{x['recall']:>5.3f} {x['f1']:>5.3f} | {kind:>8}"
        )
    kind = f"{result['kind_accuracy']:.3f}" if result["kind_accuracy"] is not None else "-"
    lines.append(
        f"{'pooled':<20} {result['n']:>5} {result['offers']:>6} | {'':>6} | {result['precision']:>5.3f} "
        f"{result['recall']:>5.3f} {result['f1']:>5.3f} | {kind:>8}"
    )
    lines.append(
        f"{'worst set':<20} {'':>5} {'':>6} | {'':>6} | {result['worst_precision']:>5.3f} "
        f"{result['worst_recall']:>5.3f}"
    )
    return "\n".join(lines)


def train(sets, found=None, threshold: float | None = None) -> dict:
    found = found or extract(sets)
    names = list(sets)
    all_found = [f for n in names for f in found[n]]
    part = fit_offer(all_found, np.concatenate([sets[n][1] for n in names]))
    if threshold is None:
        threshold = _inner_threshold(names, found, sets)
    kind = fit_kind(all_found, [k for n in names for k in sets[n][2]], part)
    return {
        "format": 2,
        "threshold": threshold,
        "ngram_scale": NGRAM_SCALE,
        "offer": part,
        "kind": kind,
        "trained_on": {n: len(sets[n][0]) for n in names},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="only report grouped cross-validation")
    parser.add_argument("--root", default=".", help="the repository root (where benchmarks/data is)")
    args = parser.parse_args(argv)
    sets = load_sets(training_sets(args.root))
    if not sets:
        raise SystemExit(f"no labelled sets under {Path(args.root).resolve()}/benchmarks/data")
    found = extract(sets)
    result = grouped_cv(sets, found)
    print(format_cv(result))
    threshold = best_threshold(result["probs"], result["truths"])
    print(f"shipped threshold (best worst-set F1 on the out-of-fold probabilities of all sets): {threshold:.2f}")
    if args.cv_only:
        return 0
    model = train(sets, found, threshold)
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    MODEL_PATH.write_text(text + "\n", encoding="utf-8")
    print(
        f"trained on {sum(len(s[0]) for s in sets.values())} texts from {len(sets)} sets: "
        f"{len(model['offer']['weights'])} offer weights, {len(model['kind']['weights'])} kind features, "
        f"threshold {model['threshold']:.2f} -> {MODEL_PATH}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
