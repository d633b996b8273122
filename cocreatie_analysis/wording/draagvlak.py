"""The sentences of the draagvlak assessment: verdicts and their reasons, indicative draagvlak, in Dutch and English.

`draagvlak.assess` stores per statement the verdict code, the reason code and the figures behind them; these
functions say it the way a council member reads it.
"""

from __future__ import annotations

import json

import numpy as np

from .labels import dimension_label, join_list

__all__ = ["INDICATIVE_LABELS", "VERDICT_LABELS", "indicative_reasons", "reach_sentence", "verdict_reasons"]

VERDICT_LABELS = {
    "nl": {"broad_support": "breed draagvlak", "support": "draagvlak", "divided": "verdeeld",
           "no_support": "geen draagvlak", "insufficient": "onvoldoende basis"},
    "en": {"broad_support": "broad support", "support": "support", "divided": "divided",
           "no_support": "no support", "insufficient": "insufficient basis"},
}  # fmt: skip
INDICATIVE_LABELS = {
    "nl": {"support": "indicatief draagvlak", "divided": "indicatief verdeeld",
           "no_support": "indicatief geen draagvlak", "insufficient": "onvoldoende basis"},
    "en": {"support": "indicative support", "divided": "indicatively divided",
           "no_support": "indicatively no support", "insufficient": "insufficient basis"},
}  # fmt: skip


def _pct(x) -> str:
    return "–" if x is None or not np.isfinite(x) else f"{100 * x:.0f}%"


def _pct_against(x, threshold: float, language: str) -> str:
    """A bound compared with a threshold: one decimal where whole percents would make them look equal
    ("49,6% onder de drempel van 50%", never "50% onder de drempel van 50%")."""
    if x is None or not np.isfinite(x):
        return "–"
    if round(100 * x) == round(100 * threshold) and x != threshold:
        text = f"{100 * x:.1f}%"
        return text.replace(".", ",") if language != "en" else text
    return _pct(x)


def _dec(x: float) -> str:
    """Two decimals with a Dutch decimal comma."""
    return f"{x:.2f}".replace(".", ",")


def _pct_range(lo, hi) -> str:
    if lo is None or not (np.isfinite(lo) and np.isfinite(hi)):
        return "–"
    return f"{100 * lo:.0f}–{100 * hi:.0f}%"


def _cell_label(dimension: str, category: str, language: str) -> str:
    return f"{dimension_label(dimension, language)} {category}"


def reach_sentence(status: str, groups: list[dict] | str, language: str) -> str:
    """Whether the reach was sufficient, naming the under-represented groups."""
    groups = json.loads(groups) if isinstance(groups, str) else groups
    if status == "unchecked":
        return (
            "Het bereik is niet getoetst (geen bevolkingsgegevens)."
            if language == "nl"
            else "Reach was not checked (no population figures)."
        )
    labels = [_cell_label(g["dimension"], g["category"], language) for g in groups]
    if not labels:
        return (
            "Het bereik was voldoende: geen doelgroep is duidelijk ondervertegenwoordigd."
            if language == "nl"
            else "Reach was sufficient: no target group is clearly under-represented."
        )
    if language == "nl":
        return (
            f"Het bereik was onvoldoende: ondervertegenwoordigd {'is' if len(labels) == 1 else 'zijn'} "
            f"{join_list(labels, language)}."
        )
    verb = "is" if len(labels) == 1 else "are"
    return f"Reach was insufficient: under-represented {verb} {join_list(labels, language)}."


def verdict_reasons(row, rule: dict, language: str) -> str:
    """The reasons for a statement's verdict: the votes, the weighting, differing groups, reach, and the rule
    that decided it. `row`: a row of `draagvlak.assess`'s statements table; `rule`: its level's rules."""
    nl = language == "nl"
    parts = []
    weighted = bool(row.weighted)
    if row.n_votes == 0:
        parts.append("Niemand heeft over deze stelling gestemd." if nl else "Nobody voted on this statement.")
    else:
        if nl:
            parts.append(
                f"{row.n_votes} {'stem' if row.n_votes == 1 else 'stemmen'}: {_pct(row.support)} eens "
                f"(95%-interval {_pct_range(row.support_low, row.support_high)}), "
                f"{_pct(row.opposition)} oneens, {_pct(row.pass_share)} neutraal of overgeslagen."
            )
        else:
            parts.append(
                f"{row.n_votes} {'vote' if row.n_votes == 1 else 'votes'}: {_pct(row.support)} agree "
                f"(95% interval {_pct_range(row.support_low, row.support_high)}), "
                f"{_pct(row.opposition)} disagree, {_pct(row.pass_share)} neutral or passed."
            )
        if weighted and np.isfinite(row.support_weighted):
            parts.append(
                f"Gewogen naar de bevolking: {_pct(row.support_weighted)} eens "
                f"({_pct_range(row.weighted_low, row.weighted_high)}, effectief "
                f"{row.n_effective:.0f} stemmen)."
                if nl
                else f"Weighted to the population: {_pct(row.support_weighted)} agree "
                f"({_pct_range(row.weighted_low, row.weighted_high)}, effectively "
                f"{row.n_effective:.0f} votes)."
            )
        elif weighted:
            parts.append(
                "Geen gewogen cijfer: geen van de stemmers heeft een gewicht."
                if nl
                else "No weighted figure: none of the voters has a weight."
            )
        else:
            parts.append(
                "Niet gewogen naar de bevolking (geen gewichten)."
                if nl
                else "Not weighted to the population (no weights)."
            )
        differing = json.loads(row.differing_groups) if isinstance(row.differing_groups, str) else None
        if differing:
            word = "eens" if nl else "agree"
            items = [
                f"{_cell_label(g['dimension'], g['category'], language)} ({_pct(g['support'])} {word})"
                for g in differing
            ]
            parts.append(("Wijkt af: " if nl else "Differs: ") + join_list(items, language) + ".")
        elif differing is not None:
            parts.append("Geen groep wijkt duidelijk af." if nl else "No group clearly differs.")
    if row.reach_status == "unchecked" or rule.get("require_reach") or row.reason_code == "reach_required":
        # Where the level's rule does not weigh reach, it is the same caveat for every statement: the
        # report's summary says it once instead of in every card.
        parts.append(reach_sentence(row.reach_status, row.reach_groups, language))

    use_weighted = weighted and np.isfinite(row.support_weighted)
    p, lo, hi = (
        (row.support_weighted, row.weighted_low, row.weighted_high)
        if use_weighted
        else (row.support, row.support_low, row.support_high)
    )
    thr = rule["support"]
    what = ("gewogen steun" if use_weighted else "steun") if nl else ("weighted support" if use_weighted else "support")
    reason = row.reason_code
    if reason == "too_few_votes":
        why = (
            f"er minder dan {rule['min_votes']} stemmen zijn"
            if nl
            else f"there are fewer than {rule['min_votes']} votes"
        )
    elif reason == "reach_required":
        why = (
            "het bereik bij dit niveau voldoende moet zijn en dat niet is of niet is getoetst"
            if nl
            else "this level requires sufficient reach, which was not achieved or not checked"
        )
    elif reason == "divisive":
        why = (
            f"de opiniegroepen sterk uiteenlopen (verdeeldheid {_dec(row.divisiveness)}, grens "
            f"{_dec(rule['max_divisiveness'])})"
            if nl
            else f"the opinion groups clearly disagree (divisiveness {row.divisiveness:.2f}, limit "
            f"{rule['max_divisiveness']:.2f})"
        )
    elif reason == "broad_support":
        why = (
            f"de ondergrens van de {what} ({_pct_against(lo, thr, language)}) boven de drempel van {_pct(thr)} ligt, "
            f"de {what} "
            f"minstens {_pct(rule['broad_support'])} is en in elke getoonde groep minstens "
            f"{_pct(rule['min_group_support'])} het eens is"
            if nl
            else f"the lower bound of {what} ({_pct_against(lo, thr, language)}) is above the threshold of "
            f"{_pct(thr)}, {what} is "
            f"at least {_pct(rule['broad_support'])} and in every group shown at least "
            f"{_pct(rule['min_group_support'])} agree"
        )
    elif reason in ("support", "support_not_broad"):
        why = (
            f"de ondergrens van de {what} ({_pct_against(lo, thr, language)}) boven de drempel van {_pct(thr)} ligt"
            if nl
            else f"the lower bound of {what} ({_pct_against(lo, thr, language)}) is above the threshold of {_pct(thr)}"
        )
        if reason == "support_not_broad":
            lowest = json.loads(row.lowest_group)
            label = _cell_label(lowest["dimension"], lowest["category"], language)
            why += (
                f", maar niet breed: in {label} is maar {_pct(lowest['support'])} het eens"
                if nl
                else f", but not broad: in {label} only {_pct(lowest['support'])} agree"
            )
    elif reason == "no_support":
        why = (
            f"de bovengrens van de {what} ({_pct_against(hi, thr, language)}) onder de drempel van {_pct(thr)} ligt"
            if nl
            else f"the upper bound of {what} ({_pct_against(hi, thr, language)}) is below the threshold of {_pct(thr)}"
        )
    else:
        why = (
            f"het interval van de {what} ({_pct_range(lo, hi)}) de drempel van {_pct(thr)} omvat: "
            f"te dicht bij elkaar om te beslissen"
            if nl
            else f"the interval of {what} ({_pct_range(lo, hi)}) contains the threshold of {_pct(thr)}: "
            f"too close to call"
        )
    label = VERDICT_LABELS[language][row.verdict_code]
    parts.append(
        f"Oordeel bij participatieniveau {row.level}: {label}, omdat {why}."
        if nl
        else f"Verdict at participation level {row.level}: {label}, because {why}."
    )
    return " ".join(parts)


def indicative_reasons(row, min_cell_size: int, language: str) -> str:
    """What an indicative draagvlak figure rests on, and that it is not a vote."""

    def pts(x):
        return f"{100 * x:+.0f}"  # percentage points with sign

    if language == "nl":
        text = (
            f"Indicatief, niet gebaseerd op stemmen maar op de toon van de inbreng: van de {row.n_participants} "
            f"deelnemers die over dit onderwerp iets inbrachten was {_pct(row.share_positive)} positief en "
            f"{_pct(row.share_negative)} negatief (saldo {pts(row.net)} procentpunt, 95%-interval "
            f"{pts(row.net_low)} tot {pts(row.net_high)})."
        )
        if row.verdict_code == "insufficient":
            text += f" Te weinig deelnemers (minder dan {min_cell_size}) voor een indicatie."
        return text + " Toon in vrije tekst is geen stemming: gebruik dit als signaal, niet als draagvlakmeting."
    text = (
        f"Indicative, based not on votes but on the tone of the input: of the {row.n_participants} "
        f"participants who contributed on this topic {_pct(row.share_positive)} were positive and "
        f"{_pct(row.share_negative)} negative (balance {pts(row.net)} percentage points, 95% interval "
        f"{pts(row.net_low)} to {pts(row.net_high)})."
    )
    if row.verdict_code == "insufficient":
        text += f" Too few participants (fewer than {min_cell_size}) for an indication."
    return text + " Tone in free text is not a vote: use this as a signal, not as a measure of support."
