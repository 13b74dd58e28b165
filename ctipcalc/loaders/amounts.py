"""Amounts as typed on distribution lists: one cell's rule (quantities, unit values,
values), and the currency a header names.

    1,250,000   1.250.000   1 250 000   1250000 ₭   LAK 1,250,000   1,250,000 ກີບ
    1.2M        1,2 ລ້ານ     1.5 million  250k        ($ 20, 20 USD, 600 ບາດ: another currency)

A separator followed by exactly three digits, with no multiplier after the number, groups
thousands (kip have no decimals: "1.250" is one thousand two hundred and fifty); with a
multiplier ("1,2 ລ້ານ", "1.2M") or followed by one, two or more than three digits it is the
decimal mark. Both "," and "." in one number: the last is the decimal mark. "(5)" and "-5"
are negative (reported by the caller, never used). Anything else is unreadable.
"""

from __future__ import annotations

import re

#: Currency words and signs → ISO code. Kip is the default.
CURRENCIES = {"₭": "LAK", "lak": "LAK", "kip": "LAK", "kips": "LAK", "ກີບ": "LAK",
              "$": "USD", "usd": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
              "ໂດລາ": "USD", "฿": "THB", "thb": "THB", "baht": "THB", "ບາດ": "THB"}
_MULTIPLIERS = {"m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6, "ລ້ານ": 1e6,
                "k": 1e3, "thousand": 1e3, "ພັນ": 1e3, "b": 1e9, "billion": 1e9, "ຕື້": 1e9}
_CURRENCY_WORDS = sorted(CURRENCIES, key=len, reverse=True)
_CURRENCY = re.compile("|".join(
    (re.escape(w) if not w.isascii() or not w.isalpha() else rf"(?<![a-z]){re.escape(w)}(?![a-z])")
    for w in _CURRENCY_WORDS), re.IGNORECASE)
_AMOUNT = re.compile(r"^(?P<sign>[-−–])?\s*(?P<number>\d[\d.,\s\u00a0\u202f']*)\s*"
                     r"(?:(?P<mult>m|mn|million|millions|k|thousand|b|billion)(?![^\W\d_])|(?P<lao>ລ້ານ|ພັນ|ຕື້))?"
                     r"(?P<unit>\s*[^\d\s].*)?$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def header_currency(header: str | None) -> str | None:
    """The currency a header names: "Value (USD)", "Unit price (ກີບ)", "ມູນຄ່າ (₭)"."""
    if not header:
        return None
    found = _CURRENCY.search(str(header))
    return CURRENCIES[found.group(0).casefold()] if found else None


def read_amount(value, money: bool = True) -> tuple[float | None, str | None, str | None]:
    """(amount, currency the cell names or None, problem: None or "unreadable").

    A blank cell is (None, None, None); the caller decides what is blank (null tokens).
    Quantities (`money=False`) take no multiplier: "2 m" is two metres, "5 k" five kits."""
    if value is None or isinstance(value, bool):
        return (None, None, None if value is None else "unreadable")
    if isinstance(value, int | float):
        return (None, None, None) if value != value else (float(value), None, None)
    text = str(value).strip()
    if not text:
        return (None, None, None)
    currency = None
    found = _CURRENCY.search(text)
    if found:
        currency = CURRENCIES[found.group(0).casefold()]
        text = (text[:found.start()] + " " + text[found.end():]).strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    m = _AMOUNT.match(text)
    if not m:
        return (None, currency, "unreadable")
    unit = (m.group("unit") or "").strip()
    if unit and any(ch.isdigit() for ch in unit):
        return (None, currency, "unreadable")   # "12 / 15", "2 bags 3 kg"
    word = m.group("mult") or m.group("lao")
    multiplier = _MULTIPLIERS[word.casefold()] if word and money else 1.0
    number = _number(m.group("number"), multiplier != 1.0)
    if number is None:
        return (None, currency, "unreadable")
    amount = number * multiplier
    if negative or m.group("sign"):
        amount = -amount
    return (round(amount, 6), currency, None)


def _number(text: str, scaled: bool) -> float | None:
    """Digits with thousands groups and a decimal mark, as the module docstring says."""
    text = _SPACES.sub(" ", text.strip()).strip()
    if " " in text:
        groups = text.split(" ")
        if not all(len(g) == 3 and g.isdigit() for g in groups[1:]) or not groups[0].isdigit():
            # "1 250 000" groups thousands; "1 250,5" a decimal after them
            last = groups[-1]
            head, tail = groups[:-1], last
            if not all(len(g) == 3 and g.isdigit() for g in head[1:]):
                return None
            text = "".join(head) + tail if re.fullmatch(r"\d{3}[.,]\d+", tail) else None
            if text is None:
                return None
        else:
            text = "".join(groups)
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, frac = text.rpartition(decimal)
        if not _grouped(whole, thousands) or not frac.isdigit():
            return None
        return float(whole.replace(thousands, "") + "." + frac)
    for mark, count in ((",", commas), (".", dots)):
        if not count:
            continue
        parts = text.split(mark)
        if count > 1:
            return float("".join(parts)) if _grouped(text, mark) else None
        whole, frac = parts
        if not whole.isdigit() or not frac.isdigit():
            return None
        if len(frac) == 3 and not scaled:
            return float(whole + frac)        # 1,250 / 1.250: thousands
        return float(whole + "." + frac)      # 1.2M, 1,2 ລ້ານ, 12.5, 2,50
    return float(text) if text.isdigit() else None


def _grouped(text: str, mark: str) -> bool:
    """"1,250,000": a first group of 1–3 digits, then groups of exactly three."""
    parts = text.split(mark)
    return parts[0].isdigit() and len(parts[0]) <= 3 and all(
        len(p) == 3 and p.isdigit() for p in parts[1:])
