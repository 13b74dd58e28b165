"""Invariants over generated data with arbitrary text in every cell (hypothesis)."""

from __future__ import annotations

import csv
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ctipcalc
from ctipcalc.config import load_config
from ctipcalc.loaders.rows import FOOTER_PATTERN, GRAND_SUBTOTAL, GROUP_SUBTOTAL, TOTALS_PATTERN

CONFIG = load_config(search_cwd=False)
MARKERS = [TOTALS_PATTERN, FOOTER_PATTERN, GRAND_SUBTOTAL, GROUP_SUBTOTAL]
PERSON_CODES = ["CB-1", "PAR-1", "TR-1", "LH-1", "LH-2"]
COUNT_CODES = ["CB-1", "PAR-1", "TR-1", "ATT-1", "LH-1", "LH-2"]

names = st.one_of(st.sampled_from(["Somchai Keo", "Mr. Somchai Keo", "SOMCHAI  KEO", "Noy Vongsa",
                                   "ນາງ ຄຳ", "ຄຳ", "Khamla Sisavath", ""]), st.text(max_size=12))
sexes = st.one_of(st.sampled_from(["F", "M", "female", "Male", "ຍິງ", "", "x"]), st.text(max_size=3))
ages = st.one_of(st.sampled_from(["", "30", "31", "55", "17", "200"]), st.text(max_size=4))
dates = st.one_of(st.sampled_from(["", "05/12/2023", "2024-03-05", "18-06-2024", "garbage"]),
                  st.text(max_size=10))
events = st.sampled_from(["E1", "E2", "e1", "", "E3"])
topics = st.one_of(st.sampled_from(["TIP", "Safe migration", "Protection and referral",
                                    "Child protection", ""]), st.text(max_size=8))
ptypes = st.one_of(st.sampled_from(["Gov", "NGO", "Villager", ""]), st.text(max_size=6))
attendance_rows = st.lists(st.tuples(names, sexes, ages, events, dates, topics, ptypes),
                           min_size=1, max_size=25)
ids = st.sampled_from(["LH-1", "lh-1 ", "LH-2", "", "LH-3"])
statuses = st.one_of(st.sampled_from(["Employed", "Unemployed", "Own business", ""]),
                     st.text(max_size=6))
livelihood_rows = st.lists(st.tuples(ids, names, sexes, st.sampled_from(["Grant", ""]),
                                     dates, dates, statuses), min_size=1, max_size=20)

ATT_HEADER = ["Name", "Sex", "Age", "Event code", "Date", "Topic", "Participant type"]
LH_HEADER = ["Beneficiary ID", "Name", "Sex", "Support received", "Date support received",
             "Follow-up date", "Employment status"]
SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _write(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _figures(paths):
    result = ctipcalc.summarize(paths, config=CONFIG)
    return result, {r.code: r.value for r in result.indicators}


def _cell(value: str) -> str:
    # csv cannot hold NUL or lone surrogates; the readers' own tests cover NULs.
    text = value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    text = text.replace("\r", " ").replace("\n", " ")
    # A cell starting "Total" or "Prepared by" ends a sheet's records by rule, and a row
    # of header texts starts a second table, so what they do depends on row order: keep
    # such labels out of the generated records.
    if any(p.match(text) for p in MARKERS) or text.strip().lower() in CONFIG.header_texts:
        return "x" + text
    return text


def _clean(rows):
    return [tuple(_cell(str(v)) for v in row) for row in rows]


def _clean_attendance(rows):
    """As `_clean`; and a record whose event columns are all blank takes the event of the
    row above by rule (a list typed "same as above"), so what it counts depends on row
    order: give such rows an event of their own."""
    rows = _clean(rows)
    return [row if any(row[3:6]) else (*row[:3], "E9", *row[4:]) for row in rows]


@SETTINGS
@given(attendance=attendance_rows, livelihood=livelihood_rows)
def test_no_exception_sums_and_trace_agree(tmp_path_factory, attendance, livelihood):
    folder = tmp_path_factory.mktemp("p")
    paths = [_write(folder / "a.csv", ATT_HEADER, _clean_attendance(attendance)),
             _write(folder / "l.csv", LH_HEADER, _clean(livelihood))]
    result, _ = _figures(paths)
    for code in COUNT_CODES:
        figure = result.indicator(code)
        assert sum(figure.disaggregations["sex"].values()) == figure.value, code
        for dim, cells in figure.disaggregations.items():
            assert sum(cells.values()) == figure.value, (code, dim)
        assert len(ctipcalc.trace(result, code)) == figure.value, code
    lh3 = result.indicator("LH-3")
    assert lh3.numerator <= lh3.denominator
    for cell in lh3.disaggregations["sex"].values():
        assert cell["numerator"] <= cell["denominator"]


@SETTINGS
@given(attendance=attendance_rows, livelihood=livelihood_rows, seed=st.integers(0, 2**16))
def test_row_order_splitting_and_repeats_never_change_unique_people(
        tmp_path_factory, attendance, livelihood, seed):
    attendance, livelihood = _clean_attendance(attendance), _clean(livelihood)
    folder = tmp_path_factory.mktemp("p")
    _, base = _figures([_write(folder / "a.csv", ATT_HEADER, attendance),
                        _write(folder / "l.csv", LH_HEADER, livelihood)])
    rng = random.Random(seed)
    shuffled_a, shuffled_l = attendance[:], livelihood[:]
    rng.shuffle(shuffled_a)
    rng.shuffle(shuffled_l)
    shuffled = folder / "shuffled"
    shuffled.mkdir()
    _, after_shuffle = _figures([_write(shuffled / "a.csv", ATT_HEADER, shuffled_a),
                                 _write(shuffled / "l.csv", LH_HEADER, shuffled_l)])
    split = folder / "split"
    split.mkdir()
    cut = rng.randint(0, len(attendance))
    _, after_split = _figures([_write(split / "a1.csv", ATT_HEADER, attendance[:cut] or attendance[:1]),
                               _write(split / "a2.csv", ATT_HEADER, attendance[cut:] or attendance[:1]),
                               _write(split / "l.csv", LH_HEADER, livelihood)])
    repeated = folder / "repeated"
    repeated.mkdir()
    k = rng.randrange(len(attendance))
    _, after_repeat = _figures([_write(repeated / "a.csv", ATT_HEADER,
                                       [*attendance, attendance[k]]),
                                _write(repeated / "l.csv", LH_HEADER,
                                       [*livelihood, livelihood[rng.randrange(len(livelihood))]])])
    for code in PERSON_CODES:
        assert after_shuffle[code] == base[code], ("shuffle", code)
        assert after_split[code] == base[code], ("split", code)
        assert after_repeat[code] == base[code], ("repeat", code)


def _chained_by_hand(groups: list[int], years: list[float]) -> list[tuple[int, ...]]:
    """Which rows are one person, by the rule read literally: sort by (group, year) and
    start a new person where the group changes or the year jumps by more than one."""
    order = sorted(range(len(groups)), key=lambda i: (groups[i], years[i], i))
    people: list[list[int]] = []
    for k, i in enumerate(order):
        prev = order[k - 1] if k else None
        if prev is None or groups[prev] != groups[i] or years[i] - years[prev] > 1:
            people.append([])
        people[-1].append(i)
    return sorted(tuple(sorted(p)) for p in people)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1950, 1960)), min_size=1, max_size=60),
       st.booleans())
def test_birth_year_chaining_matches_the_rule(rows, fractional):
    """The fast path for whole years (distinct pairs only) and the general sort give the
    people the rule defines."""
    import numpy as np

    from ctipcalc.persons import _chain_birth_years

    groups = [g for g, _ in rows]
    years = [y + (0.5 if fractional and i == 0 else 0.0) for i, (_, y) in enumerate(rows)]
    clusters = _chain_birth_years(np.array(groups), np.array(years, dtype=float))
    found: dict[int, list[int]] = {}
    for i, c in enumerate(clusters.tolist()):
        found.setdefault(c, []).append(i)
    assert sorted(tuple(v) for v in found.values()) == _chained_by_hand(groups, years)
    # Inside a group, numbers grow with the birth year (the "first" cluster is the lowest).
    for g in set(groups):
        members = sorted((years[i], clusters[i]) for i in range(len(rows)) if groups[i] == g)
        assert [c for _, c in members] == sorted(c for _, c in members)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=1, max_size=80),
       st.booleans(), st.sampled_from(["ns", "s"]))
def test_date_order_is_date_then_record_number(days, shuffled_records, unit):
    """The engine's one sort: undated first, then by date, ties in record order — whether
    the records arrive in record order (radix path) or not (general path)."""
    import numpy as np
    import pandas as pd

    from ctipcalc.engine.arrays import date_order as _date_order

    dates = pd.Series([pd.NaT if d is None else pd.Timestamp("2024-01-01") + pd.Timedelta(days=d)
                       for d in days], dtype=f"datetime64[{unit}]")
    record_no = np.arange(len(days))
    if shuffled_records:
        record_no = np.random.default_rng(len(days)).permutation(len(days))
    order = _date_order(dates, pd.Series(record_no))
    expected = sorted(range(len(days)), key=lambda i: (days[i] is not None, days[i] or 0,
                                                       record_no[i]))
    assert order.tolist() == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 4)), min_size=1, max_size=80))
def test_repeat_attendance_marks_every_later_row_of_a_pair(rows):
    """The sort that finds repeated (person, event) pairs marks exactly what the rule says:
    every row after the first of its pair, in row order."""
    import pandas as pd

    from ctipcalc.loaders.events import repeat_attendance

    records = pd.DataFrame({"person": [p for p, _ in rows], "event_ref": [e for _, e in rows],
                            "sheet_no": [i % 2 for i in range(len(rows))],
                            "source_file": "a.csv", "source_sheet": None,
                            "source_row": range(2, len(rows) + 2), "name": "x"})
    seen: set = set()
    expected = []
    for pair in rows:
        expected.append(pair in seen)
        seen.add(pair)
    repeats = repeat_attendance(records)
    assert repeats.mask.tolist() == expected
    assert len(repeats.findings) == sum(expected)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.one_of(st.none(), st.integers(-400, 400))),
                min_size=1, max_size=40), st.sampled_from(["ns", "s"]))
def test_earliest_date_per_group_in_any_unit(rows, unit):
    """Each group's earliest date, NaT for a group without one, whatever the dates' unit."""
    import numpy as np
    import pandas as pd

    from ctipcalc.engine.arrays import earliest

    day = pd.Timestamp("2024-01-01")
    dates = pd.Series([pd.NaT if d is None else day + pd.Timedelta(days=d) for _, d in rows],
                      dtype=f"datetime64[{unit}]")
    groups = np.array([g for g, _ in rows])
    found = earliest(groups, 5, dates)
    assert found.dtype == np.dtype("datetime64[ns]")
    for g in range(5):
        days = [d for h, d in rows if h == g and d is not None]
        want = day + pd.Timedelta(days=min(days)) if days else pd.NaT
        assert (pd.isna(found[g]) and pd.isna(want)) or pd.Timestamp(found[g]) == want


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-3, 12), max_size=60))
def test_first_of_each_is_numpy_unique_with_first_positions(values):
    """The unstable sort gives what `np.unique(…, return_index=True)` gives."""
    import numpy as np

    from ctipcalc.engine.arrays import first_of_each

    keys = np.array(values, dtype="int64")
    distinct, first = first_of_each(keys)
    want_distinct, want_first = np.unique(keys, return_index=True)
    assert distinct.tolist() == want_distinct.tolist()
    assert first.tolist() == want_first.tolist()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.from_regex(r"[0-9]{1,4}", fullmatch=True), st.none(),
                          st.sampled_from(["Total", "TOTAL 12", "F: 4", "Prepared by",
                                           "ລວມ", "Facilitator", "12a", " 7", "٣", "M¹"]),
                          st.text(max_size=6)), min_size=1, max_size=40),
       st.sampled_from([[], ["facilitator"], ["12"], [""], ["", "trainer"]]))
def test_label_scan_skips_numbers_only_where_no_label_can_be_one(cells, words):
    """The label scan of a column of Arrow text (a CSV's "No" column) runs the pattern on
    the cells that are not ASCII digits alone: the same cells as running it (RE2, as the
    scan does; candidates are checked in Python later) on every cell, whatever the
    facilitator words (digits, or an empty word, turn the shortcut off)."""
    import re

    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from ctipcalc.loaders.rows import _LABEL_PREFILTER, _may_be_label

    column = pd.Series(cells, dtype="str")
    joined = "|".join(re.escape(w) for w in words)
    pattern = f"{_LABEL_PREFILTER}|{joined}" if joined else _LABEL_PREFILTER
    every_cell = pc.match_substring_regex(pa.array(cells, type=pa.string()), pattern,
                                          ignore_case=True)
    expected = pc.fill_null(every_cell, False).to_pylist()
    assert _may_be_label(column, words).tolist() == expected
