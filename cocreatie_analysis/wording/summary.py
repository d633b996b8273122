"""The summary a council member reads first: a few plain sentences on top of each report.

Every sentence is made from a figure that the report shows further down (the kompas table, the offers, the
unusual suspects and channel advice, the verdicts, the opinion groups, support per group), so a reader can
trace it. Caveats are said here once instead of in every card. Dutch, or English for `language: en`.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from ..vocabulary import OPINION_DIMENSION
from .draagvlak import VERDICT_LABELS
from .labels import dimension_label, group_label, join_list
from .numbers import format_cell, format_pct, format_times

__all__ = ["TONE_MARGIN", "draagvlak_summary", "kompas_summary"]

TONE_MARGIN = 0.10  # concern and appreciation this far apart: one of them "prevails"
N_TOP = 3  # opgaven, groups and statements named in a sentence


def _q(text: str) -> str:
    return f"‘{text}’"


def _int(n, language: str) -> str:
    return format_cell(n, "int", language)


def _tones(rows, language: str) -> str:
    """How residents feel about the top opgaven, in one sentence: where concern prevails, where appreciation,
    where they are balanced (shares of each opgave's inputs)."""
    nl = language != "en"
    kinds: dict[str, list[str]] = {"concern": [], "appreciation": [], "balanced": []}
    for r in rows:
        neg, pos = float(r.share_negative), float(r.share_positive)
        kind = "concern" if neg - pos >= TONE_MARGIN else "appreciation" if pos - neg >= TONE_MARGIN else "balanced"
        kinds[kind].append(f"{r.opgave} ({format_pct(neg, language)} tegen {format_pct(pos, language)})")
    if not nl:
        kinds = {k: [i.replace(" tegen ", " against ") for i in v] for k, v in kinds.items()}
    clauses = {
        "concern": ("zorg overheerst bij", "concern prevails on"),
        "appreciation": ("waardering overheerst bij", "appreciation prevails on"),
        "balanced": ("zorg en waardering houden elkaar in evenwicht bij", "concern and appreciation are balanced on"),
    }
    parts = [f"{clauses[k][0 if nl else 1]} {join_list(v, language)}" for k, v in kinds.items() if v]
    lead = (
        "Zorg of klacht tegen waardering, in procenten van de reacties: "
        if nl
        else ("Concern against appreciation, as a share of the inputs: ")
    )
    return lead + "; ".join(parts) + "."


def kompas_summary(tables: dict, language: str, min_cell_size: int) -> list[str]:
    """Sentences: who took part, the top opgaven and their tone, who offers help (and the coöperatie
    candidates), who was not reached and how to reach them, where the advised level differs from the chosen
    one, and opgaven nobody raised."""
    nl = language != "en"
    s = tables["summary"].iloc[0]
    kompas = tables["kompas"]
    out = []
    out.append(
        f"{_int(s.n_participants, language)} inwoners deden mee; {_int(s.n_input_participants, language)} van "
        f"hen schreven samen {_int(s.n_inputs, language)} reacties, de bron van dit kompas."
        if nl
        else f"{_int(s.n_participants, language)} residents took part; {_int(s.n_input_participants, language)} "
        f"of them wrote {_int(s.n_inputs, language)} inputs between them, the source of this compass."
    )
    raised = kompas[kompas["n_participants"] > 0]
    top = raised.head(N_TOP)
    if len(top):
        named = join_list([f"{r.opgave} ({_int(r.n_participants, language)})" for r in top.itertuples()], language)
        out.append(
            f"De meeste deelnemers begonnen over {named}."
            if nl
            else f"Most participants raised {named} (participants in brackets)."
        )
        told = [r for r in top.itertuples() if r.n_participants >= min_cell_size]
        if told:
            out.append(_tones(told, language))
    offering = raised[raised["n_offers"] > 0].sort_values("n_offers", ascending=False, kind="stable")
    if int(s.n_offering):
        where = join_list(
            [f"{r.opgave} ({_int(r.n_offers, language)})" for r in offering.head(N_TOP).itertuples()], language
        )
        out.append(
            f"{_int(s.n_offering, language)} deelnemers bieden zelf hulp aan, vooral bij {where}."
            if nl
            else f"{_int(s.n_offering, language)} participants offer to help, most of all on {where}."
        )
    else:
        out.append("Niemand bood zelf hulp aan." if nl else "Nobody offered to help.")
    candidates = tables.get("kompas_cooperatives")
    if candidates is not None and len(candidates):
        names = join_list([f"{r.opgave} ({_int(r.n_offers, language)})" for r in candidates.itertuples()], language)
        several = len(candidates) > 1
        out.append(
            f"{'Kandidaten' if several else 'Kandidaat'} voor een maatschappelijke coöperatie, met het aantal "
            f"deelnemers dat hulp biedt: {names} (zie ‘Coöperatiekandidaten’)."
            if nl
            else f"{'Candidates' if several else 'Candidate'} for a community cooperative, with the number of "
            f"participants offering help: {names} (see ‘Cooperative candidates’)."
        )
    out.extend(_reach_sentences(tables, language))
    differing = kompas[
        (kompas["advised_level"] != kompas["participation_level"])
        & kompas["advice_codes"].map(lambda codes: "too_few" not in list(codes))
    ]
    if len(differing):
        items = [
            (
                f"{r.opgave} ({r.advised_level} in plaats van {r.participation_level})"
                if nl
                else f"{r.opgave} ({r.advised_level} instead of {r.participation_level})"
            )
            for r in differing.itertuples()
        ]
        out.append(
            f"Het geadviseerde participatieniveau wijkt af van de keuze van de raad bij {join_list(items, language)}; "
            "de reden staat bij elke opgave."
            if nl
            else f"The advised participation level differs from the council's choice for {join_list(items, language)}; "
            "the reason is given with each issue."
        )
    elif len(raised):
        out.append(
            "Bij elke opgave past het gekozen participatieniveau bij wat inwoners zeiden."
            if nl
            else "For every issue the chosen participation level fits what residents said."
        )
    silent = kompas[kompas["n_participants"] == 0]
    if len(silent):
        names = join_list([str(o) for o in silent["opgave"]], language)
        out.append(
            f"Niemand begon over {names}; de opgave staat met 0 in het kompas."
            if nl
            else f"Nobody raised {names}; it is in the compass with 0."
        )
    return out


def _how_much_less(suspect, language: str) -> str:
    """ "2,8× minder", "ten minste 3× minder" (a hidden small group: a lower bound) or "niemand bereikt"."""
    nl = language != "en"
    if suspect.kind == "absent" or not np.isfinite(suspect.times_less):
        return "niemand bereikt" if nl else "nobody reached"
    times = format_times(suspect.times_less, language)
    if suspect.kind == "hidden":
        return f"ten minste {times}× minder" if nl else f"at least {times}× less"
    return f"{times}× minder" if nl else f"{times}× less"


def _reach_sentences(tables: dict, language: str) -> list[str]:
    """Which groups were reached clearly less often, and the channel that reached each best."""
    nl = language != "en"
    suspects = tables.get("reach_unusual_suspects")
    if tables.get("reach_representation") is None:
        return [
            "Of alle groepen inwoners zijn bereikt, is niet na te gaan (geen gegevens over deelnemers of bevolking)."
            if nl
            else "Whether every group of residents was reached cannot be checked (no participant or population data)."
        ]
    if suspects is None or suspects.empty:
        return [
            "Geen groep inwoners deed duidelijk minder mee dan haar aandeel in de bevolking."
            if nl
            else "No group of residents took part clearly less than its share of the population."
        ]
    top = suspects.head(N_TOP)
    groups = [
        f"{group_label(r.dimension, r.category, language)} ({_how_much_less(r, language)})" for r in top.itertuples()
    ]
    out = [
        f"Minder vaak bereikt dan hun aandeel in de bevolking: {join_list(groups, language)}."
        if nl
        else f"Reached less often than their share of the population: {join_list(groups, language)}."
    ]
    advice = tables.get("reach_channel_advice")
    if advice is not None and len(advice):
        wanted = {(r.dimension, r.category) for r in top.itertuples()}
        ways = []
        for r in advice.itertuples():
            if (r.dimension, r.category) not in wanted:
                continue
            group = group_label(r.dimension, r.category, language)
            if isinstance(r.best_channel, str) and r.best_channel and r.kind != "outreach":
                ways.append(f"{group} via {r.best_channel}")
            else:
                ways.append(f"{group} door hen zelf op te zoeken" if nl else f"{group} by seeking them out")
        if ways:
            out.append(
                f"Zo zijn zij beter te bereiken: {join_list(ways, language)} (zie ‘Wie deed mee?’)."
                if nl
                else f"How to reach them better: {join_list(ways, language)} (see ‘Who took part?’)."
            )
    return out


def _verdict_counts(statements: pd.DataFrame, language: str) -> str:
    labels = VERDICT_LABELS[language]
    counts = statements["verdict_code"].value_counts()
    order = ["broad_support", "support", "divided", "no_support", "insufficient"]
    parts = [f"{int(counts[c])} {labels[c]}" for c in order if c in counts.index]
    n = len(statements)
    return (
        f"Van de {n} stellingen: {join_list(parts, language)}."
        if language != "en"
        else f"Of the {n} statements: {join_list(parts, language)}."
    )


def _spread(group_support: pd.DataFrame, statement_id: str, language: str) -> str | None:
    """The demographic dimension in which support for a statement ranges most, as a clause (shown cells only)."""
    rows = group_support[
        (group_support["statement_id"] == statement_id)
        & (group_support["dimension"] != OPINION_DIMENSION)
        & ~group_support["suppressed"].astype(bool)
    ]
    best = None
    for dimension, cells in rows.groupby("dimension", sort=False):
        if len(cells) < 2 or "|" in str(dimension):
            continue
        low, high = cells.loc[cells["support"].idxmin()], cells.loc[cells["support"].idxmax()]
        gap = float(high["support"] - low["support"])
        if best is None or gap > best[0]:
            best = (gap, dimension, low, high)
    if best is None or best[0] < 0.15:
        return None
    _, dimension, low, high = best
    if language != "en":
        return (
            f"naar {dimension_label(dimension, language)} loopt de steun uiteen van "
            f"{format_pct(low['support'], language)} ({group_label(dimension, low['category'], language)}) tot "
            f"{format_pct(high['support'], language)} "
            f"({group_label(dimension, high['category'], language)})"
        )
    return (
        f"by {dimension_label(dimension, language)} support ranges from {format_pct(low['support'], language)} "
        f"({group_label(dimension, low['category'], language)}) to {format_pct(high['support'], language)} "
        f"({group_label(dimension, high['category'], language)})"
    )


def draagvlak_summary(tables: dict, language: str) -> list[str]:
    """Sentences: how many statements have (broad) support, which are divided and among whom, and whether the
    outcome rests on a representative group (the reach caveat, said once)."""
    nl = language != "en"
    statements = tables.get("draagvlak_statements")
    if statements is None or statements.empty:
        return [
            "Er is niet over stellingen gestemd; alleen het indicatieve draagvlak uit de reacties is beschikbaar."
            if nl
            else "No votes on statements; only the indicative support derived from the inputs is available."
        ]
    statements = statements[statements["n_votes"] > 0]
    out = [_verdict_counts(statements, language)]
    broad = statements[statements["verdict_code"] == "broad_support"].sort_values("support", ascending=False)
    if len(broad):
        items = [f"{_q(r.text)} ({format_pct(r.support, language)} eens)" for r in broad.head(N_TOP).itertuples()]
        if not nl:
            items = [i.replace(" eens)", " agree)") for i in items]
        out.append(
            f"Breed draagvlak is er onder meer voor {join_list(items, language)}."
            if nl
            else f"Broad support includes {join_list(items, language)}."
        )
    divided = statements.sort_values("divisiveness", ascending=False, kind="stable")
    divided = divided[
        divided["verdict_code"].isin(["divided", "no_support", "support"]) & (divided["divisiveness"] > 0)
    ]
    profiles = tables.get("draagvlak_group_profiles")
    group_support = tables.get("draagvlak_group_support")
    for r in divided.head(2).itertuples():
        among = []
        if profiles is not None and len(profiles):
            rows = profiles[profiles["statement_id"] == r.statement_id].sort_values("repness", ascending=False)
            if len(rows):
                p = rows.iloc[0]
                word = ("eens" if p["direction"] == "agree" else "oneens") if nl else p["direction"]
                among.append(
                    f"opiniegroep {p['label']} is het er voor {format_pct(p['share_group'], language)} {word} mee, "
                    f"de anderen voor {format_pct(p['share_rest'], language)}"
                    if nl
                    else f"opinion group {p['label']}: {format_pct(p['share_group'], language)} {word}, the others "
                    f"{format_pct(p['share_rest'], language)}"
                )
        if group_support is not None:
            spread = _spread(group_support, r.statement_id, language)
            if spread:
                among.append(spread)
        if among:
            out.append(
                f"Verdeeld is {_q(r.text)}: {'; '.join(among)}."
                if nl
                else f"Divided is {_q(r.text)}: {'; '.join(among)}."
            )
    out.extend(_representative(statements, tables, language))
    return out


def _representative(statements: pd.DataFrame, tables: dict, language: str) -> list[str]:
    """Whether the verdicts rest on a representative group: the reach caveat, once for all statements."""
    nl = language != "en"
    status = statements["reach_status"].iloc[0]
    if status == "unchecked":
        return [
            "Of de stemmers een afspiegeling van de inwoners zijn, is niet getoetst (geen bevolkingsgegevens); "
            "lees de oordelen daarom voorzichtig."
            if nl
            else "Whether the voters mirror the residents was not checked (no population figures); read the "
            "verdicts with care."
        ]
    groups = json.loads(statements["reach_groups"].iloc[0] or "[]")
    if not groups:
        return [
            "De deelnemers vormen een redelijke afspiegeling van de inwoners: geen groep is duidelijk "
            "ondervertegenwoordigd."
            if nl
            else "Participants are a fair reflection of the residents: no group is clearly under-represented."
        ]
    labels = [group_label(g["dimension"], g["category"], language) for g in groups]
    out = [
        f"De deelnemers zijn geen goede afspiegeling van de inwoners: ondervertegenwoordigd zijn "
        f"{join_list(labels, language)}. Dat geldt voor elke stelling hieronder."
        if nl
        else f"Participants do not mirror the residents: under-represented are {join_list(labels, language)}. "
        "This holds for every statement below."
    ]
    diagnostics = tables.get("reach_weight_diagnostics")
    if diagnostics is not None and len(diagnostics) and bool(statements["weighted"].any()):
        d = diagnostics.iloc[0]
        out.append(
            f"Daarom staat naast elk percentage ook een cijfer gewogen naar de bevolking; die weging maakt de "
            f"{_int(d['n_participants'], language)} deelnemers statistisch zoveel waard als "
            f"{_int(d['effective_sample_size'], language)}."
            if nl
            else f"That is why each percentage is also shown weighted to the population; the weighting makes the "
            f"{_int(d['n_participants'], language)} participants statistically worth "
            f"{_int(d['effective_sample_size'], language)}."
        )
    blocked = statements[statements["reason_code"] == "reach_required"]
    if len(blocked):
        levels = join_list(sorted(set(blocked["level"])), language)
        out.append(
            f"Bij {len(blocked)} {'stelling' if len(blocked) == 1 else 'stellingen'} op participatieniveau "
            f"{levels} vraagt de raad om voldoende bereik; daar is het oordeel ‘onvoldoende basis’."
            if nl
            else f"For {len(blocked)} {'statement' if len(blocked) == 1 else 'statements'} at participation level "
            f"{levels} the council requires sufficient reach; their verdict is ‘insufficient basis’."
        )
    return out
