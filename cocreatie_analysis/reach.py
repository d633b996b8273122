"""Reach: who was reached and who not — representation, unusual suspects, channel reach and raking weights.

The council asks two questions this module answers: *were the unusual suspects reached?* and *is there enough
to go on to judge draagvlak?* Everything compares the participants with a population table (dimension,
category, count), usually CBS figures written by :mod:`cocreatie_analysis.cbs`.

Methods (the report's methods section restates these in plain language)
-----------------------------------------------------------------------
**Matching categories.** Participant values are compared with the population's categories as text, ignoring
case, surrounding spaces and the kind of dash ("15 – 24" matches "15-24"); whole numbers stored as floats
("3.0") match "3". Joint population dimensions are named ``"age_group | district"`` with categories
``"15-24 | Centrum"``; a participant is in a joint cell when each component matches.

**Representation** (per dimension, per category *k*). ``n`` participants with a known value for the dimension
(*N* in total), sample share ``p = n / N``, population share ``pi = count / total``, ratio ``p / pi`` (1 = in
proportion, 0.5 = reached half as often as their share). ``ratio_low``/``ratio_high`` is the Wilson score
interval for ``p`` at the chosen confidence (95 %), divided by ``pi``: the population share is a census figure
and treated as known. The interval only expresses chance variation, as if participants were a random sample;
self-selection is exactly what the ratio measures. Wilson is used because it behaves at ``n = 0`` and for small
shares. ``p_value`` is the exact two-sided binomial test of ``n`` out of *N* against ``pi``.
``under_represented`` is true when ``ratio_high < ratio_threshold`` (default 0.67, from ``gemeente.yaml``
``reach.ratio_threshold``): the group is significantly *and* substantially under-represented. These groups are
the **unusual suspects**. ``over_represented`` mirrors this: ``ratio_low > 1 / ratio_threshold``.

**Participation rates and R-indicators.** The participation rate of a category is ``n / count`` and the overall
rate ``rho = N / total``. Following Schouten, Cobben & Bethlehem (2009) and Schouten, Shlomo & Skinner (2011),
with the population register as the frame and the category means as the propensity model:
``S = sqrt(sum_k pi_k (rho_k - rho)^2)``, the R-indicator ``R = 1 - 2 S``, the unconditional partial
R-indicator of the dimension ``P_u = S`` and of a category ``P_u(k) = sqrt(pi_k) (rho_k - rho)`` (negative =
under-represented), and the coefficient of variation ``CV = S / rho``. At the participation rates of real
processes (well below 1 %) *R* is always close to 1 and ``P_u`` close to 0, which says nothing; the informative,
scale-free versions are the CV (the bound on the maximal absolute standardised bias of Schouten et al.) and
``partial_r_relative = P_u(k) / rho = sqrt(pi_k) (ratio_k - 1)``. Both are reported. Because
``rho_k / rho = ratio_k``, the CV of the participation rates equals Cohen's *w* below: the survey-methodology
and the effect-size literature measure the same distance, and the report can use either name.

**Dimension tests.** Chi-square goodness of fit of the *N* known participants against the population shares
(df = categories - 1), Cohen's ``w = sqrt(chi2 / N)`` (0.1 small, 0.3 medium, 0.5 large) and the dissimilarity
index ``D = 1/2 sum |p_k - pi_k|`` (the share of participants that would have to come from another category to
match the population). When an expected count is below 5 the p-value comes from a seeded Monte Carlo
simulation of the multinomial (``n_simulations`` draws) instead of the chi-square approximation.

**Small groups** (``min_cell_size``, default 10, from ``privacy.min_cell_size``). In every table meant for a
report, a group with 1 to ``min_cell_size - 1`` participants is never shown on its own: its count, shares and
ratio are hidden (``suppressed`` true, ``n_label`` ``"<10"``). Its ``ratio_high`` is replaced by the Wilson
bound at ``n = min_cell_size - 1``, a conservative upper bound, so a small group that is certainly
under-represented is still named as an unusual suspect ("fewer than 10 participants; reached at least 3× less
often"). Because a single hidden count could be recovered from the total, when exactly one category of a
dimension is hidden the next smallest one is hidden too (secondary suppression, ``n_label`` ``"x"`` as in CBS
tables); in intersections this is applied along every row and column. Groups with 0 participants are shown
(nobody is exposed). Dimension statistics (chi-square, w, D, CV) are computed after pooling the hidden
categories into one, so they cannot be used to recover the hidden counts. When fewer than ``min_cell_size``
participants have a value for a dimension at all, all its counts and statistics are hidden.

**Intersections.** For every joint population dimension (e.g. ``age_group | district``, written by
``cocreatie import-cbs --wijken``) whose components the participants have, the same representation is computed
per joint cell, with the same suppression.

**Channel reach.** A participant belongs to every channel through which they gave at least one input. For each
channel with at least ``min_cell_size`` participants the composition per dimension is compared with the
population exactly as above. **Channel advice**: for each unusual suspect, the channel with the highest ratio
for that group (with at least ``min_cell_size`` participants of the group) is compared with the largest other
channel (or, if it is itself the largest, with the channel that reached the group worst) by a one-sided Fisher
exact test on the group's share; advice "channel" ("via straatgesprek … 4× beter … dan via online") is given
when that is significant and the ratio is at least ``min_factor`` (1.5) times higher. A compared channel whose
count for the group is hidden is taken at ``min_cell_size - 1``, the most it can be, so the factor is a lower
bound ("ten minste"). A participant active in both channels counts in both, which makes the test slightly
conservative. Otherwise, when the best channel still reaches the group with a ratio of at least
``ratio_threshold``, it is named ("best_channel"); when no channel does, the advice is to seek the group out
("outreach"), with suggestions per kind of group. Only participants with at least one input have a channel
(participants who only voted have none unless the caller adds them to ``inputs`` with a channel of their own).

**Weights (raking).** Iterative proportional fitting of the participants to the population shares of each
dimension in turn (Deming & Stephan 1940), repeated until no weight changes by more than ``tol`` in a full
cycle. Treatments: a participant without a (matching) value for a dimension keeps their weight in that
dimension's step, and the shares of that dimension are matched among participants who do have a value
(missing at random within the dimension; with missing values the solution depends slightly on the order of
the dimensions, which is the population table's order). Categories without any participant cannot be matched:
they are left out of that dimension and the other categories' shares are scaled up proportionally. Categories with
population count 0 are left out; participants in them count as unknown. Values that do not occur in the
population count as unknown. Each dimension is matched as shares of its own total, so margins whose totals
differ (for example age counted from 15 years, gender for all ages) are no problem, only reported. Trimming:
after every cycle, weights are clipped to ``[trim[0], trim[1]] ×`` the mean weight (default 0.2 and 5) and the
raking continues, so the final weights respect the bounds and match the margins as far as the bounds allow.
``converged`` means the weights stopped changing; when trimming keeps a weighted share more than 0.1 percentage
point from its target, the warning about trimming says how far (``max_margin_error``). Weights are scaled to mean 1.
Design effect (Kish) ``deff = n sum w^2 / (sum w)^2`` and effective sample size ``n / deff``.

**Ages.** :func:`harmonise_age` derives ``age_group`` from a numeric ``age`` column using the population's
age bands (``"15-24"`` = 15 up to and including 24, ``"65+"``). Ages are rounded down to whole years. Ages
outside every band (for example 12 when the bands start at 15) and invalid ages (not a number, below 0 or above
120) become unknown and are reported. Numbers found in an ``age_group`` column are binned the same way.

**Warnings.** Every treatment above that changes what is compared is reported both as a Python warning
(:class:`ReachWarning`, in English, full detail for the analyst) and as a row of the ``warnings`` table
(dimension, category, code, message; in the report language). When fewer than ``min_cell_size`` participants
hold a reported value (an unknown category, say), the table leaves the value out and says "fewer than 10".
"""
from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.base import BaseEstimator

__all__ = [
    "JOINT_SEP", "REACH_OPTIONS", "ReachWarning", "Raker", "analyse_reach", "dimension_label", "group_label",
    "harmonise_age", "parse_age_band", "rake", "representation",
]

JOINT_SEP = " | "
AGE = "age_group"
MARGIN_REPORT = 0.001  # trimming that leaves a weighted share this far from its target is reported
MAX_AGE = 120
SUPPORTED_LANGUAGES = ("nl", "en")

# Keyword options analyse_reach accepts besides its named parameters (gemeente.yaml `reach:` may set them).
REACH_OPTIONS = {
    "confidence": 0.95, "trim": (0.2, 5.0), "max_iter": 1000, "tol": 1e-8, "random_state": 0,
    "n_simulations": 20_000, "intersections": None, "rake_dimensions": None, "min_factor": 1.5,
}


class ReachWarning(UserWarning):
    """A treatment of the data that changes what the reach analysis compares (see the module docstring)."""


# --------------------------------------------------------------------------------------------- labels
_DIMENSION_LABELS = {
    "nl": {"age_group": "leeftijd", "age": "leeftijd", "gender": "geslacht", "district": "wijk",
           "origin": "herkomst", "education": "opleiding", "income": "inkomen", "channel": "kanaal",
           "opinion_group": "opiniegroep", "polis_group": "Pol.is-groep"},
    "en": {"age_group": "age", "age": "age", "gender": "gender", "district": "district", "origin": "origin",
           "education": "education", "income": "income", "channel": "channel",
           "opinion_group": "opinion group", "polis_group": "Pol.is group"},
}
_GENDER_GROUPS = {
    "nl": {"man": "mannen", "mannen": "mannen", "m": "mannen", "vrouw": "vrouwen", "vrouwen": "vrouwen",
           "v": "vrouwen", "male": "mannen", "female": "vrouwen"},
    "en": {"man": "men", "mannen": "men", "m": "men", "male": "men", "men": "men", "vrouw": "women",
           "vrouwen": "women", "v": "women", "female": "women", "woman": "women", "women": "women"},
}
_GROUP_TEMPLATES = {
    "nl": {"origin": "inwoners met herkomst {c}", "education": "inwoners met opleidingsniveau {c}",
           "income": "inwoners met inkomen {c}", "district": "inwoners van {c}", "gender": "inwoners met geslacht {c}",
           "default": "inwoners met {d} {c}"},
    "en": {"origin": "residents with origin {c}", "education": "residents with education level {c}",
           "income": "residents with income {c}", "district": "residents of {c}", "gender": "residents of gender {c}",
           "default": "residents with {d} {c}"},
}

_AGE_RANGE_RE = re.compile(r"^\s*(\d{1,3})\s*(?:-|–|—|tot en met|t/m|to)\s*(\d{1,3})\s*(?:jaar|years?)?\s*$",
                           re.IGNORECASE)
_AGE_PLUS_RE = re.compile(r"^\s*(\d{1,3})\s*(?:\+|plus|jaar (?:of|en) ouder|years? (?:and|or) older)\s*$",
                          re.IGNORECASE)
_AGE_NUMBER_RE = re.compile(r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*(?:jaar|jr\.?|years?)?\s*$", re.IGNORECASE)


def _check_language(language: str) -> str:
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {language!r}")
    return language


def parse_age_band(label) -> tuple[int, int | None] | None:
    """``"15-24"`` -> (15, 24) (inclusive), ``"65+"`` -> (65, None); None when the label is not an age band."""
    if not isinstance(label, str):
        return None
    m = _AGE_RANGE_RE.match(label)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        return (lo, hi) if lo <= hi else None
    m = _AGE_PLUS_RE.match(label)
    return (int(m.group(1)), None) if m else None


def dimension_label(dimension: str, language: str = "nl") -> str:
    """Readable name of a dimension ("wijk" for district); joint dimensions are joined with " × "."""
    labels = _DIMENSION_LABELS[_check_language(language)]
    parts = [p.strip() for p in str(dimension).split("|")]
    return " × ".join(labels.get(p, p.replace("_", " ")) for p in parts)


def _age_group_label(category: str, language: str) -> str:
    band = parse_age_band(category)
    if band is None:
        return ("inwoners met leeftijd {c}" if language == "nl" else "residents aged {c}").format(c=category)
    lo, hi = band
    if hi is None:
        if language == "nl":
            return f"ouderen van {lo} jaar en ouder" if lo >= 65 else f"inwoners van {lo} jaar en ouder"
        return f"older residents aged {lo}+" if lo >= 65 else f"residents aged {lo}+"
    span = f"{lo}–{hi}"
    if language == "nl":
        kind = "kinderen" if hi < 15 else "jongeren" if hi <= 27 else "ouderen" if lo >= 65 else "inwoners"
        return f"{kind} van {span} jaar"
    kind = "children" if hi < 15 else "young people" if hi <= 27 else "older residents" if lo >= 65 \
        else "residents"
    return f"{kind} aged {span}"


def group_label(dimension: str, category: str, language: str = "nl") -> str:
    """A group named in plain language: ("age_group", "15-24") -> "jongeren van 15–24 jaar".

    Joint cells: the first component's group, then the other components ("jongeren van 15–24 jaar, wijk
    Centrum").
    """
    _check_language(language)
    dims = [d.strip() for d in str(dimension).split("|")]
    cats = [c.strip() for c in str(category).split("|")] if len(dims) > 1 else [str(category)]
    if len(dims) > 1 and len(cats) == len(dims):
        rest = [f"{dimension_label(d, language)} {c}" for d, c in zip(dims[1:], cats[1:])]
        return ", ".join([group_label(dims[0], cats[0], language)] + rest)
    dim, cat = dims[0], str(category).strip()
    if dim in (AGE, "age"):
        return _age_group_label(cat, language)
    if dim == "gender" and cat.casefold() in _GENDER_GROUPS[language]:
        return _GENDER_GROUPS[language][cat.casefold()]
    templates = _GROUP_TEMPLATES[language]
    return templates.get(dim, templates["default"]).format(c=cat, d=dimension_label(dim, language))


def _fmt_num(x: float, decimals: int, language: str) -> str:
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if language == "nl" else text


def _fmt_times(x: float, language: str) -> str:
    """A factor as people read it: 3 (not 3.0), 2,5, 12."""
    if not np.isfinite(x):
        return "∞"
    text = _fmt_num(x, 0 if x >= 10 else 1, language)
    return text[:-2] if text.endswith((",0", ".0")) else text


def _fmt_pct(share: float, language: str) -> str:
    pct = 100 * share
    return _fmt_num(pct, 1 if 0 < pct < 1 else 0, language) + "%"


# --------------------------------------------------------------------------------------------- warnings
@dataclass
class _Issue:
    code: str
    dimension: str = ""
    category: str = ""
    n: int | None = None  # participants concerned (masked in report tables when small)
    params: dict = field(default_factory=dict)


_MESSAGES = {
    "en": {
        "dimension_missing_population": "dimension '{dimension}' is not in the population table; it is left out",
        "dimension_missing_participants": "participants have no column '{dimension}'; the dimension is left out",
        "population_zero": "all population counts of '{dimension}' are 0; the dimension is left out",
        "population_count_missing": "population count of '{category}' is empty; the category is left out",
        "zero_population_category": "{n} participant(s) are in category '{category}', which has population count "
                                    "0; they count as unknown for this dimension",
        "unknown_category": "{n} participant(s) have value '{category}', which is not a category of the "
                            "population table; they count as unknown for this dimension",
        "unknown_category_masked": "{n} participants have a value that is not a category of the population "
                                   "table; they count as unknown for this dimension",
        "zero_population_category_masked": "{n} participants are in a category with population count 0; they "
                                           "count as unknown for this dimension",
        "missing_values": "{n} participant(s) have no value for '{dimension}'; they are left out of this "
                          "dimension's shares and their weight is not adjusted on it",
        "absent_category": "no participant is in category '{category}' ({share} of the population); it is "
                           "shown with ratio 0 and left out of the weighting, which scales the other categories' "
                           "shares up proportionally",
        "single_category": "every participant with a value for '{dimension}' is in one category ('{category}'); "
                           "weighting cannot repair this dimension",
        "margins_differ": "population totals differ between dimensions ({details}); every dimension is compared "
                          "and weighted as shares of its own total",
        "age_outside_bands": "{n} participant(s) have an age outside every age band of the population "
                             "({bands}); their age group counts as unknown",
        "age_invalid": "{n} participant(s) have an invalid age (not a number, below 0 or above 120); their age "
                       "group counts as unknown",
        "age_from_numbers": "{n} value(s) in column 'age_group' are ages in years; they were put in the "
                            "population's age bands",
        "chi2_small_expected": "some expected counts for '{dimension}' are below 5; the p-value comes from a "
                               "Monte Carlo simulation instead of the chi-square approximation",
        "not_converged": "the weighting did not fully converge in {iterations} cycles (largest difference from "
                         "a population share: {error}); weighted figures are approximate",
        "trimmed": "{n} weight(s) were capped at the bounds {lower}–{upper} × the mean weight{error}",
        "high_design_effect": "weights vary strongly (design effect {deff}): the effective sample size is {ess} "
                              "instead of {total}",
        "channel_too_small": "channel '{category}' has fewer than {k} participants and is not shown separately",
        "channel_unavailable": "no channel reach: {reason}",
        "no_dimensions": "no usable dimension to compare with the population or to weight on; all weights are 1",
        "intersection_unavailable": "intersection '{dimension}' is not available: {reason}",
    },
    "nl": {
        "dimension_missing_population": "dimensie '{dimension}' staat niet in de bevolkingstabel en wordt "
                                        "overgeslagen",
        "dimension_missing_participants": "de deelnemers hebben geen kolom '{dimension}'; deze dimensie wordt "
                                          "overgeslagen",
        "population_zero": "alle bevolkingsaantallen van '{dimension}' zijn 0; deze dimensie wordt overgeslagen",
        "population_count_missing": "het bevolkingsaantal van '{category}' is leeg; deze categorie telt niet mee",
        "zero_population_category": "{n} deelnemer(s) vallen in categorie '{category}', die volgens de "
                                    "bevolkingstabel 0 inwoners heeft; zij tellen voor deze dimensie als onbekend",
        "unknown_category": "{n} deelnemer(s) hebben de waarde '{category}', die niet in de bevolkingstabel "
                            "voorkomt; zij tellen voor deze dimensie als onbekend",
        "unknown_category_masked": "{n} deelnemers hebben een waarde die niet in de bevolkingstabel voorkomt; zij "
                                   "tellen voor deze dimensie als onbekend",
        "zero_population_category_masked": "{n} deelnemers vallen in een categorie die volgens de bevolkingstabel "
                                           "0 inwoners heeft; zij tellen voor deze dimensie als onbekend",
        "missing_values": "{n} deelnemer(s) hebben geen waarde voor '{dimension}'; zij tellen niet mee in de "
                          "aandelen van deze dimensie en hun gewicht wordt op deze dimensie niet aangepast",
        "absent_category": "geen enkele deelnemer valt in categorie '{category}' ({share} van de bevolking); "
                           "de categorie staat met verhouding 0 in de tabel en is bij het wegen weggelaten, "
                           "waarbij de aandelen van de andere categorieën naar rato zijn opgehoogd",
        "single_category": "alle deelnemers met een waarde voor '{dimension}' vallen in één categorie "
                           "('{category}'); weging kan deze dimensie niet herstellen",
        "margins_differ": "de bevolkingstotalen verschillen per dimensie ({details}); elke dimensie wordt "
                          "vergeleken en gewogen als aandelen van haar eigen totaal",
        "age_outside_bands": "{n} deelnemer(s) hebben een leeftijd buiten alle leeftijdsgroepen van de "
                             "bevolkingstabel ({bands}); hun leeftijdsgroep telt als onbekend",
        "age_invalid": "{n} deelnemer(s) hebben een ongeldige leeftijd (geen getal, onder 0 of boven 120); hun "
                       "leeftijdsgroep telt als onbekend",
        "age_from_numbers": "{n} waarde(n) in kolom 'age_group' zijn leeftijden in jaren; die zijn ingedeeld in "
                            "de leeftijdsgroepen van de bevolkingstabel",
        "chi2_small_expected": "bij '{dimension}' zijn sommige verwachte aantallen kleiner dan 5; de p-waarde "
                               "komt uit een Monte-Carlosimulatie in plaats van de chi-kwadraatbenadering",
        "not_converged": "de weging is na {iterations} rondes niet volledig geconvergeerd (grootste afwijking "
                         "van een bevolkingsaandeel: {error}); gewogen cijfers zijn bij benadering",
        "trimmed": "{n} gewicht(en) zijn afgekapt op de grenzen {lower}–{upper} × het gemiddelde gewicht{error}",
        "high_design_effect": "de gewichten lopen sterk uiteen (design effect {deff}): de effectieve "
                              "steekproefomvang is {ess} in plaats van {total}",
        "channel_too_small": "kanaal '{category}' heeft minder dan {k} deelnemers en wordt niet apart getoond",
        "channel_unavailable": "geen kanaalbereik: {reason}",
        "no_dimensions": "geen bruikbare dimensie om met de bevolking te vergelijken of op te wegen; alle "
                         "gewichten zijn 1",
        "intersection_unavailable": "combinatie '{dimension}' is niet beschikbaar: {reason}",
    },
}
# Issues whose category names a group of participants: hidden in report tables when the group is small.
_GROUP_ISSUES = {"zero_population_category", "unknown_category"}


def _render(issue: _Issue, language: str, min_cell_size: int | None = None) -> tuple[str, str]:
    """(category, message) of an issue; with `min_cell_size` (a report table), small groups are masked and
    dimensions get their readable names."""
    n = issue.n
    category = issue.category
    code = issue.code
    # Only a value held by a small group identifies anyone; other counts (missing values, trimmed weights) do not.
    masked = (min_cell_size is not None and code in _GROUP_ISSUES and n is not None and 0 < n < min_cell_size)
    if masked:
        n_text = f"minder dan {min_cell_size}" if language == "nl" else f"fewer than {min_cell_size}"
        code, category = code + "_masked", ""
    elif min_cell_size is not None and code == "missing_values" and n is not None and 0 < n < min_cell_size:
        # the count of unknowns is a cell of its own in the report's counts, suppressed there too
        n_text = f"minder dan {min_cell_size}" if language == "nl" else f"fewer than {min_cell_size}"
    else:
        n_text = "" if n is None else f"{n:,}".replace(",", "." if language == "nl" else ",")
    dimension = issue.dimension
    if min_cell_size is not None and dimension and issue.code != "channel_too_small":
        dimension = dimension_label(dimension, language)
    message = _MESSAGES[language][code].format(dimension=dimension, category=category, n=n_text,
                                               **_format_params(issue, language))
    return category, message


def _format_params(issue: _Issue, language: str) -> dict:
    """Issue parameters as text in `language` (numbers are stored raw so each language formats its own)."""
    p = dict(issue.params)
    sep = "." if language == "nl" else ","
    if "share" in p:
        p["share"] = _fmt_pct(p["share"], language)
    if "totals" in p:
        p["details"] = ", ".join(f"{d} {f'{t:,.0f}'.replace(',', sep)}" for d, t in p.pop("totals").items())
    if issue.code == "not_converged":
        p["error"] = _fmt_num(p["error"], 4, language)
    if issue.code == "trimmed":
        error = p["error"]
        p["lower"], p["upper"] = _fmt_times(p["lower"], language), _fmt_times(p["upper"], language)
        p["error"] = "" if error <= MARGIN_REPORT else (
            f"; daardoor wijken gewogen aandelen tot {_fmt_num(100 * error, 1, language)} procentpunt af van de "
            "bevolking" if language == "nl" else
            f"; weighted shares therefore differ from the population by up to {_fmt_num(100 * error, 1, language)} "
            "percentage points")
    if issue.code == "high_design_effect":
        p["deff"] = _fmt_num(p["deff"], 1, language)
        p["ess"] = f"{p['ess']:,.0f}".replace(",", sep)
        p["total"] = f"{p['total']:,}".replace(",", sep)
    if isinstance(p.get("reason"), dict):
        p["reason"] = p["reason"][language]
    return p


def _emit(issues: list[_Issue], stacklevel: int = 3) -> None:
    for issue in issues:
        _, message = _render(issue, "en")
        where = f"{issue.dimension}: " if issue.dimension else ""
        warnings.warn(where + message, ReachWarning, stacklevel=stacklevel)


def _warnings_table(issues: list[_Issue], language: str, min_cell_size: int) -> pd.DataFrame:
    rows = []
    for issue in issues:
        category, message = _render(issue, language, min_cell_size)
        rows.append({"dimension": issue.dimension, "category": category, "code": issue.code, "message": message})
    return _frame(rows, {"dimension": "str", "category": "str", "code": "str", "message": "str"})


def _frame(rows, dtypes: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly these columns and dtypes, also when there are no rows (parquet-safe)."""
    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes) if len(frame) else pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()})


# --------------------------------------------------------------------------------------------- population
@dataclass
class _Margin:
    """One population dimension: categories (population order), their counts and (for joint ones) parts."""

    dimension: str
    components: tuple[str, ...]
    categories: list[str]
    counts: np.ndarray
    parts: list[tuple[str, ...]]

    @property
    def total(self) -> float:
        return float(self.counts.sum())


def _as_label(value) -> str | None:
    """A cell value as a category label; None when missing. 3.0 -> "3"; strings stripped; "" -> None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            return None
        return str(int(value)) if float(value).is_integer() else str(float(value))
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return str(int(value))
    text = str(value).strip()
    return text or None


def _norm(text: str) -> str:
    text = re.sub(r"\s*[-–—]\s*", "-", text.casefold())
    return re.sub(r"\s+", " ", text).strip()


def _split_joint(name: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in str(name).split("|"))


def _population_margins(population: pd.DataFrame) -> tuple[dict[str, _Margin], list[_Issue]]:
    """Validate the population table and group it into margins. Structural errors raise ValueError."""
    if not isinstance(population, pd.DataFrame):
        raise TypeError(f"population must be a pandas DataFrame, not {type(population).__name__}")
    missing = [c for c in ("dimension", "category", "count") if c not in population.columns]
    if missing:
        raise ValueError(f"population table: missing column(s) {', '.join(missing)}; it needs dimension, "
                         "category and count")
    issues: list[_Issue] = []
    counts = pd.to_numeric(population["count"], errors="coerce")
    bad = counts.isna() & population["count"].notna()
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"population table, row {pos + 2}, column 'count': {population['count'].iloc[pos]!r} is "
                         "not a number")
    if (counts < 0).any() or np.isinf(counts).any():
        pos = int(np.flatnonzero(((counts < 0) | np.isinf(counts)).to_numpy())[0])
        raise ValueError(f"population table, row {pos + 2}, column 'count': {counts.iloc[pos]} is not a count "
                         "≥ 0")
    margins: dict[str, _Margin] = {}
    seen: dict[tuple[str, str], int] = {}
    rows: dict[str, list[tuple[str, float]]] = {}
    for pos, (dim, cat, count) in enumerate(zip(population["dimension"], population["category"], counts)):
        dim_label, cat_label = _as_label(dim), _as_label(cat)
        if dim_label is None or cat_label is None:
            empty = "dimension" if dim_label is None else "category"
            raise ValueError(f"population table, row {pos + 2}: empty {empty}")
        dim_label = JOINT_SEP.join(_split_joint(dim_label))
        if JOINT_SEP in dim_label:
            parts = _split_joint(cat_label)
            if len(parts) != len(_split_joint(dim_label)):
                raise ValueError(f"population table, row {pos + 2}: category {cat_label!r} of joint dimension "
                                 f"{dim_label!r} must have one part per component, separated by ' | '")
            cat_label = JOINT_SEP.join(parts)
        key = (dim_label, cat_label)
        if key in seen:
            raise ValueError(f"population table, row {pos + 2}: category {cat_label!r} of {dim_label!r} appears "
                             f"twice (first in row {seen[key] + 2})")
        seen[key] = pos
        if pd.isna(count):
            issues.append(_Issue("population_count_missing", dim_label, cat_label))
            continue
        rows.setdefault(dim_label, []).append((cat_label, float(count)))
    for dim, items in rows.items():
        components = _split_joint(dim)
        cats = [c for c, _ in items]
        parts = [_split_joint(c) if len(components) > 1 else (c,) for c in cats]
        margins[dim] = _Margin(dim, components, cats, np.array([v for _, v in items], dtype=float), parts)
    return margins, issues


# --------------------------------------------------------------------------------------------- matching
def _match(values: pd.Series, categories: list[str]) -> tuple[np.ndarray, dict[str, int]]:
    """Category index per value (-1 missing, -2 unknown) and the unknown values with their counts."""
    codes_u, uniques = pd.factorize(values, use_na_sentinel=True)
    exact = {c: i for i, c in enumerate(categories)}
    normalised: dict[str, list[int]] = {}
    for i, c in enumerate(categories):
        normalised.setdefault(_norm(c), []).append(i)
    mapping = np.full(len(uniques) + 1, -1, dtype=np.int64)  # last slot: pandas' NA sentinel -1
    unknown_labels: dict[int, str] = {}
    for j, u in enumerate(uniques):
        label = _as_label(u)
        if label is None:
            continue
        if label in exact:
            mapping[j] = exact[label]
        elif len(normalised.get(_norm(label), ())) == 1:
            mapping[j] = normalised[_norm(label)][0]
        else:
            mapping[j] = -2
            unknown_labels[j] = label
    codes = mapping[codes_u]
    unknown: dict[str, int] = {}
    if unknown_labels:
        freq = np.bincount(codes_u[codes_u >= 0], minlength=len(uniques))
        for j, label in unknown_labels.items():
            unknown[label] = unknown.get(label, 0) + int(freq[j])
    return codes, unknown


@dataclass
class _Coded:
    """Participants' category index for one margin: -1 missing/unknown; plus what was not matched."""

    codes: np.ndarray
    n_missing: int
    unknown: dict[str, int]
    zero: dict[str, int]


def _code(participants: pd.DataFrame, margin: _Margin) -> _Coded:
    if len(margin.components) == 1:
        codes, unknown = _match(participants[margin.components[0]], margin.categories)
    else:
        comp_codes, comp_cats = [], []
        for j, comp in enumerate(margin.components):
            cats_j = list(dict.fromkeys(p[j] for p in margin.parts))
            c, _ = _match(participants[comp], cats_j)  # unknown component values are reported per dimension
            comp_codes.append(c)
            comp_cats.append(cats_j)
        shape = tuple(len(c) for c in comp_cats)
        lookup = np.full(int(np.prod(shape)), -2, dtype=np.int64)
        index = [{c: i for i, c in enumerate(cats)} for cats in comp_cats]
        for k, parts in enumerate(margin.parts):
            lookup[np.ravel_multi_index(tuple(index[j][p] for j, p in enumerate(parts)), shape)] = k
        stacked = np.vstack(comp_codes)
        any_missing = (stacked == -1).any(axis=0)
        any_unknown = (stacked == -2).any(axis=0)
        valid = ~any_missing & ~any_unknown
        codes = np.full(len(participants), -1, dtype=np.int64)
        codes[any_unknown & ~any_missing] = -2
        if valid.any():
            codes[valid] = lookup[np.ravel_multi_index(tuple(s[valid] for s in stacked), shape)]
        unknown = {}
        combos = valid & (codes == -2)
        if combos.any():
            for cell, count in zip(*np.unique(np.ravel_multi_index(tuple(s[combos] for s in stacked), shape),
                                             return_counts=True)):
                idx = np.unravel_index(cell, shape)
                unknown[JOINT_SEP.join(comp_cats[j][i] for j, i in enumerate(idx))] = int(count)
    n_missing = int((codes == -1).sum())
    zero = {}
    zero_pop = np.flatnonzero(margin.counts == 0)
    if len(zero_pop):
        known = codes >= 0
        hits = np.bincount(codes[known], minlength=len(margin.categories))
        for k in zero_pop:
            if hits[k]:
                zero[margin.categories[k]] = int(hits[k])
        codes = np.where(known & np.isin(codes, zero_pop), -2, codes)
    codes = np.where(codes < 0, -1, codes)
    return _Coded(codes, n_missing, unknown, zero)


def _coding_issues(coded: _Coded, margin: _Margin) -> list[_Issue]:
    issues = []
    dim = margin.dimension
    if coded.n_missing:
        issues.append(_Issue("missing_values", dim, n=coded.n_missing))
    for label, n in coded.unknown.items():
        issues.append(_Issue("unknown_category", dim, label, n=n))
    for label, n in coded.zero.items():
        issues.append(_Issue("zero_population_category", dim, label, n=n))
    return issues


def _sample_issues(n_k: np.ndarray, margin: _Margin, language: str) -> list[_Issue]:
    """Categories absent from the sample, or a sample in a single category."""
    issues = []
    active = margin.counts > 0
    shares = margin.counts / margin.total
    if n_k.sum() == 0:
        return issues
    for k in np.flatnonzero(active & (n_k == 0)):
        issues.append(_Issue("absent_category", margin.dimension, margin.categories[k],
                             params={"share": float(shares[k])}))
    present = np.flatnonzero(n_k > 0)
    if len(present) == 1 and active.sum() > 1:
        issues.append(_Issue("single_category", margin.dimension, margin.categories[present[0]]))
    return issues


# --------------------------------------------------------------------------------------------- ages
def _age_bands(population: pd.DataFrame | dict) -> list[tuple[str, int, float]] | None:
    """(label, lo, hi_inclusive) of the population's age bands; None when it has no age_group dimension."""
    margins = population if isinstance(population, dict) else _population_margins(population)[0]
    labels: list[str] = []
    for margin in margins.values():
        if AGE in margin.components:
            j = margin.components.index(AGE)
            labels.extend(p[j] for p in margin.parts)
    labels = list(dict.fromkeys(labels))
    if not labels:
        return None
    bands, bad = [], []
    for label in labels:
        band = parse_age_band(label)
        if band is None:
            bad.append(label)
        else:
            bands.append((label, band[0], math.inf if band[1] is None else band[1]))
    if bad:
        raise ValueError(f"population table: age_group categories {', '.join(map(repr, bad))} are not age bands "
                         "like '15-24' or '65+'; numeric ages cannot be put into groups")
    bands.sort(key=lambda b: b[1])
    for (l1, _, h1), (l2, lo2, _) in zip(bands, bands[1:]):
        if lo2 <= h1:
            raise ValueError(f"population table: age bands {l1!r} and {l2!r} overlap")
    return bands


def _age_number(value) -> float | None:
    """A value as an age in years (37, 37.5, "37", "37,5", "37 jaar"); None when it is not a number."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value) if np.isfinite(value) else None
    m = _AGE_NUMBER_RE.match(str(value))
    return float(m.group(1).replace(",", ".")) if m else None


# What a value in an age column turned out to be.
_MISSING, _BAND, _BINNED, _OUTSIDE, _OUT_OF_RANGE, _NOT_A_NUMBER = range(6)


def _classify_ages(values: pd.Series, bands) -> tuple[np.ndarray, np.ndarray]:
    """Per value: the age band label (or the value itself) and its kind. Works on the unique values only."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    by_norm = {_norm(b[0]): b[0] for b in bands}
    los = np.array([b[1] for b in bands], dtype=float)
    his = np.array([b[2] for b in bands], dtype=float)
    labels = np.full(len(uniques) + 1, None, dtype=object)  # last slot: pandas' NA sentinel -1
    kinds = np.full(len(uniques) + 1, _MISSING, dtype=np.int8)
    for j, u in enumerate(uniques):
        label = _as_label(u)
        if label is None:
            continue
        if _norm(label) in by_norm:
            labels[j], kinds[j] = label, _BAND
            continue
        age = _age_number(u)
        if age is None:
            labels[j], kinds[j] = label, _NOT_A_NUMBER
            continue
        whole = math.floor(age)
        if whole < 0 or whole > MAX_AGE:
            kinds[j] = _OUT_OF_RANGE
            continue
        i = int(np.searchsorted(los, whole, side="right")) - 1
        if i >= 0 and whole <= his[i]:
            labels[j], kinds[j] = bands[i][0], _BINNED
        else:
            kinds[j] = _OUTSIDE
    return labels[codes], kinds[codes]


def _harmonise_age(participants: pd.DataFrame, population) -> tuple[pd.DataFrame, list[_Issue]]:
    has_group = AGE in participants.columns and participants[AGE].notna().any()
    has_age = "age" in participants.columns
    if not has_group and not has_age:
        return participants, []
    bands = _age_bands(population)
    if bands is None:
        return participants, []
    n = len(participants)
    result = np.full(n, None, dtype=object)
    kind = np.full(n, _MISSING, dtype=np.int8)
    from_numbers = 0
    if has_group:
        result, kind = _classify_ages(participants[AGE], bands)
        numbers = np.isin(kind, (_BINNED, _OUTSIDE, _OUT_OF_RANGE))
        from_numbers = int(numbers.sum())
        # Anything else that is not a band is kept; it is reported later as an unknown category.
        kind = np.where(kind == _NOT_A_NUMBER, _BAND, kind)
    fill = (kind == _MISSING) if has_age else np.zeros(n, dtype=bool)
    if fill.any():
        labels, kinds = _classify_ages(participants["age"], bands)
        result = np.where(fill, labels, result)
        kind = np.where(fill, kinds, kind)
    issues: list[_Issue] = []
    if from_numbers:
        issues.append(_Issue("age_from_numbers", AGE, n=from_numbers))
    invalid = int(np.isin(kind, (_OUT_OF_RANGE, _NOT_A_NUMBER)).sum())
    if invalid:
        issues.append(_Issue("age_invalid", AGE, n=invalid))
    outside = int((kind == _OUTSIDE).sum())
    if outside:
        issues.append(_Issue("age_outside_bands", AGE, n=outside,
                             params={"bands": ", ".join(b[0] for b in bands)}))
    if not from_numbers and not (fill & (kind != _MISSING)).any() and not invalid and not outside:
        return participants, issues  # nothing to change: age_group already holds the bands
    out = participants.copy()
    out[AGE] = pd.Series(np.where(np.isin(kind, (_BAND, _BINNED)), result, None), index=participants.index,
                         dtype="str")
    return out, issues


def harmonise_age(participants: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Participants with an ``age_group`` that uses the population's age bands.

    * ``age_group`` already present with band labels: returned unchanged.
    * Numeric ``age`` (or numbers, also "45 jaar", inside ``age_group``): binned into the population's
      ``age_group`` bands (labels "a-b" inclusive or "a+"; from the single dimension or any joint one). Ages are
      rounded down to whole years. Ages outside every band and invalid ages (not a number, below 0, above 120)
      become NaN, i.e. unknown for the reach analysis; a :class:`ReachWarning` says how many.
    * An ``age`` value that is itself a band label ("15-24") is taken as that band.
    * No age information, or no age_group dimension in the population: returned unchanged.

    Raises ValueError when the population's age_group categories are not age bands or overlap.
    """
    out, issues = _harmonise_age(participants, population)
    _emit(issues)
    return out


# --------------------------------------------------------------------------------------------- statistics
def wilson_interval(p, n, z: float = 1.959963984540054):
    """95% Wilson score interval for a share ``p`` observed in ``n`` trials (``n`` may be a Kish effective n).

    Works element-wise on arrays; ``n <= 0`` or NaN gives NaN bounds. Wilson rather than Wald because it stays
    inside [0, 1] and behaves at 0%, 100% and small n, which is where draagvlak questions get asked.
    """
    p = np.asarray(p, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        # exact 0 / 1 at the edges (the formula gives them only up to rounding)
        low = np.where(n > 0, np.where(p <= 0, 0.0, np.clip(centre - half, 0.0, 1.0)), np.nan)
        high = np.where(n > 0, np.where(p >= 1, 1.0, np.clip(centre + half, 0.0, 1.0)), np.nan)
    return low, high


def _wilson(n: np.ndarray, total: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson interval for the share n / total."""
    total = np.asarray(total, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return wilson_interval(np.asarray(n, dtype=float) / total, total, z)


def _binom_p(n: np.ndarray, total: int, shares: np.ndarray) -> np.ndarray:
    out = np.full(len(n), np.nan)
    if total <= 0:
        return out
    for i, (k, pi) in enumerate(zip(n, shares)):
        out[i] = stats.binomtest(int(k), int(total), float(min(max(pi, 0.0), 1.0))).pvalue
    return out


def suppressed_cells(counts, min_cell_size: int) -> np.ndarray:
    """Which counts of one breakdown to hide: those from 1 to `min_cell_size` - 1 and, when exactly one would
    be hidden, the next smallest too, so no hidden count can be recovered from the total by subtraction."""
    n = np.asarray(counts, dtype=float)
    primary = (n > 0) & (n < min_cell_size)
    return primary | _secondary_suppress(n, primary, [np.arange(len(n))])


def _secondary_suppress(n: np.ndarray, primary: np.ndarray, lines: list[np.ndarray]) -> np.ndarray:
    """Cells hidden so that no hidden count can be recovered by subtraction along any line (row, column)."""
    hidden = primary.copy()
    changed = True
    while changed:
        changed = False
        for line in lines:
            if hidden[line].sum() == 1:
                candidates = line[~hidden[line] & (n[line] > 0)]
                if len(candidates):
                    hidden[candidates[np.argmin(n[candidates])]] = True
                    changed = True
    return hidden & ~primary


def _lines(margin: _Margin, active: np.ndarray) -> list[np.ndarray]:
    """Index groups along which totals are known: the whole margin, and for joint margins every row/column."""
    idx = np.flatnonzero(active)
    lines = [idx]
    if len(margin.components) > 1:
        for j in range(len(margin.components)):
            groups: dict[tuple, list[int]] = {}
            for k in idx:
                parts = margin.parts[k]
                groups.setdefault(parts[:j] + parts[j + 1:], []).append(k)
            lines.extend(np.array(g) for g in groups.values() if len(g) > 1)
    return lines


@dataclass
class _Settings:
    confidence: float = 0.95
    ratio_threshold: float = 0.67
    min_cell_size: int | None = None
    language: str = "nl"
    n_simulations: int = 20_000
    rng: np.random.Generator | None = None

    @property
    def z(self) -> float:
        return float(stats.norm.ppf(1 - (1 - self.confidence) / 2))


_CELL_COLUMNS = {
    "dimension": "str", "category": "str", "group": "str", "n": "Int64", "n_label": "str",
    "sample_share": "float64", "population_share": "float64", "population_count": "float64", "ratio": "float64",
    "ratio_low": "float64", "ratio_high": "float64", "p_value": "float64", "under_represented": "bool",
    "over_represented": "bool", "participation_rate": "float64", "partial_r": "float64",
    "partial_r_relative": "float64", "suppressed": "bool",
}
_TEST_COLUMNS = {
    "dimension": "str", "dimension_label": "str", "n": "Int64", "n_missing": "Int64", "n_unknown": "Int64",
    "n_categories": "int64",
    "n_suppressed": "int64", "chi2": "float64", "df": "Int64", "p_value": "float64", "p_value_method": "str",
    "cohens_w": "float64", "effect_size": "str", "dissimilarity": "float64", "participation_rate": "float64",
    "r_indicator": "float64", "partial_r": "float64", "cv_participation": "float64",
}
_EFFECT_LABELS = {"nl": ("verwaarloosbaar", "klein", "middelgroot", "groot"),
                  "en": ("negligible", "small", "medium", "large")}


def _goodness_of_fit(n: np.ndarray, pi: np.ndarray, s: _Settings) -> tuple[float, int, float, str]:
    total = n.sum()
    if len(n) < 2 or total <= 0:
        return np.nan, max(len(n) - 1, 0), np.nan, ""
    expected = total * pi
    chi2 = float(((n - expected) ** 2 / expected).sum())
    df = len(n) - 1
    if (expected < 5).any() and s.n_simulations > 0:
        rng = s.rng if s.rng is not None else np.random.default_rng(0)
        sims = rng.multinomial(int(total), pi / pi.sum(), size=s.n_simulations)
        sim_chi2 = ((sims - expected) ** 2 / expected).sum(axis=1)
        p = float((1 + (sim_chi2 >= chi2 - 1e-9).sum()) / (s.n_simulations + 1))
        return chi2, df, p, "monte_carlo"
    return chi2, df, float(stats.chi2.sf(chi2, df)), "chi2"


def _cells(margin: _Margin, n_k: np.ndarray, s: _Settings, coded: _Coded | None = None
           ) -> tuple[pd.DataFrame, dict, bool]:
    """Representation rows of one margin (categories with population > 0) and its dimension statistics."""
    active = margin.counts > 0
    idx = np.flatnonzero(active)
    counts = margin.counts[idx]
    n = n_k[idx].astype(np.int64)
    pi = counts / counts.sum()
    total = int(n.sum())
    z = s.z
    with np.errstate(invalid="ignore", divide="ignore"):
        p = n / total if total else np.full(len(n), np.nan)
        low, high = _wilson(n, np.full(len(n), total), z)
        ratio, ratio_low, ratio_high = p / pi, low / pi, high / pi
        rho = total / counts.sum()
        rate = n / counts
    p_values = _binom_p(n, total, pi)
    k = s.min_cell_size
    primary = np.zeros(len(n), dtype=bool)
    secondary = np.zeros(len(n), dtype=bool)
    whole_hidden = False
    if k is not None and k > 1:
        if 0 < total < k:
            whole_hidden = True
            primary = n > 0
        else:
            primary = (n > 0) & (n < k)
            local = _Margin(margin.dimension, margin.components, [margin.categories[i] for i in idx], counts,
                            [margin.parts[i] for i in idx])
            secondary = _secondary_suppress(n, primary, _lines(local, np.ones(len(n), dtype=bool)))
    hidden = primary | secondary
    if primary.any() and not whole_hidden:
        # A conservative bound: the true count is at most k - 1, so its Wilson upper bound is at most this.
        _, bound = _wilson(np.full(len(n), k - 1), np.full(len(n), total), z)
        ratio_high = np.where(primary, bound / pi, ratio_high)
    if whole_hidden:  # even the interval of an empty category would reveal the small total
        ratio_high = np.full(len(n), np.nan)
    under = ratio_high < s.ratio_threshold
    over = ratio_low > 1 / s.ratio_threshold
    under = np.where(secondary | (whole_hidden & primary), False, under)
    over = np.where(hidden, False, over)
    partial = np.sqrt(pi) * (rate - rho)
    partial_rel = np.sqrt(pi) * (ratio - 1)
    n_label = np.array([str(v) for v in n], dtype=object)
    n_label[primary] = f"<{k}" if k else ""
    n_label[secondary] = "x"
    frame = pd.DataFrame({
        "dimension": margin.dimension,
        "category": [margin.categories[i] for i in idx],
        "group": [group_label(margin.dimension, margin.categories[i], s.language) for i in idx],
        "n": pd.array(n, dtype="Int64"),
        "n_label": n_label,
        "sample_share": p, "population_share": pi, "population_count": counts,
        "ratio": ratio, "ratio_low": ratio_low, "ratio_high": ratio_high, "p_value": p_values,
        "under_represented": under.astype(bool), "over_represented": over.astype(bool),
        "participation_rate": rate, "partial_r": partial, "partial_r_relative": partial_rel,
        "suppressed": hidden,
    })
    if hidden.any():
        frame.loc[hidden, "n"] = pd.NA
        cols = ["sample_share", "ratio", "ratio_low", "p_value", "participation_rate", "partial_r",
                "partial_r_relative"]
        frame.loc[hidden, cols] = np.nan
        frame.loc[secondary, "ratio_high"] = np.nan
    if whole_hidden:
        frame[["ratio", "ratio_low", "ratio_high", "sample_share", "p_value", "participation_rate", "partial_r",
               "partial_r_relative"]] = np.nan
    frame = frame.astype(_CELL_COLUMNS)

    # Dimension statistics: hidden categories pooled into one so they cannot be recovered.
    if hidden.any() and not whole_hidden:
        keep = ~hidden
        n_t = np.append(n[keep], n[hidden].sum())
        pi_t = np.append(pi[keep], pi[hidden].sum())
    else:
        n_t, pi_t = n, pi
    chi2, df, p_value, method = _goodness_of_fit(n_t.astype(float), pi_t, s)
    with np.errstate(invalid="ignore", divide="ignore"):
        share_t = n_t / total if total else np.full(len(n_t), np.nan)
        # rho_k = rho * share_k / pi_k, so S = rho * sqrt(sum (share - pi)^2 / pi) and CV = S / rho = w.
        sd = float(rho * np.sqrt(((share_t - pi_t) ** 2 / pi_t).sum())) if total else np.nan
        w = math.sqrt(chi2 / total) if total and np.isfinite(chi2) else np.nan
    test = {
        "dimension": margin.dimension, "dimension_label": dimension_label(margin.dimension, s.language),
        "n": total, "n_missing": coded.n_missing if coded else None,
        "n_unknown": sum(coded.unknown.values()) + sum(coded.zero.values()) if coded else None,
        "n_categories": int(len(idx)), "n_suppressed": int(hidden.sum()),
        "chi2": chi2, "df": df, "p_value": p_value, "p_value_method": method,
        "cohens_w": w, "effect_size": _effect_label(w, s.language),
        "dissimilarity": float(0.5 * np.abs(share_t - pi_t).sum()) if total else np.nan,
        "participation_rate": rho if total else np.nan,
        "r_indicator": 1 - 2 * sd, "partial_r": sd, "cv_participation": sd / rho if total else np.nan,
    }
    if whole_hidden:
        test.update({k_: np.nan for k_ in ("chi2", "p_value", "cohens_w", "dissimilarity", "participation_rate",
                                           "r_indicator", "partial_r", "cv_participation")})
        test.update({"n": None, "effect_size": "", "p_value_method": ""})
    return frame, test, method == "monte_carlo" and not whole_hidden


def _effect_label(w: float, language: str) -> str:
    if not np.isfinite(w):
        return ""
    labels = _EFFECT_LABELS[language]
    return labels[0] if w < 0.1 else labels[1] if w < 0.3 else labels[2] if w < 0.5 else labels[3]


def _check_dimensions(participants: pd.DataFrame, margins: dict[str, _Margin], dimensions) -> list[str]:
    dims = [JOINT_SEP.join(_split_joint(d)) for d in dimensions]
    for d in dims:
        if d not in margins:
            known = ", ".join(sorted(margins)) or "none"
            raise ValueError(f"dimension {d!r} is not in the population table (its dimensions: {known})")
        for comp in margins[d].components:
            if comp not in participants.columns:
                raise ValueError(f"dimension {d!r}: participants have no column {comp!r}")
        if margins[d].total <= 0:
            raise ValueError(f"dimension {d!r}: all population counts are 0")
    return dims


def _default_dimensions(participants: pd.DataFrame, margins: dict[str, _Margin]) -> list[str]:
    return [d for d, m in margins.items()
            if len(m.components) == 1 and d in participants.columns and m.total > 0]


def _margin_total_issue(margins: dict[str, _Margin], dims: list[str], language: str) -> list[_Issue]:
    totals = {d: margins[d].total for d in dims if margins[d].total > 0}
    if len(totals) < 2 or max(totals.values()) <= min(totals.values()) * 1.01:
        return []
    return [_Issue("margins_differ", params={"totals": totals})]


def representation(participants: pd.DataFrame, population: pd.DataFrame, dimensions=None, *,
                   confidence: float = 0.95, ratio_threshold: float = 0.67, min_cell_size: int | None = None,
                   language: str = "nl", n_simulations: int = 20_000, random_state=0) -> pd.DataFrame:
    """Representation of every category of every dimension: who was reached, compared with the population.

    Parameters
    ----------
    participants : DataFrame with one column per dimension (``age_group``, ``district``, …); joint dimensions
        (``"age_group | district"``) use the component columns.
    population : DataFrame dimension, category, count.
    dimensions : list of dimension names; None = every single dimension of the population the participants have.
    min_cell_size : None (default) shows every count, for analysis; a number applies the report's small-group
        suppression (see the module docstring).

    Returns
    -------
    DataFrame, one row per dimension and category with population > 0: dimension, category, group (readable
    name), n, n_label, sample_share, population_share, population_count, ratio, ratio_low, ratio_high (Wilson
    95 % interval of the sample share divided by the population share), p_value (exact binomial), under_represented
    (``ratio_high < ratio_threshold``), over_represented, participation_rate, partial_r, partial_r_relative,
    suppressed.

    Raises ValueError for a dimension missing from the population or the participants, or whose population
    counts are all 0. Unknown values, missing values, categories nobody is in: :class:`ReachWarning`.
    """
    _check_language(language)
    margins, issues = _population_margins(population)
    participants, age_issues = _harmonise_age(participants, margins)
    issues += age_issues
    dims = _check_dimensions(participants, margins, dimensions) if dimensions is not None \
        else _default_dimensions(participants, margins)
    s = _Settings(confidence, ratio_threshold, min_cell_size, language, n_simulations,
                  np.random.default_rng(random_state))
    frames = []
    for d in dims:
        coded = _code(participants, margins[d])
        n_k = np.bincount(coded.codes[coded.codes >= 0], minlength=len(margins[d].categories))
        issues += _coding_issues(coded, margins[d]) + _sample_issues(n_k, margins[d], language)
        frames.append(_cells(margins[d], n_k, s, coded)[0])
    _emit(issues)
    return pd.concat(frames, ignore_index=True) if frames else _frame([], _CELL_COLUMNS)


# --------------------------------------------------------------------------------------------- raking
class Raker(BaseEstimator):
    """Raking (iterative proportional fitting) of participants to population margins, with trimming.

    Parameters
    ----------
    dimensions : list of str or None
        Population dimensions to match (single or joint, e.g. ``"age_group | district"``); None = every single
        dimension of the population that the participants have.
    max_iter : int
        Maximum number of full cycles over the dimensions.
    tol : float
        Convergence: stop when, in a full cycle (raking and trimming), no weight changed by more than ``tol``
        relative to its value.
    trim : (float, float) or None
        Bounds on the weights relative to the mean weight (default 0.2 and 5); None = no trimming.

    Attributes
    ----------
    weights_ : Series participant_id -> weight, mean 1.
    dimensions_ : list of the dimensions used.
    n_iter_ : number of cycles run.  converged_ : bool.
    max_change_ : largest relative weight change in the last cycle.
    margin_error_ : largest absolute difference between a weighted share and its target.
    trim_bounds_ : (lower, upper) bounds of the final weights (NaN without trimming).
    n_trimmed_ : number of weights at a bound.
    design_effect_ : Kish design effect.  effective_sample_size_ : n / design effect.
    margins_ : DataFrame dimension, category, n, population_share, target_share, sample_share, weighted_share.
    warnings_ : list of str (also issued as :class:`ReachWarning`).
    """

    def __init__(self, dimensions=None, *, max_iter: int = 1000, tol: float = 1e-8, trim=(0.2, 5.0)):
        self.dimensions = dimensions
        self.max_iter = max_iter
        self.tol = tol
        self.trim = trim

    def _validate(self) -> tuple[float, float] | None:
        if not (isinstance(self.max_iter, int | np.integer) and self.max_iter >= 1):
            raise ValueError(f"max_iter must be an integer ≥ 1, not {self.max_iter!r}")
        if not (isinstance(self.tol, int | float) and self.tol > 0):
            raise ValueError(f"tol must be a number > 0, not {self.tol!r}")
        if self.trim is None:
            return None
        try:
            lower, upper = (float(v) for v in self.trim)
        except (TypeError, ValueError):
            raise ValueError(f"trim must be None or (lower, upper), not {self.trim!r}") from None
        if not (0 <= lower < 1 < upper):
            raise ValueError(f"trim bounds must satisfy 0 ≤ lower < 1 < upper, not {self.trim!r}")
        return lower, upper

    def fit(self, participants: pd.DataFrame, population: pd.DataFrame, sample_weight=None) -> Raker:
        """Compute the weights. ``sample_weight``: optional design weights to start from (default 1)."""
        _emit(self._fit(participants, population, sample_weight, language="en"))
        return self

    def _fit(self, participants, population, sample_weight, language: str,
             margins: dict | None = None) -> list[_Issue]:
        bounds = self._validate()
        if not isinstance(participants, pd.DataFrame):
            raise TypeError(f"participants must be a pandas DataFrame, not {type(participants).__name__}")
        if "participant_id" not in participants.columns:
            raise ValueError("participants: no column 'participant_id'")
        ids = participants["participant_id"]
        if ids.isna().any():
            raise ValueError(f"participants: participant_id is empty in row {int(np.flatnonzero(ids.isna())[0]) + 2}")
        if ids.duplicated().any():
            dup = ids[ids.duplicated()].iloc[0]
            raise ValueError(f"participants: participant_id {dup!r} appears more than once")
        if len(participants) == 0:
            raise ValueError("participants: no rows to weight")
        issues: list[_Issue] = []
        if margins is None:
            margins, issues = _population_margins(population)
        participants, age_issues = _harmonise_age(participants, margins)
        issues += age_issues
        dims = _check_dimensions(participants, margins, self.dimensions) if self.dimensions is not None \
            else _default_dimensions(participants, margins)
        n = len(participants)
        base = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        if base.shape != (n,) or not np.isfinite(base).all() or (base <= 0).any():
            raise ValueError("sample_weight must hold one finite weight > 0 per participant")

        plans = []  # (margin, codes over active categories (-1 = not adjusted), targets, active indices, n_k)
        margin_rows = []
        for d in dims:
            margin = margins[d]
            coded = _code(participants, margin)
            n_k = np.bincount(coded.codes[coded.codes >= 0], minlength=len(margin.categories))
            issues += _coding_issues(coded, margin) + _sample_issues(n_k, margin, language)
            active = np.flatnonzero((margin.counts > 0) & (n_k > 0))
            remap = np.full(len(margin.categories), -1, dtype=np.int64)
            remap[active] = np.arange(len(active))
            codes = np.where(coded.codes >= 0, remap[np.clip(coded.codes, 0, None)], -1)
            pop_share = margin.counts / margin.total
            targets = margin.counts[active] / margin.counts[active].sum() if len(active) else np.array([])
            plans.append((margin, codes, targets, active, n_k))
            for k in np.flatnonzero(margin.counts > 0):
                margin_rows.append({"dimension": d, "category": margin.categories[k], "n": int(n_k[k]),
                                    "population_share": pop_share[k],
                                    "target_share": targets[remap[k]] if remap[k] >= 0 else 0.0})
        issues += _margin_total_issue(margins, dims, language)
        plans = [p for p in plans if len(p[3]) > 0]
        if not plans:
            issues.append(_Issue("no_dimensions"))

        w = base / base.mean()
        converged, n_iter, change = (True, 0, 0.0) if not plans else (False, 0, np.inf)
        shift = [p[1] + 1 for p in plans]  # bin 0 collects the participants not adjusted on this dimension
        for n_iter in range(1, (self.max_iter if plans else 0) + 1):
            previous = w.copy()
            for (margin, codes, targets, active, _), s in zip(plans, shift):
                totals = np.bincount(s, weights=w, minlength=len(active) + 1)
                factor = np.ones(len(active) + 1)
                factor[1:] = targets * totals[1:].sum() / totals[1:]
                w *= factor[s]
            if bounds is not None:
                w = _trim(w, *bounds)
            change = float(np.max(np.abs(w - previous) / previous))
            if change < self.tol:
                converged = True
                break
        w = w / w.mean()

        self.dimensions_ = [p[0].dimension for p in plans]
        self.weights_ = pd.Series(w, index=pd.Index(ids.to_numpy(), name="participant_id"), name="weight")
        self.n_iter_ = n_iter
        self.converged_ = bool(converged)
        self.max_change_ = float(change) if plans else 0.0
        error = 0.0
        weighted = {}
        for (margin, codes, targets, active, _), s in zip(plans, shift):
            totals = np.bincount(s, weights=w, minlength=len(active) + 1)[1:]
            shares = totals / totals.sum()
            error = max(error, float(np.max(np.abs(shares - targets))))
            for j, k in enumerate(active):
                weighted[(margin.dimension, margin.categories[k])] = shares[j]
        self.margin_error_ = error
        if bounds is not None:
            self.trim_bounds_ = bounds
            self.n_trimmed_ = int(((w <= bounds[0] * (1 + 1e-9)) | (w >= bounds[1] * (1 - 1e-9))).sum())
        else:
            self.trim_bounds_ = (np.nan, np.nan)
            self.n_trimmed_ = 0
        self.design_effect_ = float(n * (w ** 2).sum() / w.sum() ** 2)
        self.effective_sample_size_ = float(n / self.design_effect_)
        margins_df = pd.DataFrame(margin_rows, columns=["dimension", "category", "n", "population_share",
                                                        "target_share"])
        n_known = margins_df.groupby("dimension", sort=False)["n"].transform("sum") if len(margins_df) else 0
        margins_df["sample_share"] = margins_df["n"] / n_known if len(margins_df) else []
        margins_df["weighted_share"] = [weighted.get((d, c), 0.0) for d, c in
                                        zip(margins_df["dimension"], margins_df["category"])]
        self.margins_ = margins_df
        if plans and not self.converged_:
            issues.append(_Issue("not_converged", params={"iterations": n_iter, "error": error}))
        if self.n_trimmed_:
            issues.append(_Issue("trimmed", n=self.n_trimmed_, params={
                "lower": bounds[0], "upper": bounds[1], "error": error}))
        if self.design_effect_ > 2:
            issues.append(_Issue("high_design_effect", params={
                "deff": self.design_effect_, "ess": self.effective_sample_size_, "total": n}))
        self.warnings_ = [(f"{i.dimension}: " if i.dimension else "") + _render(i, "en")[1] for i in issues]
        return issues


def _trim(w: np.ndarray, lower: float, upper: float, max_rounds: int = 100) -> np.ndarray:
    """Clip weights to [lower, upper] × their mean, keeping their total: the weight cut from capped weights goes
    proportionally to the weights that are not at a bound (and back), until no weight is outside the bounds."""
    total = w.sum()
    lo, hi = lower * total / len(w), upper * total / len(w)
    if w.min() >= lo and w.max() <= hi:
        return w
    w = w.copy()
    for _ in range(max_rounds):
        np.clip(w, lo, hi, out=w)
        free = (w > lo) & (w < hi)
        gap = total - w.sum()
        if abs(gap) <= 1e-12 * total or not free.any():
            break
        w[free] *= 1 + gap / w[free].sum()
    return w


def rake(participants: pd.DataFrame, population: pd.DataFrame, dimensions=None, *, max_iter: int = 1000,
         tol: float = 1e-8, trim=(0.2, 5.0), sample_weight=None) -> pd.Series:
    """Raking weights: Series participant_id -> weight, mean 1 (see :class:`Raker` and the module docstring).

    With one dimension and no trimming this is post-stratification: weight = population share / sample share.
    """
    return Raker(dimensions, max_iter=max_iter, tol=tol, trim=trim).fit(
        participants, population, sample_weight=sample_weight).weights_


# --------------------------------------------------------------------------------------------- channels
_OUTREACH = {
    "nl": {"young": "bijvoorbeeld via scholen, mbo's, sportclubs en sociale media",
           "old": "bijvoorbeeld via ouderenorganisaties, wijkcentra en huisbezoeken",
           "origin": "bijvoorbeeld via zelforganisaties, religieuze gemeenschappen en sleutelfiguren, en in "
                     "meerdere talen",
           "district": "bijvoorbeeld met straatgesprekken en een bijeenkomst in de wijk zelf",
           "education": "bijvoorbeeld via buurthuizen, taalhuis en voedselbank, met laagdrempelige gesprekken "
                        "zonder schrijfwerk",
           "gender": "bijvoorbeeld op tijden en plekken die voor deze groep beter passen",
           "default": "door deze groep op te zoeken op plekken waar zij al komen"},
    "en": {"young": "for example through schools, colleges, sports clubs and social media",
           "old": "for example through older people's organisations, community centres and home visits",
           "origin": "for example through community organisations, religious communities and key figures, and in "
                     "several languages",
           "district": "for example with street conversations and a meeting in the district itself",
           "education": "for example through community centres, language cafés and food banks, with low-threshold "
                        "conversations that need no writing",
           "gender": "for example at times and places that suit this group better",
           "default": "by seeking this group out where they already are"},
}
_ADVICE_COLUMNS = {
    "dimension": "str", "category": "str", "group": "str", "kind": "str", "best_channel": "str",
    "best_ratio": "float64", "compared_channel": "str", "compared_ratio": "float64", "factor": "float64",
    "at_least": "bool", "p_value": "float64", "advice": "str",
}
_CHANNEL_COLUMNS = {"channel": "str", "channel_participants": "int64", **_CELL_COLUMNS}


def _outreach_kind(dimension: str, category: str) -> str:
    if dimension == AGE:
        band = parse_age_band(category)
        if band and band[1] is not None and band[1] <= 27:
            return "young"
        if band and band[0] >= 65:
            return "old"
        return "default"
    return {"origin": "origin", "district": "district", "education": "education", "income": "education",
            "gender": "gender"}.get(dimension, "default")


def _participants_from_inputs(participants: pd.DataFrame | None, inputs: pd.DataFrame | None,
                              dims: list[str]) -> pd.DataFrame | None:
    """Fill participant attributes that only the inputs carry (most frequent value per participant)."""
    if inputs is None or "participant_id" not in inputs.columns:
        return participants
    extra = [d for d in dims if d in inputs.columns and d != "participant_id"]
    if participants is None or len(participants) == 0:
        ids = inputs["participant_id"].dropna().unique()
        participants = pd.DataFrame({"participant_id": ids})
    if not extra:
        return participants
    needs = [d for d in extra if d not in participants.columns or participants[d].isna().any()]
    if not needs:
        return participants
    known = inputs[inputs["participant_id"].notna()]
    known = known.assign(participant_id=known["participant_id"].map(_as_label))
    out_keys = participants["participant_id"].map(_as_label)
    out = participants.copy()
    for d in needs:
        values = known[["participant_id", d]].dropna()
        if values.empty:
            continue
        mode = (values.groupby(["participant_id", d], sort=True).size().reset_index(name="k")
                .sort_values(["participant_id", "k"], ascending=[True, False], kind="stable")
                .drop_duplicates("participant_id").set_index("participant_id")[d])
        filled = out_keys.map(mode)
        out[d] = filled if d not in out.columns else out[d].where(out[d].notna(), filled)
    return out


def _channel_membership(participants: pd.DataFrame, inputs: pd.DataFrame | None
                        ) -> tuple[dict[str, np.ndarray], str | None]:
    if inputs is None or len(inputs) == 0:
        return {}, None
    for column in ("participant_id", "channel"):
        if column not in inputs.columns:
            return {}, column
    # Ids compared as text: a file may hold 17 where the other holds "17" or 17.0.
    pos = pd.Series(np.arange(len(participants)), index=[_as_label(v) for v in participants["participant_id"]])
    pos = pos[~pos.index.duplicated()]
    links = inputs[["participant_id", "channel"]].dropna()
    links = links.assign(channel=links["channel"].map(_as_label),
                         participant_id=links["participant_id"].map(_as_label)).dropna()
    links = links.assign(pos=links["participant_id"].map(pos)).dropna()
    out = {}
    for channel, group in links.groupby("channel", sort=True):
        mask = np.zeros(len(participants), dtype=bool)
        mask[group["pos"].astype(np.int64).to_numpy()] = True
        out[str(channel)] = mask
    return out, None


def _advice_text(kind: str, group: str, best: str, other: str, factor: float, at_least: bool,
                 best_ratio: float, other_ratio: float, threshold: float, language: str,
                 suggestion: str = "") -> str:
    g = group
    if kind == "best_channel":
        r = _fmt_num(best_ratio, 2, language)
        if language == "nl":
            return (f"Van de kanalen bereikte {best} {g} het best (verhouding {r}); zet {best} vaker in om deze "
                    "groep te bereiken.")
        return f"Of the channels, {best} reached {g} best (ratio {r}); use {best} more to reach this group."
    if kind == "outreach":
        if language == "nl":
            tail = f" (het best nog via {best}: verhouding {_fmt_num(best_ratio, 2, language)})" if best else ""
            return (f"Geen enkel kanaal bereikte {g} goed{tail}. Zoek deze groep actief op, {suggestion}.")
        tail = f" (best via {best}: ratio {_fmt_num(best_ratio, 2, language)})" if best else ""
        return f"No channel reached {g} well{tail}. Seek this group out actively, {suggestion}."
    if language == "nl":
        if other_ratio == 0:
            text = f"Via {best} werden {g} wel bereikt, via {other} niet."
        else:
            text = (f"Via {best} werden {g} {'ten minste ' if at_least else ''}{_fmt_times(factor, language)}× "
                    f"beter bereikt dan via {other} (verhouding {_fmt_num(best_ratio, 2, language)} tegenover "
                    f"{'minder dan ' if at_least else ''}{_fmt_num(other_ratio, 2, language)}).")
        text += f" Zet {best} vaker in om deze groep te bereiken"
        text += (", al blijft de groep ook daar ondervertegenwoordigd." if best_ratio < threshold else ".")
        return text
    if other_ratio == 0:
        text = f"{best} reached {g}; {other} did not."
    else:
        text = (f"{best} reached {g} {'at least ' if at_least else ''}{_fmt_times(factor, language)}× better than "
                f"{other} (ratio {_fmt_num(best_ratio, 2, language)} against "
                f"{'less than ' if at_least else ''}{_fmt_num(other_ratio, 2, language)}).")
    text += f" Use {best} more to reach this group"
    text += (", although it is under-represented there too." if best_ratio < threshold else ".")
    return text


def _channel_advice(suspects: pd.DataFrame, channel_cells: dict[str, pd.DataFrame],
                    channel_sizes: dict[str, int], channel_known: dict[tuple[str, str], int], s: _Settings,
                    min_factor: float) -> pd.DataFrame:
    rows = []
    k = s.min_cell_size or 1
    alpha = 1 - s.confidence
    for row in suspects.itertuples():
        dim, cat, group = row.dimension, row.category, row.group
        options = []
        for channel, cells in channel_cells.items():
            hit = cells[(cells["dimension"] == dim) & (cells["category"] == cat)]
            if hit.empty:
                continue
            cell = hit.iloc[0]
            options.append((channel, cell))
        eligible = [(c, cell) for c, cell in options if not cell["suppressed"] and pd.notna(cell["n"])
                    and cell["n"] >= k and np.isfinite(cell["ratio"])]
        best = max(eligible, key=lambda o: o[1]["ratio"]) if eligible else None
        advice = None
        if best is not None and len(options) > 1:
            best_channel, best_cell = best
            others = [o for o in options if o[0] != best_channel]
            largest = max(others, key=lambda o: channel_sizes[o[0]])
            if channel_sizes[best_channel] >= channel_sizes[largest[0]]:
                def worst_key(o):
                    return o[1]["ratio"] if np.isfinite(o[1]["ratio"]) else o[1]["ratio_high"]
                compared = min(others, key=lambda o: worst_key(o) if np.isfinite(worst_key(o)) else np.inf)
            else:
                compared = largest
            other_channel, other_cell = compared
            n_b, total_b = int(best_cell["n"]), channel_known[(best_channel, dim)]
            total_o = channel_known[(other_channel, dim)]
            pi = float(best_cell["population_share"])
            at_least = bool(other_cell["suppressed"])
            if at_least:
                if pd.isna(other_cell["ratio_high"]):  # secondary suppression: nothing can be said
                    compared = None
                n_o = k - 1  # the most it can be: gives a conservative test and a lower bound on the factor
                other_ratio = (k - 1) / total_o / pi
            else:
                n_o = int(other_cell["n"])
                other_ratio = float(other_cell["ratio"])
            if compared is not None:
                _, p = stats.fisher_exact([[n_b, total_b - n_b], [n_o, total_o - n_o]], alternative="greater")
                factor = float(best_cell["ratio"]) / other_ratio if other_ratio > 0 else np.inf
                if p < alpha and factor >= min_factor:
                    advice = {"dimension": dim, "category": cat, "group": group, "kind": "channel",
                              "best_channel": best_channel, "best_ratio": float(best_cell["ratio"]),
                              "compared_channel": other_channel, "compared_ratio": other_ratio,
                              "factor": factor, "at_least": at_least, "p_value": float(p),
                              "advice": _advice_text("channel", group, best_channel, other_channel, factor,
                                                     at_least, float(best_cell["ratio"]), other_ratio,
                                                     s.ratio_threshold, s.language)}
        if advice is None:
            best_channel = best[0] if best is not None else ""
            best_ratio = float(best[1]["ratio"]) if best is not None else np.nan
            suggestion = _OUTREACH[s.language][_outreach_kind(dim, cat)]
            # A channel that reaches the group reasonably, without a significant difference from the others,
            # is still worth naming; otherwise the advice is to seek the group out.
            kind = "best_channel" if best is not None and best_ratio >= s.ratio_threshold else "outreach"
            advice = {"dimension": dim, "category": cat, "group": group, "kind": kind,
                      "best_channel": best_channel, "best_ratio": best_ratio, "compared_channel": "",
                      "compared_ratio": np.nan, "factor": np.nan, "at_least": False, "p_value": np.nan,
                      "advice": _advice_text(kind, group, best_channel, "", np.nan, False, best_ratio,
                                             np.nan, s.ratio_threshold, s.language, suggestion)}
        rows.append(advice)
    return _frame(rows, _ADVICE_COLUMNS)


# --------------------------------------------------------------------------------------------- unusual suspects
_SUSPECT_COLUMNS = {
    "dimension": "str", "category": "str", "group": "str", "n": "Int64", "n_label": "str",
    "sample_share": "float64", "population_share": "float64", "ratio": "float64", "ratio_high": "float64",
    "times_less": "float64", "at_least": "bool", "description": "str",
}


def _unusual_suspects(table: pd.DataFrame, s: _Settings, totals: dict[str, int]) -> pd.DataFrame:
    rows = []
    k = s.min_cell_size
    lang = s.language
    for row in table[table["under_represented"]].itertuples():
        pop = _fmt_pct(row.population_share, lang)
        if row.suppressed:
            ratio_max = (k - 1) / totals[row.dimension] / row.population_share
            times = 1 / ratio_max
            at_least = True
            text = (f"{row.group}: minder dan {k} deelnemers; ten minste {_fmt_times(times, lang)}× minder vaak "
                    f"bereikt dan hun aandeel in de bevolking ({pop} van de bevolking)" if lang == "nl" else
                    f"{row.group}: fewer than {k} participants; reached at least {_fmt_times(times, lang)}× less "
                    f"often than their share of the population ({pop} of the population)")
            ratio_sort = ratio_max
        elif row.n == 0:
            times, at_least, ratio_sort = np.inf, False, 0.0
            text = (f"{row.group}: niet bereikt (geen deelnemers, terwijl zij {pop} van de bevolking vormen)"
                    if lang == "nl" else
                    f"{row.group}: not reached (no participants, while they are {pop} of the population)")
        else:
            times, at_least, ratio_sort = 1 / row.ratio, False, row.ratio
            sample = _fmt_pct(row.sample_share, lang)
            text = (f"{row.group}: {_fmt_times(times, lang)}× minder vaak bereikt dan hun aandeel in de bevolking "
                    f"({sample} van de deelnemers, {pop} van de bevolking)" if lang == "nl" else
                    f"{row.group}: reached {_fmt_times(times, lang)}× less often than their share of the "
                    f"population ({sample} of participants, {pop} of the population)")
        rows.append(({"dimension": row.dimension, "category": row.category, "group": row.group, "n": row.n,
                      "n_label": row.n_label, "sample_share": row.sample_share,
                      "population_share": row.population_share, "ratio": row.ratio, "ratio_high": row.ratio_high,
                      "times_less": times, "at_least": at_least, "description": text}, ratio_sort))
    rows.sort(key=lambda r: r[1])
    return _frame([r for r, _ in rows], _SUSPECT_COLUMNS)


# --------------------------------------------------------------------------------------------- analyse_reach
_DIAGNOSTIC_COLUMNS = {
    "n_participants": "int64", "dimensions": "str", "iterations": "int64", "converged": "bool",
    "max_change": "float64", "max_margin_error": "float64", "trim_lower": "float64", "trim_upper": "float64",
    "n_trimmed": "int64", "weight_min": "float64", "weight_max": "float64", "design_effect": "float64",
    "effective_sample_size": "float64", "warnings": "str",
}
_WEIGHT_MARGIN_COLUMNS = {
    "dimension": "str", "category": "str", "group": "str", "population_share": "float64",
    "target_share": "float64", "sample_share": "float64", "weighted_share": "float64", "suppressed": "bool",
}


def analyse_reach(participants: pd.DataFrame | None, population: pd.DataFrame, dimensions=None, inputs=None,
                  min_cell_size: int = 10, ratio_threshold: float = 0.67, language: str = "nl",
                  **options) -> dict[str, pd.DataFrame]:
    """The whole reach analysis for one municipality, as parquet-safe tables for the reports.

    Lenient where :func:`representation` and :func:`rake` are strict: dimensions missing from the population or
    the participants, or with only zero counts, are left out with a warning instead of an error. Attributes
    the participants table lacks but the inputs carry (e.g. ``district``) are taken from the inputs (the most
    frequent value per participant); with no participants table, participants are the inputs' participant_ids.

    Options (keyword, e.g. from gemeente.yaml ``reach:``): confidence (0.95), trim ((0.2, 5.0) or None),
    max_iter (1000), tol (1e-8), random_state (0, for Monte Carlo p-values), n_simulations (20000),
    intersections (None = every joint population dimension the participants have), rake_dimensions (None = the
    usable single dimensions), min_factor (1.5, channel advice).

    Returns a dict of DataFrames:

    * ``representation``: as :func:`representation` (with suppression) for the single dimensions.
    * ``dimension_tests``: dimension, dimension_label, n, n_missing, n_unknown, n_categories, n_suppressed, chi2, df,
      p_value, p_value_method, cohens_w, effect_size, dissimilarity, participation_rate, r_indicator, partial_r,
      cv_participation — one row per single and joint dimension.
    * ``unusual_suspects``: dimension, category, group, n, n_label, sample_share, population_share, ratio,
      ratio_high, times_less, at_least, description (a sentence in the report language), sorted by ratio.
    * ``intersections``: the representation columns plus dimension_1, category_1, dimension_2, category_2, …
    * ``channel_reach``: channel, channel_participants + the representation columns, per channel.
    * ``channel_advice``: dimension, category, group, kind ("channel" or "outreach"), best_channel, best_ratio,
      compared_channel, compared_ratio, factor, at_least, p_value, advice (sentence).
    * ``weights``: participant_id, weight (mean 1).
    * ``weight_diagnostics``: one row — n_participants, dimensions, iterations, converged, max_change,
      max_margin_error, trim_lower, trim_upper, n_trimmed, weight_min, weight_max, design_effect,
      effective_sample_size, warnings.
    * ``weight_margins``: dimension, category, group, population_share, target_share, sample_share,
      weighted_share, suppressed.
    * ``warnings``: dimension, category, code, message.
    """
    _check_language(language)
    unknown = sorted(set(options) - set(REACH_OPTIONS))
    if unknown:
        raise ValueError(f"unknown reach option(s) {', '.join(unknown)}; known options: "
                         f"ratio_threshold, {', '.join(REACH_OPTIONS)}")
    opts = {**REACH_OPTIONS, **options}
    if not (isinstance(min_cell_size, int | np.integer) and min_cell_size >= 1):
        raise ValueError(f"min_cell_size must be an integer ≥ 1, not {min_cell_size!r}")
    if not (0 < float(ratio_threshold) <= 1):
        raise ValueError(f"ratio_threshold must be a number in (0, 1], not {ratio_threshold!r}")
    if not (0.5 < float(opts["confidence"]) < 1):
        raise ValueError(f"confidence must be between 0.5 and 1, not {opts['confidence']!r}")
    s = _Settings(float(opts["confidence"]), float(ratio_threshold), int(min_cell_size), language,
                  int(opts["n_simulations"]), np.random.default_rng(opts["random_state"]))

    margins, issues = _population_margins(population)
    requested = [JOINT_SEP.join(_split_joint(d)) for d in dimensions] if dimensions else \
        [d for d, m in margins.items() if len(m.components) == 1]
    participants = _participants_from_inputs(participants, inputs, sorted(
        {c for d in list(requested) + list(margins) for c in _split_joint(d)}))
    if participants is None:
        participants = pd.DataFrame({"participant_id": pd.Series(dtype="str")})
    if "participant_id" not in participants.columns:
        raise ValueError("participants: no column 'participant_id'")
    participants, age_issues = _harmonise_age(participants, margins)
    issues += age_issues

    dims = []
    for d in requested:
        if d not in margins:
            issues.append(_Issue("dimension_missing_population", d))
        elif any(c not in participants.columns for c in margins[d].components):
            issues.append(_Issue("dimension_missing_participants", d))
        elif margins[d].total <= 0:
            issues.append(_Issue("population_zero", d))
        else:
            dims.append(d)
    if opts["intersections"] is None:
        joint = [d for d, m in margins.items() if len(m.components) > 1 and m.total > 0
                 and all(c in participants.columns for c in m.components) and d not in dims]
    else:
        joint = []
        for d in (JOINT_SEP.join(_split_joint(x)) for x in opts["intersections"]):
            reason = None
            if d not in margins:
                reason = {"en": "not in the population table", "nl": "staat niet in de bevolkingstabel"}
            elif any(c not in participants.columns for c in margins[d].components):
                reason = {"en": "a component is not a participant column",
                          "nl": "een onderdeel is geen kolom van de deelnemers"}
            if reason:
                issues.append(_Issue("intersection_unavailable", d, params={"reason": reason}))
            else:
                joint.append(d)

    # Representation, tests, intersections.
    coded = {d: _code(participants, margins[d]) for d in dims + joint}
    counts = {d: np.bincount(c.codes[c.codes >= 0], minlength=len(margins[d].categories)) for d, c in coded.items()}
    for d in dims:
        issues += _coding_issues(coded[d], margins[d]) + _sample_issues(counts[d], margins[d], language)
    issues += _margin_total_issue(margins, dims, language)
    rep_frames, tests, inter_frames = [], [], []
    for d in dims + joint:
        cells, test, monte_carlo = _cells(margins[d], counts[d], s, coded[d])
        tests.append(test)
        if monte_carlo:
            issues.append(_Issue("chi2_small_expected", d))
        if d in dims:
            rep_frames.append(cells)
        else:
            comps = margins[d].components
            parts = [_split_joint(c) for c in cells["category"]]
            for j, comp in enumerate(comps):
                cells[f"dimension_{j + 1}"] = comp
                cells[f"category_{j + 1}"] = pd.Series([p[j] for p in parts], index=cells.index, dtype="str")
            inter_frames.append(cells)
    table = pd.concat(rep_frames, ignore_index=True) if rep_frames else _frame([], _CELL_COLUMNS)
    intersections = pd.concat(inter_frames, ignore_index=True) if inter_frames else \
        _frame([], {**_CELL_COLUMNS, "dimension_1": "str", "category_1": "str", "dimension_2": "str",
                    "category_2": "str"})
    test_table = _frame(tests, _TEST_COLUMNS)
    totals = {t["dimension"]: t["n"] for t in tests}
    suspects = _unusual_suspects(table, s, totals)

    # Channel reach and advice.
    membership, missing_column = _channel_membership(participants, inputs)
    channel_frames, channel_cells, sizes, known = [], {}, {}, {}
    if inputs is not None and missing_column:
        reason = {"en": f"the inputs have no column '{missing_column}'",
                  "nl": f"de reacties hebben geen kolom '{missing_column}'"}
        issues.append(_Issue("channel_unavailable", params={"reason": reason}))
    for channel, mask in membership.items():
        size = int(mask.sum())
        if size < min_cell_size:
            issues.append(_Issue("channel_too_small", "channel", channel, params={"k": min_cell_size}))
            continue
        frames = []
        for d in dims:
            codes = coded[d].codes[mask]
            n_k = np.bincount(codes[codes >= 0], minlength=len(margins[d].categories))
            known[(channel, d)] = int(n_k.sum())
            frames.append(_cells(margins[d], n_k, s)[0])
        if frames:
            cells = pd.concat(frames, ignore_index=True)
            cells.insert(0, "channel_participants", size)
            cells.insert(0, "channel", channel)
            channel_cells[channel] = cells
            sizes[channel] = size
            channel_frames.append(cells)
    channel_reach = pd.concat(channel_frames, ignore_index=True).astype(_CHANNEL_COLUMNS) if channel_frames \
        else _frame([], _CHANNEL_COLUMNS)
    advice = _channel_advice(suspects, channel_cells, sizes, known, s, float(opts["min_factor"])) \
        if len(suspects) else _frame([], _ADVICE_COLUMNS)

    # Weights.
    rake_dims = [d for d in (opts["rake_dimensions"] or dims) if d in margins and margins[d].total > 0
                 and all(c in participants.columns for c in margins[d].components)]
    if len(participants):
        raker = Raker(rake_dims, max_iter=int(opts["max_iter"]), tol=float(opts["tol"]), trim=opts["trim"])
        rake_issues = raker._fit(participants, None, None, language, margins=margins)
        # Coding issues were already reported for the representation; keep only the weighting's own.
        issues += [i for i in rake_issues if i.code in ("not_converged", "trimmed", "high_design_effect",
                                                        "no_dimensions")]
        weights = pd.DataFrame({"participant_id": raker.weights_.index.to_numpy(),
                                "weight": raker.weights_.to_numpy()})
        w = raker.weights_.to_numpy()
        diag_warnings = "; ".join(_render(i, language, min_cell_size)[1] for i in rake_issues
                                  if i.code in ("not_converged", "trimmed", "high_design_effect", "no_dimensions"))
        diagnostics = _frame([{
            "n_participants": len(w), "dimensions": ", ".join(raker.dimensions_), "iterations": raker.n_iter_,
            "converged": raker.converged_, "max_change": raker.max_change_,
            "max_margin_error": raker.margin_error_, "trim_lower": raker.trim_bounds_[0],
            "trim_upper": raker.trim_bounds_[1], "n_trimmed": raker.n_trimmed_, "weight_min": float(w.min()),
            "weight_max": float(w.max()), "design_effect": raker.design_effect_,
            "effective_sample_size": raker.effective_sample_size_, "warnings": diag_warnings}],
            _DIAGNOSTIC_COLUMNS)
        wm = raker.margins_.copy()
        hidden = (wm["n"] > 0) & (wm["n"] < min_cell_size)
        wm["group"] = [group_label(d, c, language) for d, c in zip(wm["dimension"], wm["category"])]
        wm["suppressed"] = hidden
        wm.loc[hidden, "sample_share"] = np.nan
        weight_margins = _frame(wm[list(_WEIGHT_MARGIN_COLUMNS)].to_dict("records"), _WEIGHT_MARGIN_COLUMNS)
    else:
        weights = _frame([], {"participant_id": "str", "weight": "float64"})
        diagnostics = _frame([], _DIAGNOSTIC_COLUMNS)
        weight_margins = _frame([], _WEIGHT_MARGIN_COLUMNS)
    _emit(issues)
    return {
        "representation": table, "dimension_tests": test_table, "unusual_suspects": suspects,
        "intersections": intersections, "channel_reach": channel_reach, "channel_advice": advice,
        "weights": weights, "weight_diagnostics": diagnostics, "weight_margins": weight_margins,
        "warnings": _warnings_table(issues, language, min_cell_size),
    }
