"""Benchmark for cocreatie_analysis.themes.ThemeModel: quality against baselines, then speed and memory.

    python benchmarks/themes.py            # quality on all labelled sets + scale 10k and 100k
    python benchmarks/themes.py --quick    # quality only
    python benchmarks/themes.py --full     # also 1,000,000 inputs

Quality, per labelled set (column `opgave`; `overig` = no theme):
- discovery: NMI and ARI of ThemeModel(n_themes="auto") against the labels (its -1 counts as one more
  cluster), versus baseline 1, TF-IDF + KMeans told the true number of opgaven; ThemeModel told the true
  number is shown too.
- seeded: macro-F1 over the seeded opgaven (an input counts for opgave s when the model gives it the
  theme named s), versus baseline 2, counting seed words (an input goes to the seed list with the most
  matching words, stemmed; none -> no theme). Seed lists have 3-5 words and some opgaven are left
  unseeded on purpose (the model must then put their inputs elsewhere, not in a seeded theme).

Hold-out: the model's weights, thresholds and word lists were tuned on benchmarks/data/themes_eval_nl.csv
only (written for this purpose: varied writers, typos, emoji, HTML, English, the tone-vs-subject trap).
The sample sets in data/samples/<slug>/texts.csv were written by others with their own taxonomy (ten
opgaven incl. "economie en werk", "jeugd") and were not used for tuning; their seed lists below were
written from the opgave names alone.

Scale: inputs synthesised by recombining 1-3 real sentences from all labelled sets above (with a random
word dropped now and then so that they are distinct), run in a fresh process per size; peak memory is
the process's maximum resident set size (including the Python interpreter and libraries).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score, f1_score, normalized_mutual_info_score  # noqa: E402

from cocreatie_analysis import text as T  # noqa: E402
from cocreatie_analysis.themes import ThemeModel  # noqa: E402

EVAL = ROOT / "benchmarks" / "data" / "themes_eval_nl.csv"

# Seeds (3-5 words) per labelled set; the opgaven not listed are unseeded on purpose.
SEEDS = {
    "themes_eval_nl": {
        "groen": ["bomen", "park", "groen", "bloemen"],
        "verkeer": ["verkeer", "fietspad", "parkeren", "bus"],
        "wonen": ["woningen", "huur", "starters", "bouwen"],
        "afval": ["afval", "containers", "zwerfvuil"],
        "veiligheid": ["inbraak", "politie", "onveilig", "overlast"],
        "zorg": ["ouderen", "zorg", "eenzaamheid", "mantelzorg"],
        "duurzaamheid": ["energie", "zonnepanelen", "isolatie", "klimaat"],
    },
    "samples": {
        "groen": ["bomen", "park", "groen", "natuur"],
        "verkeer en parkeren": ["verkeer", "parkeren", "fietspad", "auto"],
        "wonen": ["woningen", "huur", "bouwen", "starters"],
        "zorg en welzijn": ["zorg", "ouderen", "eenzaamheid", "huisarts"],
        "veiligheid": ["veiligheid", "politie", "inbraak", "overlast"],
        "duurzaamheid": ["energie", "zonnepanelen", "isolatie", "klimaat"],
    },
}
NO_THEME = "overig"


def labelled_sets() -> dict[str, pd.DataFrame]:
    sets = {"themes_eval_nl (tuning)": pd.read_csv(EVAL)}
    for path in sorted((ROOT / "data" / "samples").glob("*/texts.csv")):
        df = pd.read_csv(path)
        if {"text", "opgave"} <= set(df.columns) and len(df) >= 50:
            sets[f"{path.parent.name} (held out)"] = df
    return sets


def kmeans_baseline(texts: pd.Series, k: int, seed: int = 0) -> np.ndarray:
    vec = TfidfVectorizer(stop_words=sorted(T.stopwords("nl", keep_negations=False)), sublinear_tf=True)
    X = vec.fit_transform(texts.fillna("").astype(str))
    return KMeans(k, n_init=10, random_state=seed).fit_predict(X)


def seed_count_baseline(texts: pd.Series, seeds: dict[str, list[str]], language: str = "nl") -> np.ndarray:
    """Theme name per text by counting seed words (Snowball stems); '' if no seed word occurs."""
    stem_sets = {name: {T.stem(w.lower(), language) for w in words} for name, words in seeds.items()}
    out = []
    for text in texts:
        stems = Counter_(T.stem(tok, language) for tok in T.tokenize(text))
        scores = {name: sum(stems[s] for s in ss) for name, ss in stem_sets.items()}
        best = max(scores, key=scores.get)
        out.append(best if scores[best] > 0 else "")
    return np.array(out, dtype=object)


def Counter_(it):
    from collections import Counter

    return Counter(it)


def macro_f1(truth: np.ndarray, predicted_names: np.ndarray, seeded: list[str]) -> float:
    return float(np.mean([f1_score(truth == s, predicted_names == s, zero_division=0) for s in seeded]))


def quality() -> None:
    rows = []
    for name, df in labelled_sets().items():
        texts, truth = df["text"], df["opgave"].astype(str).to_numpy()
        k_true = len(set(truth))
        t0 = time.perf_counter()
        model = ThemeModel(language="nl", n_themes="auto", random_state=0)
        labels = model.fit_predict(texts)
        t_model = time.perf_counter() - t0
        fixed = ThemeModel(language="nl", n_themes=k_true, random_state=0).fit_predict(texts)
        base = kmeans_baseline(texts, k_true)
        noise = truth == NO_THEME
        rows.append(
            {
                "set": name,
                "n": len(df),
                "opgaven": k_true,
                "NMI model(auto)": normalized_mutual_info_score(truth, labels),
                "NMI model(true k)": normalized_mutual_info_score(truth, fixed),
                "NMI kmeans(true k)": normalized_mutual_info_score(truth, base),
                "ARI model(auto)": adjusted_rand_score(truth, labels),
                "ARI model(true k)": adjusted_rand_score(truth, fixed),
                "ARI kmeans(true k)": adjusted_rand_score(truth, base),
                "k chosen": model.n_themes_,
                "-1 recall on overig": float((labels[noise] == -1).mean()) if noise.any() else float("nan"),
                "-1 share of themed": float((labels[~noise] == -1).mean()),
                "seconds": t_model,
            }
        )
        seeds = SEEDS["themes_eval_nl"] if name.startswith("themes_eval_nl") else SEEDS["samples"]
        seeds = {s: w for s, w in seeds.items() if s in set(truth)}
        seeded_model = ThemeModel(language="nl", n_themes="auto", seeds=seeds, random_state=0)
        lab_s = seeded_model.fit_predict(texts)
        names = seeded_model.themes_["name"].to_numpy()
        pred_names = np.where(lab_s >= 0, names[np.maximum(lab_s, 0)], "")
        count_names = seed_count_baseline(texts, seeds)
        rows[-1].update(
            {
                "seeded opgaven": len(seeds),
                "F1 model(seeded)": macro_f1(truth, pred_names, list(seeds)),
                "F1 seed-count": macro_f1(truth, count_names, list(seeds)),
                "extra themes": int((~seeded_model.themes_["seeded"]).sum()),
                "NMI model(seeded, all)": normalized_mutual_info_score(truth, lab_s),
            }
        )
        print(f"\n== {name}: {len(df)} inputs, {k_true} opgaven; themes found ({model.n_themes_}):")
        for tid, row in model.themes_.iterrows():
            print(f"   {tid:2d} {row['name'][:34]:34s} {row['size']:5d}  {', '.join(row['top_terms'][:6])}")
        seeded = zip(seeded_model.themes_["name"], seeded_model.themes_["size"])
        print(f"   seeded run: {', '.join(f'{n} ({s})' for n, s in seeded)}")
    table = pd.DataFrame(rows).set_index("set")
    pd.set_option("display.width", 200)
    print("\n== Discovery (NMI / ARI against the opgave labels; higher is better)")
    print(
        table[
            [
                "n",
                "opgaven",
                "k chosen",
                "NMI model(auto)",
                "NMI model(true k)",
                "NMI kmeans(true k)",
                "ARI model(auto)",
                "ARI model(true k)",
                "ARI kmeans(true k)",
            ]
        ]
        .round(3)
        .to_string()
    )
    print("\n== No theme: share of 'overig' inputs given -1, share of themed inputs given -1")
    print(table[["-1 recall on overig", "-1 share of themed"]].round(3).to_string())
    print("\n== Seeded themes (macro-F1 over the seeded opgaven; higher is better)")
    print(
        table[["seeded opgaven", "F1 model(seeded)", "F1 seed-count", "extra themes", "NMI model(seeded, all)"]]
        .round(3)
        .to_string()
    )
    held = table[table.index.str.contains("held out")]
    for label, part in (("tuning set", table[~table.index.str.contains("held out")]), ("held-out sets", held)):
        if len(part):
            print(
                f"\n{label}: NMI ratio model(auto)/kmeans(true k) = "
                f"{part['NMI model(auto)'].mean() / part['NMI kmeans(true k)'].mean():.2f}x, "
                f"ARI ratio = {part['ARI model(auto)'].mean() / max(part['ARI kmeans(true k)'].mean(), 1e-9):.2f}x, "
                f"seeded F1 ratio model/seed-count = "
                f"{part['F1 model(seeded)'].mean() / part['F1 seed-count'].mean():.2f}x"
            )


# ---------------------------------------------------------------------------------------------------- scale
def sentences() -> list[str]:
    out = []
    for df in labelled_sets().values():
        for text in df["text"].dropna().astype(str):
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", T.clean(text)) if len(s.strip()) > 3]
    return out


def synthesise(n: int, seed: int = 0) -> list[str]:
    rng = np.random.default_rng(seed)
    sents = sentences()
    n_parts = rng.choice([1, 2, 3], size=n, p=[0.5, 0.35, 0.15])
    picks = rng.integers(0, len(sents), size=int(n_parts.sum()))
    out, pos = [], 0
    for k in n_parts:
        text = " ".join(sents[i] for i in picks[pos : pos + k])
        pos += k
        if rng.random() < 0.5:  # drop one word so that recombinations are distinct inputs
            words = text.split()
            if len(words) > 3:
                del words[rng.integers(len(words))]
                text = " ".join(words)
        out.append(text)
    return out


def _child(n: int, what: str) -> None:
    import resource

    texts = synthesise(n)
    rss_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    if what == "model":
        labels = ThemeModel(language="nl", random_state=0).fit_predict(texts)
        k = int(labels.max()) + 1
    else:
        vec = TfidfVectorizer(stop_words=sorted(T.stopwords("nl", keep_negations=False)), sublinear_tf=True)
        labels = KMeans(10, n_init=1, random_state=0).fit_predict(vec.fit_transform(texts))
        k = 10
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": n, "seconds": seconds, "peak_mb": peak, "data_mb": rss_data, "k": k}))


def scale(sizes: list[int]) -> None:
    env = dict(os.environ, OMP_NUM_THREADS="2", OPENBLAS_NUM_THREADS="2", MKL_NUM_THREADS="2")
    print(
        "\n== Scale: fit_predict on synthesised inputs (fresh process each; 2 threads; timings are noisy "
        "on a shared machine)"
    )
    print(f"{'inputs':>10} {'model s':>9} {'model peak MB':>14} {'kmeans(k=10) s':>15} {'ratio':>6} {'themes':>7}")
    for n in sizes:
        res = {}
        for what in ("model", "kmeans"):
            if what == "kmeans" and n > 100_000:
                res[what] = None
                continue
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(n), what], capture_output=True, text=True, env=env, check=True
            )
            res[what] = json.loads(out.stdout.strip().splitlines()[-1])
        m, b = res["model"], res["kmeans"]
        ratio = f"{m['seconds'] / b['seconds']:.1f}x" if b else "-"
        bs = f"{b['seconds']:.1f}" if b else "-"
        print(f"{n:>10,} {m['seconds']:>9.1f} {m['peak_mb']:>14.0f} {bs:>15} {ratio:>6} {m['k']:>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="quality only, no scale runs")
    parser.add_argument("--full", action="store_true", help="also run 1,000,000 inputs")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(int(args.child[0]), args.child[1])
        return
    quality()
    if not args.quick:
        scale([10_000, 100_000] + ([1_000_000] if args.full else []))


if __name__ == "__main__":
    main()
