"""The workbook's words: which tables become sheets, their names and column headers, Dutch and English.

Staff open the workbook in Excel: every sheet is a table of a report, under a name they recognise, with the
columns a reader needs (internal codes left out) and a kind per column so percentages show as percentages.
"""

from __future__ import annotations

__all__ = ["SHEETS", "Sheet", "column_header", "sheet_name"]

from dataclasses import dataclass


@dataclass(frozen=True)
class Sheet:
    """One workbook sheet: the (readable) processed table it shows and its columns as (column, kind, header key)."""

    table: str
    name: dict[str, str]
    columns: tuple[tuple[str, str, str], ...]


_C = {  # column -> (Dutch, English) header
    "opgave": ("Opgave", "Issue"),
    "theme": ("Opgave", "Issue"),
    "name": ("Opgave", "Issue"),
    "n_inputs": ("Reacties", "Inputs"),
    "n_participants": ("Deelnemers", "Participants"),
    "share_participants": ("Aandeel van wie reageerde", "Share of those who responded"),
    "sentiment_mean": ("Gemiddelde toon (-1 tot 1)", "Mean tone (-1 to 1)"),
    "share_negative": ("Zorg of klacht (% van reacties)", "Concern (% of inputs)"),
    "share_neutral": ("Neutraal (% van reacties)", "Neutral (% of inputs)"),
    "share_positive": ("Waardering (% van reacties)", "Appreciation (% of inputs)"),
    "n_offers": ("Bieden hulp (deelnemers)", "Offer help (participants)"),
    "share_offers": ("Bieden hulp (% van deelnemers)", "Offer help (% of participants)"),
    "participation_level": ("Gekozen niveau", "Chosen level"),
    "advised_level": ("Geadviseerd niveau", "Advised level"),
    "advice": ("Advies", "Advice"),
    "top_terms": ("Kenmerkende woorden", "Typical words"),
    "concerns": ("Voorbeelden zorg", "Examples of concern"),
    "appreciation": ("Voorbeelden waardering", "Examples of appreciation"),
    "offers": ("Voorbeelden aanbod", "Examples of offers"),
    "size": ("Reacties", "Inputs"),
    "key_phrase": ("Kernzin", "Key phrase"),
    "examples": ("Voorbeelden", "Examples"),
    "seeded": ("Door de raad genoemd", "Named by the council"),
    "mean_confidence": ("Gemiddelde zekerheid indeling", "Mean confidence of placement"),
    "dimension_label": ("Kenmerk", "Attribute"),
    "category": ("Groep", "Group"),
    "group": ("Omschrijving", "Description"),
    "n": ("Aantal", "Number"),
    "sample_share": ("Aandeel deelnemers", "Share of participants"),
    "population_share": ("Aandeel bevolking", "Share of population"),
    "ratio": ("Vertegenwoordiging (1 = naar verhouding)", "Representation (1 = proportional)"),
    "ratio_low": ("Ondergrens 95%", "Lower 95%"),
    "ratio_high": ("Bovengrens 95%", "Upper 95%"),
    "p_value": ("p-waarde", "p-value"),
    "under_represented": ("Ondervertegenwoordigd", "Under-represented"),
    "over_represented": ("Oververtegenwoordigd", "Over-represented"),
    "suppressed": ("Verborgen (te kleine groep)", "Hidden (group too small)"),
    "times_less": ("Keer minder bereikt", "Times less reached"),
    "description": ("Toelichting", "Explanation"),
    "best_channel": ("Beste kanaal", "Best channel"),
    "compared_channel": ("Vergeleken met", "Compared with"),
    "factor": ("Factor", "Factor"),
    "chi2": ("χ²", "χ²"),
    "cohens_w": ("Effectgrootte (w)", "Effect size (w)"),
    "effect_size": ("Effect", "Effect"),
    "dissimilarity": ("Ongelijkheidsindex", "Dissimilarity"),
    "n_missing": ("Zonder waarde", "Without value"),
    "iterations": ("Iteraties", "Iterations"),
    "converged": ("Geconvergeerd", "Converged"),
    "n_trimmed": ("Afgekapte gewichten", "Trimmed weights"),
    "design_effect": ("Design-effect", "Design effect"),
    "effective_sample_size": ("Effectieve n", "Effective n"),
    "statement_id": ("Nr.", "No."),
    "text": ("Stelling", "Statement"),
    "level": ("Niveau", "Level"),
    "n_votes": ("Stemmen", "Votes"),
    "n_agree": ("Eens", "Agree"),
    "n_disagree": ("Oneens", "Disagree"),
    "n_pass": ("Neutraal of overgeslagen", "Neutral or passed"),
    "support": ("Steun (% eens)", "Support (% agree)"),
    "support_low": ("Steun ondergrens 95%", "Support lower 95%"),
    "support_high": ("Steun bovengrens 95%", "Support upper 95%"),
    "low": ("Ondergrens 95%", "Lower 95%"),
    "high": ("Bovengrens 95%", "Upper 95%"),
    "opposition": ("Oneens (%)", "Disagree (%)"),
    "support_weighted": ("Gewogen steun", "Weighted support"),
    "weighted_low": ("Gewogen ondergrens 95%", "Weighted lower 95%"),
    "weighted_high": ("Gewogen bovengrens 95%", "Weighted upper 95%"),
    "n_effective": ("Effectief aantal stemmen", "Effective votes"),
    "consensus": ("Consensus (0–1)", "Consensus (0–1)"),
    "divisiveness": ("Verdeeldheid (0–1)", "Divisiveness (0–1)"),
    "verdict": ("Oordeel", "Verdict"),
    "reasons": ("Onderbouwing", "Reasons"),
    "label": ("Opiniegroep", "Opinion group"),
    "count": ("Aantal", "Number"),
    "share": ("Aandeel in groep", "Share in group"),
    "share_all": ("Aandeel alle ingedeelden", "Share of all placed"),
    "direction": ("Richting", "Direction"),
    "share_group": ("In groep", "In group"),
    "share_rest": ("Rest", "Rest"),
    "n_positive": ("Positief (deelnemers)", "Positive (participants)"),
    "n_negative": ("Negatief (deelnemers)", "Negative (participants)"),
    "net": ("Saldo", "Balance"),
    "indicative_positive": ("Positief (% van deelnemers)", "Positive (% of participants)"),
    "indicative_negative": ("Negatief (% van deelnemers)", "Negative (% of participants)"),
    "file": ("Bestand", "File"),
    "column": ("Kolom of instelling", "Column or setting"),
    "message": ("Melding", "Message"),
    "n_rows": ("Regels", "Rows"),
    "kind": ("Soort aanbod", "Kind of offer"),
    "kinds": ("Soorten aanbod (deelnemers)", "Kinds of offer (participants)"),
    "mix": ("Wie bieden hulp (kleine groepen niet getoond)", "Who offer help (small groups not shown)"),
    "quote": ("Wat de inwoner schreef (zonder persoonsgegevens)", "What the resident wrote (no personal data)"),
    "channel": ("Kanaal", "Channel"),
}


def _sheet(table: str, nl: str, en: str, columns: str) -> Sheet:
    """`columns`: "column:kind" items, or "column@header:kind" where the column needs another header here."""
    items = []
    for item in columns.split():
        name, _, kind = item.partition(":")
        name, _, header = name.partition("@")
        items.append((name, kind or "text", header or name))
    return Sheet(table, {"nl": nl, "en": en}, tuple(items))


SHEETS = (
    _sheet(
        "kompas",
        "Kompas",
        "Compass",
        "opgave n_participants:int share_participants:pct n_inputs:int share_negative:pct share_neutral:pct "
        "share_positive:pct n_offers:int share_offers:pct participation_level advised_level advice top_terms:list",
    ),
    _sheet(
        "kompas_cooperatives",
        "Coöperatie-kandidaten",
        "Cooperative candidates",
        "opgave n_offers:int share_offers:pct kinds:list mix:list description",
    ),
    _sheet("kompas_offers", "Aanbod", "Offers", "opgave kind quote"),
    _sheet(
        "themes",
        "Opgaven",
        "Issues",
        "name size:int n_participants:int seeded:bool key_phrase mean_confidence:pct top_terms:list examples:list",
    ),
    _sheet("counts", "Deelname", "Participation", "dimension_label category n_inputs:int n_participants:int"),
    _sheet(
        "reach_representation",
        "Bereik",
        "Reach",
        "dimension_label category group n:int sample_share:pct population_share:pct ratio:num ratio_low:num "
        "ratio_high:num p_value:p under_represented:bool",
    ),
    _sheet(
        "reach_unusual_suspects",
        "Minder bereikt",
        "Less reached",
        "group sample_share:pct population_share:pct times_less:num description",
    ),
    _sheet("reach_channel_advice", "Kanaaladvies", "Channel advice", "group best_channel compared_channel advice"),
    _sheet(
        "reach_dimension_tests",
        "Toetsen per kenmerk",
        "Tests per attribute",
        "dimension_label n:int n_missing:int chi2:num p_value:p cohens_w:num effect_size dissimilarity:pct",
    ),
    _sheet(
        "reach_weight_diagnostics",
        "Weging",
        "Weighting",
        "n_participants:int converged:bool iterations:int design_effect:num effective_sample_size:int n_trimmed:int",
    ),
    _sheet(
        "draagvlak_statements",
        "Stellingen",
        "Statements",
        "statement_id text theme level n_votes:int n_agree:int n_disagree:int n_pass:int support:pct "
        "support_low:pct support_high:pct support_weighted:pct weighted_low:pct weighted_high:pct "
        "n_effective:int consensus:num divisiveness:num verdict reasons",
    ),
    _sheet(
        "draagvlak_group_support",
        "Steun per groep",
        "Support by group",
        "statement_id dimension_label category n:int n_agree:int n_disagree:int support:pct low:pct high:pct",
    ),
    _sheet(
        "draagvlak_group_composition",
        "Opiniegroepen",
        "Opinion groups",
        "label n:int dimension_label category count:int share:pct share_all:pct",
    ),
    _sheet(
        "draagvlak_group_profiles",
        "Kenmerkende stellingen",
        "Characteristic statements",
        "label n:int statement_id text direction share_group:pct share_rest:pct",
    ),
    _sheet(
        "draagvlak_indicative",
        "Indicatief draagvlak",
        "Indicative support",
        "theme n_participants:int n_positive:int n_negative:int share_positive@indicative_positive:pct "
        "share_negative@indicative_negative:pct net:num "
        "verdict reasons",
    ),
    _sheet("warnings", "Waarschuwingen", "Warnings", "file column message n_rows:int"),
)


def sheet_name(sheet: Sheet, language: str) -> str:
    return sheet.name["en" if language == "en" else "nl"][:31]  # Excel's limit


def column_header(key: str, language: str) -> str:
    """The header of a workbook column (a column name, or the header key a sheet gives it)."""
    nl, en = _C.get(key, (key, key))
    return en if language == "en" else nl
