"""Counting households (DIST-1), the people in them (DIST-2) and the value distributed
(DIST-3) from distribution records numbered by households.py.

A household counts once however many items, rounds or lists reached it. Its attributes
(province, district, female-headed, size) come from its most recent qualifying record in
the period that has them, else from its other records. DIST-2 adds each counted
household's size once; households without a size are counted in a finding and in
`households_without_size`, never guessed. DIST-3 adds the values in kip of the
qualifying records; other currencies are summed apart (`by_currency`); records whose
value is missing are counted (`values_missing`). The quantity-by-item table (item, unit,
quantity, value, currency) is `IndicatorResult.items` of DIST-3 (any `value` count).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..config import Indicator
from ..periods import slice_labels, slice_order
from .arrays import date_order, earliest, first_rows, last_rows, objects, present, values_at
from .figures import IndicatorResult

if TYPE_CHECKING:
    from .core import Engine

#: A household's attributes, from its most recent record that has them.
ATTRIBUTES = ("province", "district", "female_headed", "household_size")
KIP = "LAK"


def count_households(engine: Engine, ind: Indicator) -> IndicatorResult:
    """DIST-1 (households), DIST-2 (household_members) or DIST-3 (value)."""
    records = engine.records.get(ind.kind)
    if records is None or records.empty or "household" not in records:
        return _nothing(engine, ind)
    records = _sorted(engine, records)
    # DIST-1, 2 and 3 share their records and households when their filters agree.
    key = ("distribution", repr(sorted(ind.where.items())), repr(ind.require_any),
           engine.date_field(ind))
    if key not in engine._views:
        in_period = np.asarray(engine.in_period(records, ind), dtype=bool)
        mask = np.asarray(engine.qualifies(records, ind), dtype=bool) & in_period
        qualifying = records.loc[mask]
        engine._views[key] = (qualifying, _members(records.loc[in_period], qualifying,
                                                   engine.date_field(ind)))
    qualifying, members = engine._views[key]
    members = members.copy()
    result = IndicatorResult(ind, 0, members=members,
                             qualifying=qualifying[["record_no"]].assign(
                                 person=qualifying["household"].to_numpy()))
    cells = None   # DIST-3: the kip records with their cells
    if ind.count == "value":
        result.items = item_table(qualifying)
    if ind.count == "households":
        result.value = len(members)
        result.disaggregations = engine.disaggregate(members, ind.disaggregate)
    elif ind.count == "household_members":
        sizes = members["household_size"]
        result.value = int(sizes.sum())
        result.households_without_size = int(sizes.isna().sum())
        result.disaggregations = _sums(engine, members, sizes, ind.disaggregate)
        if result.households_without_size:
            # Where to look: the rows of the households without a size.
            unsized = members.loc[sizes.isna().to_numpy(), "household"]
            at = qualifying[qualifying["household"].isin(unsized)]
            first = at.iloc[0] if len(at) else None
            sheet = None if first is None or pd.isna(first["source_sheet"]) \
                else str(first["source_sheet"])
            engine.findings.add(
                "household-size-missing",
                f"{ind.code}: {result.households_without_size} of {len(members)} households "
                "have no household size: their people are not counted (not guessed)",
                count=result.households_without_size, column="household_size",
                file=None if first is None else str(first["source_file"]), sheet=sheet,
                row=None if first is None else int(first["source_row"]),
                rows=sorted({int(r) for r in at["source_row"].head(50)})[:10] or None)
    else:
        currency = qualifying["currency"].astype(object)
        kip = (currency == KIP).to_numpy()
        values = qualifying["value"].to_numpy(dtype=float)
        result.value = _money(np.nansum(values[kip]))
        result.by_currency = {str(c): _money(v) for c, v in
                              qualifying.loc[currency.notna().to_numpy()]
                              .groupby(currency.dropna(), sort=True)["value"].sum().items()}
        result.values_missing = int(qualifying["value_missing"].sum())
        by_household = members.set_index("household")
        in_kip = qualifying.loc[kip]
        cells = pd.DataFrame({"value": in_kip["value"].to_numpy(),
                              "household": in_kip["household"].to_numpy()})
        for dim in ind.disaggregate:
            if dim == "item":
                cells[dim] = in_kip["item"].array   # a categorical: no text copied
            elif dim in by_household:
                cells[dim] = objects(by_household[dim].reindex(cells["household"]).to_numpy())
        result.disaggregations = _sums(engine, cells, cells["value"], ind.disaggregate,
                                       money=True)
        result.cell_households = {}
        for dim, cells_of in result.disaggregations.items():
            behind = cells.groupby(_category(cells, dim).to_numpy())["household"].nunique()
            result.cell_households[dim] = {key: int(behind.get(key, 0)) for key in cells_of}
    if ind.count == "household_members":
        result.cell_households = {dim: dict(engine.disaggregate(members, (dim,))[dim])
                                  for dim in ind.disaggregate}
    if engine.by:
        result.by_period = _slices(engine, ind, members, qualifying,
                                   cells, result.disaggregations)
    return result


def _money(value) -> float | int:
    """A sum of money as JSON holds it: whole kip as an integer."""
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)


def _nothing(engine: Engine, ind: Indicator) -> IndicatorResult:
    """No distribution list was read: zero, every cell listed as counts list them."""
    members = pd.DataFrame({"household": np.empty(0, dtype=np.int64),
                            **{c: np.empty(0, dtype=object) for c in ("first_date", *ATTRIBUTES)}})
    result = IndicatorResult(ind, 0, members=members,
                             qualifying=pd.DataFrame({"record_no": np.empty(0, dtype=np.int64),
                                                      "person": np.empty(0, dtype=np.int64)}))
    result.disaggregations = engine.disaggregate(members, ind.disaggregate)
    if ind.count == "household_members":
        result.households_without_size = 0
        result.cell_households = {d: dict.fromkeys(c, 0) for d, c in
                                  result.disaggregations.items()}
    elif ind.count == "value":
        result.by_currency, result.values_missing, result.items = {}, 0, []
        result.cell_households = {d: dict.fromkeys(c, 0) for d, c in
                                  result.disaggregations.items()}
    if engine.by:
        result.by_period = []
    return result


def _sorted(engine: Engine, records: pd.DataFrame) -> pd.DataFrame:
    """Records by (date, record number), undated first: a household's last row is its most
    recent record."""
    key = ("distribution", "_sorted")
    if key not in engine._views:
        order = date_order(records["distribution_date"], records["record_no"])
        engine._views[key] = records.take(order).reset_index(drop=True)
    return engine._views[key]


def _members(records: pd.DataFrame, qualifying: pd.DataFrame, date_field: str) -> pd.DataFrame:
    """One row per household counted: its first date in the period and its attributes
    (most recent qualifying record that has them, else its most recent other record in
    the period: `records`)."""
    households = pd.unique(qualifying["household"].to_numpy())
    households = np.sort(households)
    members = pd.DataFrame({"household": households})
    if not len(households):
        for column in ("first_date", *ATTRIBUTES):
            members[column] = pd.Series(dtype=object)
        return members
    # Household numbers are small integers: a group's number is its position here.
    n = int(max(households.max(), records["household"].max())) + 1
    where = np.full(n, -1, dtype=np.int64)
    where[households] = np.arange(len(households))
    q_groups = where[qualifying["household"].to_numpy()]
    members["first_date"] = earliest(q_groups, len(households), qualifying[date_field])
    r_groups = where[records["household"].to_numpy()]
    in_members = r_groups >= 0
    for column in ATTRIBUTES:
        # The last row with a value (rows are in date order), else the last in `records`.
        chosen = last_rows(q_groups, len(households), present(qualifying[column]))
        fallback = last_rows(np.where(in_members, r_groups, 0), len(households),
                             in_members & present(records[column]))
        found = values_at(qualifying[column], chosen)
        other = values_at(records[column], fallback)
        members[column] = objects(np.where(chosen >= 0, found, other))
    members["household_size"] = members["household_size"].astype(float)
    members["female_headed"] = members["female_headed"].astype(object) \
        .where(members["female_headed"].notna(), "unknown")
    return members


def _category(frame: pd.DataFrame, dim: str) -> pd.Series:
    column = frame[dim] if dim in frame else pd.Series(None, index=frame.index, dtype=object)
    return column.astype(object).where(column.notna(), "unknown")


def _sums(engine: Engine, frame: pd.DataFrame, values: pd.Series, dims, money: bool = False
          ) -> dict[str, dict]:
    """Sums of `values` per category of each dimension, categories listed as counts list
    them (every yes / no / unknown, the provinces that occur). On the column's codes."""
    out = {}
    weights = np.nan_to_num(np.asarray(values, dtype=float))
    for dim in dims:
        if dim in frame:
            codes, uniques = pd.factorize(frame[dim], use_na_sentinel=True)
            names = [str(u) if not isinstance(u, str) else u for u in uniques]
        else:
            codes, names = np.full(len(frame), -1, dtype=np.int64), []
        sums = np.bincount(np.where(codes < 0, len(names), codes), weights,
                           minlength=len(names) + 1)
        by: dict[str, float] = {}
        for name, total in zip([*names, "unknown"], sums, strict=True):
            by[name] = by.get(name, 0.0) + float(total)
        # The listing a count would give: one row per category that occurs.
        held = [n for n, k in zip([*names, "unknown"],
                                  np.bincount(np.where(codes < 0, len(names), codes),
                                              minlength=len(names) + 1), strict=True) if k]
        listed = engine.disaggregate(pd.DataFrame({dim: pd.Series(held, dtype=object)}),
                                     (dim,))[dim]
        out[dim] = {c: (_money(by.get(c, 0.0)) if money else int(by.get(c, 0.0)))
                    for c in listed}
    return out


def item_table(qualifying: pd.DataFrame) -> list[dict]:
    """Quantity by item: item, unit, quantity, value and currency (one row per item, unit
    and currency, in that order; values missing are not in `value`, and are counted in
    `values_missing`). On integer codes: a group-by over text would cost a tenth of a
    second at 200,000 rows."""
    if qualifying.empty:
        return []

    def coded(column: str, blank: str) -> tuple[np.ndarray, list]:
        values = qualifying[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes = values.cat.codes.to_numpy().astype(np.int64)
            names = [str(c) for c in values.cat.categories]
        else:
            codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
            names = [str(u) for u in uniques]
        at = names.index(blank) if blank in names else len(names)
        if at == len(names):
            names.append(blank)
        return np.where(codes < 0, at, codes), names

    item, items = coded("item", "(no item)")
    unit, units = coded("unit", "")
    currency, currencies = coded("currency", "")
    no_currency = currencies.index("")
    # A record whose value is missing joins its item's row in the currency the item's
    # other records are valued in (the first, when several).
    item_unit, _ = pd.factorize(item * len(units) + unit)
    valued = currency != no_currency
    first = first_rows(item_unit, int(item_unit.max()) + 1, valued)
    usual = np.where(first >= 0, currency[np.maximum(first, 0)], no_currency)
    currency = np.where(valued, currency, usual[item_unit])
    group, keys = pd.factorize((item * len(units) + unit) * len(currencies) + currency)
    n = len(keys)
    quantity = np.bincount(group, np.nan_to_num(qualifying["quantity"].to_numpy(dtype=float)),
                           minlength=n)
    value = np.bincount(group, np.nan_to_num(qualifying["value"].to_numpy(dtype=float)),
                        minlength=n)
    missing = np.bincount(group, qualifying["value_missing"].to_numpy(dtype=float),
                          minlength=n)
    household = qualifying["household"].to_numpy().astype(np.int64)
    pairs = pd.unique(group.astype(np.int64) * (int(household.max()) + 1) + household)
    households = np.bincount(pairs // (int(household.max()) + 1), minlength=n)
    rows = []
    for g, key in enumerate(keys):
        key = int(key)
        c = key % len(currencies)
        u = (key // len(currencies)) % len(units)
        i = key // len(currencies) // len(units)
        rows.append((items[i], units[u], currencies[c], g))
    rows.sort(key=lambda r: r[:3])
    return [{"item": i, "unit": u or None, "quantity": _money(quantity[g]),
             "value": _money(value[g]), "currency": c or None,
             "households": int(households[g]), "values_missing": int(missing[g])}
            for i, u, c, g in rows]


def _slices(engine: Engine, ind: Indicator, members: pd.DataFrame, qualifying: pd.DataFrame,
            cells: pd.DataFrame | None, totals: dict[str, dict]) -> list[dict]:
    """--by: households (and their people) first reached in each slice (`new`, adding up
    to the figure) and reached in it (`active`); DIST-3 the kip distributed in it (as
    `new` and `active` alike: a distribution falls in one slice). Each slice's
    disaggregations are its new households' (DIST-3: its kip), under the figure's
    categories: they add up to the figure's cell by cell."""
    from .slices import like

    date_field = engine.date_field(ind)
    dims = ind.disaggregate
    labels = slice_labels(qualifying[date_field], engine.by, engine.fy_start).fillna("undated")
    if ind.count == "value":
        engine.note_dates(qualifying[date_field])
        kip = (qualifying["currency"].astype(object) == KIP).to_numpy()
        in_slice = labels.to_numpy()[kip]
        sums = pd.Series(qualifying["value"].to_numpy(dtype=float)[kip]).groupby(in_slice).sum()
        pieces = []
        for s in slice_order(list(labels.unique())):
            part = cells.loc[in_slice == s]
            value = _money(sums.get(s, 0.0))
            pieces.append({"period": s, "new": value, "active": value,
                           "disaggregations": like(totals, _sums(engine, part, part["value"],
                                                                 dims, money=True))})
        return pieces
    engine.note_dates(pd.to_datetime(members["first_date"]))
    first = slice_labels(pd.to_datetime(members["first_date"]), engine.by,
                         engine.fy_start).fillna("undated")
    weight = members["household_size"].fillna(0).to_numpy(dtype=float) \
        if ind.count == "household_members" else np.ones(len(members))
    new = pd.Series(weight).groupby(first.to_numpy()).sum()
    active_pairs = pd.DataFrame({"slice": labels.to_numpy(),
                                 "household": qualifying["household"].to_numpy()}) \
        .drop_duplicates()
    size_of = pd.Series(weight, index=members["household"].to_numpy())
    active = pd.Series(size_of.reindex(active_pairs["household"]).to_numpy()) \
        .groupby(active_pairs["slice"].to_numpy()).sum()
    pieces = []
    for s in slice_order(list(new.index) + list(active.index)):
        part = members.loc[first.to_numpy() == s]
        split = engine.disaggregate(part, dims) if ind.count == "households" else \
            _sums(engine, part, part["household_size"].fillna(0), dims)
        pieces.append({"period": s, "new": int(new.get(s, 0)), "active": int(active.get(s, 0)),
                       "disaggregations": like(totals, split)})
    return pieces
