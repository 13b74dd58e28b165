"""Relief distributions (issue 17): every figure below is worked out by hand from the
small fixtures built here — long and wide layouts, each amount form, the household rule
across rounds, and each finding."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import ctipcalc
from conftest import write_xlsx
from ctipcalc.loaders.amounts import header_currency, read_amount

HEADER = ["Household ID", "Head of household", "Sex of head", "Household size", "Village",
          "District", "Province", "Round", "Item", "Quantity", "Unit", "Unit price",
          "Total value", "Distribution date"]
# Two rounds. Households: HH-1 (" hh-1 " in round 2, size 5 then 6); Khamla Sisavath of
# "Ban Done"/"Done", Xaibouly, without id (one household) and another Khamla Sisavath in
# Champhone (another household); HH-2; HH-3 (no size, no sex, value missing).
LONG = [
    ["HH-1", "Noy Keo", "F", 5, "Ban Nongbua", "Xaibouly", "Savannakhet", 1, "Rice", 10, "kg",
     12000, "", "2024-08-12"],                                            # 120,000
    ["HH-1", "Noy Keo", "F", 5, "Ban Nongbua", "Xaibouly", "Savannakhet", 1, "Soap", 4, "bar",
     "", "20,000", "2024-08-12"],                                         # 20,000
    ["", "Khamla Sisavath", "M", 4, "Ban Done", "Xaibouly", "Savannakhet", 1, "Rice", 5, "kg",
     12000, "", "2024-08-12"],                                            # 60,000
    ["HH-2", "Vilay Phommachanh", "M", 3, "Phonsay", "Champhone", "Savannakhet", 1, "Kit", 1,
     "kit", "", "1.2M", "2024-08-13"],                                    # 1,200,000
    [" hh-1 ", "Noy Keo", "F", 6, "Nongbua", "Xaibouly", "Savannakhet", 2, "Rice", 10, "kg",
     12000, "", "2024-11-20"],                                            # 120,000
    ["", "Khamla Sisavath", "M", 4, "Done", "Xaibouly", "Savannakhet", 2, "Soap", 2, "bar",
     5000, "", "2024-11-20"],                                             # 10,000
    ["", "Khamla Sisavath", "M", 2, "Done", "Champhone", "Savannakhet", 2, "Soap", 2, "bar",
     5000, "", "2024-11-20"],                                             # 10,000
    ["HH-3", "Mali Keo", "", "", "Nalao", "Champhone", "Bokeo", 2, "Kit", 1, "kit", "", "",
     "2024-11-21"],                                                       # missing
]


def csv_file(path: Path, rows: list[list], header=HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


@pytest.fixture
def long_list(tmp_path) -> Path:
    return csv_file(tmp_path / "relief.csv", LONG)


def run(paths, **options):
    return ctipcalc.summarize(paths if isinstance(paths, list) else [paths], **options)


# ----------------------------------------------------------------------------- amounts
@pytest.mark.parametrize(("typed", "amount", "currency"), [
    ("1,250,000", 1250000, None), ("1.250.000", 1250000, None), ("1 250 000", 1250000, None),
    ("1\u00a0250\u00a0000", 1250000, None), ("₭ 350,000", 350000, "LAK"),
    ("120000 LAK", 120000, "LAK"), ("350,000 ກີບ", 350000, "LAK"), ("1.2M", 1200000, None),
    ("1,2 ລ້ານ", 1200000, None), ("1.5 million", 1500000, None), ("20 USD", 20, "USD"),
    ("$ 20", 20, "USD"), ("600 ບາດ", 600, "THB"), ("12.5", 12.5, None), ("1,250.50", 1250.5, None),
    ("1.250,50", 1250.5, None), (1250000.0, 1250000, None), ("(5)", -5, None), ("-3", -3, None),
])
def test_amounts_are_read_in_every_typed_form(typed, amount, currency):
    assert read_amount(typed) == (amount, currency, None)


@pytest.mark.parametrize("typed", ["two", "12/15", "1,25,0", "a lot"])
def test_an_amount_that_is_no_number_is_unreadable(typed):
    assert read_amount(typed)[2] == "unreadable"


def test_a_quantity_takes_no_multiplier_and_a_header_names_its_currency():
    assert read_amount("2 m", money=False)[0] == 2
    assert read_amount("5 bags", money=False)[0] == 5
    assert [header_currency(h) for h in ("Value (USD)", "Unit price (ກີບ)", "ມູນຄ່າ (₭)",
                                         "Total value (LAK)", "Value")] == \
        ["USD", "LAK", "LAK", "LAK", None]


def test_every_amount_form_adds_up_and_other_currencies_stay_apart(tmp_path):
    forms = ["1,250,000", "1.250.000", "1 250 000", "₭ 1,000", "1000 LAK", "2,000 ກີບ", "1.2M",
             "1,2 ລ້ານ", "20 USD"]
    rows = [[f"H{n}", f"Head {n}", "F", 1, "V", "D", "Bokeo", 1, "Cash", 1, "", "", form,
             "2024-08-12"] for n, form in enumerate(forms)]
    usd = write_xlsx(tmp_path / "usd.xlsx", {"List": [
        ["Household ID", "Head of household", "Item", "Value (USD)", "Date"],
        ["U1", "Kham", "Cash", 10, "2024-08-12"]]})
    result = run([csv_file(tmp_path / "forms.csv", rows), usd])
    dist3 = result.indicator("DIST-3")
    # 3 × 1,250,000 + 1,000 + 1,000 + 2,000 + 2 × 1,200,000
    assert dist3.value == 6_154_000
    assert dist3.by_currency == {"LAK": 6_154_000, "USD": 30}
    assert result.indicator("DIST-1").value == 10
    assert result.findings.by_code()["other-currency"] == 2


# ----------------------------------------------------------------------------- long layout
def test_long_layout_households_people_and_value(long_list):
    result = run(long_list)
    dist1, dist2, dist3 = (result.indicator(c) for c in ("DIST-1", "DIST-2", "DIST-3"))
    assert dist1.value == 5
    assert dist1.disaggregations == {
        "province": {"Bokeo": 1, "Savannakhet": 4},
        "district": {"Champhone": 3, "Xaibouly": 2},
        "female_headed": {"yes": 1, "no": 3, "unknown": 1}}
    # Sizes once per household, the most recent: 6 + 4 + 3 + 2; HH-3 has none.
    assert dist2.value == 15
    assert dist2.households_without_size == 1
    assert dist2.disaggregations["female_headed"] == {"yes": 6, "no": 9, "unknown": 0}
    assert dist3.value == 1_540_000
    # Bokeo's one record has no value: no kip from Bokeo, not listed.
    assert dist3.disaggregations == {"province": {"Savannakhet": 1_540_000},
                                     "item": {"Kit": 1_200_000, "Rice": 300_000,
                                              "Soap": 40_000}}
    assert dist3.values_missing == 1
    assert {(r["item"], r["quantity"], r["value"], r["currency"]) for r in dist3.items} == {
        ("Kit", 2, 1_200_000, "LAK"), ("Rice", 25, 300_000, "LAK"), ("Soap", 8, 40_000, "LAK")}
    codes = result.findings.by_code()
    assert codes["household-size-differs"] == 3     # HH-1's three rows (5, 5, 6)
    assert codes["value-missing"] == 1
    assert codes["household-size-missing"] == 1


def test_the_household_rule_across_rounds(long_list):
    records = run(long_list).records["distribution"]
    households = records.groupby("household")["source_row"].apply(list).tolist()
    # HH-1 and " hh-1 "; Khamla of Ban Done and of Done (Xaibouly); HH-2; Khamla of
    # Champhone; HH-3.
    assert households == [[2, 3, 6], [4, 7], [5], [8], [9]]


def test_a_period_and_quarters(long_list):
    fy = run(long_list, period="FY2024")
    assert [fy.indicator(c).value for c in ("DIST-1", "DIST-2", "DIST-3")] == [3, 12, 1_400_000]
    by = run(long_list, by="quarter")

    def slices(code):
        return [(p["period"], p["new"], p["active"]) for p in by.indicator(code).by_period]
    assert slices("DIST-1") == [("FY2024Q4", 3, 3), ("FY2025Q1", 2, 4)]
    assert slices("DIST-2") == [("FY2024Q4", 13, 13), ("FY2025Q1", 2, 12)]
    assert slices("DIST-3") == [("FY2024Q4", 1_400_000, 1_400_000),
                                ("FY2025Q1", 140_000, 140_000)]
    # Each slice's cells are its new households' (DIST-3: its kip), adding up to the figure's.
    q4, q1 = by.indicator("DIST-1").by_period
    assert q4["disaggregations"]["female_headed"] == {"yes": 1, "no": 2, "unknown": 0}
    assert q1["disaggregations"]["female_headed"] == {"yes": 0, "no": 1, "unknown": 1}
    q4, q1 = by.indicator("DIST-3").by_period
    assert q4["disaggregations"]["item"] == {"Kit": 1_200_000, "Rice": 180_000, "Soap": 20_000}
    assert q1["disaggregations"]["item"] == {"Kit": 0, "Rice": 120_000, "Soap": 20_000}


def test_suppression_targets_and_the_json_contract(long_list, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("code,period,target\nDIST-1,,10\nDIST-3,,3080000\n", encoding="utf-8")
    result = run(long_list, suppress_below=2, targets=targets)
    assert result.indicator("DIST-1").achieved_pct == 50.0
    assert result.indicator("DIST-3").achieved_pct == 50.0
    # A sum is suppressed by the households behind it: Bokeo has one.
    assert result.indicator("DIST-3").disaggregations["item"]["Kit"] is None   # 2 households
    assert result.indicator("DIST-2").disaggregations["province"]["Bokeo"] is None
    assert result.indicator("DIST-1").disaggregations["province"]["Bokeo"] is None
    kit = next(r for r in result.indicator("DIST-3").items if r["item"] == "Kit")
    assert kit["quantity"] == 2 and kit["households"] == 2     # not below 2
    one = run(long_list, suppress_below=3).indicator("DIST-3")
    assert next(r for r in one.items if r["item"] == "Kit")["value"] is None
    assert "items.Kit" in one.suppressed
    data = json.loads(json.dumps(result.to_dict()))
    schema = json.loads(resources.files("ctipcalc").joinpath("summary.schema.json")
                        .read_text("utf-8"))
    jsonschema.validate(data, schema)
    dist = {i["code"]: i for i in data["indicators"]}
    assert dist["DIST-2"]["households_without_size"] == 1
    assert dist["DIST-3"]["unit"] == "LAK" and dist["DIST-3"]["values_missing"] == 1
    frame = result.to_frame()
    assert frame[(frame["code"] == "DIST-3") & (frame["dimension"] == "total")]["value"] \
        .tolist() == [1_540_000]


def test_trace_lists_households_and_their_rows_names_only_when_asked(long_list):
    result = run(long_list)
    traced = ctipcalc.trace(result, "DIST-1")
    assert len(traced) == 5 and "head" not in traced.columns
    assert "Noy Keo" not in traced.to_csv() and "HH-1" not in traced.to_csv()
    first = traced.iloc[0]
    assert (first["household"], first["household_size"], first["value_lak"]) == ("H0001", 6, 260000)
    assert first["sources"].count(" row ") == 3
    named = ctipcalc.trace(result, "DIST-1", show_names=True)
    assert named["head"].iloc[0] == "Noy Keo"
    soap = ctipcalc.trace(result, "DIST-3", where={"item": "soap"})
    assert soap["household"].tolist() == ["H0001", "H0002", "H0004"]


def test_two_heads_for_one_household(tmp_path):
    rows = [["HH-9", "Noy Keo", "F", 5, "V", "D", "Bokeo", 1, "Rice", 1, "kg", 100, "",
             "2024-08-12"],
            ["HH-9", "Khamla Keo", "M", 5, "V", "D", "Bokeo", 2, "Rice", 1, "kg", 100, "",
             "2024-11-12"]]
    result = run(csv_file(tmp_path / "two.csv", rows))
    assert result.indicator("DIST-1").value == 1
    found = [f for f in result.findings if f.code == "household-two-heads"]
    assert len(found) == 1 and found[0].count == 2
    assert "Noy" not in found[0].message and "Noy Keo" in found[0].name_value


# ----------------------------------------------------------------------------- wide layout
ITEMS = [["Item", "ລາຍການ", "Unit", "Unit value (LAK)"], ["Soap", "ສະບູ", "bar", "5,000"],
         ["Rice", "ເຂົ້າສານ", "kg", 12000], ["Water", "ນ້ຳ", "bottle", None]]
WIDE = [["Relief distribution, round 1"], [],
        ["No", "Household ID", "Head of household", "Household size", "Village", "District",
         "Soap", "Rice", "Water", "Tarpaulin", "Date"],
        [1, "H1", "Noy Keo", 5, "Ban A", "D1", 2, 10, None, None, "2024-08-12"],   # 130,000
        [2, "H2", "Kham Vong", 4, "A", "D1", 4, None, 3, 1, "2024-08-12"],       # 20,000
        [3, "H3", "Vanh Sy", None, "A", "D1", None, None, None, None, "2024-08-12"],  # nothing
        [4, "H4", "Bua Lath", 3, "A", "D1", -1, 5, None, None, "2024-08-12"],    # 60,000
        ["Total", "3 households", None, None, None, None, 5, 15, 3, 1]]
WIDE_LAO = [["ລະຫັດຄອບຄົວ", "ຊື່ ຫົວໜ້າຄອບຄົວ", "ເພດ", "ຈຳນວນສະມາຊິກ", "ສະບູ", "ເຂົ້າສານ", "ວັນທີ"],
            ["H1", "Noy Keo", "ຍິງ", 5, 1, None, "15/11/2024"],                   # 5,000
            ["H5", "ສົມພອນ ໄຊຍະວົງ", "ຊາຍ", 6, "ສອງ", 10, "15/11/2024"],             # 120,000
            ["ລວມ 3 ຄອບຄົວ"]]


def _wide_figures(result):
    return [result.indicator(c).value for c in ("DIST-1", "DIST-2", "DIST-3")]


def test_wide_layout_with_an_items_register_sheet(tmp_path):
    path = write_xlsx(tmp_path / "wide.xlsx", {"Items": ITEMS, "List": WIDE, "ລາຍຊື່": WIDE_LAO})
    result = ctipcalc.check([path])
    kinds = {s.sheet: s.kind for s in result.sources}
    assert kinds == {"Items": "items", "List": "distribution", "ລາຍຊື່": "distribution"}
    # H1, H2, H4, H5 (H3 was given nothing); 5 + 4 + 3 + 6 people;
    # 130,000 + 20,000 + 60,000 + 5,000 + 120,000 kip.
    assert _wide_figures(result) == [4, 18, 335_000]
    assert result.indicator("DIST-1").disaggregations["female_headed"] == \
        {"yes": 1, "no": 1, "unknown": 2}
    dist3 = result.indicator("DIST-3")
    assert dist3.disaggregations["item"] == {"Rice": 300_000, "Soap": 35_000}
    # H2's water (no unit value), H5's soap "ສອງ"; H2's tarpaulin names no item of the
    # register: not counted as an item (reported), H2 is reached by its water.
    assert dist3.values_missing == 2
    assert {(r["item"], r["quantity"], r["value"], r["values_missing"]) for r in dist3.items} \
        == {("Rice", 25, 300_000, 0), ("Soap", 7, 35_000, 1), ("Water", 3, 0, 1)}
    codes = result.findings.by_code()
    assert codes["item-unknown"] == 1          # Tarpaulin
    assert codes["negative-value"] == 1        # H4's soap
    assert codes["quantity-not-number"] == 1   # ສອງ
    assert codes["distribution-nothing-given"] == 1
    assert codes["value-missing"] == 2         # H2's water, H5's "ສອງ"
    assert "duplicate-column" not in codes     # the register's Lao names
    mismatches = sorted(f.message for f in result.findings if f.code == "totals-mismatch")
    assert len(mismatches) == 2
    assert "typed households is 3 but it lists 2 households" in mismatches[0]
    assert "typed quantity of Soap is 5 but its rows add up to 6" in mismatches[1]
    listed = {s.sheet: (s.records, s.excluded_rows) for s in result.sources}
    assert listed["List"] == (3, 2) and listed["ລາຍຊື່"] == (2, 1)


def test_wide_layout_with_items_from_the_config(tmp_path):
    config = tmp_path / "ctipcalc.toml"
    config.write_text('[distribution.items]\nSoap = { unit = "bar", unit_value = 5000 }\n'
                      'Rice = { unit = "kg", unit_value = 12000, aliases = ["ເຂົ້າສານ"] }\n'
                      'Water = { unit = "bottle" }\n', encoding="utf-8")
    path = write_xlsx(tmp_path / "wide.xlsx", {"List": WIDE, "ລາຍຊື່": WIDE_LAO})
    result = ctipcalc.summarize([path], config=config)
    # ສະບູ (Lao soap) is no item of the config: its column is not counted (H1 is reached
    # in round 1; H5's "ສອງ" under it is no item either; H5 is reached by its rice).
    assert _wide_figures(result) == [4, 18, 330_000]
    assert result.findings.by_code()["item-unknown"] == 2     # Tarpaulin, ສະບູ
    assert result.indicator("DIST-3").values_missing == 1     # H2's water


def test_a_register_in_its_own_file(tmp_path):
    register = write_xlsx(tmp_path / "items.xlsx", {"Register": ITEMS})
    lists = write_xlsx(tmp_path / "wide.xlsx", {"List": WIDE})
    result = run([lists, register])
    assert _wide_figures(result) == [3, 12, 210_000]


def test_distribution_headers_do_not_change_other_kinds(tmp_path):
    livelihood = csv_file(tmp_path / "lh.csv", [["LH-1", "Noy Keo", "F", 1, "2024-01-10",
                                                 "Employed"]],
                          header=["Beneficiary ID", "Name", "Sex", "Round", "Date",
                                  "Employment status"])
    attendance = csv_file(tmp_path / "att.csv", [["Noy Keo", "F", "2024-01-10", "E1"]],
                          header=["Name", "Sex", "Date", "Event code"])
    result = run([livelihood, attendance])
    assert [s.kind for s in result.sources] == ["livelihood", "attendance"]
    assert result.indicator("DIST-1").value == 0
    assert result.indicator("DIST-3").items == []


def test_kind_can_be_forced(long_list):
    forced = run(long_list, kind="distribution")
    assert forced.sources[0].kind == "distribution"
    assert forced.indicator("DIST-1").value == 5


def test_the_distribution_template_reads_back(tmp_path):
    import datetime as dt

    import openpyxl

    from ctipcalc.config import load_config
    from ctipcalc.template import write_template

    path = tmp_path / "template.xlsx"
    write_template(load_config(search_cwd=False), path, "distribution")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Lists", "Items", "Distribution"]
    wb["Items"].append(["Soap", "ສະບູ", "bar", 5000])
    row = ["H1", "Noy Keo", "Female", "", 5, "Ban A", "Xaibouly", "Savannakhet", 1,
           dt.date(2024, 8, 12), "ສະບູ", 4, None, None, None]
    for col, value in enumerate(row, start=1):
        wb["Distribution"].cell(row=4, column=col, value=value)
    wb.save(path)
    result = run(path)
    assert {s.sheet: s.kind for s in result.sources if s.kind != "skipped"} == \
        {"Items": "items", "Distribution": "distribution"}
    # Soap named in Lao, priced by the register: 4 × 5,000; female-headed from the sex.
    assert _wide_figures(result) == [1, 5, 20_000]
    assert result.indicator("DIST-1").disaggregations["female_headed"]["yes"] == 1


def test_a_long_list_totals_row_is_checked(tmp_path):
    rows = [*LONG[:3], ["Total: 2 households", "", "", "", "", "", "", "", "", 20, "", "",
                        "", ""]]
    result = ctipcalc.check([csv_file(tmp_path / "totals.csv", rows)])
    assert result.indicator("DIST-1").value == 2          # the totals row is no household
    found = [f.message for f in result.findings if f.code == "totals-mismatch"]
    # 2 households are right; 10 + 4 + 5 = 19 kg and bars, not 20.
    assert len(found) == 1 and "typed quantity is 20 but its rows add up to 19" in found[0]


def test_diff_of_two_household_traces(long_list, tmp_path):
    from ctipcalc.diff import diff

    def traced(period):
        result = run(long_list, period=period)
        return {"code": "DIST-1", "period": period,
                "rows": ctipcalc.trace(result, "DIST-1").to_dict("records")}
    changes = diff(traced("FY2024"), traced("all"))
    assert changes.people_added == ["H0004", "H0005"]


def test_a_wide_row_with_a_value_column_is_valued_by_it(tmp_path):
    path = write_xlsx(tmp_path / "wide.xlsx", {"Items": ITEMS, "List": [
        ["Household ID", "Head of household", "Soap", "Rice", "Total value", "Date"],
        ["H1", "Noy Keo", 2, 10, "200,000", "2024-08-12"],     # the row's value: 200,000
        ["H2", "Kham Vong", 2, None, None, "2024-08-12"]]})    # 2 × 5,000
    dist3 = run(path).indicator("DIST-3")
    assert dist3.value == 210_000
    assert dist3.values_missing == 0
    assert dist3.disaggregations["item"] == {"Soap": 10_000, "unknown": 200_000}
    soap = next(r for r in dist3.items if r["item"] == "Soap")
    assert (soap["quantity"], soap["value"], soap["households"]) == (4, 10_000, 2)


def test_a_number_column_that_is_no_item_does_not_make_a_household_reached(tmp_path):
    """Regression (fresh-eyes review): 'Children under 5' on a wide list held numbers and
    was counted as an item, so a household given nothing was 'reached'."""
    wide = [["Household ID", "Head of household", "Household size", "Soap", "Children under 5"],
            ["W1", "Noy Keo", 5, 2, 1],      # soap: reached
            ["W2", "Kham Vong", 4, 1, None],  # soap: reached
            ["W3", "Vanh Sy", 6, None, 2]]    # nothing handed out
    path = write_xlsx(tmp_path / "wide.xlsx", {"Items": ITEMS, "List": wide})
    result = ctipcalc.check([path])
    assert _wide_figures(result)[:2] == [2, 9]
    assert {r["item"] for r in result.indicator("DIST-3").items} == {"Soap"}
    codes = result.findings.by_code()
    assert codes["item-unknown"] == 2            # W1's and W3's numbers under it
    assert codes["distribution-nothing-given"] == 1


@pytest.fixture(scope="module")
def samples_dist():
    from conftest import SAMPLES

    return ctipcalc.summarize([SAMPLES])


def test_trace_of_an_item_cell_shows_that_items_kip(samples_dist):
    """Regression (fresh-eyes review): `trace DIST-3 --where item=Soap` listed each
    household's kip for every item; the item's own kip add up to the cell."""
    from ctipcalc.tracing import trace

    where = {"item": "soap"}
    table = trace(samples_dist, "DIST-3", where)
    assert where == {"item": "soap"}          # the caller's filter is left whole
    cell = samples_dist.indicator("DIST-3").disaggregations["item"]["Soap"]
    assert table["value_lak"].sum() == cell == 270_000
    assert len(table) == 15


def test_one_household_id_in_two_districts_is_an_error(tmp_path):
    """Regression (fresh-eyes review): district lists restart their numbering; HH-002 of
    Xaibouly and HH-002 of Champhone were merged with no finding."""
    rows = [["HH-001", "Noy Keo", "Nongbua", "Xaibouly", 5, "Soap", 2, 5000, "2024-08-12"],
            ["HH-002", "Kham Vong", "Nongbua", "Xaibouly", 4, "Soap", 1, 5000, "2024-08-12"],
            ["HH-002", "Kham Vong", "Donxay", "Champhone", 6, "Soap", 1, 5000, "2024-08-14"]]
    result = ctipcalc.check([csv_file(tmp_path / "d.csv", rows, header=[
        "Household ID", "Head of household", "Village", "District", "Household size", "Item",
        "Quantity", "Unit value", "Date"])])
    assert result.indicator("DIST-1").value == 2     # the contract: keyed by the id
    found = [f for f in result.findings if f.code == "household-id-two-districts"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "Champhone, Xaibouly" in found[0].message and "HH-002" not in found[0].message
    assert found[0].name_value == "HH-002"


def test_one_district_typed_three_ways_is_one_category(tmp_path):
    """Regression (fresh-eyes review): 'Champhone', 'Champhone District' and 'Muang
    Champhone' were three districts; a Lao spelling stays apart (no vocabulary of
    districts), shown as typed."""
    rows = [["A1", "Noy", "Ban Xang", "Champhone", 5, "Soap", 1, 5000, "2024-08-12"],
            ["A2", "Kham", "Xang", "Champhone District", 4, "Soap", 1, 5000, "2024-08-12"],
            ["A3", "Vanh", "Xang", "Muang Champhone", 3, "Soap", 1, 5000, "2024-08-12"],
            ["A4", "Bua", "Xang", "ເມືອງຈຳພອນ", 3, "Soap", 1, 5000, "2024-08-12"]]
    result = run(csv_file(tmp_path / "d.csv", rows, header=[
        "Household ID", "Head of household", "Village", "District", "Household size", "Item",
        "Quantity", "Unit value", "Date"]))
    assert result.indicator("DIST-1").disaggregations["district"] == \
        {"Champhone": 3, "ເມືອງຈຳພອນ": 1}


def test_trace_table_of_households_at_80_columns(monkeypatch, tmp_path):
    """Regression (fresh-eyes review): the households' trace broke words ('Savannakhe/t',
    'household_s/ize'), showed raw numbers and full paths, and ended without a newline."""
    from typer.testing import CliRunner

    from conftest import SAMPLES
    from ctipcalc.cli import app

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["trace", "DIST-1", str(SAMPLES), "-q"])
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    assert done.stdout.endswith("\n")
    assert max(len(line) for line in lines) <= 80
    assert lines[1].split() == ["Household", "Province", "District", "Female-headed", "Size",
                                "Kip", "First", "date"]
    assert lines[4].split()[:6] == ["H0001", "Savannakhet", "Xaibouly", "yes", "5", "675,000"]
    assert lines[5].strip() == "relief_distribution_2024 · Xaibouly · row 5;"
