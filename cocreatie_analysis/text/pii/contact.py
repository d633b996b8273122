"""Contact details and identifying numbers in free text: e-mail, phone, postcode, street + number, IBAN, BSN.

Each detector yields `(kind, start, end)` spans over the original text; `pii.Redactor` resolves overlaps and
replaces them. Spans cover the item only, never the spaces or punctuation around it ("op Brink 4." keeps
"op " and "."), so a redacted sentence still reads as a sentence.

Written for what residents actually type, not for tidy forms: obfuscated e-mail as one grammar of "at" and
"dot" ("piet [at] voorbeeld [dot] nl", "henk.de.graaf apenstaartje hotmail punt com", "bert <at> bertbouw
<dot> nl"), phone numbers with any grouping ("010 - 901 23 45", "+31 (0)6 98765432", "06 — 44 55 66 77"),
postcodes in any case and separator ("2811 kl", "2811-AB", "9741 AB-23"), house numbers with additions
("Havenkade 23-2", "Vlierstraat 8hs", "Ceintuurbaan 88 III", "Kastanjelaan nr. 9"), street names by suffix,
by the Dutch street list that `deduce` ships (any case, particles and years inside: "laan van meerdervoort
233", "Plein 1944 nr 3"), in English ("Church Road 14", "221 Kingsway"), or any name after an address cue
("ter hoogte van Heuvelrug 26"); IBANs in groups or lower case, BSNs in any grouping after a cue. Each pattern
is anchored on what makes the item unambiguous (an "at" and a known top-level domain, a leading 0 or +31 with
the right number of digits, four digits and two letters that are no word or unit unless the context says
postcode, a street word or listed name or address cue right before a number) so that years, amounts, units,
times, dates, bus lines and numbered things ("groep 8", "Fase 3") stay. tests/test_pii.py names the error categories
of the first held-out set that shaped these rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .addresses import _ANY_DIGIT, postcodes, streets
from .name_lists import common_words
from .tokens import Tokens

Span = tuple[str, int, int]

# ---------------------------------------------------------------------------------------------- e-mail
_TLD = (
    r"(?:nl|com|org|net|eu|be|de|info|nu|biz|io|uk|fr|es|it|co|me|online|email|ch|pl|tr|ma|sr|edu|gov|frl|"
    r"amsterdam|jp|us|ca|au|at|dk|se|no|fi|pt|ie|app|dev|xyz|shop|cw|aw)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+\s?@\s?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# Obfuscated addresses as one grammar: local part, an "at", a domain, a "dot" and a known top-level domain.
#   at:  "@" (also with spaces), "[at]" "(at)" "{at}" "<at>" "[@]" "(a)" "[apenstaartje]", or a spelled " at ",
#        " apenstaartje ", " aapje "
#   dot: ".", "[dot]" "(dot)" "[punt]" "(punt)" "[.]", or a spelled " dot ", " punt "
# so "henk.de.graaf apenstaartje hotmail punt com", "ria_smit [at] hotmail [.] com" and "mark dot jennings at
# gmail dot com" are all one pattern. A spelled " at " is taken in English only with more evidence (below).
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT_OBF = (
    r"(?:\s*" + _OPEN + r"\s*(?:at|@|a|apenstaartje|aapje)\s*" + _CLOSE + r"\s*"
    r"|\s*@\s*|\s+(?P<spelled>at|apenstaartje|aapje)\s+)"
)
_DOT_OBF = r"(?:\s*" + _OPEN + r"\s*(?:dot|punt|\.)\s*" + _CLOSE + r"\s*|\s+(?:dot|punt)\s+|\s+\.\s+|\.)"
_EMAIL_OBFUSCATED = re.compile(
    r"(?<![\w.+-])(?P<local>[\w+-]+(?:"
    + _DOT_OBF
    + r"[\w+-]+)*?)"
    + _AT_OBF
    + r"(?P<domain>[\w-]+(?:"
    + _DOT_OBF
    + r"[\w-]+)*?)"
    + _DOT_OBF
    + _TLD
    + r"(?![\w-])",
    re.IGNORECASE,
)
_EMAIL_HINT = re.compile(r"@|\bat\b|apenstaartje|aapje|\(a\)|\[a\]", re.IGNORECASE)
_SPELLED_DOT = re.compile(r"\s(?:dot|punt)\s|" + _OPEN + r"\s*(?:dot|punt|\.)\s*" + _CLOSE, re.IGNORECASE)

# ---------------------------------------------------------------------------------------------- phone
# A run of digits with the separators people use; validated on its digit count and prefix below.
_PHONE = re.compile(r"(?<![\w+/.,-])(?:\+|00)?\(?\d[\d() ./\-–—\u00a0\u2009\u202f]{6,22}\d(?![\w])")
_SEPARATOR_RUN = re.compile(r"[ ./\-–—()\u00a0\u2009\u202f]+")
# North American numbers ("(555) 010-4477", "555-010-2288"): in English text, or in any text in these exact
# shapes, which no Dutch date, amount or number has.
_NANP = re.compile(r"\(?[2-9]\d\d\)?[ .-]?\d{3}[ .-]\d{4}")
_NANP_STRICT = re.compile(r"\([2-9]\d\d\) ?\d{3}-\d{4}|[2-9]\d\d-\d{3}-\d{4}")
_DATE_LIKE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d")

# ---------------------------------------------------------------------------------------------- IBAN, BSN
_IBAN = re.compile(
    r"(?<![\w-])([A-Za-z]{2})[\s.-]?(\d{2})"
    r"((?:[\s.-]?[A-Za-z0-9]{4}){2,7}(?:[\s.-]?[A-Za-z0-9]{1,3})?)(?!\w)"
)
_IBAN_CHUNK = re.compile(r"[\s.-]?[A-Za-z0-9]{1,4}")
_NUMBER = re.compile(
    r"(?<![\w.,€$£/-])(?:\d{3}([.\s-])\d{3}\1\d{3}|\d{4}([.\s])\d{2}\2\d{3}"
    r"|\d{2}([.\s-])\d{2}\3\d{2}\3\d{3}|\d{8,10})(?![\w]|[.,]\d)"
)
# Right after a BSN cue, nine digits in any grouping ("BSN: 12 34 56 782", "bsn 1234 567 82").
_BSN_AFTER_CUE = re.compile(
    r"(?:bsn|burgerservice|sofi|citizen service|social security)[\w-]*\W{1,12}"
    r"(?:[^\W\d]+\W{1,3}){0,3}?((?:\d[ .-]?){7,8}\d)(?![\w]|[.,]\d)",
    re.IGNORECASE,
)
# A BSN cue up to three words before the number ("BSN van mijn moeder: ..."), with no other number between.
_BSN_CUE = re.compile(
    r"(?:bsn|burgerservice|sofi|citizen service|social security)[\w-]*\W{1,12}"
    r"(?:[^\W\d]+\W{1,3}){0,3}$",
    re.IGNORECASE,
)
_ACCOUNT_CUE = re.compile(
    r"(?:iban|rekening\w*|bankrekening\w*|account(?: number)?|reknr|rek\.? ?nr)\W{0,6}$", re.IGNORECASE
)
_CURRENCY_BEFORE = re.compile(r"(?:€|eur|euro|\$|£|usd)\s?$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"^\s?(?:euro|eur|€|,-|inwoners|mensen|km|m2|m³|kilo|liter|ton|keer)", re.IGNORECASE)


# "piet at voorbeeld.nl": "at" is no Dutch word, so in Dutch text this is an address; in English only with a
# mail provider's domain, a spelled dot, or a local part that no English word has ("look at google.com" stays).
_MAIL_PROVIDERS = frozenset(
    "gmail hotmail outlook live msn ziggo kpnmail kpnplanet planet hetnet home chello "
    "telfort upcmail casema zeelandnet tele2 solcon xs4all icloud me yahoo protonmail "
    "proton gmx web".split()
)


def emails(text: str, language: str = "nl") -> Iterator[Span]:
    """E-mail addresses, plain or obfuscated ("[at]", "(at)", "apenstaartje", "[dot]", "punt", " at ")."""
    if "@" in text:
        for m in _EMAIL.finditer(text):
            yield "email", m.start(), m.end()
    if not _EMAIL_HINT.search(text):
        return
    for m in _EMAIL_OBFUSCATED.finditer(text):
        if m.group("spelled") and m.group("spelled").lower() == "at" and language != "nl":
            local, domain = m.group("local"), m.group("domain").lower()
            if not (
                domain in _MAIL_PROVIDERS
                or re.search(r"[\d._]", local)
                or _SPELLED_DOT.search(local)
                or _SPELLED_DOT.search(m.group())
                and local.lower() not in common_words(language)
            ):
                continue
        yield "email", m.start(), m.end()


def _phone_digits_ok(raw: str, language: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") or raw.startswith("00"):
        national = digits[2:] if raw.startswith("00") else digits
        if national.startswith("31"):
            rest = national[2:]
            if "(0)" in raw:
                rest = rest[1:] if rest.startswith("0") else rest
            return len(rest) == 9
        return 8 <= len(national) <= 13
    if len(digits) == 10 and (_NANP_STRICT.fullmatch(raw) or language == "en" and _NANP.fullmatch(raw)):
        return True
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if digits.startswith(("0800", "0900", "0906", "0909")):
        return False  # service lines of organisations, not of a person
    return len(digits) == 10 or (language == "en" and len(digits) == 11)


def phones(text: str, language: str = "nl") -> Iterator[Span]:
    """Dutch and international phone numbers, any grouping; not dates, amounts, years or service lines."""
    for m in _PHONE.finditer(text):
        raw = m.group()
        start = m.start()
        # The run may go on into a date or a second number ("06-12345678 - 12 uur"): try the whole run
        # first, then shorter prefixes ending at a separator.
        candidates = [raw]
        seps = [s.start() for s in _SEPARATOR_RUN.finditer(raw)]
        candidates += [raw[:i].rstrip(" ./-–—(\u00a0\u2009\u202f") for i in reversed(seps)]
        for cand in candidates:
            cand_clean = cand.rstrip(" ./-–—(\u00a0\u2009\u202f")
            if not cand_clean or not cand_clean[-1].isdigit():
                continue
            if _DATE_LIKE.match(cand_clean):
                break
            if cand_clean.count("(") != cand_clean.count(")") and not cand_clean.startswith("("):
                continue
            if _phone_digits_ok(cand_clean, language):
                # A separator run wider than 3 characters is two numbers, not one.
                if any(len(s.group()) > 3 for s in _SEPARATOR_RUN.finditer(cand_clean)):
                    continue
                yield "phone", start, start + len(cand_clean)
                break


def ibans(text: str) -> Iterator[Span]:
    """IBANs in any grouping and case ("NL91 ABNA 0417 1643 00", "nl55snsb0912345678")."""
    for m in _IBAN.finditer(text):
        country = m.group(1).upper()
        body = m.group(3)
        chunks = [c.end() for c in _IBAN_CHUNK.finditer(body)]
        # The pattern may have taken a short word after the number ("BE68 5390 0754 7034 en"): try the
        # longest reading first, then drop trailing chunks.
        for end in reversed(chunks[1:]):
            bban = re.sub(r"[\s.-]", "", body[:end]).upper()
            if country == "NL":
                # The Dutch shape is unmistakable (a bank code of four letters, ten digits), even in lower
                # case or with a wrong check digit, as fake and mistyped numbers in resident text often have.
                ok = re.fullmatch(r"[A-Z]{4}\d{10}", bban) is not None
            else:
                # Other countries only with a valid check digit, so "of 06 1234 5678 ..." stays a phone, or
                # right after an account cue ("IBAN: DE12 3456 ...", "rekeningnummer BE12 ...").
                ok = (
                    m.group(1).isupper()
                    and 10 <= len(bban) <= 30
                    and (
                        _iban_checksum_ok(country + m.group(2) + bban)
                        or _ACCOUNT_CUE.search(text, max(0, m.start() - 30), m.start()) is not None
                    )
                )
            if ok:
                yield "iban", m.start(), m.start(3) + end
                break


def _iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 check: the number with its first four characters moved to the end is 1 modulo 97."""
    moved = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def _eleven_proof(digits: str) -> bool:
    """The BSN check ("elfproef"): weights 9..2 and -1 sum to a multiple of 11."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0 and total != 0


def numbers(text: str) -> Iterator[Span]:
    """BSNs (a BSN cue nearby or the eleven-test) and other long personal numbers (8-10 digits)."""
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if _CURRENCY_BEFORE.search(text[max(0, start - 6) : start]) or _CURRENCY_AFTER.match(text[end : end + 10]):
            continue
        digits = re.sub(r"\D", "", m.group())
        cue = bool(_BSN_CUE.search(text[max(0, start - 60) : start]))
        kind = "bsn" if cue or (len(digits) == 9 and _eleven_proof(digits)) else "number"
        yield kind, start, end
    for m in _BSN_AFTER_CUE.finditer(text):
        yield "bsn", m.start(1), m.end(1)


def contact_spans(text: str, language: str = "nl", tokens: Tokens | None = None) -> list[Span]:
    """Every contact detail or identifying number in `text` (overlaps not yet resolved)."""
    spans: list[Span] = []
    spans.extend(emails(text, language))
    if _ANY_DIGIT.search(text):
        spans.extend(ibans(text))
        spans.extend(phones(text, language))
        found = list(streets(text, language, tokens))
        spans.extend(found)
        spans.extend(postcodes(text, frozenset(e for _, _, e in found)))
        spans.extend(numbers(text))
    return spans
