"""The sentences that say who is in each opinion group and what it stands for, in Dutch and English.

`draagvlak.assess` finds the groups and stores numbers: the group sizes (``opinion_groups``), the clearest
differences in make-up from all placed voters (``group_differences``), the statements that set a group apart
(``group_profiles``) and the support of every group per statement (``group_support``). These functions say it
the way a council member reads it: "Groep A telt 120 stemmers (45% van wie in een groep is ingedeeld).
Vergeleken met alle ingedeelde stemmers zijn het vaker inwoners van Centrum (34% tegen 20%) …".
"""

from __future__ import annotations

from collections.abc import Sequence

from .labels import dimension_label, group_label, join_list
from .numbers import format_cell, format_number, format_pct

__all__ = [
    "consensus_sentence",
    "group_composition_sentence",
    "group_name",
    "group_size_sentence",
    "group_statements_sentence",
    "opinion_groups_intro",
]

MAX_STATEMENTS = 2  # per group and direction, the statements a description names


def group_name(label: str, language: str) -> str:
    """ "Groep A" / "Group A"."""
    return f"{'Group' if language == 'en' else 'Groep'} {label}"


def _quote(text) -> str:
    """A statement in quotes, on one line, without its closing full stop."""
    return f"‘{' '.join(str(text).split()).removesuffix('.')}’"


def opinion_groups_intro(n_groups: int, n_placed: int, n_unplaced: int, min_votes: int, language: str) -> str:
    """How many voters the groups hold and who is left out (fewer than ``min_votes`` votes)."""
    nl = language != "en"
    placed = format_cell(n_placed, "int", language)
    if n_groups == 0:
        return (
            f"Niemand gaf {min_votes} of meer stemmen: er zijn geen opiniegroepen te vormen."
            if nl
            else f"Nobody cast {min_votes} or more votes: no opinion groups can be formed."
        )
    if n_groups == 1:
        text = (
            f"Het stemgedrag laat geen afzonderlijke opiniegroepen zien: de {placed} stemmers met {min_votes} of "
            "meer stemmen vormen samen één groep."
            if nl
            else f"The votes show no separate opinion groups: the {placed} voters with {min_votes} or more votes "
            "form a single group."
        )
    else:
        text = (
            f"Deelnemers die vergelijkbaar stemden, vormen samen een opiniegroep. De {placed} stemmers met "
            f"{min_votes} of meer stemmen vallen in {n_groups} groepen."
            if nl
            else f"Participants who voted alike form an opinion group. The {placed} voters with {min_votes} or "
            f"more votes fall into {n_groups} groups."
        )
    if n_unplaced:
        unplaced = format_cell(n_unplaced, "int", language)
        text += (
            f" {unplaced} stemmers gaven minder stemmen; zij tellen niet mee in de groepen."
            if nl
            else f" {unplaced} voters cast fewer; they are not counted in any group."
        )
    return text


def group_size_sentence(label: str, n: int, share: float, min_cell_size: int, language: str) -> str:
    """ "Groep A telt 120 stemmers (45% van wie in een groep is ingedeeld)." (or: too small to describe)."""
    name = group_name(label, language)
    if n < min_cell_size:
        return (
            f"{name} telt minder dan {min_cell_size} stemmers en is te klein om apart te beschrijven."
            if language != "en"
            else f"{name} has fewer than {min_cell_size} voters and is too small to describe on its own."
        )
    count, pct = format_cell(n, "int", language), format_pct(share, language)
    if language == "en":
        return f"{name} has {count} voters ({pct} of those placed in a group)."
    return f"{name} telt {count} stemmers ({pct} van wie in een groep is ingedeeld)."


def group_composition_sentence(differences: Sequence, dimensions: Sequence[str], language: str) -> str:
    """How the group's make-up differs from all placed voters, from rows of ``group_differences``.

    ``differences``: rows with dimension, category, share, share_all, difference (largest first).
    ``dimensions``: the dimensions the composition was compared on (named when nothing differs); empty when
    nothing is known about the voters, and then there is nothing to say.
    """
    nl = language != "en"
    if not differences:
        if not dimensions:
            return ""
        names = join_list([dimension_label(d, language) for d in dimensions], language)
        return (
            f"Naar {names} verschilt deze groep niet duidelijk van alle ingedeelde stemmers."
            if nl
            else f"By {names} this group does not clearly differ from all placed voters."
        )
    items = []
    for row in differences:
        more = row.difference > 0
        how = ("vaker" if more else "minder vaak") if nl else ("more often" if more else "less often")
        against = "tegen" if nl else "against"
        items.append(
            f"{how} {group_label(row.dimension, row.category, language)} "
            f"({format_pct(row.share, language)} {against} {format_pct(row.share_all, language)})"
        )
    return (
        f"Vergeleken met alle ingedeelde stemmers zijn het {join_list(items, language)}."
        if nl
        else f"Compared with all placed voters they are {join_list(items, language)}."
    )


def group_statements_sentence(profiles: Sequence, language: str) -> str:
    """The statements the group agrees and disagrees with more than the others, from ``group_profiles`` rows.

    Only statements that set the group apart significantly (Pol.is' test) are named, at most
    ``MAX_STATEMENTS`` per direction, in the profile's order.
    """
    nl = language != "en"
    rows = [r for r in profiles if bool(r.significant)]
    parts = []
    for direction in ("agree", "disagree"):
        chosen = [r for r in rows if r.direction == direction][:MAX_STATEMENTS]
        if not chosen:
            continue
        word = ("eens" if direction == "agree" else "oneens") if nl else direction
        items = []
        for j, r in enumerate(chosen):
            rest = format_pct(r.share_rest, language)
            figures = (
                f"{format_pct(r.share_group, language)} {word}, "
                + (f"tegen {rest} van de anderen" if nl else f"against {rest} of the others")
                if j == 0
                else f"{format_pct(r.share_group, language)} {'tegen' if nl else 'against'} {rest}"
            )
            items.append(f"{_quote(r.text)} ({figures})")
        if nl:
            parts.append(f"meer dan de anderen {word} met {join_list(items, language)}")
        else:
            parts.append(
                f"{'agrees' if direction == 'agree' else 'disagrees'} more than the others with "
                f"{join_list(items, language)}"
            )
    if not parts:
        return (
            "Geen stelling onderscheidt deze groep duidelijk van de anderen."
            if nl
            else "No statement clearly sets this group apart from the others."
        )
    if nl:
        return f"Deze groep is het {', en '.join(parts)}."
    return f"This group {', and '.join(parts)}."


def consensus_sentence(rows: Sequence, language: str) -> str:
    """Where all opinion groups agree: rows with text, consensus and min_support (the lowest group's support)."""
    nl = language != "en"
    if not rows:
        return (
            "Er is geen stelling waarover elke opiniegroep het aantoonbaar in meerderheid eens is."
            if nl
            else "There is no statement that a majority of every opinion group demonstrably agrees with."
        )
    items = []
    for j, r in enumerate(rows):
        low = format_pct(r.min_support, language)
        consensus = format_number(r.consensus, 2, language)
        if j == 0:
            figures = (
                f"in elke groep minstens {low} eens, consensus {consensus}"
                if nl
                else f"at least {low} agree in every group, consensus {consensus}"
            )
        else:
            figures = f"{'minstens' if nl else 'at least'} {low}, {consensus}"
        items.append(f"{_quote(r.text)} ({figures})")
    if nl:
        return f"Alle opiniegroepen zijn het in meerderheid eens met {join_list(items, language)}."
    return f"All opinion groups mostly agree with {join_list(items, language)}."
