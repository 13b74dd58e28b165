"""Distribution lists → one record per household per item, with its value.

Two layouts (docs/input-contract.md, "Distribution lists"):

- **long**: one row per household per item — item, quantity, unit, unit value and/or value;
- **wide**: one row per household, one quantity column per item. The item columns are
  named by an **items register** (a sheet or file of kind `items`: item names in one or
  more columns, unit, unit value) or by `[distribution.items]` in ctipcalc.toml; each
  filled item cell becomes a record of that item.

A record's value is its value column, else quantity × unit value (the row's, else the
register's); a quantity without a known unit value is reached with its value missing
(`value-missing`), never guessed. Values keep their currency (the cell's "₭", "USD", else
the header's "(USD)", else kip): other currencies are never added to kip.

Every raw row ends up a record (or several, wide), or excluded with a finding: no
household (`row-without-person`), nothing given (`distribution-nothing-given`). Work is
done on distinct values (fields.py), the wide melt per item column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..config import Config
from ..findings import Findings
from ..text import vocab_key
from .amounts import header_currency, read_amount
from .fields import categorical_distinct, map_distinct, raw_column, read_dates
from .names import NameFolder
from .report import RowReporter, SheetIndex, report_dates, report_unmapped
from .rows import UNNAMED
from .totals import TypedTotal
from .values import Normaliser

#: The columns of a distribution record, in order.
COLUMNS = ("record_no", "source_file", "source_sheet", "source_row", "sheet_no",
           "household_id", "household_key", "name", "name_key", "head_sex", "female_headed",
           "female_headed_raw", "household_size", "province", "province_raw", "district",
           "village", "district_key", "village_key", "item", "quantity", "unit",
           "unit_value", "value", "currency", "value_missing", "distribution_date",
           "distribution_round", "layout")


@dataclass
class Item:
    """One item of the register (or of [distribution.items])."""

    name: str
    unit: str | None
    unit_value: float | None
    currency: str
    keys: set[str] = field(default_factory=set)


@dataclass
class Catalogue:
    """The items a distribution hands out, found by any of their names."""

    items: list[Item] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)

    def add(self, item: Item, names: list[str]) -> None:
        index = len(self.items)
        self.items.append(item)
        for name in names:
            for key in _item_keys(name):
                self.by_key.setdefault(key, index)

    def find(self, text) -> Item | None:
        if text is None or (isinstance(text, float) and text != text):
            return None
        for key in _item_keys(str(text)):
            if key in self.by_key:
                return self.items[self.by_key[key]]
        return None


def _item_keys(name: str) -> list[str]:
    """An item's name as matched: folded, and the text before a bracket ("Soap (bar)",
    "Rice (kg)") or a slash ("Soap / ສະບູ")."""
    keys = [vocab_key(name)]
    for sep in ("(", "[", " / ", "\n"):
        if sep in name:
            keys += [vocab_key(part) for part in name.split(sep) if part.strip(" )]")]
    return [k for k in dict.fromkeys(keys) if k]


@dataclass
class Distribution:
    """The distribution records, the rows of each sheet that are none, and the items."""

    frame: pd.DataFrame
    not_records: dict[int, int]
    catalogue: Catalogue


def build_catalogue(register: pd.DataFrame | None, config: Config, norm: Normaliser,
                    findings: Findings, sheets: SheetIndex) -> Catalogue:
    """The items of [distribution.items], then those of every items register read."""
    catalogue = Catalogue()
    for name, spec in config.distribution_items.items():
        catalogue.add(Item(name, spec["unit"], spec["unit_value"], spec["currency"]),
                      [name, *spec["aliases"]])
    if register is None or register.empty:
        return catalogue
    register = register.reset_index(drop=True)
    rows = RowReporter(register, findings, sheets)
    extra = [c for c in register.columns if str(c).startswith(UNNAMED)]
    sheet_no = register["sheet_no"].to_numpy()
    currency = _header_currencies(register, "unit_value", sheets)
    negative = np.zeros(len(register), dtype=bool)
    unreadable = np.zeros(len(register), dtype=bool)
    for i in range(len(register)):   # a register lists a few dozen items
        row = register.iloc[i]
        name = norm.text(row.get("item"))
        others = [t for c in extra if (t := norm.text(row[c])) and read_amount(t)[2]]
        if name is None and not others:
            continue
        amount, cell_currency, problem = read_amount(row.get("unit_value")) \
            if not norm.is_null(row.get("unit_value")) else (None, None, None)
        if problem:
            unreadable[i] = True
        if amount is not None and amount < 0:
            negative[i], amount = True, None
        unit = norm.text(row.get("unit"))
        catalogue.add(Item(name or others[0], unit, amount,
                           cell_currency or currency[sheet_no[i]] or "LAK"),
                      [n for n in (name, *others) if n])
    values = raw_column(register, "unit_value").to_numpy()
    rows.rows_where(unreadable, "amount-unreadable", "unit value is not a number: the item "
                    "has no unit value", "unit_value", values=values)
    rows.rows_where(negative, "negative-value", "unit value is negative: not used",
                    "unit_value", values=values)
    return catalogue


def _header_currencies(raw: pd.DataFrame, fld: str, sheets: SheetIndex) -> dict[int, str | None]:
    """Each sheet's currency for `fld`, from its header ("Value (USD)")."""
    return {int(n): header_currency(sheets.column(int(n), fld))
            for n in pd.unique(raw["sheet_no"])}


def _amounts(raw: pd.DataFrame, fld: str, norm: Normaliser, money: bool = True
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(amount, currency the cell names, unreadable) of every row, per distinct value."""
    def rule(value):
        if norm.is_null(value):
            return (None, None, False)
        amount, currency, problem = read_amount(value, money)
        return (amount, currency, problem is not None)
    return tuple(map_distinct(raw_column(raw, fld), rule, 3, (float, object, bool)))


def normalise_distribution(raw: pd.DataFrame | None, register: pd.DataFrame | None,
                           config: Config, month_first: bool, findings: Findings,
                           sheets: SheetIndex, names_ahead=None) -> Distribution:
    """The distribution records of every distribution list read (`names_ahead`: the
    heads' names folded ahead, see loaders.ahead)."""
    norm = Normaliser(config, month_first)
    catalogue = build_catalogue(register, config, norm, findings, sheets)
    if raw is None or raw.empty:
        return Distribution(empty_distribution(), {}, catalogue)
    raw = raw.reset_index(drop=True)
    rows = RowReporter(raw, findings, sheets)
    sheet_no = raw["sheet_no"].to_numpy(dtype="int64")

    # The household: its id, else its head (name folded as people's names are).
    hh_id, hh_key = categorical_distinct(raw_column(raw, "household_id"), norm.identifier, 2,
                                         batch=norm.identifiers)
    head_column = raw_column(raw, "head_name" if "head_name" in raw else "name")
    shown, name_key, _ = NameFolder(config).names(head_column, names_ahead)
    head_sex, _ = categorical_distinct(
        raw_column(raw, "head_sex" if "head_sex" in raw else "sex"), norm.vocab("sex"), 2)
    female_headed, female_raw = categorical_distinct(raw_column(raw, "female_headed"),
                                                     norm.vocab("female_headed"), 2)
    province, province_raw = categorical_distinct(raw_column(raw, "province"),
                                                  norm.vocab("province"), 2)
    (district,) = categorical_distinct(raw_column(raw, "district"), norm.text)
    (village,) = categorical_distinct(raw_column(raw, "village"), norm.text)
    size, size_bad = map_distinct(raw_column(raw, "household_size"), norm.number, 2,
                                  (float, bool))
    dates = read_dates(raw, "distribution_date", norm)
    rounds, _ = map_distinct(raw_column(raw, "distribution_round"), norm.round_number, 2,
                             (float, bool))
    (item,) = categorical_distinct(raw_column(raw, "item"), norm.text)
    (unit,) = categorical_distinct(raw_column(raw, "unit"), norm.text)
    quantity, _, quantity_bad = _amounts(raw, "quantity", norm, money=False)
    unit_value, uv_currency, uv_bad = _amounts(raw, "unit_value", norm)
    value, value_currency, value_bad = _amounts(raw, "value", norm)

    has_household = np.asarray(pd.notna(hh_key), dtype=bool) | \
        np.asarray(pd.notna(name_key), dtype=bool)

    # Sizes: a whole number of people, at least one, at most household_size_max.
    size_wrong = ~np.isnan(size) & ((size < 1) | (size != np.floor(size)))
    _report(rows, raw, (size_bad | size_wrong) & has_household, "household-size-unreadable",
            "household size is not a whole number of people: left blank", "household_size")
    most = config.settings.get("household_size_max", 50)
    too_many = ~np.isnan(size) & ~size_wrong & (size > most)
    _report(rows, raw, too_many & has_household, "household-size-implausible",
            f"household size above {most} people: left blank (not in the people count)",
            "household_size")
    size = np.where(size_wrong | too_many, np.nan, size)

    # Negative amounts are never used.
    for fld, column in (("quantity", quantity), ("unit_value", unit_value), ("value", value)):
        negative = (column < 0) & has_household
        _report(rows, raw, negative, "negative-value", f"{fld.replace('_', ' ')} is negative: "
                "not used", fld)
        column[negative] = np.nan
    _report(rows, raw, quantity_bad & has_household, "quantity-not-number",
            "quantity is not a number: the household is counted, the value of this row is "
            "missing", "quantity")
    for fld, bad in (("unit_value", uv_bad), ("value", value_bad)):
        _report(rows, raw, bad & has_household, "amount-unreadable",
                f"{fld.replace('_', ' ')} is not an amount: left blank", fld)

    # Currencies: the cell's, else the header's, else kip.
    uv_header = _header_currencies(raw, "unit_value", sheets)
    value_header = _header_currencies(raw, "value", sheets)
    uv_currency = np.where(pd.notna(uv_currency), uv_currency, _by_sheet(uv_header, sheet_no))
    value_currency = np.where(pd.notna(value_currency), value_currency,
                              _by_sheet(value_header, sheet_no))

    # A typed value beside a quantity and a unit value that give another: the typed
    # value is used (it is what the list says), and the difference is said.
    def kip_if_blank(currency: np.ndarray) -> np.ndarray:
        # numpy on the object array: a pandas Series would copy the text into Arrow.
        return np.where(pd.isna(currency), "LAK", currency)

    both = ~np.isnan(value) & ~np.isnan(quantity) & ~np.isnan(unit_value) & has_household \
        & (kip_if_blank(uv_currency) == kip_if_blank(value_currency))
    product = np.where(both, quantity * np.nan_to_num(unit_value), np.nan)
    _report(rows, raw, both & (np.abs(value - product) >= 1), "value-mismatch",
            "typed value differs from quantity × unit value: the typed value is used",
            "value")
    # Kip have no decimals: "1,5" is more likely 1.5 million, or a slip, than 1.5 kip.
    for fld, column, currency in (("unit_value", unit_value, uv_currency),
                                  ("value", value, value_currency)):
        kip = kip_if_blank(currency) == "LAK"
        fraction = kip & ~np.isnan(column) & (column != np.floor(column)) & has_household
        _report(rows, raw, fraction, "amount-fraction", f"{fld.replace('_', ' ')} in kip "
                "has decimals: read as typed", fld)

    # Text columns stay categoricals (taken by their codes): no string per row is built.
    base = {
        "sheet_no": sheet_no, "source_row": raw["source_row"].to_numpy(dtype="int64"),
        "household_id": hh_id, "household_key": hh_key, "name": shown, "name_key": name_key,
        "head_sex": head_sex, "female_headed": female_headed, "female_headed_raw": female_raw,
        "household_size": size, "province": province, "province_raw": province_raw,
        "district": district, "village": village,
        "distribution_date": dates.values, "distribution_round": rounds,
    }

    # Long: the row's own item, quantity, value.
    long_given = (item.codes >= 0) | ~np.isnan(quantity) | ~np.isnan(value) | quantity_bad
    records = [_long(base, item, unit, quantity, quantity_bad,
                     unit_value, uv_currency, value, value_currency, catalogue,
                     long_given & has_household)]

    # Wide: a quantity column per item of the register, on sheets with no item column.
    given = long_given.copy()
    wide_sheet = _by_sheet({int(s): sheets.column(int(s), "item") is None
                            for s in pd.unique(sheet_no)}, sheet_no).astype(bool)
    row_valued = ~np.isnan(value)
    for column in [c for c in raw.columns if str(c).startswith(UNNAMED)]:
        header = str(column).split("|", 2)[2]
        cells = raw[column]
        amounts, bad = map_distinct(
            cells, lambda v: _quantity_cell(v, norm), 2, (float, bool))
        filled = ((~np.isnan(amounts) & (amounts != 0)) | bad) & wide_sheet
        if not filled.any():
            continue
        found = catalogue.find(header)
        if found is None:
            numbers = ~np.isnan(amounts) & (amounts != 0) & has_household & wide_sheet
            if not numbers.any():
                continue   # a column of text (a second name, a note): no item
            # A column the register does not know is no item: a number under "Children
            # under 5" is not relief handed out. Never guessed; reported.
            rows.rows_where(numbers, "item-unknown", f"column {header!r} holds numbers "
                            "but names no item of the items register (or "
                            "[distribution.items]): not counted as an item", "", values=None)
            continue
        given |= filled
        negative = (amounts < 0) & has_household
        rows.rows_where(negative, "negative-value", f"quantity of {found.name!r} is "
                        "negative: not used", "", values=cells.to_numpy())
        rows.rows_where(bad & has_household, "quantity-not-number",
                        f"quantity of {found.name!r} is not a number: the household is "
                        "counted, the value of this item is missing", "",
                        values=cells.to_numpy())
        take = filled & has_household & ~negative   # a negative cell gives nothing
        records.append(_wide(base, take, found, amounts, row_valued))

    rows.rows_where(~has_household, "row-without-person", "row has no household id and no "
                    "head of household: not counted", "head_name")
    nothing = has_household & ~given
    rows.rows_where(nothing, "distribution-nothing-given", "{rows} with a household but no "
                    "item, quantity or value: not counted as reached", "item")
    excluded = pd.Series(sheet_no[~(has_household & given)]).value_counts()
    not_records = {int(s): int(k) for s, k in excluded.items()}

    rows.rows_where(_flag(head_sex, "other") & has_household, "sex-unknown-value",
                    "head's sex is not female or male: female-headed unknown", "head_sex")
    report_unmapped(rows, female_headed, female_raw, has_household, "female_headed", config)
    report_unmapped(rows, province, province_raw, has_household, "province", config)
    report_dates(rows, raw, "distribution_date", dates, has_household)

    frame = pd.concat([r for r in records if len(r)], ignore_index=True) \
        if any(len(r) for r in records) else empty_distribution()
    if len(frame):
        frame = frame.sort_values(["sheet_no", "source_row", "_order"], kind="stable")
        frame = frame.drop(columns="_order").reset_index(drop=True)
        frame = _finish(frame, sheets, catalogue)
        frame = _with_head_sex(frame)
        missing = frame["value_missing"].to_numpy()
        if missing.any():
            reporter = RowReporter(frame, findings, sheets)
            reporter.rows_where(missing, "value-missing", "{rows} with no value and no "
                                "known unit value (for quantity × unit value): the household "
                                "is counted, the value is missing (not guessed)", "unit_value",
                                values=frame["item"].to_numpy())
        other = frame["currency"].notna() & (frame["currency"] != "LAK") & \
            frame["value"].notna()
        if other.any():
            reporter = RowReporter(frame, findings, sheets)
            reporter.rows_where(other.to_numpy(), "other-currency", "{rows} valued in another "
                                "currency: kept apart, never added to kip", "value",
                                values=frame["currency"].to_numpy())
    return Distribution(frame, not_records, catalogue)


def _by_sheet(per_sheet: dict[int, str | None], sheet_no: np.ndarray) -> np.ndarray:
    lookup = np.full(int(sheet_no.max()) + 1 if len(sheet_no) else 1, None, dtype=object)
    for s, currency in per_sheet.items():
        lookup[s] = currency
    return lookup[sheet_no]


def _flag(column: pd.Categorical, value: str) -> np.ndarray:
    per_category = np.append(np.asarray(column.categories == value, dtype=bool), False)
    return per_category[column.codes]


def _report(rows: RowReporter, raw: pd.DataFrame, mask: np.ndarray, code: str, text: str,
            fld: str) -> None:
    """A finding about a field's cells, with the cells as typed (built only when due)."""
    if mask.any():
        rows.rows_where(mask, code, text, fld, values=raw_column(raw, fld).to_numpy())


def _quantity_cell(value, norm: Normaliser) -> tuple[float | None, bool]:
    if norm.is_null(value):
        return (None, False)
    amount, _, problem = read_amount(value, money=False)
    return (amount, problem is not None)


def _long(base: dict, item: pd.Categorical, unit: pd.Categorical, quantity: np.ndarray,
          quantity_bad: np.ndarray, unit_value: np.ndarray, uv_currency: np.ndarray,
          value: np.ndarray, value_currency: np.ndarray, catalogue: Catalogue,
          take: np.ndarray) -> pd.DataFrame:
    """The long layout's records: value, else quantity × unit value (row, else register).
    The register is looked up once per distinct item."""
    idx = np.flatnonzero(take)
    codes = item.codes[idx].astype(np.int64)
    quantity = quantity[idx]
    unit_value, uv_currency = unit_value[idx].copy(), uv_currency[idx].copy()
    value, value_currency = value[idx], value_currency[idx]
    found = [catalogue.find(name) for name in item.categories] + [None]
    reg_value = np.array([f.unit_value if f and f.unit_value is not None else np.nan
                          for f in found], dtype=float)
    reg_currency = np.array([f.currency if f else None for f in found], dtype=object)
    # An item of the register is shown under the register's (first) name and unit.
    names = [f.name if f else str(c) for f, c in zip(found, [*item.categories, None],
                                                      strict=True)]
    units = np.array([f.unit if f else None for f in found], dtype=object)
    no_row_price = np.isnan(unit_value)
    unit_value = np.where(no_row_price, reg_value[codes], unit_value)
    uv_currency = np.where(no_row_price, reg_currency[codes], uv_currency)
    # The row's unit, else the register's, read through the unit's codes (few categories).
    unit_codes = unit.codes[idx]
    row_units = np.append(np.asarray(unit.categories, dtype=object), None)
    shown_unit = np.where(unit_codes >= 0, row_units[unit_codes], units[codes])
    has_value = ~np.isnan(value)
    total = np.where(has_value, value, quantity * unit_value)
    currency = np.where(has_value, value_currency, uv_currency)
    missing = np.isnan(total)
    currency = np.where(missing, None, np.where(pd.isna(currency), "LAK", currency))
    shown_item = pd.Categorical.from_codes(
        codes, categories=pd.Index(names[:-1]).drop_duplicates()) \
        if len(set(names[:-1])) == len(names[:-1]) else \
        pd.Categorical(np.array(names, dtype=object)[codes])
    frame = _frame(base, idx, shown_item, np.where(quantity_bad[idx], np.nan, quantity),
                   _categorical(shown_unit), unit_value, total, _categorical(currency),
                   missing)
    frame["layout"] = "long"
    return frame


def _categorical(values: np.ndarray) -> pd.Categorical:
    """`pd.Categorical(values)` (categories sorted) for an object array, without copying
    its text into Arrow strings first."""
    codes, categories = pd.factorize(values, sort=True, use_na_sentinel=True)
    return pd.Categorical.from_codes(codes, categories=categories)


def _wide(base: dict, take: np.ndarray, found: Item, amounts: np.ndarray,
          row_valued: np.ndarray) -> pd.DataFrame:
    """One item column's records: quantity × the register's unit value — unless the row
    has a value column filled: then the row's value (a record of its own) is the value,
    and its items carry quantities only."""
    idx = np.flatnonzero(take)
    quantity = amounts[idx]
    unit_value = np.full(len(idx), np.nan if found.unit_value is None else found.unit_value)
    total = np.where(row_valued[idx], np.nan, quantity * unit_value)
    currency = np.where(np.isnan(total), None, found.currency).astype(object)
    missing = np.isnan(total) & ~row_valued[idx] & ~np.isnan(quantity)
    frame = _frame(base, idx, pd.Categorical([found.name] * len(idx)), quantity,
                   pd.Categorical([found.unit] * len(idx)), unit_value, total,
                   pd.Categorical(currency), missing | (np.isnan(quantity) & ~row_valued[idx]))
    frame["layout"] = "wide"
    return frame


def _frame(base: dict, idx: np.ndarray, item, quantity, unit, unit_value, value, currency,
           missing) -> pd.DataFrame:
    # Object arrays stay objects: pandas would otherwise turn each text column into an
    # Arrow string column, a copy of every string.
    columns = {k: (pd.Series(v[idx], dtype=object, copy=False)
                   if isinstance(v, np.ndarray) and v.dtype == object else v[idx])
               for k, v in base.items()}
    columns.update(item=item, quantity=quantity, unit=unit, unit_value=unit_value, value=value,
                   currency=currency, value_missing=np.asarray(missing, dtype=bool),
                   _order=idx)
    return pd.DataFrame(columns)


def _finish(frame: pd.DataFrame, sheets: SheetIndex, catalogue: Catalogue) -> pd.DataFrame:
    """Provenance, record numbers and the keys villages and districts are matched by."""
    file_cat, sheet_cat = sheets.provenance(frame["sheet_no"].to_numpy(dtype="int64"))
    frame.insert(0, "record_no", np.arange(len(frame), dtype="int64"))
    frame.insert(1, "source_file", file_cat)
    frame.insert(2, "source_sheet", sheet_cat)
    frame["district_key"], frame["district"] = _place(
        frame["district"], ("district", "ເມືອງ", "muang", "mueang", "meuang", "muong"))
    frame["village_key"], frame["village"] = _place(frame["village"],
                                                    ("ban", "ບ້ານ", "village"))
    frame["distribution_date"] = pd.to_datetime(frame["distribution_date"])
    # A quantity whose value is missing for want of a unit value is said so; a record
    # with no quantity and no value (an item named, nothing counted) is missing too.
    return frame[[c for c in COLUMNS if c in frame.columns]]


def _place(column: pd.Series, prefixes: tuple[str, ...]) -> tuple[pd.Series, pd.Categorical]:
    """A place as matched — folded, its "Ban"/"ບ້ານ" (or "Muang", "ເມືອງ", "District") word
    removed — and as shown: the spelling of its key met first, so that "Champhone
    District" and "Muang Champhone" are one place in the figures. On distinct values."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    uniques = list(uniques)
    keys = []
    for u in uniques:
        key = vocab_key(u)
        words = key.split(" ")
        words = [w for w in words if w not in prefixes] or words
        key = " ".join(words)
        for p in prefixes:
            if not p.isascii() and key.startswith(p) and len(key) > len(p):
                key = key[len(p):].strip()
        keys.append(key.replace(" ", ""))
    held = codes >= 0
    first_row = np.full(len(uniques), len(codes), dtype=np.int64)
    np.minimum.at(first_row, codes[held], np.flatnonzero(held))
    best: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key not in best or first_row[i] < first_row[best[key]]:
            best[key] = i
    categories = list(dict.fromkeys(uniques[best[key]] for key in keys))
    position = {c: n for n, c in enumerate(categories)}
    shown_codes = np.array([*(position[uniques[best[key]]] for key in keys), -1],
                           dtype=np.int32)[codes]
    # The keys as a categorical too: households are told apart on its codes.
    key_codes, distinct_keys = pd.factorize(np.array(keys, dtype=object))
    key_of_row = np.append(key_codes, -1).astype(np.int32)[codes]
    return pd.Series(pd.Categorical.from_codes(key_of_row, categories=distinct_keys),
                     index=column.index), \
        pd.Categorical.from_codes(shown_codes, categories=categories)


def _with_head_sex(frame: pd.DataFrame) -> pd.DataFrame:
    """female_headed from its column, else from the head's sex (female → yes)."""
    # On the columns' codes (a categorical comes back: every later test and pick reads
    # codes, not 200,000 strings).
    answer = ["yes", "no"]

    def coded(column: pd.Series, meaning: dict) -> np.ndarray:
        column = column.astype("category")
        lookup = [answer.index(meaning[c]) if c in meaning else -1
                  for c in column.cat.categories]
        return np.append(np.array(lookup, dtype=np.int8), np.int8(-1))[column.cat.codes]
    typed = coded(frame["female_headed"], {"yes": "yes", "no": "no"})
    from_sex = coded(frame["head_sex"], {"female": "yes", "male": "no"})
    frame["female_headed"] = pd.Categorical.from_codes(np.where(typed >= 0, typed, from_sex),
                                                       categories=answer)
    return frame


def distribution_totals(totals: list[TypedTotal], records: pd.DataFrame,
                        catalogue: Catalogue, findings: Findings) -> None:
    """`check`: a distribution list's totals row against what it lists — "92 households"
    against the households on it, each summed quantity against the quantities counted."""
    import re

    households = re.compile(r"(\d[\d,.\s]*)\s*(?:households?|families|hhs?|ຄອບຄົວ|ຄົວເຮືອນ)",
                            re.IGNORECASE)
    for total in totals:
        if total.kind != "distribution" or not total.cells:
            continue
        on = records[(records["sheet_no"].to_numpy() == total.sheet_no)
                     & (records["source_row"].to_numpy() > total.first_row)
                     & (records["source_row"].to_numpy() < total.row)]
        place = {"file": total.file, "sheet": total.sheet, "row": total.row}
        text = " ".join(str(c) for c in total.cells if c not in (None, ""))
        m = households.search(text)
        if m:
            typed, _, _ = read_amount(m.group(1), money=False)
            keys = on["household"].nunique() if "household" in on else 0
            if typed is not None and typed != keys:
                findings.add("totals-mismatch", f"the sheet's typed households is {int(typed)} "
                             f"but it lists {keys} households (rows {total.first_row + 1}–"
                             f"{total.row - 1})", value=str(int(typed)), **place)
        for col, cell in enumerate(total.cells):
            header = total.texts[col] if col < len(total.texts) else ""
            typed, _, problem = read_amount(cell, money=False) if isinstance(
                cell, int | float | str) and not isinstance(cell, bool) else (None, None, "x")
            if typed is None or problem:
                continue
            if total.columns.get("quantity") == col:
                what, counted = "quantity", on["quantity"].sum()
            elif col not in total.columns.values() and (found := catalogue.find(header)):
                mine = on[(on["item"] == found.name) & (on["layout"] == "wide")]
                what, counted = f"quantity of {found.name}", mine["quantity"].sum()
            elif total.columns.get("value") == col:
                what, counted = "value", on["value"].sum()
            else:
                continue
            if abs(float(counted) - typed) > 1e-6:
                findings.add("totals-mismatch", f"the sheet's typed {what} is {typed:g} but "
                             f"its rows add up to {float(counted):g} (rows "
                             f"{total.first_row + 1}–{total.row - 1})", value=f"{typed:g}",
                             column=header, **place)


def empty_distribution() -> pd.DataFrame:
    """The distribution records of a run with no distribution list."""
    dtypes = {"record_no": "int64", "source_row": "int64", "sheet_no": "int64",
              "household_size": "float64", "quantity": "float64", "unit_value": "float64",
              "value": "float64", "value_missing": bool, "distribution_date": "datetime64[ns]",
              "distribution_round": "float64"}
    return pd.DataFrame({c: np.empty(0, dtype=dtypes.get(c, object)) for c in COLUMNS})
