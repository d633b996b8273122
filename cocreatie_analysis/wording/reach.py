"""The sentences of the reach analysis: warnings, unusual suspects and channel advice, in Dutch and English.

The analysis stores codes and numbers (`reach`'s tables); these functions turn them into what an analyst or a
council member reads. Warnings for the analyst (Python `ReachWarning`) use the English catalogue with full
detail; report tables use the report language and readable dimension names.
"""

from __future__ import annotations

import json

from .labels import dimension_label
from .numbers import format_number, format_pct, format_times

__all__ = ["MESSAGES", "OUTREACH", "channel_advice_text", "suspect_description", "warning_message"]

MARGIN_REPORT = 0.001  # trimming that leaves a weighted share this far from its target is worth saying

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
        "dimension_missing_population": "dimensie '{dimension}' staat niet in de bevolkingstabel en wordt overgeslagen",
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


_REASONS = {
    "not_in_population": {"en": "not in the population table", "nl": "staat niet in de bevolkingstabel"},
    "component_missing": {
        "en": "a component is not a participant column",
        "nl": "een onderdeel is geen kolom van de deelnemers",
    },
    "column_missing": {"en": "the inputs have no column '{column}'", "nl": "de reacties hebben geen kolom '{column}'"},
}


def warning_message(
    code: str,
    language: str,
    dimension: str = "",
    category: str = "",
    n=None,
    hidden: str | bool = "",
    params: dict | str | None = None,
    min_cell_size: int | None = None,
    readable: bool = False,
) -> str:
    """One reach warning as a sentence. `hidden`: "small" (the count is below `min_cell_size`) or "pooled"
    (counts of this kind are not shown for the dimension); a hidden count is not in the sentence;
    `readable`: dimensions by their readable name (report tables), else as named in the data (the analyst)."""
    params = json.loads(params) if isinstance(params, str) else dict(params or {})
    if hidden == "pooled":
        n_text = "een aantal" if language == "nl" else "some"
    elif hidden:
        n_text = f"minder dan {min_cell_size}" if language == "nl" else f"fewer than {min_cell_size}"
    else:
        n_text = "" if n is None or n != n else f"{int(n):,}".replace(",", "." if language == "nl" else ",")
    if readable and dimension and code != "channel_too_small":
        dimension = dimension_label(dimension, language)
    return MESSAGES[language][code].format(
        dimension=dimension, category=category, n=n_text, **_format_params(code, params, language)
    )


def _format_params(code: str, params: dict, language: str) -> dict:
    """Issue parameters as text in `language` (numbers are stored raw so each language formats its own)."""
    p = dict(params)
    sep = "." if language == "nl" else ","
    if "share" in p:
        p["share"] = format_pct(p["share"], language)
    if "totals" in p:
        p["details"] = ", ".join(f"{d} {f'{t:,.0f}'.replace(',', sep)}" for d, t in p.pop("totals").items())
    if code == "not_converged":
        p["error"] = format_number(p["error"], 4, language)
    if code == "trimmed":
        error = p["error"]
        p["lower"], p["upper"] = format_times(p["lower"], language), format_times(p["upper"], language)
        points = format_number(100 * error, 1, language)
        p["error"] = (
            ""
            if error <= MARGIN_REPORT
            else (
                f"; daardoor wijken gewogen aandelen tot {points} procentpunt af van de bevolking"
                if language == "nl"
                else f"; weighted shares therefore differ from the population by up to {points} percentage points"
            )
        )
    if code == "high_design_effect":
        p["deff"] = format_number(p["deff"], 1, language)
        p["ess"] = f"{p['ess']:,.0f}".replace(",", sep)
        p["total"] = f"{p['total']:,}".replace(",", sep)
    if "reason" in p:
        p["reason"] = _REASONS[p["reason"]][language].format(**p)
    return p


def suspect_description(
    group: str, kind: str, population_share: float, sample_share: float, times: float, min_cell_size: int, language: str
) -> str:
    """An unusual suspect in one sentence. `kind`: "hidden" (fewer than min_cell_size participants; `times` is
    a lower bound), "absent" (nobody) or "ratio"."""
    pop = format_pct(population_share, language)
    k = min_cell_size
    if kind == "hidden":
        return (
            f"{group}: minder dan {k} deelnemers; ten minste {format_times(times, language)}× minder vaak "
            f"bereikt dan hun aandeel in de bevolking ({pop} van de bevolking)"
            if language == "nl"
            else f"{group}: fewer than {k} participants; reached at least {format_times(times, language)}× less "
            f"often than their share of the population ({pop} of the population)"
        )
    if kind == "absent":
        return (
            f"{group}: niet bereikt (geen deelnemers, terwijl zij {pop} van de bevolking vormen)"
            if language == "nl"
            else f"{group}: not reached (no participants, while they are {pop} of the population)"
        )
    sample = format_pct(sample_share, language)
    return (
        f"{group}: {format_times(times, language)}× minder vaak bereikt dan hun aandeel in de bevolking "
        f"({sample} van de deelnemers, {pop} van de bevolking)"
        if language == "nl"
        else f"{group}: reached {format_times(times, language)}× less often than their share of the "
        f"population ({sample} of participants, {pop} of the population)"
    )


OUTREACH = {  # ways to seek out a group no channel reached, by kind of group
    "nl": {
        "young": "bijvoorbeeld via scholen, mbo's, sportclubs en sociale media",
        "old": "bijvoorbeeld via ouderenorganisaties, wijkcentra en huisbezoeken",
        "origin": "bijvoorbeeld via zelforganisaties, religieuze gemeenschappen en sleutelfiguren, en in "
        "meerdere talen",
        "district": "bijvoorbeeld met straatgesprekken en een bijeenkomst in de wijk zelf",
        "education": "bijvoorbeeld via buurthuizen, taalhuis en voedselbank, met laagdrempelige gesprekken "
        "zonder schrijfwerk",
        "gender": "bijvoorbeeld op tijden en plekken die voor deze groep beter passen",
        "default": "door deze groep op te zoeken op plekken waar zij al komen",
    },
    "en": {
        "young": "for example through schools, colleges, sports clubs and social media",
        "old": "for example through older people's organisations, community centres and home visits",
        "origin": "for example through community organisations, religious communities and key figures, and in "
        "several languages",
        "district": "for example with street conversations and a meeting in the district itself",
        "education": "for example through community centres, language cafés and food banks, with low-threshold "
        "conversations that need no writing",
        "gender": "for example at times and places that suit this group better",
        "default": "by seeking this group out where they already are",
    },
}


def channel_advice_text(
    kind: str,
    group: str,
    best: str,
    other: str,
    factor: float,
    at_least: bool,
    best_ratio: float,
    other_ratio: float,
    threshold: float,
    language: str,
    outreach: str = "default",
) -> str:
    """The advice for one unusual suspect: which channel reached them, or how to seek them out."""
    suggestion = OUTREACH[language].get(outreach, OUTREACH[language]["default"])
    g = group
    if kind == "best_channel":
        r = format_number(best_ratio, 2, language)
        if language == "nl":
            return (
                f"Van de kanalen bereikte {best} {g} het best (verhouding {r}); zet {best} vaker in om deze "
                "groep te bereiken."
            )
        return f"Of the channels, {best} reached {g} best (ratio {r}); use {best} more to reach this group."
    if kind == "outreach":
        if language == "nl":
            tail = f" (het best nog via {best}: verhouding {format_number(best_ratio, 2, language)})" if best else ""
            return f"Geen enkel kanaal bereikte {g} goed{tail}. Zoek deze groep actief op, {suggestion}."
        tail = f" (best via {best}: ratio {format_number(best_ratio, 2, language)})" if best else ""
        return f"No channel reached {g} well{tail}. Seek this group out actively, {suggestion}."
    if language == "nl":
        if other_ratio == 0:
            text = f"Via {best} werden {g} wel bereikt, via {other} niet."
        else:
            text = (
                f"Via {best} werden {g} {'ten minste ' if at_least else ''}{format_times(factor, language)}× "
                f"beter bereikt dan via {other} (verhouding {format_number(best_ratio, 2, language)} tegenover "
                f"{'minder dan ' if at_least else ''}{format_number(other_ratio, 2, language)})."
            )
        text += f" Zet {best} vaker in om deze groep te bereiken"
        text += ", al blijft de groep ook daar ondervertegenwoordigd." if best_ratio < threshold else "."
        return text
    if other_ratio == 0:
        text = f"{best} reached {g}; {other} did not."
    else:
        text = (
            f"{best} reached {g} {'at least ' if at_least else ''}{format_times(factor, language)}× better than "
            f"{other} (ratio {format_number(best_ratio, 2, language)} against "
            f"{'less than ' if at_least else ''}{format_number(other_ratio, 2, language)})."
        )
    text += f" Use {best} more to reach this group"
    text += ", although it is under-represented there too." if best_ratio < threshold else "."
    return text
