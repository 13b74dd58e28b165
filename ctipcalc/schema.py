"""The canonical record: which fields there are, what each holds, and which kinds carry it.

Every stage names fields through this module, so that adding one is one line here (plus
its header synonyms in defaults.toml). Nothing here imports pandas at module level: the
loaders import it before pandas is loaded (see loaders/ahead.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: Kinds of sheet: the first two hold records of people, the third describes events; a
#: distribution list holds households and what they received, an items register the
#: items a distribution hands out (names, unit, unit value).
KINDS = ("attendance", "livelihood", "events", "distribution", "items")
RECORD_KINDS = ("attendance", "livelihood")
#: Kinds whose records are households (counted by households.py, not persons/).
HOUSEHOLD_KINDS = ("distribution",)
#: The kinds an indicator may count.
INDICATOR_KINDS = (*RECORD_KINDS, *HOUSEHOLD_KINDS)
#: Kinds read by loaders/distribution.py: their fields are none of the generic lists below.
OWN_KINDS = frozenset({"distribution", "items"})

#: A person's sex as counted: the categories of the `sex` and `person_sex` columns.
SEXES = ("female", "male", "unknown")


@dataclass(frozen=True)
class Field:
    """One canonical field of a record.

    `type` says how its cells are read: name (folded for matching), id (text compared
    trimmed and case-insensitively), category (through a vocabulary), text, date, number.
    `kinds` are the sheet kinds that carry it, when not every kind does (a header shared
    by two fields, "category", goes to the one of the sheet's kind). `few_values` columns
    are read as categoricals (names, ids and phones hold many values); `typed` columns
    (sex, ages, dates …) never hold a totals label.
    """

    name: str
    type: str
    kinds: tuple[str, ...] = ()
    few_values: bool = True
    typed: bool = False

    def carried_by(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


# In the order the records' columns and their findings come in.
FIELDS = (
    Field("name", "name", few_values=False),
    Field("given_name", "name", few_values=False),   # joined into name (loaders/rows.py)
    Field("surname", "name", few_values=False),
    Field("person_id", "id", few_values=False),
    Field("beneficiary_id", "id", ("livelihood",), few_values=False),
    Field("event_id", "id"),
    Field("sex", "sex", typed=True),
    Field("age", "number", typed=True),
    Field("birth_year", "number", typed=True),
    Field("participant_type", "category", ("attendance",)),
    Field("beneficiary_type", "category", ("livelihood",)),
    Field("topic", "category"),
    Field("province", "category"),
    Field("employment_status", "category", ("livelihood",)),
    Field("disability", "category", typed=True),
    Field("attendance_mark", "category", ("attendance",), typed=True),
    Field("absent_mark", "tick", ("attendance",), typed=True),
    Field("remarks", "text", few_values=False),
    Field("organization", "text"),
    Field("position", "text"),
    Field("district", "text"),
    Field("village", "text"),
    Field("event_title", "text"),
    Field("support", "text", ("livelihood",)),
    Field("phone", "text", few_values=False, typed=True),
    Field("event_date", "date", ("attendance", "events"), typed=True),
    Field("end_date", "date", ("attendance", "events"), typed=True),
    Field("support_date", "date", ("livelihood",), typed=True),
    Field("followup_date", "date", ("livelihood",), typed=True),
    Field("date_of_birth", "date", few_values=False, typed=True),
    Field("followup_round", "number", ("livelihood",), typed=True),
    # Relief distributions (loaders/distribution.py reads them; "amount" cells are money
    # or quantities as typed: 1,250,000 / 1.250.000 / 1.2M / 1,2 ລ້ານ / ₭ / LAK / ກີບ).
    Field("household_id", "id", ("distribution",), few_values=False),
    Field("head_name", "name", ("distribution",), few_values=False),
    Field("head_sex", "sex", ("distribution",), typed=True),
    Field("female_headed", "category", ("distribution",), typed=True),
    Field("household_size", "number", ("distribution",), typed=True),
    Field("item", "text", ("distribution", "items")),
    Field("quantity", "amount", ("distribution",), typed=True),
    Field("unit", "text", ("distribution", "items")),
    Field("unit_value", "amount", ("distribution", "items"), typed=True),
    Field("value", "amount", ("distribution",), typed=True),
    Field("distribution_date", "date", ("distribution",), typed=True),
    Field("distribution_round", "number", ("distribution",), typed=True),
)
BY_NAME = {f.name: f for f in FIELDS}


def fields_of_type(type_: str) -> tuple[str, ...]:
    """The fields of a type that attendance and livelihood records carry (the
    distribution fields are read apart, by loaders/distribution.py)."""
    return tuple(f.name for f in FIELDS if f.type == type_ and not own_kind_field(f))


def own_kind_field(f: Field) -> bool:
    """A field only distribution lists and items registers carry."""
    return bool(f.kinds) and set(f.kinds) <= OWN_KINDS


ID_FIELDS = fields_of_type("id")
VOCAB_FIELDS = fields_of_type("category")
TEXT_FIELDS = fields_of_type("text")
DATE_FIELDS = fields_of_type("date")
#: Boxes to tick: ticked or not.
TICK_FIELDS = fields_of_type("tick")
FEW_VALUES = frozenset(f.name for f in FIELDS if f.few_values)
#: Fields of distribution lists and items registers only.
DISTRIBUTION_FIELDS = frozenset(f.name for f in FIELDS if own_kind_field(f))
TYPED = frozenset(f.name for f in FIELDS if f.typed)

#: Where a record's person key comes from, besides the name.
ID_KEY_COLUMN = {"person_id": "person_id_key", "beneficiary_id": "beneficiary_key",
                 "event_id": "event_key"}

def dates_of(kind: str) -> tuple[str, ...]:
    """The dates a record of `kind` carries (the date of birth aside)."""
    return tuple(f.name for f in FIELDS if f.type == "date" and f.kinds and kind in f.kinds)


#: The date that places a record of each kind in a reporting period, unless an indicator
#: names another (`date_field`).
PERIOD_DATE_FIELD = {"attendance": "event_date", "livelihood": "support_date",
                     "distribution": "distribution_date"}

#: The dimensions an indicator may be disaggregated by, and their titles in reports.
DIMENSION_TITLES = {"sex": "Sex", "age_group": "Age group", "participant_type": "Participant type",
                    "beneficiary_type": "Beneficiary type", "province": "Province",
                    "topic": "Topic", "district": "District", "organization": "Organisation",
                    "disability": "Disability", "employment_status": "Employment status",
                     "female_headed": "Female-headed", "item": "Item"}
DIMENSIONS = tuple(DIMENSION_TITLES)
#: Dimensions with long lists of categories: reports show only those that occur.
OCCURRING_ONLY = frozenset({"province", "district", "organization", "topic",
                            "employment_status", "disability", "item"})


def record_date(records: pd.DataFrame, kind: str) -> pd.Series:
    """When a record happened: the event's date for attendance; for livelihood the
    support date, else the follow-up date. Ages typed on a record are ages at this date."""
    if kind == "attendance":
        return records["event_date"]
    if kind == "distribution":
        return records["distribution_date"]
    return records["support_date"].fillna(records["followup_date"])
