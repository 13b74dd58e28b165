"""Names: one folding rule (loaders/names.py), whatever path applies it.

The reference `fold_name` folds one name in Python; `NameFolder` folds a column's
distinct spellings with pyarrow. The same name must give the same person whatever the
file format or size, so the two must agree on every string.
"""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ctipcalc
from conftest import ATTENDANCE_HEADER, write_csv, write_xlsx
from ctipcalc.config import load_config
from ctipcalc.loaders.names import FEMALE, MALE, NO_SEX, HonorificPatterns, NameFolder, fold_name
from ctipcalc.text import WHITESPACE, ZERO_WIDTH

CONFIG = load_config(search_cwd=False)
FOLDER = NameFolder(CONFIG)
PATTERNS = HonorificPatterns.of(CONFIG.honorifics)
NULLS = frozenset(CONFIG.null_tokens_raw)


def fast(values: list) -> list[tuple]:
    folded = FOLDER.fold_spellings(pa.array(values, type=pa.string()))
    shown, key = folded.shown_values.to_pylist(), folded.key_values.to_pylist()
    return [(shown[s] if s >= 0 else None, key[k] if k >= 0 else None, int(x))
            for s, k, x in zip(folded.shown_codes, folded.key_codes, folded.sex, strict=True)]


def reference(values: list) -> list[tuple]:
    out = []
    for value in values:
        name = fold_name(value, PATTERNS, NULLS)
        out.append((name.shown, name.key, name.sex))
    return out


# Letters whose case folding differs from lower-casing, or between libraries; Lao with
# its alternative spellings and marks; spaces and zero-width characters; honorifics.
TRICKY = ["ß", "ẞ", "ﬁ", "ﬂ", "ﬀ", "İ", "ı", "I", "i", "Σ", "ς", "σ", "ǅ", "Ω", "K", "Å",
          "ŉ", "ΐ", "ﬆ", "ᾼ", "e\u0301", "é", "ຫຼ", "ຫລ", "ຫ\u0ebc", "ໜ", "ຫນ", "ຳ", "\u0ecdາ",
          "ສົມ", "ໃຈ", "\u0ec8", "\u0eb8", "\u0ec9\u0eb9", "\u0eba", "ນາງ", "ທ້າວ", "ທ່ານ",
          "Ms", "Mrs.", "MR ", "Dr.", "miss", ".", " ", "N/A", "-", *WHITESPACE, *ZERO_WIDTH]
names = st.lists(st.one_of(st.sampled_from(TRICKY), st.characters(blacklist_categories=("Cs",))),
                 max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.none(), names), min_size=1, max_size=30))
def test_the_column_fold_is_the_reference_fold_on_any_text(values):
    assert fast(values) == reference(values)


# Lao letters and marks in any order, with spaces and zero-width characters between:
# NFC reorders marks typed out of canonical order (a tone mark before a vowel below).
LAO = [chr(c) for c in range(0x0E80, 0x0F00)] + [" ", "\u200b", "\u00a0", "a"]
lao_names = st.lists(st.sampled_from(LAO), max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(lao_names, min_size=1, max_size=20))
def test_lao_marks_in_any_order_fold_as_the_reference(values):
    assert fast(values) == reference(values)


def test_nfc_only_reorders_marks_on_the_spellings_pyarrow_folds():
    """What lets the column fold normalise only spellings with marks out of order: no
    character pyarrow folds itself has a canonical decomposition (but two spaces, which
    become other spaces, and every space becomes " "), and no character of Unicode
    decomposes into two or more of them (so NFC can compose nothing from them)."""
    import unicodedata

    from ctipcalc.loaders.names import safe_characters

    safe = set(safe_characters())
    for ch in safe:
        parts = unicodedata.normalize("NFD", ch)
        assert parts == ch or (ch.isspace() and parts.isspace()), f"U+{ord(ch):04X}"
    for cp in range(0x110000):
        ch = chr(cp)
        if ch in safe or 0xD800 <= cp < 0xE000:
            continue
        parts = unicodedata.normalize("NFD", ch)
        # A one-character decomposition (U+037E → ";") is never composed back.
        assert len(parts) == 1 or not set(parts) <= safe, f"U+{cp:04X} decomposes into them"


def test_whitespace_is_what_python_splits_on():
    assert set(WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


@pytest.mark.parametrize(("a", "b"), [
    ("Straße", "STRASSE"),                   # casefold, not lower
    ("ﬁona Keo", "Fiona KEO"),               # a ligature
    ("İlker", "i\u0307lker"),                # dotted capital I
    ("ΣΟΦΙΑ", "σοφια"),                      # final sigma is casefolded like any sigma
    ("ຫຼວງ ສີ", "ຫລວງ ສີ"),                   # one Lao letter, two spellings
    ("Somchai\u00a0 Keo\u200b", "somchai keo"),  # NBSP, double space, zero-width space
    ("Noy\x0bSisavath", "Noy Sisavath"),     # a vertical tab is a space too
])
def test_spellings_of_one_name_give_one_key(a, b):
    (_, key_a, _), (_, key_b, _) = fast([a, b])
    assert key_a == key_b == reference([a])[0][1]


def test_honorifics_removed_and_their_sex():
    found = fast(["Ms. Manivanh Inthavong", "ນາງ ຈັນທະລາ", "ທ້າວແສງເພັດ", "Dr Keo", "Mr.", None])
    assert found == [("Ms. Manivanh Inthavong", "manivanh inthavong", FEMALE),
                     ("ນາງ ຈັນທະລາ", "ຈັນທະລາ", FEMALE),
                     ("ທ້າວແສງເພັດ", "ແສງເພັດ", MALE),
                     ("Dr Keo", "keo", NO_SEX),
                     ("Mr.", "mr.", MALE),         # only an honorific: kept as typed
                     (None, None, NO_SEX)]


SPELLINGS = [("Straße Vongsa", "F"), ("STRASSE VONGSA", "F"), ("ﬁona Keo", "F"),
             ("Fiona KEO", "F"), ("İlker Phommachanh", "M"), ("i\u0307lker phommachanh", "M"),
             ("ຫຼວງ ສີສະຫວາດ", "M"), ("ຫລວງ ສີສະຫວາດ", "M"), ("Ms. Noy\u00a0Sisavath", ""),
             ("noy sisavath", "F")]


def _rows(repeat: int) -> list[list]:
    rows = [ATTENDANCE_HEADER]
    for n in range(repeat):
        for i, (name, sex) in enumerate(SPELLINGS):
            rows.append([i + 1, name, sex, 30, f"E{n % 7}", "05/03/2024", "Safe migration",
                         "Government official", "Savannakhet"])
    return rows


@pytest.mark.parametrize("repeat", [1, 25_000])
def test_the_same_names_give_the_same_people_from_csv_and_xlsx(tmp_path, repeat):
    """Five people, each spelt two ways: five people in TR-1 from a small CSV, a small
    workbook and a CSV big enough to be parsed in several blocks (250,000 rows)."""
    csv = write_csv(tmp_path / "list.csv", _rows(repeat))
    config = load_config(search_cwd=False)
    from_csv = ctipcalc.summarize([csv], config)
    assert from_csv.indicator("TR-1").value == 5
    keys = sorted(set(from_csv.records["attendance"]["name_key"].astype(str)))
    if repeat == 1:
        xlsx = write_xlsx(tmp_path / "list.xlsx", {"List": _rows(1)})
        from_xlsx = ctipcalc.summarize([xlsx], config)
        assert from_xlsx.indicator("TR-1").value == 5
        assert sorted(set(from_xlsx.records["attendance"]["name_key"].astype(str))) == keys
    else:
        from ctipcalc.loaders.cells import arrow_chunks
        from ctipcalc.loaders.delimited import read_delimited
        from ctipcalc.loaders.discover import discover
        from ctipcalc.loaders.rows import request
        from ctipcalc.loaders.sheets import layout

        (raw,) = read_delimited(discover([csv])[0])
        frame = raw.body.frame(request(raw, layout(raw.head, raw.head_first_row, config)))
        assert arrow_chunks(frame[1]).num_chunks > 1  # the big file is parsed in blocks
    assert keys == sorted({"strasse vongsa", "fiona keo", "i\u0307lker phommachanh",
                           "ຫລວງ ສີສະຫວາດ", "noy sisavath"})
