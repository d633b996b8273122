"""What a report shows: headings, key figures, escaped tables and quotes, in Dutch or English.

Notebooks stay thin: they load a municipality's processed results with `Report.load` and call the methods
here and the figure factories in `plots`. All resident text passes through `html.escape` on its way out
(it is untrusted: it may hold `<script>`), and quotes were already PII-redacted by the pipeline.
"""
from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd

from ..pipeline import Results, load_results
from ..wording.labels import dimension_label

WORDS = {
    "nl": {
        "fictional": "Fictief voorbeeld: deze gemeente, haar inwoners en alle reacties zijn verzonnen om de "
                     "werkwijze te tonen. Geen enkel cijfer gaat over een echte gemeente.",
        "kompas_title": "Kompas", "draagvlak_title": "Draagvlak",
        "inputs": "reacties", "participants": "deelnemers", "voters": "stemmers", "statements": "stellingen",
        "votes": "stemmen", "themes": "opgaven", "period": "Periode", "generated": "Gemaakt met cocreatie-analysis",
        "none": "Geen gegevens.",
    },
    "en": {
        "fictional": "Fictional example: this municipality, its residents and all inputs are made up to show the "
                     "method. No figure describes a real municipality.",
        "kompas_title": "Compass", "draagvlak_title": "Support",
        "inputs": "inputs", "participants": "participants", "voters": "voters", "statements": "statements",
        "votes": "votes", "themes": "issues", "period": "Period", "generated": "Made with cocreatie-analysis",
        "none": "No data.",
    },
}


def _display(html_text: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html_text))


def esc(value) -> str:
    """Any value as HTML-safe text (resident text is untrusted)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def fmt(value, kind: str = "text", language: str = "nl") -> str:
    """A cell formatted for a reader: percentages, ratios, p-values, whole numbers, yes/no; missing stays empty.

    Dutch reports use a decimal comma and a thousands dot (0,25; 1.234), English ones the reverse.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    nl = language != "en"

    def number(text: str) -> str:
        return text.translate(str.maketrans(",.", ".,")) if nl else text

    if isinstance(value, (bool, np.bool_)):
        return ("ja" if value else "nee") if nl else ("yes" if value else "no")
    if kind == "pct":
        return number(f"{float(value):.0%}")
    if kind in ("ratio", "num"):
        return number(f"{float(value):,.2f}")
    if kind == "p":
        return number("< 0.001") if float(value) < 0.001 else number(f"{float(value):.3f}")
    if kind == "int":
        return number(f"{int(round(float(value))):,}")
    if kind == "list":
        return ", ".join(str(v) for v in value)
    if kind == "direction":
        return {"agree": "eens", "disagree": "oneens"}.get(str(value), str(value)) if nl else str(value)
    return str(value)


class Report:
    """One municipality's processed results plus the language and the wording for showing them."""

    def __init__(self, results: Results):
        self.results = results
        self.summary = results["summary"].iloc[0]
        self.language = "en" if self.summary["language"] == "en" else "nl"
        self.min_cell_size = int(self.summary["min_cell_size"])

    @classmethod
    def load(cls, processed_dir: str | Path, gemeente: str) -> Report:
        return cls(load_results(Path(processed_dir) / gemeente))

    def word(self, key: str) -> str:
        return WORDS[self.language].get(key, key)

    def t(self, nl: str, en: str) -> str:
        """Pick the text for the report's language (for sentences that live in a notebook cell)."""
        return en if self.language == "en" else nl

    def table(self, name: str) -> pd.DataFrame | None:
        return self.results.get(name)

    def has(self, name: str) -> bool:
        table = self.results.get(name)
        return table is not None and not table.empty

    # ---- output helpers -------------------------------------------------------------------------------
    def heading(self, text: str, level: int = 2) -> None:
        _display(f"<h{level}>{esc(text)}</h{level}>")

    def paragraph(self, text: str, css: str = "") -> None:
        """A paragraph of plain text (escaped); use for sentences that contain data or resident words."""
        _display(f'<p class="{esc(css)}">{esc(text)}</p>' if css else f"<p>{esc(text)}</p>")

    def bullets(self, items, css: str = "") -> None:
        items = [i for i in items if isinstance(i, str) and i.strip()]
        if not items:
            self.paragraph(self.word("none"), "muted")
            return
        body = "".join(f"<li>{esc(i)}</li>" for i in items)
        _display(f'<ul class="{esc(css)}">{body}</ul>')

    def quotes(self, items) -> None:
        """Resident quotes (already PII-redacted by the pipeline), escaped."""
        items = [i for i in (items if items is not None else []) if isinstance(i, str) and i.strip()]
        if items:
            _display("".join(f'<blockquote class="quote">{esc(q)}</blockquote>' for q in items))

    def show_table(self, frame: pd.DataFrame | None, columns: dict[str, tuple[str, str]],
                   max_rows: int | None = None) -> None:
        """An escaped HTML table; `columns` maps column -> (header, kind) with kind as in `fmt`."""
        if frame is None or frame.empty:
            self.paragraph(self.word("none"), "muted")
            return
        frame = frame if max_rows is None else frame.head(max_rows)
        present = [c for c in columns if c in frame.columns]
        head = "".join(f"<th>{esc(columns[c][0])}</th>" for c in present)
        body = []
        for _, row in frame.iterrows():
            cells = []
            for c in present:
                kind = columns[c][1]
                align = ' class="num"' if kind in ("pct", "ratio", "int", "num", "p") else ""
                cells.append(f"<td{align}>{esc(fmt(row[c], kind, self.language))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        _display(f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')

    def key_figures(self, items: list[tuple[str, object]]) -> None:
        cells = "".join(f'<div class="figure"><div class="value">{esc(fmt(v, "int", self.language))}</div>'
                        f'<div class="label">{esc(k)}</div></div>' for k, v in items)
        _display(f'<div class="key-figures">{cells}</div>')

    def title(self, kind: str) -> None:
        """Report title, fictional-data banner and the process it is about."""
        s = self.summary
        parts = [f'<h1>{esc(self.word(kind + "_title"))}: {esc(s["name"])}</h1>']
        if bool(s["fictional"]):
            parts.append(f'<div class="banner fictional">{esc(self.word("fictional"))}</div>')
        if s["title"]:
            period = ""
            if s["period_start"]:
                period = f' · {esc(self.word("period"))} {esc(s["period_start"])} – {esc(s["period_end"])}'
            parts.append(f'<p class="subtitle">{esc(s["title"])}{period}</p>')
        _display("".join(parts))

    def dimension_label(self, dimension: str) -> str:
        return dimension_label(dimension, self.language)

    def dimension_labels(self) -> dict[str, str]:
        """Readable names of the dimensions in the reach results (empty without them)."""
        table = self.table("reach_representation")
        dims = [] if table is None else table["dimension"].unique()
        return {d: dimension_label(d, self.language) for d in dims}

    # ---- kompas -----------------------------------------------------------------------------------------
    def opgave_card(self, row) -> None:
        """One opgave of the kompas: figures, advice, typical words, and residents' own words."""
        t = self.t
        level = row["participation_level"] + ("" if row.get("level_chosen", True) else t(" (standaard)", " (default)"))
        figures = t(f"{fmt(row['n_participants'], 'int')} deelnemers met een reactie hierover "
                    f"({fmt(row['share_participants'], 'pct')} van wie reageerde), "
                    f"{fmt(row['n_inputs'], 'int')} reacties · zorg of klacht {fmt(row['share_negative'], 'pct')}, "
                    f"neutraal {fmt(row['share_neutral'], 'pct')}, waardering {fmt(row['share_positive'], 'pct')} · "
                    f"{fmt(row['n_offers'], 'int')} bieden hulp aan · participatieniveau: {level}",
                    f"{fmt(row['n_participants'], 'int')} participants with an input on this "
                    f"({fmt(row['share_participants'], 'pct')} of those who responded), "
                    f"{fmt(row['n_inputs'], 'int')} inputs · concern {fmt(row['share_negative'], 'pct')}, "
                    f"neutral {fmt(row['share_neutral'], 'pct')}, appreciation {fmt(row['share_positive'], 'pct')} · "
                    f"{fmt(row['n_offers'], 'int')} offer to help · participation level: {level}")
        parts = [f'<div class="opgave"><h3>{esc(row["opgave"])}</h3><p class="muted">{esc(figures)}</p>',
                 f"<p><strong>{esc(t('Advies', 'Advice'))}:</strong> {esc(row['advice'])}</p>",
                 f"<p><strong>{esc(t('Kenmerkende woorden', 'Typical words'))}:</strong> "
                 f"{esc(fmt(row['top_terms'], 'list'))}</p>"]
        for key, nl, en in (("concerns", "Zorgen en klachten", "Concerns"),
                            ("appreciation", "Waardering en ideeën", "Appreciation and ideas"),
                            ("offers", "Wat bewoners zelf aanbieden", "What residents offer")):
            quotes = [q for q in (row[key] if row[key] is not None else []) if isinstance(q, str)]
            if len(quotes):
                parts.append(f"<h4>{esc(t(nl, en))}</h4>")
                parts.extend(f'<blockquote class="quote">{esc(q)}</blockquote>' for q in quotes)
        parts.append("</div>")
        _display("".join(parts))

    def methods(self, items_nl: list[str], items_en: list[str]) -> None:
        items = items_en if self.language == "en" else items_nl
        body = "".join(f"<li>{esc(i)}</li>" for i in items)
        _display(f'<div class="methods"><ul>{body}</ul></div>')

    def data_notes(self) -> None:
        """How many input rows the validation flagged (warnings), so readers know what was left out."""
        n = int(self.summary["n_warnings"])
        self.paragraph(self.t(f"Bij het inlezen van de gegevens gaven {n} regels een waarschuwing (bijvoorbeeld een "
                              "lege reactie die is overgeslagen). De gemeente kan de details opvragen bij wie dit "
                              "rapport maakte.",
                              f"While reading the data, {n} rows gave a warning (for example an empty input that "
                              "was skipped). Details are available from whoever made this report."), "muted")

    def kompas_methods_nl(self) -> list[str]:
        from ..kompas import CONCERN_SHARE_FOR_LISTENING, OFFER_SHARE_FOR_COPRODUCTION

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
            "te doen ('ik wil best meehelpen', 'onze vereniging kan …', 'bel me maar'), niet wanneer hij de "
            "gemeente om hulp vraagt.",
            f"Advies over het participatieniveau: bij {OFFER_SHARE_FOR_COPRODUCTION:.0%} of meer deelnemers met een "
            f"aanbod wordt coproduceren genoemd; als {CONCERN_SHARE_FOR_LISTENING:.0%} of meer van de reacties een "
            "zorg is, adviseren we eerst verder te luisteren.",
            "Privacy: e-mailadressen, telefoonnummers, adressen, postcodes met huisnummer, rekeningnummers en "
            "BSN-achtige nummers zijn in alle citaten vervangen door een label zoals [telefoonnummer]. Groepen "
            f"kleiner dan {self.min_cell_size} deelnemers worden nooit apart getoond.",
            "Alle cijfers zijn reproduceerbaar: dezelfde invoer geeft hetzelfde rapport.",
        ]

    def kompas_methods_en(self) -> list[str]:
        from ..kompas import CONCERN_SHARE_FOR_LISTENING, OFFER_SHARE_FOR_COPRODUCTION

        return [
            "Issues: inputs are split into words; stop words and words about tone are left out and compound words "
            "are recognised. Inputs sharing many words form an issue; the model chooses the number of issues "
            "itself. Seed words given by the municipality are starting points, not filters. Inputs that fit no "
            "issue are left out of the ranking.",
            "Tone: each input scores from -1 (concern) to +1 (appreciation) with a sentiment lexicon extended for "
            "municipal subjects, taking negation, intensifiers and 'but' into account; inputs with too little "
            "evidence either way (such as factual questions) are neutral (score 0).",
            "Offers to contribute: an input counts as an offer when someone commits to doing something themselves.",
            f"Participation-level advice: with {OFFER_SHARE_FOR_COPRODUCTION:.0%} or more participants offering help, "
            f"co-production is suggested; when {CONCERN_SHARE_FOR_LISTENING:.0%} or more of inputs are concerns, "
            "we advise listening further first.",
            "Privacy: e-mail addresses, phone numbers, addresses, account numbers and BSN-like numbers are replaced "
            f"in every quote. Groups smaller than {self.min_cell_size} participants are never shown on their own.",
            "All figures are reproducible: the same input gives the same report.",
        ]

    # ---- draagvlak --------------------------------------------------------------------------------------
    def verdict_counts(self, statements: pd.DataFrame) -> None:
        counts = statements["verdict"].value_counts()
        items = [f"{verdict}: {n}" for verdict, n in counts.items()]
        self.paragraph(self.t("Oordelen over de stellingen — ", "Verdicts on the statements — ") + "; ".join(items))

    def verdict_cards(self, statements: pd.DataFrame) -> None:
        """Per statement: its text, the verdict, and the reasons in plain language."""
        parts = []
        for row in statements.itertuples(index=False):
            css = "verdict verdict-" + esc(str(row.verdict).replace(" ", "-"))
            parts.append(f'<div class="opgave"><h3>{esc(row.statement_id)}: {esc(row.text)}</h3>'
                         f'<p><span class="{css}">{esc(row.verdict)}</span> · '
                         f'{esc(self.t("niveau", "level"))}: {esc(row.level)}</p><p>{esc(row.reasons)}</p></div>')
        _display("".join(parts))

    def sentences(self, table_name: str, column: str) -> None:
        """Bullet list of a generated sentence column (e.g. unusual suspects, channel advice)."""
        table = self.table(table_name)
        self.bullets([] if table is None or column not in table.columns else table[column].tolist())

    def draagvlak_methods_nl(self) -> list[str]:
        return [
            "Steun is het aandeel 'eens' van alle stemmen op een stelling; 'neutraal' of 'weet niet' telt mee "
            "als gezien, niet als steun. Het 95%-interval is het Wilson-interval.",
            "Gewogen steun: deelnemers zijn zo gewogen (raking) dat de groep stemmers naar leeftijd, wijk, "
            "herkomst en andere kenmerken lijkt op de bevolking. Het interval gebruikt de effectieve "
            "steekproefomvang (Kish), die kleiner is naarmate de gewichten ongelijker zijn.",
            "Opiniegroepen worden zoals in Pol.is gevonden uit het stemgedrag zelf (hoofdcomponenten en "
            "k-means, het aantal groepen gekozen met de silhouetscore). Deelnemers met minder dan 7 stemmen "
            "worden niet ingedeeld.",
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
            "de drempel uit gemeente.yaml ligt (standaard 0,67).",
            "Design-effect en effectieve n: hoe ongelijker de gewichten, hoe minder de steekproef waard is; een "
            "design-effect van 2 halveert de effectieve steekproefomvang.",
            "Het oordeel per stelling volgt regels die de raad per participatieniveau vastlegt "
            "(gemeente.yaml, onderdeel draagvlak); de tabel hieronder toont de gebruikte drempels.",
            "Zonder stemmen is het draagvlak per opgave alleen indicatief: het saldo van positieve en negatieve "
            "reacties. Toon in vrije tekst is geen stem.",
            f"Groepen kleiner dan {self.min_cell_size} deelnemers worden nooit apart getoond.",
        ]

    RULE_LABELS = {
        "level": ("Participatieniveau", "Participation level"), "min_votes": ("Minimaal aantal stemmen", "Minimum votes"),
        "support": ("Drempel draagvlak", "Support threshold"), "broad_support": ("Drempel breed draagvlak",
                                                                               "Broad support threshold"),
        "min_group_support": ("Minimale steun in elke groep", "Minimum support in every group"),
        "max_divisiveness": ("Maximale verdeeldheid", "Maximum divisiveness"),
        "group_difference": ("Groepsverschil dat telt", "Group difference that counts"),
        "require_reach": ("Voldoende bereik vereist", "Sufficient reach required"),
    }

    def rules_table(self, rules: pd.DataFrame) -> None:
        """The verdict rules in force per participation level, with readable names."""
        kinds = {c: ("text" if c == "level" else "int" if c == "min_votes" else
                     "text" if c == "require_reach" else "pct" if c != "max_divisiveness" else "num")
                 for c in rules.columns}
        self.show_table(rules, {c: (self.t(*self.RULE_LABELS.get(c, (c, c))), kinds[c]) for c in rules.columns})

    def draagvlak_methods_en(self) -> list[str]:
        return [
            "Support is the share of 'agree' among all votes on a statement; a pass counts as seen, not as "
            "support. The 95% interval is the Wilson interval.",
            "Weighted support: participants are weighted (raking) so the voters resemble the population by age, "
            "district, origin and other attributes. The interval uses Kish's effective sample size.",
            "Opinion groups are found from the votes as in Pol.is (principal components and k-means, the number "
            "of groups chosen by silhouette). Participants with fewer than 7 votes are not placed.",
            "Consensus (0 to 1) is Pol.is' group-informed consensus: the product over opinion groups of "
            "(agree + 1) / (seen + 2); two groups that each agree 80% give about 0.64.",
            "Divisiveness (0 to 1) is half the difference in net agreement between the most and the least agreeing "
            "opinion group.",
            "Reach: a chi-square test per attribute compares participants with the population; Cohen's w gives the "
            "size of the difference and the dissimilarity index the share that would have to change group. A group "
            "is under-represented when even the upper bound of its 95% interval is below the threshold (default "
            "0.67).",
            "Design effect and effective n: the more unequal the weights, the less the sample is worth.",
            "The verdict per statement follows rules the council sets per participation level (gemeente.yaml, "
            "section draagvlak); the table below shows the thresholds used.",
            "Without votes, support per issue is only indicative: the balance of positive and negative inputs.",
            f"Groups smaller than {self.min_cell_size} participants are never shown on their own.",
        ]
