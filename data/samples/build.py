"""Build the three fictional sample municipalities from hand-written texts.

Run ``python data/samples/build.py`` from the repository root. For every slug in
``data/samples/`` that has a ``spec.yaml`` it reads

* ``data/samples/<slug>/texts.csv``       hand-written resident texts with their labels,
* ``data/samples/<slug>/statements.csv``  hand-written statements with expected support,
* ``data/samples/<slug>/spec.yaml``       everything municipality-specific (population shares,
                                          participation skews, opinion groups, file formats, headers),

and writes

* ``data/raw/<slug>/``                    ``gemeente.yaml`` plus inputs, participants, statements,
                                          votes and population in that municipality's own raw format,
* ``data/samples/<slug>/labels.csv``      the text labels keyed by the generated ``input_id``
                                          (the evaluation set for the theme and sentiment benchmarks).

This file holds only the mechanism; every number and name lives in ``spec.yaml``. All randomness
comes from one ``numpy.random.Generator`` seeded from the spec, and the writers avoid anything
time-dependent (xlsx timestamps are fixed), so re-running gives byte-identical files.

Why a generator instead of hand-made tables: the analysis modules (reach, raking weights, opinion
groups, draagvlak per group) need participants whose demographics are skewed the way real processes
are, and votes whose structure is known, so that the reports show something checkable. The labels
of the texts never reach the raw files.

``python data/samples/build.py --check`` reads the written files back with pandas and prints
row counts, id consistency, representation (sample share vs population share) and the realised
support per statement.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

AGE_GROUPS = ["15-24", "25-44", "45-64", "65+"]
AGE_BOUNDS = {"15-24": (15, 24), "25-44": (25, 44), "45-64": (45, 64), "65+": (65, 99)}
ORIGINS = ["Nederland", "Europa", "buiten Europa"]
EDUCATION = ["laag", "middelbaar", "hoog"]
INCOME = ["laag", "midden", "hoog"]
GENDERS = ["man", "vrouw"]
CHANNELS = ["online", "enquête", "werkatelier", "straatgesprek"]
OPGAVEN = [
    "wonen", "verkeer en parkeren", "groen", "veiligheid", "jeugd", "zorg en welzijn",
    "duurzaamheid", "voorzieningen", "economie en werk", "overig",
]
SENTIMENTS = ["positief", "negatief", "neutraal", "gemengd"]
AGE_HINTS = {"jong": ["15-24"], "midden": ["25-44", "45-64"], "oud": ["65+"], "": AGE_GROUPS}
SUPPORT_LEVELS = ["hoog", "gemiddeld", "laag", "verdeeld"]
DIVIDES = ["age_group", "district", "origin", "education", "income", "none"]
TEXT_COLUMNS = ["text", "opgave", "sentiment", "offers_help", "pii", "channel", "district",
                "age_hint", "question"]
STATEMENT_COLUMNS = ["statement_id", "text", "theme", "support", "divides"]
LABEL_COLUMNS = ["input_id", "opgave", "sentiment", "offers_help", "pii"]
# Canonical column order of each table; raw headers come from spec["columns"].
CANONICAL = {
    "inputs": ["input_id", "text", "participant_id", "channel", "date", "district", "question"],
    "participants": ["participant_id", "age_group", "age", "gender", "district", "origin",
                     "education", "income"],
    "statements": ["statement_id", "text", "theme"],
    "votes": ["participant_id", "statement_id", "vote"],
}
FIXED_ZIP_TIME = (2026, 6, 1, 12, 0, 0)
FIXED_XLSX_STAMP = "2026-06-01T12:00:00Z"


class SpecError(ValueError):
    """A spec, texts or statements file does not have the expected content."""


# --------------------------------------------------------------------------------------------
# reading the hand-written sources
# --------------------------------------------------------------------------------------------
def load_spec(slug_dir: Path) -> dict:
    with open(slug_dir / "spec.yaml", encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)
    spec.setdefault("slug", slug_dir.name)
    return spec


def _read_csv_exact(path: Path) -> list[dict]:
    """Read a UTF-8 CSV with the csv module so that every cell stays byte-exact."""
    if not path.exists():
        raise SpecError(f"{path}: file not found")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        header = reader.fieldnames or []
    return header, rows


def read_texts(path: Path, districts: list[str], aliases: dict | None = None) -> pd.DataFrame:
    """Read and validate ``texts.csv``; errors name the file, row and column."""
    header, rows = _read_csv_exact(path)
    missing = [c for c in TEXT_COLUMNS if c not in header]
    if missing:
        raise SpecError(f"{path}: missing columns {missing}")
    aliases = aliases or {}
    allowed = {"opgave": OPGAVEN, "sentiment": SENTIMENTS, "channel": CHANNELS,
               "offers_help": ["0", "1"], "pii": ["0", "1"], "age_hint": list(AGE_HINTS),
               "district": districts + [""]}
    out = []
    for i, row in enumerate(rows, start=2):  # row 1 is the header
        rec = {c: (row[c] if row[c] is not None else "") for c in TEXT_COLUMNS}
        for c in TEXT_COLUMNS:
            if c != "text":
                rec[c] = rec[c].strip()
        rec["district"] = aliases.get(rec["district"], rec["district"])
        for c, ok in allowed.items():
            if rec[c] not in ok:
                raise SpecError(f"{path}: row {i}, column {c!r}: {rec[c]!r} not in {ok}")
        if rec["text"] == "":
            raise SpecError(f"{path}: row {i}, column 'text' is empty")
        out.append(rec)
    df = pd.DataFrame(out, columns=TEXT_COLUMNS)
    df["offers_help"] = df["offers_help"].astype(int)
    df["pii"] = df["pii"].astype(int)
    return df


def read_statements(path: Path) -> pd.DataFrame:
    header, rows = _read_csv_exact(path)
    missing = [c for c in STATEMENT_COLUMNS if c not in header]
    if missing:
        raise SpecError(f"{path}: missing columns {missing}")
    allowed = {"theme": OPGAVEN, "support": SUPPORT_LEVELS, "divides": DIVIDES}
    out, seen = [], set()
    for i, row in enumerate(rows, start=2):
        rec = {c: row[c] for c in STATEMENT_COLUMNS}
        for c in ("statement_id", "theme", "support", "divides"):
            rec[c] = rec[c].strip()
        for c, ok in allowed.items():
            if rec[c] not in ok:
                raise SpecError(f"{path}: row {i}, column {c!r}: {rec[c]!r} not in {ok}")
        if rec["statement_id"] in seen or not rec["statement_id"]:
            raise SpecError(f"{path}: row {i}: duplicate or empty statement_id {rec['statement_id']!r}")
        seen.add(rec["statement_id"])
        out.append(rec)
    return pd.DataFrame(out, columns=STATEMENT_COLUMNS)


# --------------------------------------------------------------------------------------------
# population
# --------------------------------------------------------------------------------------------
def _ipf2(seed: np.ndarray, rows: np.ndarray, cols: np.ndarray, n_iter: int = 200) -> np.ndarray:
    """Two-way iterative proportional fitting: a table with the seed's interaction and these margins."""
    t = seed.astype(float).copy()
    rows = np.asarray(rows, float) / np.sum(rows)
    cols = np.asarray(cols, float) / np.sum(cols)
    for _ in range(n_iter):
        t *= (rows / t.sum(axis=1))[:, None]
        t *= (cols / t.sum(axis=0))[None, :]
    return t


def _largest_remainder(expected: np.ndarray, total: int) -> np.ndarray:
    """Integers summing to ``total`` closest to ``expected`` (ties broken by position: deterministic)."""
    expected = expected * (total / expected.sum())
    base = np.floor(expected).astype(np.int64)
    rest = int(total - base.sum())
    if rest > 0:
        order = np.argsort(-(expected - base), kind="stable")[:rest]
        base[order] += 1
    return base


def build_population(spec: dict) -> pd.DataFrame:
    """The joint 15+ population, one row per cell (district, age_group, origin, education[, income], gender).

    Per district: age x origin by IPF on the district's margins with an age-origin interaction
    (residents of migration background are younger); education given age and origin, income given
    education (IPF on the district's margins), gender given age. Every published margin is a sum of
    these integer cells, so the joint tables add up to the single ones exactly.
    """
    pop = spec["population"]
    has_income = "income" in spec["dimensions"]
    ao = pop["age_origin_interaction"]
    ae = pop["age_education_interaction"]
    oe = pop.get("origin_education_interaction", {})
    ie = pop.get("income_by_education", {})
    vrouw = pop["vrouw_share"]
    records, counts = [], []
    for district, d in pop["districts"].items():
        age = np.array(d["age"], float)
        origin = np.array(d["origin"], float)
        seed_ao = np.array([[ao.get(o, [1, 1, 1, 1])[a] for o in ORIGINS] for a in range(4)])
        t_ao = _ipf2(seed_ao, age, origin)
        seed_ae = np.array([[ae.get(e, [1, 1, 1, 1])[a] for e in EDUCATION] for a in range(4)])
        t_ae = _ipf2(seed_ae, age, np.array(d["education"], float))
        p_e_a = t_ae / t_ae.sum(axis=1, keepdims=True)
        if has_income:
            seed_ei = np.array([ie.get(e, [1, 1, 1]) for e in EDUCATION], float)
            t_ei = _ipf2(seed_ei, t_ae.sum(axis=0), np.array(d["income"], float))
            p_i_e = t_ei / t_ei.sum(axis=1, keepdims=True)
        incomes = list(enumerate(INCOME)) if has_income else [(None, None)]
        block = []
        for ai, a in enumerate(AGE_GROUPS):
            pv = float(vrouw[a])
            for oi, o in enumerate(ORIGINS):
                pe = p_e_a[ai] * np.array(oe.get(o, [1, 1, 1]), float)
                pe /= pe.sum()
                for ei, e in enumerate(EDUCATION):
                    for ii, inc in incomes:
                        p = t_ao[ai, oi] * pe[ei] * (p_i_e[ei, ii] if has_income else 1.0)
                        for g, pg in (("man", 1 - pv), ("vrouw", pv)):
                            rec = {"district": district, "age_group": a, "origin": o,
                                   "education": e, "gender": g}
                            if has_income:
                                rec["income"] = inc
                            records.append(rec)
                            block.append(p * pg)
        # integerise per district so that the district sizes are exactly the spec's
        counts.extend(_largest_remainder(np.array(block), int(d["size"])))
    df = pd.DataFrame(records)
    df["count"] = np.asarray(counts, dtype=np.int64)
    return df


def population_long(cells: pd.DataFrame, spec: dict) -> pd.DataFrame:
    """Canonical ``dimension, category, count`` table: single margins plus two joint dimensions."""
    districts = list(spec["population"]["districts"])
    order = {"age_group": AGE_GROUPS, "gender": GENDERS, "district": districts,
             "origin": ORIGINS, "education": EDUCATION, "income": INCOME}
    out = []
    for dim in ["age_group", "gender", "district", "origin", "education", "income"]:
        if dim not in cells.columns:
            continue
        s = cells.groupby(dim)["count"].sum()
        for cat in order[dim]:
            out.append((dim, cat, int(s.get(cat, 0))))
    for other in ("district", "origin"):
        s = cells.groupby(["age_group", other])["count"].sum()
        for a in AGE_GROUPS:
            for cat in order[other]:
                out.append((f"age_group | {other}", f"{a} | {cat}", int(s.get((a, cat), 0))))
    return pd.DataFrame(out, columns=["dimension", "category", "count"])


# --------------------------------------------------------------------------------------------
# participants
# --------------------------------------------------------------------------------------------
def _propensity(cells: pd.DataFrame, skew: dict, channel: str) -> np.ndarray:
    """Participation propensity per population cell for one channel: base skew x channel skew."""
    w = np.ones(len(cells))
    for layer in (skew["base"], skew["channels"][channel]):
        for dim, mult in layer.items():
            if dim not in cells.columns:
                continue
            w *= cells[dim].map(lambda v: float(mult.get(v, 1.0))).to_numpy()
    return w


def group_writers(texts: pd.DataFrame, spec: dict, rng: np.random.Generator) -> list[list[int]]:
    """Group text rows into writers: some residents wrote several inputs.

    Texts of one writer share a channel, have compatible age hints and districts, and for the
    survey answer different questions (one respondent, several questions).
    """
    w = spec["writers"]
    writers = []
    for ch in CHANNELS:
        idx = list(texts.index[texts["channel"] == ch])
        rng.shuffle(idx)
        remaining = idx
        p_extra = float(w["extra_text_prob"].get(ch, 0.0))
        while remaining:
            first, remaining = remaining[0], remaining[1:]
            group = [first]
            while len(group) < int(w["max_texts"]) and rng.random() < p_extra:
                pick = None
                for j in remaining:
                    if _compatible(texts, group, j, ch):
                        pick = j
                        break
                if pick is None:
                    break
                group.append(pick)
                remaining = [j for j in remaining if j != pick]
            writers.append(group)
    return writers


def _compatible(texts: pd.DataFrame, group: list[int], j: int, channel: str) -> bool:
    hints = {texts.at[i, "age_hint"] for i in group} | {texts.at[j, "age_hint"]}
    if len(hints - {""}) > 1:
        return False
    dists = {texts.at[i, "district"] for i in group} | {texts.at[j, "district"]}
    if len(dists - {""}) > 1:
        return False
    if channel == "enquête":
        qs = [texts.at[i, "question"] for i in group]
        if texts.at[j, "question"] in qs:
            return False
    return True


def sample_person(cells: pd.DataFrame, weights: np.ndarray, rng: np.random.Generator,
                  district: str | None = None, ages: list[str] | None = None) -> dict:
    """Draw one population cell with probability proportional to count x propensity, within constraints."""
    p = cells["count"].to_numpy(float) * weights
    if district:
        p = p * (cells["district"].to_numpy() == district)
    if ages:
        p = p * cells["age_group"].isin(ages).to_numpy()
    if p.sum() <= 0:  # constraint impossible with these weights: fall back to the population
        return sample_person(cells, np.ones(len(cells)), rng, district, ages)
    k = rng.choice(len(cells), p=p / p.sum())
    return cells.iloc[k].drop("count").to_dict()


def build_participants(texts: pd.DataFrame, cells: pd.DataFrame, spec: dict,
                       rng: np.random.Generator) -> tuple[pd.DataFrame, pd.Series]:
    """Participants (writers first, then residents who only voted) and the writer of every text.

    Returns the participant table (internal integer ``pid``, demographics, ``channel`` = how they
    took part, ``votes`` flag) and a Series text index -> pid.
    """
    skew, w = spec["skew"], spec["writers"]
    weights = {ch: _propensity(cells, skew, ch) for ch in CHANNELS + ["stemmen"]}
    writers = group_writers(texts, spec, rng)
    rows, text_pid = [], {}
    for pid, group in enumerate(writers):
        ch = texts.at[group[0], "channel"]
        hint = next((texts.at[i, "age_hint"] for i in group if texts.at[i, "age_hint"]), "")
        dist = next((texts.at[i, "district"] for i in group if texts.at[i, "district"]), "")
        if dist and rng.random() >= float(w["district_match"]):
            dist = ""  # wrote about another wijk than their own
        person = sample_person(cells, weights[ch], rng, dist or None, AGE_HINTS[hint])
        person.update(pid=pid, channel=ch, wrote=True,
                      votes=bool(rng.random() < float(w["vote_prob"].get(ch, 0.0))))
        rows.append(person)
        for i in group:
            text_pid[i] = pid
    n_total = int(spec["n_participants"])
    if n_total <= len(rows):
        raise SpecError(f"n_participants={n_total} must exceed the {len(rows)} writers")
    for pid in range(len(rows), n_total):
        person = sample_person(cells, weights["stemmen"], rng)
        person.update(pid=pid, channel="stemmen", wrote=False, votes=True)
        rows.append(person)
    parts = pd.DataFrame(rows)
    parts = _add_noise(parts, spec, rng)
    return parts, pd.Series(text_pid).sort_index()


def _add_noise(parts: pd.DataFrame, spec: dict, rng: np.random.Generator) -> pd.DataFrame:
    """Gender 'anders', numeric ages, and missing values the way registration forms produce them."""
    miss = spec["missing"]
    n = len(parts)
    anders = rng.random(n) < float(spec.get("gender_other_share", 0.0))
    parts.loc[anders, "gender"] = "anders"
    # numeric age within the band (65+: mostly 65-85, a few older)
    ages = np.empty(n, dtype=np.int64)
    for i, a in enumerate(parts["age_group"]):
        lo, hi = AGE_BOUNDS[a]
        ages[i] = (lo + min(int(rng.exponential(9.0)), hi - lo)) if a == "65+" else rng.integers(lo, hi + 1)
    parts["age"] = ages.astype(object)
    for col in ["age_group", "age", "gender", "district", "origin", "education", "income"]:
        if col not in parts.columns:
            continue
        rates = np.array([float(miss.get(ch, {}).get(col, miss["default"].get(col, 0.0)))
                          for ch in parts["channel"]])
        gone = rng.random(n) < rates
        parts.loc[gone, col] = None
    if "age_group" in parts.columns:  # a missing age is missing in both representations
        parts.loc[parts["age_group"].isna(), "age"] = None
        parts.loc[parts["age"].isna(), "age_group"] = None
    return parts


# --------------------------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------------------------
def _date_range(a, b) -> list[dt.date]:
    a, b = _as_date(a), _as_date(b)
    return [a + dt.timedelta(days=k) for k in range((b - a).days + 1)]


def _as_date(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def draw_moment(rule, rng: np.random.Generator, hours: list[int]) -> dt.datetime:
    """A timestamp for one channel: a session date from a list, or a weighted day within a range."""
    if isinstance(rule, list):
        day = _as_date(rule[rng.integers(len(rule))])
    else:
        days = _date_range(rule["start"], rule["end"])
        wts = np.ones(len(days))
        for peak in rule.get("peaks", []):
            lo, hi = _as_date(peak["start"]), _as_date(peak["end"])
            wts *= np.array([float(peak["weight"]) if lo <= d <= hi else 1.0 for d in days])
        day = days[rng.choice(len(days), p=wts / wts.sum())]
    hour = int(hours[rng.integers(len(hours))])
    return dt.datetime(day.year, day.month, day.day, hour, int(rng.integers(60)), int(rng.integers(60)))


# --------------------------------------------------------------------------------------------
# opinion groups and votes
# --------------------------------------------------------------------------------------------
def assign_opinion_groups(parts: pd.DataFrame, spec: dict, rng: np.random.Generator) -> np.ndarray:
    """Latent opinion group per participant: softmax of demographic effects (missing value = no effect)."""
    groups = spec["opinion_groups"]
    logits = np.zeros((len(parts), len(groups)))
    for g, grp in enumerate(groups):
        logits[:, g] = float(grp.get("intercept", 0.0))
        for dim, eff in grp.get("effects", {}).items():
            logits[:, g] += parts[dim].map(lambda v: float(eff.get(v, 0.0)) if v is not None else 0.0) \
                .fillna(0.0).to_numpy()
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    u = rng.random(len(parts))[:, None]
    return (u > np.cumsum(p, axis=1)).sum(axis=1)


def build_votes(parts: pd.DataFrame, statements: pd.DataFrame, spec: dict,
                rng: np.random.Generator) -> pd.DataFrame:
    """Pol.is-like partial votes from latent opinion groups plus a per-statement demographic split.

    For participant i and statement s:  u = base[support_s] + r_s * (beta * pos_i + gamma * gpos_g)
    + group_noise[g, s] + N(0, sigma), where pos_i is i's position on the axis of the dimension the
    statement divides (spec ``votes.axes``, centred on the voters), gpos_g the mean position of i's opinion group on it and
    r_s = +-1 the direction. Pass with probability pass_base + pass_ambivalent * exp(-u^2), else
    agree with probability sigmoid(u).
    """
    v = spec["votes"]
    groups = assign_opinion_groups(parts, spec, rng)
    parts["opinion_group"] = groups
    n_groups = len(spec["opinion_groups"])
    axes = v["axes"]
    directions = v.get("directions", {}) or {}
    pos = {}
    for dim, ax in axes.items():
        if dim in parts.columns:
            pos[dim] = parts[dim].map(lambda x: float(ax.get(x, 0.0)) if x is not None else 0.0) \
                .fillna(0.0).to_numpy()
    S = len(statements)
    voting = parts["votes"].to_numpy(bool)
    U = np.zeros((len(parts), S))
    for s, st in enumerate(statements.itertuples(index=False)):
        base = float(v["base"][st.support])
        r = directions.get(st.statement_id)
        if r is None and st.divides != "none":
            print(f"  note: {st.statement_id} divides {st.divides} but has no direction in spec.yaml; "
                  "using a seeded coin flip", file=sys.stderr)
        r = float(r) if r is not None else float(rng.choice([-1.0, 1.0]))
        noise = rng.normal(0.0, float(v["group_noise"]), n_groups)
        if st.divides != "none" and st.divides in pos:
            # centred on the voters so that ``base`` sets the support among those who voted
            p_i = pos[st.divides] - pos[st.divides][voting].mean()
            gpos = np.array([p_i[groups == g].mean() if np.any(groups == g) else 0.0
                             for g in range(n_groups)])
            beta = float(v["beta_verdeeld"] if st.support == "verdeeld" else v["beta"])
            U[:, s] = base + r * (beta * p_i + float(v["gamma"]) * gpos[groups])
        elif st.support == "verdeeld":  # split along opinion groups only
            noise = noise + rng.choice([-1.0, 1.0], n_groups) * float(v["beta_verdeeld"])
            U[:, s] = base
        else:
            U[:, s] = base
        U[:, s] += noise[groups] + rng.normal(0.0, float(v["sigma"]), len(parts))
    # which statements each voter saw: early statements are shown more (Pol.is-like)
    seen_w = 1.0 / (1.0 + float(v["order_decay"]) * np.arange(S))
    seen_w /= seen_w.sum()
    lo_hi = v["votes_per_voter"]
    kinds = list(lo_hi)
    kind_p = np.array([float(lo_hi[k]["share"]) for k in kinds])
    rows = []
    for i in np.flatnonzero(parts["votes"].to_numpy()):
        k = lo_hi[kinds[rng.choice(len(kinds), p=kind_p / kind_p.sum())]]
        n = int(rng.integers(int(k["min"]), min(int(k["max"]), S) + 1))
        order = rng.choice(S, size=n, replace=False, p=seen_w)
        for s in order:
            u = U[i, s]
            if rng.random() < float(v["pass_base"]) + float(v["pass_ambivalent"]) * np.exp(-u * u):
                vote = 0
            else:
                vote = 1 if rng.random() < 1.0 / (1.0 + np.exp(-u)) else -1
            rows.append((int(parts.at[i, "pid"]), statements.at[s, "statement_id"], vote))
    return pd.DataFrame(rows, columns=["pid", "statement_id", "vote"])


# --------------------------------------------------------------------------------------------
# assembling the canonical tables
# --------------------------------------------------------------------------------------------
def _make_ids(fmt: dict, n: int, rng: np.random.Generator) -> list:
    """Ids in the municipality's style: a format string over a counter, or random hex codes."""
    if fmt.get("kind") == "hex":
        width = int(fmt.get("width", 8))
        seen, out = set(), []
        while len(out) < n:
            code = "".join(rng.choice(list("0123456789abcdef"), size=width))
            if code not in seen:
                seen.add(code)
                out.append(fmt.get("prefix", "") + code)
        return out
    start = int(fmt.get("start", 1))
    step = int(fmt.get("step", 1))
    if fmt.get("kind") == "int":
        return [start + step * k for k in range(n)]
    return [fmt["format"].format(start + step * k) for k in range(n)]


def build_tables(spec: dict, texts: pd.DataFrame, statements: pd.DataFrame) -> dict:
    """All canonical tables of one municipality (before formatting), plus the labels."""
    rng = np.random.default_rng(int(spec["seed"]))
    cells = build_population(spec)
    parts, text_pid = build_participants(texts, cells, spec, rng)
    votes = build_votes(parts, statements, spec, rng)

    # timestamps: texts per channel; a werkatelier/straatgesprek writer's notes share one session
    hours = spec["hours"]
    moments = {}
    for pid, idx in text_pid.groupby(text_pid).groups.items():
        ch = parts.at[pid, "channel"]
        rule = spec["dates"][ch]
        shared = draw_moment(rule, rng, hours[ch]) if isinstance(rule, list) else None
        for i in sorted(idx):
            moments[i] = shared + dt.timedelta(minutes=int(rng.integers(0, 90))) if shared else \
                draw_moment(rule, rng, hours[ch])
    voter_moment = {pid: draw_moment(spec["dates"]["stemmen"], rng, hours["online"])
                    for pid in parts.loc[~parts["wrote"], "pid"]}
    first = {}
    for i, m in moments.items():
        pid = int(text_pid[i])
        first[pid] = min(first.get(pid, m), m)
    first.update(voter_moment)
    # participants are numbered in order of first activity, as a registration system would
    order = sorted(parts["pid"], key=lambda p: (first[p], p))
    pids = _make_ids(spec["ids"]["participant"], len(order), rng)
    pid_map = dict(zip(order, pids))

    inputs = texts.copy()
    inputs["moment"] = [moments[i] for i in inputs.index]
    inputs["pid"] = [int(text_pid[i]) for i in inputs.index]
    inputs["tiebreak"] = rng.random(len(inputs))
    inputs = inputs.sort_values(["moment", "tiebreak"], kind="stable")
    inputs["input_id"] = _make_ids(spec["ids"]["input"], len(inputs), rng)
    inputs["participant_id"] = inputs["pid"].map(pid_map)
    fill = set(spec["writers"].get("fill_district_from_participant", []))
    own = inputs["pid"].map(parts.set_index("pid")["district"])
    need = (inputs["district"] == "") & inputs["channel"].isin(fill) & own.notna()
    inputs.loc[need, "district"] = own[need]
    inputs["date"] = inputs["moment"]
    labels = inputs[LABEL_COLUMNS].copy()

    participants = parts.copy()
    participants["participant_id"] = participants["pid"].map(pid_map)
    participants["first"] = participants["pid"].map(first)
    participants = participants.sort_values(["first", "pid"]).reset_index(drop=True)
    votes["participant_id"] = votes["pid"].map(pid_map)
    votes["first"] = votes["pid"].map(first)
    votes = votes.sort_values(["first", "pid"], kind="stable").reset_index(drop=True)
    return {
        "inputs": inputs.reset_index(drop=True),
        "participants": participants,
        "statements": statements,
        "votes": votes,
        "population": population_long(cells, spec),
        "labels": labels.reset_index(drop=True),
        "cells": cells,
    }


# --------------------------------------------------------------------------------------------
# writing the raw formats
# --------------------------------------------------------------------------------------------
def _raw_values(spec: dict, table: str, column: str, values: list, rng: np.random.Generator) -> list:
    """Turn canonical values into the municipality's own labels (inverse of gemeente.yaml ``values``)."""
    mapping = (spec.get("values") or {}).get(table, {}).get(column)
    if not mapping:
        return values
    weights = (spec.get("value_weights") or {}).get(table, {}).get(column, {})
    inverse: dict = {}
    for raw, canon in mapping.items():
        inverse.setdefault(canon, []).append(raw)
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out.append(None)
            continue
        options = inverse.get(v)
        if not options:
            out.append(v)
            continue
        w = np.array([float(weights.get(o, 1.0)) for o in options])
        out.append(options[rng.choice(len(options), p=w / w.sum())] if len(options) > 1 else options[0])
    return out


def raw_frame(spec: dict, table: str, df: pd.DataFrame, rng: np.random.Generator) -> tuple[list, list]:
    """Header and rows of one table in the municipality's column names and value labels."""
    colmap = spec["columns"][table]  # raw header -> canonical, in file order
    header = list(colmap)
    cols = []
    for raw, canon in colmap.items():
        vals = [None if (x is None or (isinstance(x, float) and np.isnan(x))) else x
                for x in df[canon].tolist()]
        cols.append(_raw_values(spec, table, canon, vals, rng))
    return header, [list(r) for r in zip(*cols)]


def _fmt_cell(v, date_format: str) -> str:
    if v is None:
        return ""
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime(date_format)
    if isinstance(v, (np.integer,)):
        return str(int(v))
    return str(v)


def write_csv(path: Path, header: list, rows: list, fmt: dict, date_format: str) -> dict:
    """Write a delimited text file with the csv module in the given encoding; returns a small report."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=fmt.get("sep", ","), lineterminator=fmt.get("lineterminator", "\n"),
                   quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow([_fmt_cell(v, date_format) for v in r])
    text = buf.getvalue()
    enc = fmt.get("encoding", "utf-8")
    data = text.encode(enc, errors="replace")  # as Excel does: unencodable characters become '?'
    replaced = sum(1 for ch in text if not _encodable(ch, enc))
    if fmt.get("bom"):
        data = "\ufeff".encode(enc) + data
    path.write_bytes(data)
    return {"replaced_chars": replaced}


def _encodable(ch: str, enc: str) -> bool:
    try:
        ch.encode(enc)
        return True
    except UnicodeEncodeError:
        return False


def write_xlsx(path: Path, header: list, rows: list, sheet: str, date_kind: str) -> dict:
    """One-sheet workbook with fixed metadata and zip timestamps so the bytes are reproducible."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for r in rows:
        out = []
        for v in r:
            if isinstance(v, dt.datetime) and date_kind == "date":
                v = v.date()
            elif isinstance(v, np.integer):
                v = int(v)
            out.append(v)
        ws.append(out)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                c.data_type = "s"  # a text starting with '=' is a resident's text, not a formula
            elif isinstance(c.value, dt.datetime):
                c.number_format = "dd-mm-yyyy hh:mm"
            elif isinstance(c.value, dt.date):
                c.number_format = "dd-mm-yyyy"
    fixed = dt.datetime(*FIXED_ZIP_TIME)
    wb.properties.created = fixed
    wb.properties.creator = "Gemeente (fictief)"
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                              rb"\g<1>" + FIXED_XLSX_STAMP.encode() + rb"\2", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            dst.writestr(zi, data)
    path.write_bytes(out.getvalue())
    return {"replaced_chars": 0}


def write_table(out_dir: Path, spec: dict, table: str, header: list, rows: list) -> dict:
    fmt = spec["formats"][table]
    path = out_dir / spec["files"][table]
    if path.suffix == ".xlsx":
        return write_xlsx(path, header, rows, fmt.get("sheet", "Blad1"), fmt.get("date_kind", "date"))
    return write_csv(path, header, rows, fmt, spec.get("date_format", "%Y-%m-%d"))


# --------------------------------------------------------------------------------------------
# gemeente.yaml
# --------------------------------------------------------------------------------------------
def gemeente_config(spec: dict) -> dict:
    """The municipality configuration, in the order and shape of gemeente.example.yaml."""
    proc = spec["process"]
    cfg = {
        "name": spec["name"],
        "fictional": True,
        "cbs_code": spec["cbs_code"],
        "language": spec.get("language", "nl"),
        "process": {
            "title": proc["title"],
            "period": {"start": _as_date(proc["period"]["start"]), "end": _as_date(proc["period"]["end"])},
            "default_participation_level": proc["default_participation_level"],
            "participation_levels": dict(proc["participation_levels"]),
        },
        "files": dict(spec["files"]),
        "columns": {t: dict(spec["columns"][t]) for t in ("inputs", "participants", "statements", "votes")},
    }
    if spec.get("values"):
        cfg["values"] = {t: {c: dict(m) for c, m in cols.items()} for t, cols in spec["values"].items()}
    cfg["dimensions"] = list(spec["dimensions"])
    cfg["themes"] = {"n_themes": "auto", "seeds": {k: list(v) for k, v in spec["themes"]["seeds"].items()}}
    cfg["reach"] = {"ratio_threshold": 0.67}
    cfg["draagvlak"] = {}
    cfg["privacy"] = {"min_cell_size": 10}
    return cfg


def _scalar(v) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    return yaml.safe_dump(v, allow_unicode=True, default_flow_style=True, width=10_000) \
        .removesuffix("\n...\n").removesuffix("\n")


def dump_yaml(cfg: dict, header: str) -> str:
    """Block style like the annotated example; scalar lists, ``period``, the value maps and empty
    dicts in flow style. The text is checked to load back to exactly ``cfg``."""
    lines = [header.rstrip("\n"), ""]

    def flow(path: tuple, v: dict) -> bool:
        return not v or path[-1] == "period" or (path[0] == "values" and len(path) == 3)

    def emit(d: dict, path: tuple):
        pad = "  " * len(path)
        for k, v in d.items():
            key = _scalar(k)
            if isinstance(v, dict) and not flow(path + (k,), v):
                lines.append(f"{pad}{key}:")
                emit(v, path + (k,))
            elif isinstance(v, dict):
                inner = ", ".join(f"{_scalar(a)}: {_scalar(b)}" for a, b in v.items())
                lines.append(f"{pad}{key}: {{{inner}}}")
            elif isinstance(v, list):
                lines.append(f"{pad}{key}: [{', '.join(_scalar(x) for x in v)}]")
            else:
                lines.append(f"{pad}{key}: {_scalar(v)}")
            if not path and isinstance(v, dict):
                lines.append("")

    emit(cfg, ())
    text = "\n".join(lines).rstrip("\n") + "\n"
    if yaml.safe_load(text) != cfg:  # the hand-rolled emitter must round-trip exactly
        raise AssertionError("gemeente.yaml does not round-trip")
    return text


# --------------------------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------------------------
def build(slug: str, samples_dir: Path, raw_dir: Path, labels_dir: Path | None = None) -> dict:
    """Build one municipality; returns the canonical tables (for checks) and a write report."""
    slug_dir = samples_dir / slug
    spec = load_spec(slug_dir)
    districts = list(spec["population"]["districts"])
    texts = read_texts(slug_dir / "texts.csv", districts, spec.get("district_aliases"))
    statements = read_statements(slug_dir / "statements.csv")
    tables = build_tables(spec, texts, statements)
    out = raw_dir / slug
    out.mkdir(parents=True, exist_ok=True)
    fmt_rng = np.random.default_rng(int(spec["seed"]) + 1)  # value labels (Likert strength, M/V)
    report = {}
    for table in ("inputs", "participants", "statements", "votes"):
        header, rows = raw_frame(spec, table, tables[table], fmt_rng)
        report[table] = write_table(out, spec, table, header, rows)
    pop = tables["population"]
    write_csv(out / spec["files"]["population"], list(pop.columns), pop.values.tolist(), {}, "")
    header = (f"# {spec['name']} — FICTIEF VOORBEELD. Gegenereerd door data/samples/build.py uit\n"
              f"# data/samples/{slug}/ (texts.csv, statements.csv, spec.yaml); niet met de hand bewerken.\n")
    (out / "gemeente.yaml").write_text(dump_yaml(gemeente_config(spec), header), encoding="utf-8")
    labels = tables["labels"]
    write_csv((labels_dir or slug_dir) / "labels.csv", LABEL_COLUMNS, labels.values.tolist(), {}, "")
    tables["report"] = report
    tables["spec"] = spec
    tables["texts"] = texts
    return tables


# --------------------------------------------------------------------------------------------
# checks: read the raw files back the way a user would
# --------------------------------------------------------------------------------------------
def read_back(slug: str, raw_dir: Path) -> dict:
    """Read a built folder with pandas using gemeente.yaml, map columns and values to canonical."""
    folder = raw_dir / slug
    cfg = yaml.safe_load((folder / "gemeente.yaml").read_text(encoding="utf-8"))
    out = {}
    for table, fname in cfg["files"].items():
        path = folder / fname
        if path.suffix == ".xlsx":
            df = pd.read_excel(path, dtype=object, keep_default_na=False, na_values=[""])
        else:
            head = path.read_bytes()[:4096]
            enc = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else (
                "utf-8" if _is_utf8(path.read_bytes()) else "cp1252")
            first = head.decode(enc, errors="replace").splitlines()[0]
            sep = max([",", ";", "\t"], key=first.count)
            df = pd.read_csv(path, sep=sep, encoding=enc, dtype=str, keep_default_na=False,
                             na_values=[""])
        if table in cfg["columns"]:
            df = df.rename(columns=cfg["columns"][table])
        for col, mapping in (cfg.get("values") or {}).get(table, {}).items():
            df[col] = df[col].map(lambda x: mapping.get(x, x) if isinstance(x, str) else x)
        out[table] = df
    out["config"] = cfg
    return out


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _age_group(age) -> str | None:
    try:
        a = int(float(age))
    except (TypeError, ValueError):
        return None
    for g, (lo, hi) in AGE_BOUNDS.items():
        if lo <= a <= hi:
            return g
    return None


def check(slug: str, raw_dir: Path, samples_dir: Path, built: dict | None = None) -> bool:
    """Print the read-back checks for one municipality; returns False if a hard check fails."""
    ok = True
    d = read_back(slug, raw_dir)
    cfg = d["config"]
    inp, par, sta, vot, pop = (d[t] for t in ("inputs", "participants", "statements", "votes",
                                               "population"))
    print(f"\n=== {cfg['name']} ({slug}, {cfg['cbs_code']}) ===")
    for t in ("inputs", "participants", "statements", "votes", "population"):
        print(f"  {cfg['files'][t]:<18} {len(d[t]):>6} rows, columns {list(d[t].columns)}")
    for col in ("participant_id",):
        for t in (inp, par, vot):
            t[col] = t[col].astype(str)
    sta["statement_id"] = sta["statement_id"].astype(str)
    vot["statement_id"] = vot["statement_id"].astype(str)
    problems = []
    if inp["input_id"].duplicated().any():
        problems.append("duplicate input_id")
    if par["participant_id"].duplicated().any():
        problems.append("duplicate participant_id")
    if not inp["participant_id"].isin(par["participant_id"]).all():
        problems.append("inputs with unknown participant_id")
    if not vot["participant_id"].isin(par["participant_id"]).all():
        problems.append("votes with unknown participant_id")
    if not vot["statement_id"].isin(sta["statement_id"]).all():
        problems.append("votes with unknown statement_id")
    if vot.duplicated(["participant_id", "statement_id"]).any():
        problems.append("duplicate votes")
    vv = pd.to_numeric(vot["vote"], errors="coerce")
    if not vv.isin([-1, 0, 1]).all():
        problems.append(f"unmapped votes: {sorted(set(vot['vote'][~vv.isin([-1, 0, 1])]))[:5]}")
    acting = set(inp["participant_id"]) | set(vot["participant_id"])
    if not set(par["participant_id"]) <= acting:
        problems.append("participants who neither wrote nor voted")
    # dates inside the process period
    per = cfg["process"]["period"]
    dates = inp["date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        # ISO dates must not go through dayfirst parsing (dateutil would swap month and day)
        iso = dates.astype(str).str.match(r"^\d{4}-\d{2}-\d{2}").all()
        dates = pd.to_datetime(dates, format="ISO8601") if iso else \
            pd.to_datetime(dates, dayfirst=True, format="mixed")
    if (dates.dt.date < per["start"]).any() or (dates.dt.date > per["end"]).any():
        problems.append("input dates outside the process period")
    # text round trip and labels
    texts = read_texts(samples_dir / slug / "texts.csv",
                       list(pop.loc[pop["dimension"] == "district", "category"]),
                       (built or {}).get("spec", {}).get("district_aliases"))
    labels = pd.read_csv(samples_dir / slug / "labels.csv", dtype=str, keep_default_na=False)
    if len(inp) != len(texts) or len(labels) != len(texts):
        problems.append(f"row counts: texts {len(texts)}, inputs {len(inp)}, labels {len(labels)}")
    if set(labels["input_id"]) != set(inp["input_id"].astype(str)):
        problems.append("labels.input_id does not match inputs.input_id")
    raw_texts = inp["text"].fillna("").astype(str).tolist()
    if built is not None:  # compare each input with the hand-written text it was made from
        orig = dict(zip(built["inputs"]["input_id"].astype(str), built["inputs"]["text"]))
        differ = [t for i, t in zip(inp["input_id"].astype(str), raw_texts) if orig.get(i) != t]
    else:
        known = set(texts["text"])
        differ = [t for t in raw_texts if t not in known]
    print(f"  texts byte-exact after read-back: {len(raw_texts) - len(differ)}/{len(raw_texts)}")
    for t in differ:  # only expected where the file format cannot hold the character
        print(f"    differs: {t[:70]!r}")
    leak = [c for c in ("opgave", "sentiment", "offers_help", "pii", "age_hint") if c in inp.columns]
    if leak:
        problems.append(f"label columns in raw inputs: {leak}")
    # population margins
    single = pop[~pop["dimension"].str.contains(r"\|")].copy()
    single["count"] = single["count"].astype(int)
    total = single.groupby("dimension")["count"].sum()
    if total.nunique() != 1:
        problems.append(f"population margins differ: {total.to_dict()}")
    for joint in ("age_group | district", "age_group | origin"):
        j = pop[pop["dimension"] == joint].copy()
        j["count"] = j["count"].astype(int)
        parts_ = j["category"].str.split(" | ", regex=False, expand=True)
        for k, dim in enumerate(joint.split(" | ")):
            m = j.groupby(parts_[k])["count"].sum()
            ref = single[single["dimension"] == dim].set_index("category")["count"]
            if not m.reindex(ref.index).fillna(-1).astype(int).equals(ref):
                problems.append(f"{joint} margin {dim} does not add up")
    print(f"  population 15+: {int(total.iloc[0]):,}; participants {len(par)}, writers "
          f"{inp['participant_id'].nunique()}, voters {vot['participant_id'].nunique()}, "
          f"only voted {len(set(vot['participant_id']) - set(inp['participant_id']))}")
    per_p = inp.groupby("participant_id").size()
    print(f"  inputs per writer: " + ", ".join(f"{k}: {v}" for k, v in
                                               per_p.value_counts().sort_index().items()))
    nv = vot.groupby("participant_id").size()
    print(f"  votes per voter: min {nv.min()}, median {int(nv.median())}, max {nv.max()}; "
          f"3-5 votes: {((nv >= 3) & (nv <= 5)).mean():.0%}; votes {len(vot)} "
          f"(agree {(vv == 1).mean():.0%}, disagree {(vv == -1).mean():.0%}, pass {(vv == 0).mean():.0%})")
    # representation
    if "age_group" not in par.columns and "age" in par.columns:
        par["age_group"] = par["age"].map(_age_group)
    for dim in cfg["dimensions"]:
        if dim not in par.columns:
            continue
        ref = single[single["dimension"] == dim].set_index("category")["count"]
        s = par[dim].dropna()
        s = s[s.isin(ref.index)]
        ss = s.value_counts(normalize=True).reindex(ref.index).fillna(0)
        ps = ref / ref.sum()
        n_missing = par[dim].isna().sum()
        other = len(par[dim].dropna()) - len(s)
        print(f"  {dim}: n={len(s)} (missing {n_missing}" + (f", other {other}" if other else "") + ")")
        print(f"    {'category':<18}{'sample':>8}{'popul.':>8}{'ratio':>7}{'n':>6}")
        for cat in ref.index:
            print(f"    {cat:<18}{ss[cat]:>8.1%}{ps[cat]:>8.1%}{ss[cat] / ps[cat]:>7.2f}"
                  f"{int((s == cat).sum()):>6}")
    # channel profiles
    if "age_group" in par.columns:
        m = inp.merge(par, on="participant_id", suffixes=("", "_p"))
        print("  channel profile of writers (share of inputs by the writer's age group / education / origin):")
        for ch, g in m.groupby("channel"):
            a = g["age_group"].value_counts(normalize=True)
            e = g["education"].value_counts(normalize=True)
            o = g["origin"].value_counts(normalize=True)
            print(f"    {ch:<14} n={len(g):>3}  15-24 {a.get('15-24', 0):>4.0%}  65+ {a.get('65+', 0):>4.0%}"
                  f"  hoog {e.get('hoog', 0):>4.0%}  laag {e.get('laag', 0):>4.0%}"
                  f"  buiten Europa {o.get('buiten Europa', 0):>4.0%}")
    # realised support per statement vs intended
    st = pd.read_csv(samples_dir / slug / "statements.csv", dtype=str, keep_default_na=False)
    vm = vot.assign(v=vv).merge(par, on="participant_id", how="left")
    print("  statements: intended support/divides -> realised agree share (of non-pass votes) and "
          "spread between categories of the dividing dimension")
    for r in st.itertuples(index=False):
        g = vm[vm["statement_id"] == r.statement_id]
        nonpass = g[g["v"] != 0]
        agree = (nonpass["v"] == 1).mean()
        spread = ""
        if r.divides != "none" and r.divides in g.columns:
            by = nonpass.groupby(r.divides)["v"].apply(lambda x: (x == 1).mean())
            cnt = nonpass.groupby(r.divides).size()
            by = by[cnt >= 10]
            spread = "  " + ", ".join(f"{k} {v:.0%}" for k, v in by.items())
        print(f"    {r.statement_id} {r.support:<9} {r.divides:<10} n={len(g):>4} agree {agree:>4.0%}{spread}")
    if problems:
        ok = False
        print("  PROBLEMS: " + "; ".join(problems))
    else:
        print("  id, vote, date, label and margin checks: OK")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("slugs", nargs="*", help="municipalities to build (default: every folder with spec.yaml)")
    ap.add_argument("--samples-dir", type=Path, default=HERE)
    ap.add_argument("--raw-dir", type=Path, default=REPO / "data" / "raw")
    ap.add_argument("--check", action="store_true", help="read the output back and print checks")
    args = ap.parse_args(argv)
    slugs = args.slugs or sorted(p.parent.name for p in args.samples_dir.glob("*/spec.yaml"))
    ok = True
    for slug in slugs:
        try:
            built = build(slug, args.samples_dir, args.raw_dir)
        except SpecError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        rep = built["report"]
        replaced = sum(r["replaced_chars"] for r in rep.values())
        print(f"{slug}: wrote {args.raw_dir / slug} ({len(built['inputs'])} inputs, "
              f"{len(built['participants'])} participants, {len(built['votes'])} votes"
              + (f"; {replaced} characters not representable in the file encoding became '?'"
                 if replaced else "") + ")")
        if args.check:
            ok &= check(slug, args.raw_dir, args.samples_dir, built)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
