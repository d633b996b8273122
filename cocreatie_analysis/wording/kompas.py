"""The sentences of the kompas: advice on the participation level, in Dutch and English."""

from __future__ import annotations

__all__ = ["advice_text"]


def advice_text(
    codes,
    level: str,
    n_participants: int,
    share_offers: float,
    share_negative: float,
    language: str,
    advised: str | None = None,
) -> str:
    """The advice of one opgave (`kompas.participation_advice`, `kompas.advised_level`) in plain language: the
    advised level next to the one the council chose, then why."""
    nl = language != "en"
    lines = []
    if advised and "too_few" not in codes:
        if advised != level:
            lines.append(
                f"Geadviseerd niveau: {advised} (de raad koos {level})."
                if nl
                else f"Advised level: {advised} (the council chose {level})."
            )
        else:
            lines.append(
                f"Geadviseerd niveau: {advised}, zoals de raad koos."
                if nl
                else f"Advised level: {advised}, as the council chose."
            )
    for code in codes:
        if code == "too_few":
            lines.append(
                f"Te weinig deelnemers ({n_participants}) over deze opgave om een niveau te adviseren."
                if nl
                else f"Too few participants ({n_participants}) on this issue to advise on a level."
            )
        elif code == "consider_coproduction":
            lines.append(
                f"{share_offers:.0%} van de deelnemers biedt zelf hulp aan: overweeg coproduceren, "
                "bijvoorbeeld in een maatschappelijke coöperatie."
                if nl
                else f"{share_offers:.0%} of participants offer to help: consider co-production, for example "
                "in a community cooperative."
            )
        elif code == "level_fits" and advised:
            lines.append(
                f"{share_offers:.0%} van de deelnemers biedt zelf hulp aan: genoeg om samen uit te voeren."
                if nl
                else f"{share_offers:.0%} of participants offer to help: enough to carry it out together."
            )
        elif code == "level_fits":
            lines.append(
                f"Gekozen niveau {level} past: {share_offers:.0%} van de deelnemers biedt hulp aan."
                if nl
                else f"The chosen level ({level}) fits: {share_offers:.0%} of participants offer to help."
            )
        elif code == "find_partners":
            lines.append(
                f"Gekozen niveau {level}, maar slechts {share_offers:.0%} van de deelnemers biedt hulp "
                "aan: zoek eerst partners voordat u coproduceert."
                if nl
                else f"Chosen level {level}, but only {share_offers:.0%} of participants offer to help: find "
                "partners before co-producing."
            )
        elif code == "listen_first":
            lines.append(
                f"{share_negative:.0%} van de reacties is een zorg of klacht: luister eerst door "
                "(raadplegen of adviseren) voordat oplossingen vastliggen."
                if nl
                else f"{share_negative:.0%} of inputs are concerns: listen further (consult or advise) before "
                "solutions are fixed."
            )
        else:
            if not advised:
                lines.append(f"Gekozen niveau: {level}." if nl else f"Chosen level: {level}.")
            else:
                lines.append(
                    "Wat inwoners zeiden, geeft geen reden om ervan af te wijken."
                    if nl
                    else "Nothing residents said gives a reason to depart from it."
                )
    return " ".join(lines)
