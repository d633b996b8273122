"""The verdict per statement, from the rules of its participation level, with the reasons behind it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UserError
from ..wording.labels import dimension_label

__all__ = ["VERDICT_LABELS", "reach_status", "verdict"]

VERDICT_LABELS = {
    "nl": {"broad_support": "breed draagvlak", "support": "draagvlak", "divided": "verdeeld",
           "no_support": "geen draagvlak", "insufficient": "onvoldoende basis"},
    "en": {"broad_support": "broad support", "support": "support", "divided": "divided",
           "no_support": "no support", "insufficient": "insufficient basis"},
}


def _pct(x) -> str:
    return "–" if x is None or not np.isfinite(x) else f"{100 * x:.0f}%"


def _dec(x: float) -> str:
    """Two decimals with a Dutch decimal comma."""
    return f"{x:.2f}".replace(".", ",")


def _pct_range(lo, hi) -> str:
    if lo is None or not (np.isfinite(lo) and np.isfinite(hi)):
        return "–"
    return f"{100 * lo:.0f}–{100 * hi:.0f}%"


def _cell_label(dimension: str, category: str, language: str) -> str:
    return f"{dimension_label(dimension, language)} {category}"


def _join(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" en " if language == "nl" else " and ") + items[-1]


def reach_status(representation: pd.DataFrame | None, language: str):
    """(sufficient: bool | None, sentence, under-represented labels)."""
    if representation is None:
        text = ("Het bereik is niet getoetst (geen bevolkingsgegevens)." if language == "nl"
                else "Reach was not checked (no population figures).")
        return None, text, []
    if "under_represented" not in representation.columns:
        raise UserError("representation: missing column 'under_represented'")
    under = representation[representation["under_represented"].fillna(False).astype(bool)]
    labels = [_cell_label(str(r.dimension), str(r.category), language) for r in under.itertuples()]
    if not labels:
        text = ("Het bereik was voldoende: geen doelgroep is duidelijk ondervertegenwoordigd." if language == "nl"
                else "Reach was sufficient: no target group is clearly under-represented.")
        return True, text, []
    if language == "nl":
        text = (f"Het bereik was onvoldoende: ondervertegenwoordigd {'is' if len(labels) == 1 else 'zijn'} "
                f"{_join(labels, language)}.")
    else:
        text = f"Reach was insufficient: under-represented {'is' if len(labels) == 1 else 'are'} " \
               f"{_join(labels, language)}."
    return False, text, labels


def differing_groups(row, groups_df: pd.DataFrame | None, threshold: float, language: str) -> list[str]:
    if groups_df is None or not np.isfinite(row.support):
        return []
    diff = groups_df["support"] - row.support
    differs = (diff.abs() >= threshold) & ((groups_df["low"] > row.support) | (groups_df["high"] < row.support))
    hits = groups_df[differs].assign(_abs=diff[differs].abs()).sort_values("_abs", ascending=False).head(4)
    word = "eens" if language == "nl" else "agree"
    return [f"{_cell_label(r.dimension, r.category, language)} ({_pct(r.support)} {word})"
            for r in hits.itertuples()]


def verdict(row, rule: dict, groups_df: pd.DataFrame | None, weighted: bool, reach_ok, reach_text: str,
             language: str) -> tuple[str, str]:
    nl = language == "nl"
    parts = []
    if row.n_votes == 0:
        parts.append("Niemand heeft over deze stelling gestemd." if nl else "Nobody voted on this statement.")
    else:
        if nl:
            parts.append(f"{row.n_votes} {'stem' if row.n_votes == 1 else 'stemmen'}: {_pct(row.support)} eens "
                         f"(95%-interval {_pct_range(row.support_low, row.support_high)}), "
                         f"{_pct(row.opposition)} oneens, {_pct(row.pass_share)} neutraal of overgeslagen.")
        else:
            parts.append(f"{row.n_votes} {'vote' if row.n_votes == 1 else 'votes'}: {_pct(row.support)} agree "
                         f"(95% interval {_pct_range(row.support_low, row.support_high)}), "
                         f"{_pct(row.opposition)} disagree, {_pct(row.pass_share)} neutral or passed.")
        if weighted and np.isfinite(row.support_weighted):
            parts.append(f"Gewogen naar de bevolking: {_pct(row.support_weighted)} eens "
                         f"({_pct_range(row.weighted_low, row.weighted_high)}, effectief "
                         f"{row.n_effective:.0f} stemmen)." if nl else
                         f"Weighted to the population: {_pct(row.support_weighted)} agree "
                         f"({_pct_range(row.weighted_low, row.weighted_high)}, effectively "
                         f"{row.n_effective:.0f} votes).")
        elif weighted:
            parts.append("Geen gewogen cijfer: geen van de stemmers heeft een gewicht." if nl else
                         "No weighted figure: none of the voters has a weight.")
        else:
            parts.append("Niet gewogen naar de bevolking (geen gewichten)." if nl else
                         "Not weighted to the population (no weights).")
        differing = differing_groups(row, groups_df, rule["group_difference"], language)
        if differing:
            parts.append(("Wijkt af: " if nl else "Differs: ") + _join(differing, language) + ".")
        elif groups_df is not None and len(groups_df):
            parts.append("Geen groep wijkt duidelijk af." if nl else "No group clearly differs.")
    parts.append(reach_text)

    use_weighted = weighted and np.isfinite(row.support_weighted)
    p, lo, hi = ((row.support_weighted, row.weighted_low, row.weighted_high) if use_weighted
                 else (row.support, row.support_low, row.support_high))
    thr = rule["support"]
    level = row.level
    what = ("gewogen steun" if use_weighted else "steun") if nl else ("weighted support" if use_weighted
                                                                         else "support")
    if row.n_votes < rule["min_votes"]:
        code = "insufficient"
        why = (f"er minder dan {rule['min_votes']} stemmen zijn" if nl else
               f"there are fewer than {rule['min_votes']} votes")
    elif rule["require_reach"] and reach_ok is not True:
        code = "insufficient"
        why = ("het bereik bij dit niveau voldoende moet zijn en dat niet is of niet is getoetst" if nl
               else "this level requires sufficient reach, which was not achieved or not checked")
    elif np.isfinite(row.divisiveness) and row.divisiveness >= rule["max_divisiveness"]:
        code = "divided"
        why = (f"de opiniegroepen sterk uiteenlopen (verdeeldheid {_dec(row.divisiveness)}, grens "
               f"{_dec(rule['max_divisiveness'])})" if nl else
               f"the opinion groups clearly disagree (divisiveness {row.divisiveness:.2f}, limit "
               f"{rule['max_divisiveness']:.2f})")
    elif lo >= thr:
        lowest = None
        if groups_df is not None and len(groups_df):
            lowest = groups_df.loc[groups_df["support"].idxmin()]
        all_groups_ok = lowest is None or lowest["support"] >= rule["min_group_support"]
        if p >= rule["broad_support"] and all_groups_ok:
            code = "broad_support"
            why = (f"de ondergrens van de {what} ({_pct(lo)}) boven de drempel van {_pct(thr)} ligt, de {what} "
                   f"minstens {_pct(rule['broad_support'])} is en in elke getoonde groep minstens "
                   f"{_pct(rule['min_group_support'])} het eens is" if nl else
                   f"the lower bound of {what} ({_pct(lo)}) is above the threshold of {_pct(thr)}, {what} is "
                   f"at least {_pct(rule['broad_support'])} and in every group shown at least "
                   f"{_pct(rule['min_group_support'])} agree")
        else:
            code = "support"
            why = (f"de ondergrens van de {what} ({_pct(lo)}) boven de drempel van {_pct(thr)} ligt" if nl else
                   f"the lower bound of {what} ({_pct(lo)}) is above the threshold of {_pct(thr)}")
            if not all_groups_ok:
                label = _cell_label(lowest["dimension"], lowest["category"], language)
                why += (f", maar niet breed: in {label} is maar {_pct(lowest['support'])} het eens" if nl else
                        f", but not broad: in {label} only {_pct(lowest['support'])} agree")
    elif hi < thr:
        code = "no_support"
        why = (f"de bovengrens van de {what} ({_pct(hi)}) onder de drempel van {_pct(thr)} ligt" if nl else
               f"the upper bound of {what} ({_pct(hi)}) is below the threshold of {_pct(thr)}")
    else:
        code = "divided"
        why = (f"het interval van de {what} ({_pct_range(lo, hi)}) de drempel van {_pct(thr)} omvat: "
               f"te dicht bij elkaar om te beslissen" if nl else
               f"the interval of {what} ({_pct_range(lo, hi)}) contains the threshold of {_pct(thr)}: "
               f"too close to call")
    label = VERDICT_LABELS[language][code]
    parts.append(f"Oordeel bij participatieniveau {level}: {label}, omdat {why}." if nl else
                 f"Verdict at participation level {level}: {label}, because {why}.")
    return code, " ".join(parts)
