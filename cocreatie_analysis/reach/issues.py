"""What the reach analysis had to treat specially, as codes with numbers: warnings for the analyst, a table for
the report.

Every treatment that changes what is compared is reported both as a Python warning (`ReachWarning`, in
English, full detail for the analyst) and as a row of the ``warnings`` table (dimension, category, code,
message; in the report language). When fewer than ``min_cell_size`` participants hold a reported value (an
unknown category, say), the table leaves the value out and says "fewer than 10".
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pandas as pd

from ..errors import ReachWarning
from ..wording.labels import dimension_label
from ..wording.numbers import format_number, format_pct, format_times

__all__ = ["Issue", "MARGIN_REPORT", "emit", "render_issue", "typed_frame", "warnings_table"]

MARGIN_REPORT = 0.001  # trimming that leaves a weighted share this far from its target is reported


# --------------------------------------------------------------------------------------------- warnings
@dataclass
class Issue:
    code: str
    dimension: str = ""
    category: str = ""
    n: int | None = None  # participants concerned (masked in report tables when small)
    params: dict = field(default_factory=dict)


MESSAGES = {
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


def render_issue(issue: Issue, language: str, min_cell_size: int | None = None) -> tuple[str, str]:
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
    message = MESSAGES[language][code].format(dimension=dimension, category=category, n=n_text,
                                               **_format_params(issue, language))
    return category, message


def _format_params(issue: Issue, language: str) -> dict:
    """Issue parameters as text in `language` (numbers are stored raw so each language formats its own)."""
    p = dict(issue.params)
    sep = "." if language == "nl" else ","
    if "share" in p:
        p["share"] = format_pct(p["share"], language)
    if "totals" in p:
        p["details"] = ", ".join(f"{d} {f'{t:,.0f}'.replace(',', sep)}" for d, t in p.pop("totals").items())
    if issue.code == "not_converged":
        p["error"] = format_number(p["error"], 4, language)
    if issue.code == "trimmed":
        error = p["error"]
        p["lower"], p["upper"] = format_times(p["lower"], language), format_times(p["upper"], language)
        p["error"] = "" if error <= MARGIN_REPORT else (
            f"; daardoor wijken gewogen aandelen tot {format_number(100 * error, 1, language)} procentpunt af van de "
            "bevolking" if language == "nl" else
            f"; weighted shares therefore differ from the population by up to {format_number(100 * error, 1, language)} "
            "percentage points")
    if issue.code == "high_design_effect":
        p["deff"] = format_number(p["deff"], 1, language)
        p["ess"] = f"{p['ess']:,.0f}".replace(",", sep)
        p["total"] = f"{p['total']:,}".replace(",", sep)
    if isinstance(p.get("reason"), dict):
        p["reason"] = p["reason"][language]
    return p


def emit(issues: list[Issue], stacklevel: int = 3) -> None:
    for issue in issues:
        _, message = render_issue(issue, "en")
        where = f"{issue.dimension}: " if issue.dimension else ""
        warnings.warn(where + message, ReachWarning, stacklevel=stacklevel)


def warnings_table(issues: list[Issue], language: str, min_cell_size: int) -> pd.DataFrame:
    rows = []
    for issue in issues:
        category, message = render_issue(issue, language, min_cell_size)
        rows.append({"dimension": issue.dimension, "category": category, "code": issue.code, "message": message})
    return typed_frame(rows, {"dimension": "str", "category": "str", "code": "str", "message": "str"})


def typed_frame(rows, dtypes: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly these columns and dtypes, also when there are no rows (parquet-safe)."""
    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes) if len(frame) else pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()})
