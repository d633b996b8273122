"""What the reports say around the figures: headings, table headers, notes and chart labels, Dutch and English.

One catalogue of texts, looked up by key (`text("card.advice", "nl")`), with `{placeholders}` filled by the
caller. The sentences that depend on analysis codes are in `wording.reach`, `wording.draagvlak`,
`wording.kompas`; the methods sections in `wording.methods`.
"""

from __future__ import annotations

__all__ = ["TEXTS", "text"]

TEXTS: dict[str, dict[str, str]] = {
    "fictional": {
        "nl": "Fictief voorbeeld: deze gemeente, haar inwoners en alle reacties zijn verzonnen om de "
        "werkwijze te tonen. Geen enkel cijfer gaat over een echte gemeente.",
        "en": "Fictional example: this municipality, its residents and all inputs are made up to show the "
        "method. No figure describes a real municipality.",
    },
    "kompas_title": {"nl": "Kompas", "en": "Compass"},
    "draagvlak_title": {"nl": "Draagvlak", "en": "Support"},
    "inputs": {"nl": "reacties", "en": "inputs"},
    "participants": {"nl": "deelnemers", "en": "participants"},
    "voters": {"nl": "stemmers", "en": "voters"},
    "statements": {"nl": "stellingen", "en": "statements"},
    "votes": {"nl": "stemmen", "en": "votes"},
    "themes": {"nl": "opgaven", "en": "issues"},
    "period": {"nl": "Periode", "en": "Period"},
    "generated": {"nl": "Gemaakt met cocreatie-analysis", "en": "Made with cocreatie-analysis"},
    "none": {"nl": "Geen gegevens.", "en": "No data."},
    "card.default_level": {"nl": " (standaard)", "en": " (default)"},
    "card.figures": {
        "nl": "{n_participants} deelnemers met een reactie hierover ({share_participants} van wie "
        "reageerde), {n_inputs} reacties · zorg of klacht {share_negative}, neutraal "
        "{share_neutral}, waardering {share_positive} · {n_offers} bieden hulp aan · "
        "participatieniveau: {level}",
        "en": "{n_participants} participants with an input on this ({share_participants} of those who "
        "responded), {n_inputs} inputs · concern {share_negative}, neutral {share_neutral}, "
        "appreciation {share_positive} · {n_offers} offer to help · participation level: {level}",
    },
    "card.advice": {"nl": "Advies", "en": "Advice"},
    "card.typical_words": {"nl": "Kenmerkende woorden", "en": "Typical words"},
    "card.concerns": {"nl": "Zorgen en klachten", "en": "Concerns"},
    "card.appreciation": {"nl": "Waardering en ideeën", "en": "Appreciation and ideas"},
    "card.offers": {"nl": "Wat bewoners zelf aanbieden", "en": "What residents offer"},
    "data_notes": {
        "nl": "Bij het inlezen van de gegevens gaven {n} regels een waarschuwing (bijvoorbeeld een lege "
        "reactie die is overgeslagen). De gemeente kan de details opvragen bij wie dit rapport maakte.",
        "en": "While reading the data, {n} rows gave a warning (for example an empty input that was "
        "skipped). Details are available from whoever made this report.",
    },
    "data_notes.setup": {
        "nl": "Meldingen over de opzet van de gegevens (technisch, voor wie dit rapport maakte); elk kan een "
        "kenmerk of opgave uit dit rapport hebben gehouden:",
        "en": "Notes on how the data were set up (technical, for whoever made this report); each may have kept "
        "an attribute or issue out of this report:",
    },
    "verdict_counts": {"nl": "Oordelen over de stellingen — ", "en": "Verdicts on the statements — "},
    "card.level": {"nl": "niveau", "en": "level"},
    "rule.level": {"nl": "Participatieniveau", "en": "Participation level"},
    "rule.min_votes": {"nl": "Minimaal aantal stemmen", "en": "Minimum votes"},
    "rule.support": {"nl": "Drempel draagvlak", "en": "Support threshold"},
    "rule.broad_support": {"nl": "Drempel breed draagvlak", "en": "Broad support threshold"},
    "rule.min_group_support": {"nl": "Minimale steun in elke groep", "en": "Minimum support in every group"},
    "rule.max_divisiveness": {"nl": "Maximale verdeeldheid", "en": "Maximum divisiveness"},
    "rule.group_difference": {"nl": "Groepsverschil dat telt", "en": "Group difference that counts"},
    "rule.require_reach": {"nl": "Voldoende bereik vereist", "en": "Sufficient reach required"},
    "plot.participants": {"nl": "Deelnemers", "en": "Participants"},
    "plot.share": {"nl": "Aandeel", "en": "Share"},
    "plot.negative": {"nl": "Zorg of klacht", "en": "Concern"},
    "plot.neutral": {"nl": "Neutraal", "en": "Neutral"},
    "plot.positive": {"nl": "Waardering", "en": "Appreciation"},
    "plot.ratio": {"nl": "Vertegenwoordiging (1 = naar verhouding)", "en": "Representation (1 = proportional)"},
    "plot.support": {"nl": "Steun", "en": "Support"},
    "plot.raw": {"nl": "Ongewogen", "en": "Unweighted"},
    "plot.weighted": {"nl": "Gewogen naar bevolking", "en": "Weighted to population"},
    "plot.offers": {"nl": "Aanbod om bij te dragen", "en": "Offers to contribute"},
    "plot.inputs": {"nl": "Reacties", "en": "Inputs"},
    "plot.channel": {"nl": "Kanaal", "en": "Channel"},
    "plot.group": {"nl": "Groep", "en": "Group"},
    "plot.statement": {"nl": "Stelling", "en": "Statement"},
    "plot.sample": {"nl": "Deelnemers", "en": "Participants"},
    "plot.population": {"nl": "Bevolking", "en": "Population"},
    "plot.kompas_ranking": {
        "nl": "Opgaven naar aantal deelnemers, met de toon van de reacties",
        "en": "Issues by number of participants, with the tone of the inputs",
    },
    "plot.offers_title": {"nl": "Wie wil zelf bijdragen, per opgave", "en": "Who offers to contribute, by issue"},
    "plot.channels_title": {"nl": "Reacties per kanaal", "en": "Inputs by channel"},
    "plot.reach_title": {"nl": "Wie is bereikt: deelnemers t.o.v. bevolking", "en": "Who was reached"},
    "plot.support_title": {"nl": "Steun per stelling (met 95%-interval)", "en": "Support per statement (95% interval)"},
    "plot.group_title": {"nl": "Steun per {name}", "en": "Support by {name}"},
    "plot.issue": {"nl": "Opgave", "en": "Issue"},
    "none_short": {"nl": "geen", "en": "none"},
    "chart.table": {"nl": "De cijfers bij deze grafiek", "en": "The figures behind this chart"},
    "alt.kompas_ranking": {
        "nl": "Staafdiagram van de opgaven naar aantal reacties, elke staaf verdeeld in zorg, neutraal en "
        "waardering: {items}.",
        "en": "Bar chart of the issues by number of inputs, each bar split into concern, neutral and "
        "appreciation: {items}.",
    },
    "alt.offers": {
        "nl": "Staafdiagram van het aantal deelnemers dat hulp aanbiedt, per opgave: {items}.",
        "en": "Bar chart of the number of participants offering help, by issue: {items}.",
    },
    "alt.channels": {
        "nl": "Staafdiagram van het aantal reacties per kanaal: {items}.",
        "en": "Bar chart of the number of inputs by channel: {items}.",
    },
    "alt.reach": {
        "nl": "Puntdiagram van hoe vaak {n} groepen bereikt zijn ten opzichte van hun aandeel in de bevolking "
        "(1 = naar verhouding), met 95%-intervallen. Duidelijk ondervertegenwoordigd: {under}.",
        "en": "Dot chart of how often {n} groups were reached relative to their share of the population "
        "(1 = proportional), with 95% intervals. Clearly under-represented: {under}.",
    },
    "alt.support": {
        "nl": "Puntdiagram van de steun voor {n} stellingen, ongewogen en gewogen naar de bevolking, met "
        "95%-intervallen; de stippellijn staat op 50%.",
        "en": "Dot chart of the support for {n} statements, unweighted and weighted to the population, with "
        "95% intervals; the dotted line is at 50%.",
    },
    "alt.heatmap": {
        "nl": "Tabel in kleur: de steun voor {n} stellingen in {k} groepen naar {name}; in elk vak het "
        "percentage eens en het aantal stemmers, lege vakken zijn te kleine groepen.",
        "en": "Colour table: support for {n} statements in {k} groups by {name}; each cell shows the share "
        "agreeing and the number of voters, empty cells are groups too small to show.",
    },
    "alt.shares": {
        "nl": "Staafdiagram van het aandeel deelnemers en het aandeel in de bevolking per groep naar {name}.",
        "en": "Bar chart of the share of participants and of the population per group by {name}.",
    },
    "direction.agree": {"nl": "eens", "en": "agree"},
    "direction.disagree": {"nl": "oneens", "en": "disagree"},
    "label.offer_to_help": {"nl": "bieden hulp aan", "en": "offer to help"},
    "label.summary": {"nl": "In het kort", "en": "In brief"},
    "label.what_do_residents_care": {"nl": "Waar gaat het inwoners om?", "en": "What do residents care about?"},
    "kompas.the_issues_below_were": {
        "nl": "De opgaven hieronder zijn gevonden in de reacties zelf en gerangschikt naar "
        "het aantal deelnemers dat erover begon. Per opgave staat hoeveel reacties "
        "een zorg of klacht zijn en hoeveel waardering uitspreken.",
        "en": "The issues below were found in the inputs themselves, ranked by the number "
        "of participants who raised them, with the share of concerns and of "
        "appreciation.",
    },
    "label.issue": {"nl": "Opgave", "en": "Issue"},
    "label.participants": {"nl": "Deelnemers", "en": "Participants"},
    "label.inputs": {"nl": "Reacties", "en": "Inputs"},
    "label.concern": {"nl": "Zorg of klacht (% van reacties)", "en": "Concern (% of inputs)"},
    "label.appreciation": {"nl": "Waardering (% van reacties)", "en": "Appreciation (% of inputs)"},
    "label.offer_help": {"nl": "Bieden hulp (deelnemers)", "en": "Offer help (participants)"},
    "label.advised_level": {"nl": "Geadviseerd niveau", "en": "Advised level"},
    "label.level": {"nl": "Niveau", "en": "Level"},
    "label.the_issues_one_by": {"nl": "De opgaven één voor één", "en": "The issues one by one"},
    "label.what_do_residents_want": {
        "nl": "Wat willen inwoners zelf bijdragen?",
        "en": "What do residents want to contribute?",
    },
    "kompas.inputs_in_which_someone": {
        "nl": "Reacties waarin iemand aanbiedt zelf iets te doen (meehelpen, "
        "organiseren, meedenken). Zij zijn de eerste partners voor coproductie, "
        "bijvoorbeeld in een maatschappelijke coöperatie.",
        "en": "Inputs in which someone offers to do something themselves (help, "
        "organise, think along): the first partners for co-production.",
    },
    "label.cooperative_candidates": {"nl": "Coöperatiekandidaten", "en": "Cooperative candidates"},
    "kompas.cooperatives_intro": {
        "nl": "Opgaven waarbij ten minste {n} deelnemers zelf hulp aanbieden: hoeveel, wat voor hulp en wie "
        "het zijn. Groepen kleiner dan {min_cell_size} deelnemers worden niet getoond. Alle aanbiedingen staan "
        "in het werkblad ‘Aanbod’ van tabellen.xlsx.",
        "en": "Issues on which at least {n} participants offer to help: how many, what kind of help and who they "
        "are. Groups smaller than {min_cell_size} participants are not shown. Every offer is listed in the "
        "‘Offers’ sheet of tabellen.xlsx.",
    },
    "kompas.no_cooperatives": {
        "nl": "Bij geen enkele opgave bieden {n} of meer deelnemers hulp aan.",
        "en": "On no issue do {n} or more participants offer to help.",
    },
    "card.cooperative_figures": {
        "nl": "{n_offers} deelnemers bieden hulp ({share_offers} van wie over deze opgave schreef)",
        "en": "{n_offers} participants offer help ({share_offers} of those who wrote about this issue)",
    },
    "card.kinds": {"nl": "Wat ze aanbieden", "en": "What they offer"},
    "card.mix": {"nl": "Wie het zijn", "en": "Who they are"},
    "card.offer_examples": {"nl": "In hun eigen woorden", "en": "In their own words"},
    "label.who_took_part": {"nl": "Wie deden mee?", "en": "Who took part?"},
    "kompas.groups_reached_clearly_less": {
        "nl": "Groepen die duidelijk minder vaak zijn bereikt dan hun aandeel in de bevolking:",
        "en": "Groups reached clearly less often than their share of the population:",
    },
    "kompas.the_support_report_goes": {
        "nl": "Het draagvlakrapport gaat dieper in op bereik en weging.",
        "en": "The support report goes deeper into reach and weighting.",
    },
    "kompas.no_participant_data_or": {
        "nl": "Geen deelnemersgegevens of bevolkingscijfers: het bereik is niet te beoordelen.",
        "en": "No participant data or population figures: reach cannot be assessed.",
    },
    "label.how_was_this_made": {"nl": "Hoe is dit gemaakt?", "en": "How was this made?"},
    "label.summary_verdict_per_statement": {
        "nl": "Oordeel per stelling",
        "en": "Verdict per statement",
    },
    "draagvlak.there_were_no_votes": {
        "nl": "Er is niet gestemd op stellingen; hieronder staat alleen het indicatieve "
        "draagvlak per opgave, afgeleid uit de toon van de reacties.",
        "en": "There were no votes on statements; below is only the indicative support "
        "per issue, derived from the tone of the inputs.",
    },
    "label.statement": {"nl": "Stelling", "en": "Statement"},
    "label.votes": {"nl": "Stemmen", "en": "Votes"},
    "label.support": {"nl": "Steun (% eens)", "en": "Support (% agree)"},
    "label.weighted": {"nl": "Gewogen steun", "en": "Weighted support"},
    "label.consensus": {"nl": "Consensus (0–1)", "en": "Consensus (0–1)"},
    "label.effect_size": {"nl": "Effectgrootte (w)", "en": "Effect size (w)"},
    "label.chi2": {"nl": "χ²", "en": "χ²"},
    "label.input_participants": {"nl": "deelnemers met een reactie", "en": "participants with an input"},
    "label.all_participants": {"nl": "deelnemers in totaal", "en": "participants in all"},
    "label.p_value": {"nl": "p-waarde", "en": "p-value"},
    "label.n_participants_with_value": {"nl": "Deelnemers met dit kenmerk", "en": "Participants with a value"},
    "label.terms": {"nl": "Wat de kolommen betekenen", "en": "What the columns mean"},
    "term.support": {
        "nl": "het aandeel van de stemmers dat het eens is; neutraal stemmen en overslaan tellen mee in het totaal.",
        "en": "the share of voters who agree; neutral votes and passes count in the total.",
    },
    "term.weighted": {
        "nl": "de steun als elke groep zo zwaar telt als haar aandeel in de bevolking (de weging hieronder).",
        "en": "support with every group counted by its share of the population (the weighting below).",
    },
    "term.consensus": {
        "nl": "de kans dat alle opiniegroepen het met de stelling eens zijn; dicht bij 1 is overal steun.",
        "en": "the chance that every opinion group agrees with the statement; close to 1 means support everywhere.",
    },
    "term.divisiveness": {
        "nl": "hoe ver de steun van de opiniegroepen uiteenloopt; 0 is gelijk, 1 is tegenovergesteld.",
        "en": "how far the opinion groups' support differs; 0 is equal, 1 is opposite.",
    },
    "term.chi2": {
        "nl": "toetsgrootheid (chikwadraat) voor de vraag of de deelnemers anders zijn samengesteld dan de "
        "bevolking; hoe groter, hoe meer afwijking.",
        "en": "test statistic (chi-square) for whether participants are composed differently from the "
        "population; the larger, the more they differ.",
    },
    "term.p_value": {
        "nl": "de kans op minstens zo'n afwijking als de deelnemers wél een afspiegeling waren; onder 0,05 "
        "noemen we de afwijking duidelijk.",
        "en": "the chance of at least this difference if participants did mirror the population; below 0.05 we "
        "call the difference clear.",
    },
    "term.effect_size": {
        "nl": "hoe groot de afwijking is, los van het aantal deelnemers (Cohen's w): rond 0,1 klein, 0,3 "
        "middelgroot, 0,5 groot.",
        "en": "how large the difference is, regardless of the number of participants (Cohen's w): about 0.1 "
        "small, 0.3 medium, 0.5 large.",
    },
    "term.dissimilarity": {
        "nl": "welk deel van de deelnemers van groep zou moeten wisselen om een precieze afspiegeling te zijn.",
        "en": "the share of participants who would have to change group for an exact reflection.",
    },
    "term.design_effect": {
        "nl": "hoeveel onzekerder gewogen cijfers worden doordat de gewichten uiteenlopen; 2 betekent twee "
        "keer zo grote onzekerheid in de kwadraten (de effectieve n halveert).",
        "en": "how much less certain weighted figures become because weights differ; 2 means the effective n "
        "is halved.",
    },
    "term.effective_n": {
        "nl": "het aantal deelnemers waarmee de gewogen cijfers even zeker zijn als een aselecte steekproef van "
        "die omvang.",
        "en": "the number of participants for which the weighted figures are as certain as a random sample of "
        "that size.",
    },
    "term.trimmed_weights": {
        "nl": "gewichten die zijn afgetopt, zodat geen deelnemer de uitkomst te zwaar bepaalt.",
        "en": "weights that were capped, so no single participant weighs too heavily.",
    },
    "label.verdict": {"nl": "Oordeel", "en": "Verdict"},
    "label.was_everyone_reached": {"nl": "Is iedereen bereikt?", "en": "Was everyone reached?"},
    "draagvlak.groups_that_took_part": {
        "nl": "Groepen die duidelijk minder vaak meededen dan hun aandeel in de bevolking (de unusual suspects):",
        "en": "Groups that took part clearly less often than their share of the population (the unusual suspects):",
    },
    "label.which_channel_reached_whom": {"nl": "Welk kanaal bereikte wie?", "en": "Which channel reached whom?"},
    "label.tests_per_attribute": {"nl": "Toetsen per kenmerk", "en": "Tests per attribute"},
    "label.weighting": {"nl": "Weging", "en": "Weighting"},
    "label.caveats_on_reach_and": {"nl": "Kanttekeningen bij bereik en weging", "en": "Caveats on reach and weighting"},
    "draagvlak.no_participant_data_or": {
        "nl": "Geen deelnemersgegevens of bevolkingscijfers: het bereik is niet te "
        "beoordelen en de steun kan niet worden gewogen.",
        "en": "No participant data or population figures: reach cannot be assessed and support cannot be weighted.",
    },
    "label.attribute": {"nl": "Kenmerk", "en": "Attribute"},
    "label.dissimilarity": {"nl": "Ongelijkheidsindex", "en": "Dissimilarity"},
    "label.converged": {"nl": "Geconvergeerd", "en": "Converged"},
    "label.iterations": {"nl": "Iteraties", "en": "Iterations"},
    "label.design_effect": {"nl": "Design-effect", "en": "Design effect"},
    "label.effective_n": {"nl": "Effectieve n", "en": "Effective n"},
    "label.trimmed_weights": {"nl": "Afgekapte gewichten", "en": "Trimmed weights"},
    "label.support_by_group": {"nl": "Steun per groep", "en": "Support by group"},
    "draagvlak.empty_cells_too_few": {
        "nl": "Lege vakken: te weinig stemmers in die groep om apart te tonen.",
        "en": "Empty cells: too few voters in that group to show on their own.",
    },
    "label.opinion_groups": {"nl": "Opiniegroepen", "en": "Opinion groups"},
    "label.support_by_opinion_group": {"nl": "Steun per opiniegroep", "en": "Support by opinion group"},
    "label.statements_per_group": {
        "nl": "Kenmerkende stellingen per groep",
        "en": "Statements that characterise each group",
    },
    "draagvlak.statements_that_set_groups_apart": {
        "nl": "Per groep de stellingen waarover zij het duidelijkst anders stemde dan de rest (de representatieve "
        "stellingen van Pol.is).",
        "en": "Per group the statements on which it voted most clearly unlike the rest (Pol.is' representative "
        "statements).",
    },
    "label.where_do_all_groups": {"nl": "Waar zijn alle groepen het over eens?", "en": "Where do all groups agree?"},
    "label.where_do_groups_diverge": {"nl": "Waar lopen de groepen uiteen?", "en": "Where do groups diverge?"},
    "label.group": {"nl": "Groep", "en": "Group"},
    "label.direction": {"nl": "Richting", "en": "Direction"},
    "label.in_group": {"nl": "In groep", "en": "In group"},
    "label.rest": {"nl": "Rest", "en": "Rest"},
    "label.divisiveness": {"nl": "Verdeeldheid", "en": "Divisiveness"},
    "label.verdict_and_reasons_per": {
        "nl": "Oordeel en onderbouwing per stelling",
        "en": "Verdict and reasons per statement",
    },
    "draagvlak.indicative_support_per_issue": {
        "nl": "Indicatief draagvlak per opgave (zonder stemmen)",
        "en": "Indicative support per issue (without votes)",
    },
    "draagvlak.indicative_derived_from_the": {
        "nl": "Indicatief: afgeleid uit de toon van de reacties, niet uit stemmen.",
        "en": "Indicative: derived from the tone of inputs, not from votes.",
    },
    "label.positive": {"nl": "Positief (% van deelnemers)", "en": "Positive (% of participants)"},
    "label.negative": {"nl": "Negatief (% van deelnemers)", "en": "Negative (% of participants)"},
    "label.balance": {"nl": "Saldo", "en": "Balance"},
    "label.indication": {"nl": "Indicatie", "en": "Indication"},
    "kompas.unthemed_share": {
        "nl": "{share:.0%} van de reacties past bij geen enkele opgave (te kort, of over iets anders).",
        "en": "{share:.0%} of inputs fit no issue (too short, or about something else).",
    },
}


def text(key: str, language: str, **params) -> str:
    """The text for `key` in `language` ("en", else Dutch), with `params` filled in."""
    entry = TEXTS[key]
    template = entry["en" if language == "en" else "nl"]
    return template.format(**params) if params else template
