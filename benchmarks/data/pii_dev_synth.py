"""Build `pii_dev_synth.csv`: generated sentences that put random real Dutch street names, postcodes and house
numbers in the notations residents use, plus look-alikes that must survive.

Why: hand-written sets hold a few dozen streets, mostly "...straat" and "...laan". This set samples street
names at random from the BAG list that deduce ships (so also "Op de Was", "Stegen", "Hobbe van Baerdtstraat",
"Laan 1940-1945"), writes them in their own case, in lower case or in capitals, with every house-number
notation (12a, 12 A, 12-2, 12-bis, 12 hs, 12-II, nr. 12 ...), in sentences with and without an address cue.
The street detector reads the same list, so this set measures robustness to notation and context, not
whether a street no list knows is found (the hand-written sets do that). Seeded, so the set is stable.

    python benchmarks/data/pii_dev_synth.py            # writes benchmarks/data/pii_dev_synth.csv
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cocreatie_analysis.text.pii.name_lists import _deduce_list  # noqa: E402

SEED = 20240611
N_STREETS = 300
N_POSTCODES = 80
N_NEGATIVES = 120

# {s} street + number (the span), {pc} postcode, {pl} place
STREET_TEMPLATES = [
    "Ik woon op de {s} en de stoep is kapot.",
    "Wij wonen aan de {s}, al twintig jaar.",
    "Mijn adres is {s}.",
    "Adres: {s}, {pc} {pl}",
    "{s}, {pc} {pl}",
    "Er staat al weken een kapotte fiets voor {s}.",
    "De buren van {s} maken elke nacht lawaai.",
    "Kunt u langskomen bij {s}? Ik ben thuis na vijf.",
    "Het gaat om de woning op {s}.",
    "Graag een reactie naar {s}.",
    "mijn moeder woont {s} en kan niet meer lopen",
    "ter hoogte van {s} ligt een gat in de weg",
    "Het pakket is bezorgd op {s} in plaats van bij mij.",
    "bewoners van {s} klagen over de bomen",
    "Wij zijn verhuisd naar {s}.",
]
NUMBER_FORMATS = [
    "{n}",
    "{n}",
    "{n}",
    "{n}{l}",
    "{n} {L}",
    "{n}-{L}",
    "{n}-{m}",
    "{n}-bis",
    "{n} bis",
    "{n}-hs",
    "{n} hs",
    "{n}-II",
    "{n} III",
    "nr. {n}",
    "nr {n}",
    "{n}{L}",
]
POSTCODE_TEMPLATES = [
    "Mijn postcode is {c}.",
    "postcode {c}, huisnummer {n}",
    "Wij wonen in {c} {pl}.",
    "{c} {pl}",
    "Adres: {street} {n}, {c} {pl}",
    "pc {c} nr {n}",
    "Stuur het naar {c} {pl}, dank je.",
]
PLACES = ["Brugvliet", "Utrecht", "Rotterdam", "Zwolle", "Leiden", "Tilburg", "Groningen", "Delft", "Venlo", "Assen"]
# Look-alikes: a capitalised word + number, amounts, years, units.
NEGATIVE_TEMPLATES = [
    "Bus {n} rijdt niet meer na acht uur.",
    "In {y} en {y2} wordt de weg vernieuwd.",
    "Er is {k} {u} afval opgehaald.",
    "De vergadering is om {h}.{mm} uur.",
    "Op {d} {month} is de markt gesloten.",
    "Groep {g} van de school gaat op kamp.",
    "Er wonen {k} mensen in de wijk.",
    "Het kost {k} euro per jaar.",
    "Lijn {n} en lijn {n2} stoppen hier niet meer.",
    "We hebben {n} bomen geplant.",
    "Zie Bijlage {g} en Hoofdstuk {g}.",
    "Op de {street} staan {g} bankjes.",
    "Vanaf {y} mag je op de {street} niet meer parkeren.",
    "De {street} is {k} meter lang.",
    "De A{g}{g} staat vast en de N{n} ook.",
]
UNITS = ["kg", "km", "mg", "ml", "ha", "kb", "MB", "KG", "KM", "pk"]
MONTHS = ["januari", "maart", "mei", "juni", "september", "december"]


def _postcode(rng: random.Random) -> str:
    digits = str(rng.randint(1000, 9999))
    letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
    form = rng.choice(["{d} {l}", "{d}{l}", "{d} {l}", "{d}-{l}", "{d} {lo}", "{d}{lo}"])
    return form.format(d=digits, l=letters, lo=letters.lower())


def _number(rng: random.Random) -> str:
    form = rng.choice(NUMBER_FORMATS)
    return form.format(
        n=rng.choice([rng.randint(1, 40), rng.randint(1, 250)]),
        l=rng.choice("abcd"),
        L=rng.choice("ABCD"),
        m=rng.randint(1, 4),
    )


def _styled(street: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.2:
        return street.lower()
    if r < 0.25:
        return street.upper()
    return street


def rows() -> list[dict]:
    rng = random.Random(SEED)
    streets = sorted(
        s
        for s in _deduce_list("locations/lst_street")
        if 3 <= len(s) <= 40 and not s.startswith(("'", '"')) and "(" not in s
    )
    out = []
    for i in range(N_STREETS):
        street = _styled(rng.choice(streets), rng)
        item = f"{street} {_number(rng)}"
        template = rng.choice(STREET_TEMPLATES)
        pc = _postcode(rng)
        text = template.format(s=item, pc=pc, pl=rng.choice(PLACES))
        spans = [{"kind": "street", "text": item}]
        if "{pc}" in template:
            spans.append({"kind": "postcode", "text": pc})
        out.append({"id": f"synth-street-{i + 1:03d}", "text": text, "language": "nl", "spans": spans})
    for i in range(N_POSTCODES):
        pc = _postcode(rng)
        template = rng.choice(POSTCODE_TEMPLATES)
        street, number = rng.choice(streets), rng.randint(1, 99)
        text = template.format(c=pc, pl=rng.choice(PLACES), n=number, street=street)
        spans = [{"kind": "postcode", "text": pc}]
        if "{street}" in template:
            spans.append({"kind": "street", "text": f"{street} {number}"})
        out.append({"id": f"synth-postcode-{i + 1:03d}", "text": text, "language": "nl", "spans": spans})
    for i in range(N_NEGATIVES):
        template = rng.choice(NEGATIVE_TEMPLATES)
        values = dict(
            n=rng.randint(1, 400),
            n2=rng.randint(1, 400),
            y=rng.randint(1990, 2030),
            y2=rng.randint(1990, 2030),
            k=rng.randint(1000, 9999),
            u=rng.choice(UNITS),
            h=rng.randint(8, 22),
            mm=rng.choice(["00", "15", "30", "45"]),
            d=rng.randint(1, 28),
            month=rng.choice(MONTHS),
            g=rng.randint(1, 8),
            street=rng.choice(streets),
        )
        text = template.format(**values)
        # Everything in a look-alike sentence must survive except the street name itself (a street name alone
        # is no personal data, but the redactor may keep or drop it): keep the numbers with their neighbours.
        keep = [w for w in text.rstrip(".").split() if any(c.isdigit() for c in w)]
        out.append(
            {
                "id": f"synth-negative-{i + 1:03d}",
                "text": text,
                "language": "nl",
                "spans": [{"kind": "keep", "text": k} for k in keep],
            }
        )
    return out


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "pii_dev_synth.csv"
    data = rows()
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "text", "language", "spans"])
        writer.writeheader()
        for row in data:
            writer.writerow({**row, "spans": json.dumps(row["spans"], ensure_ascii=False)})
    print(f"{len(data)} rows -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
