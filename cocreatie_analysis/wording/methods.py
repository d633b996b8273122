"""The methods sections of the reports, in Dutch and English, with the parameters of the analysis they describe.

Every threshold the text mentions comes from the processed results' summary (and so from the configuration the
analysis ran with), never from a number written into the sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..config import ReachOptions
from .numbers import format_number

__all__ = ["MethodSettings", "draagvlak_methods", "kompas_methods"]


@dataclass(frozen=True)
class MethodSettings:
    """The parameters the methods text states."""

    min_cell_size: int = 10
    ratio_threshold: float = 0.67
    opinion_min_votes: int = 7
    opinion_damping: float = 10.0
    opinion_base_clusters: int = 100
    opinion_max_groups: int = 5
    composition_difference: float = 0.10
    composition_alpha: float = 0.05
    n_withdrawn: int = 0
    offer_share_for_coproduction: float = 0.10
    cooperative_min_offers: int = 5
    concern_share_for_listening: float = 0.50


def _threshold(s: MethodSettings, language: str) -> str:
    """The default ratio threshold, and the one used when the municipality chose another."""
    default = format_number(ReachOptions.ratio_threshold, 2, language)
    if abs(s.ratio_threshold - ReachOptions.ratio_threshold) < 1e-9:
        return default
    used = format_number(s.ratio_threshold, 2, language)
    return f"{default}, hier {used}" if language == "nl" else f"{default}, here {used}"


def _stretch(s: MethodSettings, statements: int = 500) -> tuple[float, float]:
    """How far the map moves someone with the fewest votes placed outwards, undamped and damped (an example)."""
    n, p = s.opinion_min_votes, s.opinion_damping
    return math.sqrt(statements / n), math.sqrt((statements + p) / (n + p))


def _opinion_groups_nl(s: MethodSettings) -> list[str]:
    """How the opinion groups were found and described, with the parameters used (Dutch)."""
    undamped, damped = _stretch(s)
    items = [
        "Opiniegroepen worden gevonden zoals Pol.is ze vindt, uit het stemgedrag zelf. Wie minstens "
        f"{s.opinion_min_votes} stemmen gaf, krijgt een plek op een kaart van de twee grootste tegenstellingen in "
        "het stemgedrag (hoofdcomponenten; een stelling waarop iemand niet stemde, telt als het gemiddelde). Wie "
        "maar een deel van de stellingen zag, wordt naar verhouding verder naar buiten gezet, zoals Pol.is doet, "
        f"maar gedempt: iedereen telt alsof hij {format_number(s.opinion_damping, 0, 'nl')} extra neutrale "
        "stemmen gaf. Zo belandt iemand met een handvol stemmen niet op grond van die paar stemmen aan de rand "
        f"van de kaart (bij 500 stellingen wordt iemand met {s.opinion_min_votes} stemmen ongedempt "
        f"{format_number(undamped, 1, 'nl')} keer zo ver naar buiten gezet, gedempt "
        f"{format_number(damped, 1, 'nl')} keer). De stemmers worden dan in ten hoogste "
        f"{s.opinion_base_clusters} kleine clusters verdeeld, en het aantal groepen (2 tot "
        f"{s.opinion_max_groups}) wordt gekozen met de silhouetscore over die clusters: het kleinste aantal dat "
        "bijna even goed past als het beste. Dezelfde stemmen geven altijd dezelfde groepen.",
        f"Deelnemers met minder dan {s.opinion_min_votes} stemmen worden niet ingedeeld: zij tellen niet mee in "
        "de grootte, de steun, de consensus en de verdeeldheid van de groepen, en niet in de oordelen die daarop "
        "steunen. De verwerkte gegevens noemen voor hen alleen een indicatieve groep (de dichtstbijzijnde, "
        "apart gemarkeerd), die op te weinig stemmen rust om mee te tellen.",
        "Wie er in een groep zit: een groep is 'vaker' of 'minder vaak' uit een wijk, leeftijdsgroep of ander "
        f"kenmerk als haar aandeel minstens {format_number(100 * s.composition_difference, 0, 'nl')} "
        "procentpunt afwijkt van dat onder alle ingedeelde stemmers en het verschil met de andere stemmers "
        f"statistisch duidelijk is (exacte toets van Fisher, p < {format_number(s.composition_alpha, 2, 'nl')}). "
        "De stellingen waarmee een groep het meer eens of oneens is dan de anderen, zijn de representatieve "
        "stellingen van Pol.is (alleen significante).",
    ]
    if s.n_withdrawn:
        items.append(
            f"{s.n_withdrawn} {'stelling is' if s.n_withdrawn == 1 else 'stellingen zijn'} door de moderator "
            "ingetrokken. Die staan niet in dit rapport; zoals in Pol.is tellen de stemmen erop alleen mee om te "
            "bepalen wie in een opiniegroep wordt ingedeeld, en bij de demping telt elke ingetrokken stelling als "
            f"een neutrale stem van iedereen (wanneer het er meer dan {format_number(s.opinion_damping, 0, 'nl')} "
            "zijn)."
        )
    return items


def _opinion_groups_en(s: MethodSettings) -> list[str]:
    """How the opinion groups were found and described, with the parameters used (English)."""
    undamped, damped = _stretch(s)
    items = [
        f"Opinion groups are found from the votes as Pol.is finds them. Everyone with at least {s.opinion_min_votes} "
        "votes is placed on a map of the two largest contrasts in the votes (principal components; a statement "
        "someone did not vote on counts as its average). People who saw only part of the statements are moved "
        "outwards in proportion, as Pol.is does, but damped: everyone counts as if they cast "
        f"{format_number(s.opinion_damping, 0, 'en')} extra neutral votes, so that a handful of votes does not put "
        f"someone at the edge of the map (among 500 statements, {s.opinion_min_votes} votes are stretched "
        f"{format_number(undamped, 1, 'en')} times undamped, {format_number(damped, 1, 'en')} times damped). "
        f"The voters are then split into at most {s.opinion_base_clusters} small clusters, and the "
        f"number of groups (2 to {s.opinion_max_groups}) is chosen by the silhouette score over those clusters: "
        "the fewest groups that fit almost as well as the best. The same votes always give the same groups.",
        f"Participants with fewer than {s.opinion_min_votes} votes are not placed: they do not count in the "
        "groups' size, support, consensus or divisiveness, nor in the verdicts built on them. The processed data "
        "name only an indicative group for them (the nearest, marked apart), which rests on too few votes to count.",
        "Who is in a group: a group is 'more often' or 'less often' from a district, age group or other attribute "
        f"when its share differs by at least {format_number(100 * s.composition_difference, 0, 'en')} percentage "
        "points from that of all placed voters and the difference from the other voters is statistically clear "
        f"(Fisher's exact test, p < {format_number(s.composition_alpha, 2, 'en')}). The statements a group agrees "
        "or disagrees with more than the others are Pol.is' representative statements (significant ones only).",
    ]
    if s.n_withdrawn:
        items.append(
            f"{s.n_withdrawn} {'statement was' if s.n_withdrawn == 1 else 'statements were'} withdrawn by the "
            "moderator. They are not in this report; as in Pol.is, the votes on them only count towards who is "
            "placed in an opinion group, and in the damping every withdrawn statement counts as a neutral vote by "
            f"everyone (when there are more than {format_number(s.opinion_damping, 0, 'en')})."
        )
    return items


def kompas_methods(language: str, s: MethodSettings) -> list[str]:
    """How the kompas was made, one item per step."""
    if language == "en":
        return [
            "Issues: inputs are split into words; stop words and words about tone are left out and compound words "
            "are recognised. Inputs sharing many words form an issue; the model chooses the number of issues "
            "itself. Seed words given by the municipality are starting points, not filters. Inputs that fit no "
            "issue are left out of the ranking.",
            "Tone: each input scores from -1 (concern) to +1 (appreciation) with a sentiment lexicon extended for "
            "municipal subjects, taking negation, intensifiers and 'but' into account; inputs with too little "
            "evidence either way (such as factual questions) are neutral (score 0).",
            "Offers to contribute: an input counts as an offer when someone commits to doing something themselves "
            "(not when they ask the municipality or others, or a club recruits volunteers). A model learned from "
            "labelled texts by several annotators decides per sentence and names the kind of help (thinking "
            "along, organising, hands-on work, space or means); each decision keeps the sentence that made it. "
            f"An issue on which {s.cooperative_min_offers} or more participants offer help is a candidate for a "
            "community cooperative.",
            f"Participation-level advice: with {s.offer_share_for_coproduction:.0%} or more participants offering "
            "help, "
            f"co-production is suggested; when {s.concern_share_for_listening:.0%} or more of inputs are concerns, "
            "we advise listening further first.",
            "Privacy: e-mail addresses, phone numbers, addresses, account numbers and BSN-like numbers are replaced "
            f"in every quote. Groups smaller than {s.min_cell_size} participants are never shown on their own.",
            "All figures are reproducible: the same input gives the same report.",
        ]
    return [
        "Opgaven: de reacties zijn in woorden opgeknipt, stopwoorden en woorden over toon (zoals 'slecht' of "
        "'graag') zijn weggelaten en samenstellingen (fietsenstalling, speeltuin) zijn herkend. Reacties met "
        "veel dezelfde woorden vormen samen een opgave; het model kiest zelf het aantal opgaven. Waar de "
        "gemeente trefwoorden opgaf, zijn dat de startpunten: ook reacties zonder die woorden horen erbij als ze "
        "erop lijken. Reacties die nergens bij passen, tellen niet mee in de rangorde.",
        "Toon: elke reactie krijgt een score van -1 (zorg of klacht) tot +1 (waardering), op basis van een "
        "Nederlandse woordenlijst (De Smedt & Daelemans) met aanvullingen voor gemeentelijke onderwerpen, met "
        "aandacht voor ontkenning ('niet blij'), versterkers ('heel') en 'maar'. Reacties met te weinig "
        "aanwijzingen in beide richtingen (bijvoorbeeld feitelijke vragen) gelden als neutraal (score 0).",
        "Aanbod om bij te dragen: een reactie telt als aanbod wanneer iemand in de eigen woorden toezegt iets "
        "te doen ('ik wil best meehelpen', 'onze vereniging kan …'), niet wanneer hij de gemeente of anderen om "
        "hulp vraagt of een club vrijwilligers zoekt. Een model, geleerd van door verschillende mensen "
        "gelabelde teksten, beslist per zin en noemt de soort hulp (meedenken, organiseren, uitvoeren, ruimte "
        f"of middelen); bij elke beslissing blijft de zin bewaard. Een opgave met {s.cooperative_min_offers} of "
        "meer deelnemers die hulp bieden, is een kandidaat voor een maatschappelijke coöperatie.",
        f"Advies over het participatieniveau: bij {s.offer_share_for_coproduction:.0%} of meer deelnemers met een "
        f"aanbod wordt coproduceren genoemd; als {s.concern_share_for_listening:.0%} of meer van de reacties een "
        "zorg is, adviseren we eerst verder te luisteren.",
        "Privacy: e-mailadressen, telefoonnummers, adressen, postcodes met huisnummer, rekeningnummers en "
        "BSN-achtige nummers zijn in alle citaten vervangen door een label zoals [telefoonnummer]. Groepen "
        f"kleiner dan {s.min_cell_size} deelnemers worden nooit apart getoond.",
        "Alle cijfers zijn reproduceerbaar: dezelfde invoer geeft hetzelfde rapport.",
    ]


def draagvlak_methods(language: str, s: MethodSettings) -> list[str]:
    """How the draagvlak assessment was made, one item per step."""
    if language == "en":
        return [
            "Support is the share of 'agree' among all votes on a statement; a pass counts as seen, not as "
            "support. The 95% interval is the Wilson interval.",
            "Weighted support: participants are weighted (raking) so the voters resemble the population by age, "
            "district, origin and other attributes. The interval uses Kish's effective sample size.",
            *_opinion_groups_en(s),
            "Consensus (0 to 1) is Pol.is' group-informed consensus: the product over opinion groups of "
            "(agree + 1) / (seen + 2); two groups that each agree 80% give about 0.64.",
            "Divisiveness (0 to 1) is half the difference in net agreement between the most and the least agreeing "
            "opinion group.",
            "Reach: a chi-square test per attribute compares participants with the population; Cohen's w gives the "
            "size of the difference and the dissimilarity index the share that would have to change group. A group "
            "is under-represented when even the upper bound of its 95% interval is below the threshold (default "
            f"{_threshold(s, 'en')}).",
            "Design effect and effective n: the more unequal the weights, the less the sample is worth.",
            "The verdict per statement follows rules the council sets per participation level (gemeente.yaml, "
            "section draagvlak); the table below shows the thresholds used.",
            "Without votes, support per issue is only indicative: the balance of positive and negative inputs.",
            f"Groups smaller than {s.min_cell_size} participants are never shown on their own.",
        ]
    return [
        "Steun is het aandeel 'eens' van alle stemmen op een stelling; 'neutraal' of 'weet niet' telt mee "
        "als gezien, niet als steun. Het 95%-interval is het Wilson-interval.",
        "Gewogen steun: deelnemers zijn zo gewogen (raking) dat de groep stemmers naar leeftijd, wijk, "
        "herkomst en andere kenmerken lijkt op de bevolking. Het interval gebruikt de effectieve "
        "steekproefomvang (Kish), die kleiner is naarmate de gewichten ongelijker zijn.",
        *_opinion_groups_nl(s),
        "Consensus (0 tot 1) is de formule van Pol.is: het product over de opiniegroepen van "
        "(eens + 1) / (gezien + 2). Hoog betekent dat alle groepen het ermee eens zijn, niet alleen de grootste; "
        "met twee groepen die elk voor 80% eens zijn is de consensus ongeveer 0,64.",
        "Verdeeldheid (0 tot 1) is de helft van het verschil tussen de opiniegroep die het meest en de groep "
        "die het minst eens is (netto: eens min oneens). 0: alle groepen denken hetzelfde; bij 1 is de ene groep "
        "het unaniem eens en de andere het unaniem oneens.",
        "Bereik: per kenmerk toetst een chi-kwadraattoets of de deelnemers dezelfde verdeling hebben als de "
        "bevolking; Cohen's w geeft de grootte van het verschil (0,1 klein, 0,3 middel, 0,5 groot) en de "
        "ongelijkheidsindex het deel van de deelnemers dat van groep zou moeten wisselen. Een groep heet "
        "ondervertegenwoordigd als zelfs de bovengrens van het 95%-interval van haar vertegenwoordiging onder "
        f"de drempel uit gemeente.yaml ligt (standaard {_threshold(s, 'nl')}).",
        "Design-effect en effectieve n: hoe ongelijker de gewichten, hoe minder de steekproef waard is; een "
        "design-effect van 2 halveert de effectieve steekproefomvang.",
        "Het oordeel per stelling volgt regels die de raad per participatieniveau vastlegt "
        "(gemeente.yaml, onderdeel draagvlak); de tabel hieronder toont de gebruikte drempels.",
        "Zonder stemmen is het draagvlak per opgave alleen indicatief: het saldo van positieve en negatieve "
        "reacties. Toon in vrije tekst is geen stem.",
        f"Groepen kleiner dan {s.min_cell_size} deelnemers worden nooit apart getoond.",
    ]
