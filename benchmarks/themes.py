"""Benchmark for ThemeModel: discovery, guided themes, readable terms, then speed and memory.

    python benchmarks/themes.py               # quality on every set + scale at 10k and 100k inputs
    python benchmarks/themes.py --quick       # quality only
    python benchmarks/themes.py --full        # also 1,000,000 inputs
    python benchmarks/themes.py --polis DIR   # real data elsewhere (default: ROOT/../shared/data/polis)

Sets (one row each in the table):
- **real-en**: the comments of five real Pol.is conversations in English mixed (brexit-consensus,
  15-per-hour-seattle, american-assembly.bowling-green, london.youth.policing, march-on); the label of a
  comment is the conversation it came from. **real-de**: the four German austria-climate conversations
  (Energie, Mobilität, Wohnen, Ernährung und Landnutzung). Every comment is used as written (also those
  Pol.is moderators took out), empty ones excepted. The data are read from their shared location and
  never copied.
- **in-sample** Dutch sets, written by the project and used while building the model:
  benchmarks/data/themes_eval_nl.csv and data/samples/<slug>/texts.csv (column `opgave`).

Columns:
- discovery: NMI and ARI of ThemeModel(n_themes="auto") against the labels (its -1 counts as one more
  cluster), mean over random_state 0, 1, 2, against TF-IDF + KMeans told the true number of labels
  (same random states); `ratio` = NMI model / NMI KMeans; `unassigned` = share of inputs with -1; `k` per
  random_state; `curve` = the criterion (held-out log-likelihood per input, relative to the first
  candidate) per candidate k for random_state 0, the chosen k marked with *.
- guided: macro-F1 over the opgaven of ThemeModel(seeds=...) and share of inputs assigned, against
  counting seed words (an input goes to the opgave with most seed words, Snowball stems, the opgave's
  name included; none -> unassigned); `ratio` = F1 model / F1 count.
  Seeds of the real sets were written from the conversations' topics and descriptions in the data's
  README and summary.csv only, before looking at any comment or label (see REAL_SEEDS); the Dutch
  samples use the opgaven of their gemeente.yaml (`themes.seeds` plus the keys of
  `process.participation_levels`; an opgave without seeds is seeded by its own name); the eval set uses
  the seed lists of the previous benchmark.
- absorbed (real sets): every topic is left out of the seeds in turn (a subject the council did not name);
  the share of its inputs that the guided model still puts under one of the named opgaven, mean over the
  topics, against counting seed words. Lower is better: those inputs belong in an extra theme or nowhere.
- junk: share of the top terms (10 per theme, discovery and guided models) that are not whole words in
  wordfreq's word list of the set's language or English.

Scale: inputs synthesised by recombining 1-3 sentences of the Dutch sets (a random word dropped now and
then so that they are distinct), each size in a fresh process; peak memory is the process's maximum
resident set size (interpreter and libraries included).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE.parent
sys.path.insert(0, str(DEFAULT_ROOT))

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score, f1_score, normalized_mutual_info_score  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

from cocreatie_analysis.text.features import TOKEN_RE, clean  # noqa: E402
from cocreatie_analysis.text.morphology import stopwords  # noqa: E402
from cocreatie_analysis.themes import ThemeModel, opgaven_frame  # noqa: E402
from cocreatie_analysis.themes.guided import stem  # noqa: E402

RANDOM_STATES = (0, 1, 2)

REAL_EN = {  # conversation -> (opgave name, seed words), from the README's topics and descriptions only
    "brexit-consensus": ("brexit", ["brexit", "eu", "referendum", "leave", "remain"]),
    "15-per-hour-seattle": ("minimum wage", ["minimum wage", "wage", "seattle", "pay", "hour"]),
    "american-assembly.bowling-green": (
        "bowling green",
        ["bowling green", "warren county", "county", "city", "community"],
    ),
    "london.youth.policing": ("youth policing", ["police", "policing", "young people", "youth", "scrutiny"]),
    "march-on.operation-marchin-orders": (
        "marching orders",
        ["movement", "country", "elected officials", "politicians", "government"],
    ),
}
REAL_DE = {
    "austria-climate.2vkxcncppn.2022-07-07": (
        "Energie",
        ["Energie", "Energieverbrauch", "erneuerbare Energien", "CO2 Bepreisung", "Strom"],
    ),
    "austria-climate.5tzfrp5eaa.2022-07-07": ("Mobilität", ["Mobilität", "Verkehr", "Verkehrsaufkommen", "Wege"]),
    "austria-climate.7z7ejpbmv5.2022-08-08": ("Wohnen", ["Wohnen", "Sanierung", "Bestand", "Wohnung"]),
    "austria-climate.9xnndurbfm.2022-07-07": (
        "Ernährung und Landnutzung",
        ["Ernährung", "Landnutzung", "tierische Produkte", "Lebensmittelabfall", "Kohlenstoffsenken"],
    ),
}
EVAL_SEEDS = {  # the seed lists of the previous benchmark for themes_eval_nl.csv
    "groen": ["bomen", "park", "groen", "bloemen"],
    "verkeer": ["verkeer", "fietspad", "parkeren", "bus"],
    "wonen": ["woningen", "huur", "starters", "bouwen"],
    "afval": ["afval", "containers", "zwerfvuil"],
    "veiligheid": ["inbraak", "politie", "onveilig", "overlast"],
    "zorg": ["ouderen", "zorg", "eenzaamheid", "mantelzorg"],
    "duurzaamheid": ["energie", "zonnepanelen", "isolatie", "klimaat"],
}


# ------------------------------------------------------------------------------------------------- data
def polis_mix(polis: Path, conversations: dict) -> tuple[pd.Series, np.ndarray, dict]:
    texts, labels = [], []
    for conv, (name, _) in conversations.items():
        df = pd.read_csv(polis / conv / "comments.csv")
        body = df["comment-body"].fillna("").astype(str)
        body = body[body.str.strip() != ""]
        texts += body.tolist()
        labels += [name] * len(body)
    seeds = {name: words for name, words in conversations.values()}
    return pd.Series(texts), np.array(labels, dtype=object), seeds


def sets(root: Path, polis: Path) -> list[dict]:
    import yaml

    out = []
    t, y, s = polis_mix(polis, REAL_EN)
    out.append(
        {"set": "real-en (5 conversations)", "lang": "en", "texts": t, "truth": y, "seeds": s, "in_sample": False}
    )
    t, y, s = polis_mix(polis, REAL_DE)
    out.append(
        {"set": "real-de (4 conversations)", "lang": "de", "texts": t, "truth": y, "seeds": s, "in_sample": False}
    )
    ev = pd.read_csv(root / "benchmarks" / "data" / "themes_eval_nl.csv")
    out.append(
        {
            "set": "themes_eval_nl [in-sample]",
            "lang": "nl",
            "texts": ev["text"],
            "truth": ev["opgave"].astype(str).to_numpy(),
            "seeds": EVAL_SEEDS,
            "in_sample": True,
        }
    )
    for path in sorted((root / "data" / "samples").glob("*/texts.csv")):
        slug = path.parent.name
        df = pd.read_csv(path)
        cfg_path = root / "data" / "raw" / slug / "gemeente.yaml"
        cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8")) if cfg_path.exists() else {}
        frame = opgaven_frame(
            (cfg.get("themes") or {}).get("seeds"), (cfg.get("process") or {}).get("participation_levels")
        )
        out.append(
            {
                "set": f"{slug} [in-sample]",
                "lang": cfg.get("language", "nl"),
                "texts": df["text"],
                "truth": df["opgave"].astype(str).to_numpy(),
                "seeds": frame,
                "in_sample": True,
            }
        )
    return out


# -------------------------------------------------------------------------------------------- baselines
def kmeans_baseline(texts: pd.Series, k: int, language: str, seed: int) -> np.ndarray:
    vec = TfidfVectorizer(stop_words=sorted(stopwords(language)), sublinear_tf=True)
    X = vec.fit_transform(texts.fillna("").astype(str))
    return KMeans(k, n_init=10, random_state=seed).fit_predict(X)


def seed_count_baseline(texts, seeds: dict, language: str) -> np.ndarray:
    """Opgave per text by counting seed words (Snowball stems, the opgave's name included); '' if none."""
    stems = {
        name: {stem(t.lower(), language) for w in list(words) + [name] for t in TOKEN_RE.findall(w)}
        for name, words in seeds.items()
    }
    out = []
    for text in texts:
        counts = Counter(stem(t.lower(), language) for t in TOKEN_RE.findall(clean(text)))
        scores = {name: sum(counts[s] for s in ss) for name, ss in stems.items()}
        best = max(scores, key=scores.get)
        out.append(best if scores[best] > 0 else "")
    return np.array(out, dtype=object)


def macro_f1(truth: np.ndarray, predicted: np.ndarray, opgaven: list[str]) -> float:
    return float(np.mean([f1_score(truth == s, predicted == s, zero_division=0) for s in opgaven]))


def junk(models: list, language: str) -> tuple[int, int]:
    bad = total = 0
    for m in models:
        for terms in m.themes_["top_terms"]:
            for term in terms[:10]:
                total += 1
                words = term.split()
                if not all(zipf_frequency(w, language) > 0 or zipf_frequency(w, "en") > 0 for w in words):
                    bad += 1
    return bad, total


# ---------------------------------------------------------------------------------------------- quality
def left_out_opgave(texts, truth, seeds: dict, language: str) -> tuple[float, float]:
    """Mean share of a topic's inputs put under another opgave when the council did not name that topic.

    Every topic is left out of the seeds in turn; its inputs should then be unassigned or form an extra
    theme, not be absorbed by an opgave they are not about (model versus counting seed words)."""
    model_shares, count_shares = [], []
    for left_out in seeds:
        rest = {k: v for k, v in seeds.items() if k != left_out}
        mine = truth == left_out
        g = ThemeModel(language=language, seeds=rest, random_state=0)
        lab = g.fit_predict(texts)
        seeded = g.themes_["seeded"].to_numpy()
        model_shares.append(float(((lab[mine] >= 0) & seeded[np.maximum(lab[mine], 0)]).mean()))
        count_shares.append(float((seed_count_baseline(texts, rest, language)[mine] != "").mean()))
    return float(np.mean(model_shares)), float(np.mean(count_shares))


def quality(root: Path, polis: Path) -> None:
    rows = []
    for s in sets(root, polis):
        texts, truth, lang = s["texts"], s["truth"], s["lang"]
        k_true = len(set(truth))
        nmi_m, ari_m, nmi_b, ari_b, ks, unassigned, secs = [], [], [], [], [], [], []
        models = []
        curve = ""
        for rs in RANDOM_STATES:
            t0 = time.perf_counter()
            m = ThemeModel(language=lang, n_themes="auto", random_state=rs)
            lab = m.fit_predict(texts)
            secs.append(time.perf_counter() - t0)
            nmi_m.append(normalized_mutual_info_score(truth, lab))
            ari_m.append(adjusted_rand_score(truth, lab))
            unassigned.append(float((lab == -1).mean()))
            ks.append(m.n_themes_)
            base = kmeans_baseline(texts, k_true, lang, rs)
            nmi_b.append(normalized_mutual_info_score(truth, base))
            ari_b.append(adjusted_rand_score(truth, base))
            if rs == 0:
                models.append(m)
                c = m.k_curve_
                if len(c):
                    y0 = c["heldout_loglik"].iloc[0]
                    chosen = int(m.k_curve_.attrs.get("chosen", -1)) if hasattr(c, "attrs") else -1
                    curve = " ".join(
                        f"{int(k)}{'*' if int(k) == chosen else ''}:{v - y0:+.2f}"
                        for k, v in zip(c["n_themes"], c["heldout_loglik"])
                    )
        seeds = s["seeds"]
        g = ThemeModel(language=lang, seeds=seeds, random_state=0)
        lab_g = g.fit_predict(texts)
        models.append(g)
        names = g.themes_["name"].to_numpy()
        pred = np.where(lab_g >= 0, names[np.maximum(lab_g, 0)], "")
        count = seed_count_baseline(texts, seeds, lang)
        f1_m, f1_c = macro_f1(truth, pred, list(seeds)), macro_f1(truth, count, list(seeds))
        bad, total = junk(models, lang)
        absorbed_m, absorbed_c = left_out_opgave(texts, truth, seeds, lang) if not s["in_sample"] else (np.nan, np.nan)
        rows.append(
            {
                "set": s["set"],
                "n": len(texts),
                "labels": k_true,
                "NMI model": np.mean(nmi_m),
                "NMI kmeans": np.mean(nmi_b),
                "NMI ratio": np.mean(nmi_m) / max(np.mean(nmi_b), 1e-9),
                "ARI model": np.mean(ari_m),
                "ARI kmeans": np.mean(ari_b),
                "unassigned": np.mean(unassigned),
                "k rs0/1/2": "/".join(map(str, ks)),
                "F1 guided": f1_m,
                "F1 count": f1_c,
                "F1 ratio": f1_m / max(f1_c, 1e-9),
                "assigned guided": float((lab_g >= 0).mean()),
                "assigned count": float((count != "").mean()),
                "opgaven+extra": f"{int(g.themes_['seeded'].sum())}+{int((~g.themes_['seeded']).sum())}",
                "absorbed model": absorbed_m,
                "absorbed count": absorbed_c,
                "junk terms": f"{bad}/{total}",
                "s/fit": np.mean(secs),
                "curve (rs0)": curve,
            }
        )
        print(f"  done {s['set']}", file=sys.stderr, flush=True)
    table = pd.DataFrame(rows).set_index("set")
    pd.set_option("display.width", 400)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.max_colwidth", 200)
    print("\n== Themes benchmark (discovery: mean over random_state 0,1,2; guided: random_state 0)")
    print(table.drop(columns=["curve (rs0)"]).round(3).to_string())
    print("\n   criterion curve, rs0 (held-out log-likelihood per input relative to the first k; * = chosen k):")
    for name, c in table["curve (rs0)"].items():
        print(f"   {name:30s} {c}")
    all_bad = sum(int(j.split("/")[0]) for j in table["junk terms"])
    all_tot = sum(int(j.split("/")[1]) for j in table["junk terms"])
    real = table[~table.index.str.contains("in-sample")]
    print(
        f"\n   real sets: NMI ratio min {real['NMI ratio'].min():.2f}x (target >= 1.8x), unassigned max "
        f"{real['unassigned'].max():.1%} (target <= 10%); guided F1 ratio min {real['F1 ratio'].min():.2f}x "
        f"(target >= 1.25x) at assigned >= {real['assigned guided'].min():.1%} (target >= 90%); "
        f"junk terms overall {all_bad}/{all_tot} = {all_bad / max(all_tot, 1):.1%} (target <= 2%); a topic the "
        f"council did not name is absorbed by its opgaven for {real['absorbed model'].max():.1%} of its inputs "
        f"(counting seed words: {real['absorbed count'].max():.1%})"
    )


# ------------------------------------------------------------------------------------------------ scale
def _sentences(root: Path) -> list[str]:
    paths = [root / "benchmarks" / "data" / "themes_eval_nl.csv"] + sorted(
        (root / "data" / "samples").glob("*/texts.csv")
    )
    out = []
    for p in paths:
        for text in pd.read_csv(p)["text"].dropna().astype(str):
            out += [x.strip() for x in re.split(r"(?<=[.!?])\s+", clean(text)) if len(x.strip()) > 3]
    return out


def synthesise(root: Path, n: int, seed: int = 0) -> list[str]:
    rng = np.random.default_rng(seed)
    sents = _sentences(root)
    n_parts = rng.choice([1, 2, 3], size=n, p=[0.5, 0.35, 0.15])
    picks = rng.integers(0, len(sents), size=int(n_parts.sum()))
    out, pos = [], 0
    for k in n_parts:
        text = " ".join(sents[i] for i in picks[pos : pos + k])
        pos += k
        if rng.random() < 0.5:
            words = text.split()
            if len(words) > 3:
                del words[rng.integers(len(words))]
                text = " ".join(words)
        out.append(text)
    return out


def _peak_mb() -> float:
    """Peak resident memory of this process in MB: VmHWM (Linux; unlike ru_maxrss it is not inherited
    from the parent across fork and exec), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(root: Path, n: int) -> None:
    texts = synthesise(root, n)
    t0 = time.perf_counter()
    m = ThemeModel(language="nl", random_state=0)
    labels = m.fit_predict(texts)
    seconds = time.perf_counter() - t0
    peak = _peak_mb()
    print(
        json.dumps(
            {
                "n": n,
                "seconds": seconds,
                "peak_mb": peak,
                "k": int(m.n_themes_),
                "unassigned": float((labels == -1).mean()),
            }
        )
    )


def scale(root: Path, sizes: list[int]) -> None:
    env = dict(os.environ, OMP_NUM_THREADS="2", OPENBLAS_NUM_THREADS="2", MKL_NUM_THREADS="2")
    print(
        "\n== Scale: fit_predict on synthesised Dutch inputs (fresh process each, 2 threads; shared machine, "
        "timings are noisy). Targets: 100,000 inputs <= 60 s and <= 2,048 MB"
    )
    print(f"{'inputs':>10} {'seconds':>9} {'peak MB':>9} {'themes':>7} {'unassigned':>11}")
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--root", str(root), "--child", str(n)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{n:>10,} {r['seconds']:>9.1f} {r['peak_mb']:>9.0f} {r['k']:>7} {r['unassigned']:>11.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="project root (default: %(default)s)")
    parser.add_argument("--polis", type=Path, default=None, help="Pol.is data (default: ROOT/../shared/data/polis)")
    parser.add_argument("--quick", action="store_true", help="quality only, no scale runs")
    parser.add_argument("--full", action="store_true", help="also run 1,000,000 inputs")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = args.root.resolve()
    if args.child:
        _child(root, args.child)
        return
    polis = (args.polis or root.parent / "shared" / "data" / "polis").resolve()
    if not polis.is_dir():
        sys.exit(f"Pol.is data not found at {polis}; pass --polis DIR")
    quality(root, polis)
    if not args.quick:
        scale(root, [10_000, 100_000] + ([1_000_000] if args.full else []))


if __name__ == "__main__":
    main()
