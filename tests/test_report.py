"""The report to send as it is (issue 16): one verdict, charts bound to the right cells,
Unknown and Comments columns, the programme's header, Lao labels, life-of-project
figures, quarters by group — read back from the written workbook, CSV and JSON."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

import ctipcalc
from conftest import SAMPLES, summarize
from ctipcalc.config import load_config
from ctipcalc.render.excel import write_report

HEADER = ["Name", "Sex", "Age", "Event code", "Event date", "Topic", "Participant type",
          "Province"]


def header_row(ws, first: str) -> int:
    return next(c.row for (c,) in ws.iter_rows(min_col=1, max_col=1) if c.value == first)


def charts(ws) -> list:
    return ws._charts  # openpyxl keeps a sheet's charts here; no public accessor


def chart_refs(chart) -> tuple[list[str], list[str]]:
    """The cell ranges a bar chart's values and categories are bound to."""
    values = [s.val.numRef.f for s in chart.series]
    cats = [(s.cat.numRef or s.cat.strRef).f for s in chart.series if s.cat is not None]
    return values, cats


@pytest.fixture(scope="module")
def quarterly(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quarterly")
    targets = folder / "targets.csv"
    targets.write_text("code,period,target,baseline\nCB-1,FY2024,50,0\nLH-3,FY2024,70,60\n",
                       encoding="utf-8")
    config = folder / "ctipcalc.toml"
    config.write_text('[report]\nprogramme = "Safe Migration Programme (synthetic)"\n'
                      'donor = "Example Donor"\naward = "AWD-0001"\n'
                      'prepared_by = "M&E officer"\n', encoding="utf-8")
    result = summarize([SAMPLES], config=config, period="FY2024", by="quarter",
                       targets=targets, cumulative_from="2023-10-01")
    path = folder / "report.xlsx"
    write_report(result, path)
    return load_workbook(path), result


def test_summary_has_the_programme_header_and_the_verdict(quarterly):
    wb, result = quarterly
    ws = wb["Summary"]
    top = [ws.cell(row=r, column=1).value for r in range(1, 9)]
    assert top[0] == "Safe Migration Programme (synthetic)"
    assert "Donor: Example Donor" in top and "Award: AWD-0001" in top
    assert "Prepared by: M&E officer" in top
    # The samples' errors (CB-CPS-01's typed total, the ຈຳພອນ relief list's households)
    # are the verdict, as check says.
    verdict = next(v for v in top if v and "to fix before sending" in v)
    assert verdict == "2 errors to fix before sending: totals-mismatch (2)"
    assert result.findings.count("error") == ctipcalc.check([SAMPLES]).findings.count("error")


def test_summary_columns_unknown_cumulative_and_comments(quarterly):
    wb, _result = quarterly
    ws = wb["Summary"]
    top = header_row(ws, "Code")
    header = [c.value for c in ws[top]]
    assert header == ["Code", "Indicator", "Unit", "Baseline", "Target", "Actual", "% achieved",
                      "Cumulative", "Female", "Male", "Unknown", "FY2024Q1", "FY2024Q2",
                      "FY2024Q3", "FY2024Q4", "Comments"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=top + 1,
                                                                     max_row=top + 8)}
    cb1 = dict(zip(header, rows["CB-1"], strict=True))
    # FY2024: 37 people, 17 F + 19 M + 1 whose sex is blank (CB-CPS-01).
    assert (cb1["Actual"], cb1["Female"], cb1["Male"], cb1["Unknown"]) == (37, 17, 19, 1)
    assert cb1["Female"] + cb1["Male"] + cb1["Unknown"] == cb1["Actual"]
    assert cb1["Cumulative"] == 37          # the samples begin in FY2024
    assert cb1["Comments"] is None
    assert sum(cb1[q] for q in ("FY2024Q1", "FY2024Q2", "FY2024Q3", "FY2024Q4")) == 37
    assert rows["LH-3"][header.index("Unit")] == "Percent"


def test_summary_chart_is_actual_against_target(quarterly):
    wb, _ = quarterly
    ws = wb["Summary"]
    bars = charts(ws)
    assert len(bars) == 2                   # counts (CB-1) and rates (LH-3): two scales
    values, cats = chart_refs(bars[0])
    assert len(values) == 2                 # actual and target
    # Bound to the chart's own table: codes, actual, target.
    first = int(cats[0].split("!")[1].replace("$", "").split(":")[0][1:])
    assert values[0].split("!")[1].replace("$", "").startswith(f"B{first}")
    assert [ws[f"{col}{first}"].value for col in "ABC"] == ["CB-1", 37, 50]


def test_indicator_sheet_charts_by_sex_province_and_quarter(quarterly):
    wb, _ = quarterly
    ws = wb["CB-1"]
    bars = charts(ws)
    titles = []
    for chart in bars:
        runs = chart.title.tx.rich.p[0].r
        titles.append("".join(r.t for r in runs))
    assert titles == ["CB-1 by sex", "CB-1 by province", "CB-1 by quarter"]
    values, _cats = chart_refs(bars[0])
    rows = values[0].split("!")[1].replace("$", "")
    start, end = (int(x[1:]) for x in rows.split(":"))
    assert [ws.cell(row=r, column=2).value for r in range(start, end + 1)] == \
        ["Female", "Male", "Unknown"]
    assert [ws.cell(row=r, column=3).value for r in range(start, end + 1)] == [17, 19, 1]
    for chart in bars:
        assert chart.x_axis.title is not None and chart.y_axis.title is not None
        assert chart.x_axis.delete is False and chart.y_axis.delete is False


def test_rate_sheet_charts_the_rate_of_each_group(quarterly):
    wb, _ = quarterly
    ws = wb["LH-3"]
    values, _ = chart_refs(charts(ws)[0])
    start = int(values[0].split("!")[1].replace("$", "").split(":")[0][1:])
    assert ws.cell(row=start, column=2).value == "Female"
    assert ws.cell(row=start, column=3).value == pytest.approx(0.75)
    assert ws.cell(row=start, column=3).number_format == "0.0%"


def test_indicator_sheet_target_sits_at_the_top(quarterly):
    wb, _ = quarterly
    ws = wb["CB-1"]
    labels = [ws.cell(row=r, column=1).value for r in range(1, 12)]
    # Actual, target and % achieved above the tables: never alone on a last page.
    assert labels.index("Actual") < labels.index("Target") < labels.index("% achieved")
    categories = [ws.cell(row=r, column=2).value for r in range(1, 20)]
    assert labels.index("Target") < categories.index("Category")
    target_row = labels.index("Target") + 1
    assert ws.cell(row=target_row, column=3).value == 50


def test_quarters_by_group_with_zeros(quarterly):
    wb, result = quarterly
    ws = wb["CB-1"]
    top = next(r for r in range(1, ws.max_row + 1)
               if ws.cell(row=r, column=3).value == "FY2024Q1")
    header = [ws.cell(row=top, column=c).value for c in range(1, 8)]
    assert header[2:] == ["FY2024Q1", "FY2024Q2", "FY2024Q3", "FY2024Q4", "All periods"]
    table = {}
    dim = None
    for r in range(top + 1, ws.max_row + 1):
        first, category = ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value
        if first:
            dim = first
        if category:
            table[(dim, category)] = [ws.cell(row=r, column=c).value for c in range(3, 8)]
    cb1 = result.indicator("CB-1")
    for (dim, category), cells in table.items():
        assert sum(cells[:4]) == cells[4], (dim, category)   # the quarters add up
    # Champasak: 9 people, all in Q3; zeros shown, not blanks.
    assert table[("Province", "Champasak")] == [0, 0, 9, 0, 9]
    assert cb1.disaggregations["province"]["Champasak"] == 9


def test_lao_report_labels_and_font(tmp_path):
    result = summarize([SAMPLES], period="FY2024")
    path = tmp_path / "lo.xlsx"
    write_report(result, path, lang="lo")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "ສັງລວມ"
    assert "ຄຸນນະພາບຂໍ້ມູນ" in wb.sheetnames
    ws = wb["ສັງລວມ"]
    top = header_row(ws, "ລະຫັດ")
    header = [c.value for c in ws[top]]
    assert {"ເປົ້າໝາຍ", "ຍິງ", "ຊາຍ", "ບໍ່ຮູ້", "ຄຳເຫັນ"} <= set(header)
    names = {r[0].value: r[1].value for r in ws.iter_rows(min_row=top + 1, max_row=top + 8)}
    assert names["CB-1"].startswith("ບຸກຄົນທີ່ໄດ້ຮັບການຝຶກອົບຮົມ")   # name_lo
    assert ws.cell(row=top, column=1).font.name == "Phetsarath OT"
    sheet = wb["CB-1"]
    categories = {sheet.cell(row=r, column=2).value for r in range(1, sheet.max_row + 1)}
    assert {"ຍິງ", "ຊາຍ", "ພະນັກງານລັດ", "ອຳນາດການປົກຄອງບ້ານ", "ສະຫວັນນະເຂດ"} <= categories
    dims = {sheet.cell(row=r, column=1).value for r in range(1, sheet.max_row + 1)}
    assert {"ເພດ", "ແຂວງ", "ກຸ່ມອາຍຸ"} <= dims


def test_human_labels_and_a_users_own(tmp_path):
    config = tmp_path / "ctipcalc.toml"
    config.write_text('[labels.en.participant_type]\ncso = "Civil society"\n', encoding="utf-8")
    result = summarize([SAMPLES], config=config)
    path = tmp_path / "r.xlsx"
    write_report(result, path)
    ws = load_workbook(path)["CB-1"]
    categories = {ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)}
    assert {"Local structure", "Civil society", "Mass organization"} <= categories
    assert "local_structure" not in categories and "cso" not in categories


def test_a_misspelt_label_group_or_language_is_refused(tmp_path):
    from ctipcalc.errors import ConfigError

    for text, hint in (('[labels.fr.sex]\nfemale = "F"\n', "en, lo"),
                       ('[labels.en.sexe]\nfemale = "F"\n', "sex"),
                       ('[report]\nprogram = "X"\n', "programme")):
        config = tmp_path / "ctipcalc.toml"
        config.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_config(config)
        assert hint in str(caught.value.hint)


def test_missing_logo_is_a_config_error(tmp_path):
    from ctipcalc.errors import ConfigError

    config = tmp_path / "ctipcalc.toml"
    config.write_text('[report]\nlogo = "nowhere.png"\n', encoding="utf-8")
    result = summarize([SAMPLES], config=config)
    with pytest.raises(ConfigError):
        write_report(result, tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()


def test_logo_is_placed(tmp_path):
    from PIL import Image

    Image.new("RGB", (200, 100), (10, 60, 140)).save(tmp_path / "logo.png")
    config = tmp_path / "ctipcalc.toml"
    config.write_text('[report]\nlogo = "logo.png"\n', encoding="utf-8")
    write_report(summarize([SAMPLES], config=config), tmp_path / "r.xlsx")
    assert len(load_workbook(tmp_path / "r.xlsx")["Summary"]._images) == 1


def test_print_setup(quarterly):
    wb, _result = quarterly
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert "FY2024" in ws.oddFooter.left.text and "&P" in ws.oddFooter.right.text
    assert wb["Data quality"].print_title_rows is not None


def test_control_character_is_removed_and_reported(tmp_path):
    """Cell values are cleaned when read; what still reaches the workbook with a control
    character (a file name on a Linux disk) is written without it, and reported."""
    from control_chars import control_character_csv

    result = summarize([control_character_csv(tmp_path)])
    result.findings.add("file-not-data", "not a table (.docx file): skipped",
                        severity="info", file=str(tmp_path / "minutes\x01.docx"))
    path = tmp_path / "r.xlsx"
    write_report(result, path)
    wb = load_workbook(path)
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert not any(ch in t for t in texts for ch in ("\x01", "\x02", "\x1b"))
    assert any(t.endswith("minutes.docx") for t in texts)
    quality = wb["Data quality"]
    codes = [quality.cell(row=r, column=2).value for r in range(1, quality.max_row + 1)]
    assert codes.count("control-character") == 1


def test_csv_rows_per_quarter_and_targets(quarterly):
    _, result = quarterly
    frame = result.to_frame()
    cb1 = frame[frame["code"] == "CB-1"]
    total = cb1[(cb1["period"] == "FY2024") & (cb1["dimension"] == "total")].iloc[0]
    assert (total["value"], total["target"], total["baseline"], total["cumulative"]) == \
        (37, 50, 0, 37)
    q3 = cb1[cb1["period"] == "FY2024Q3"]
    assert q3[q3["dimension"] == "total"]["value"].tolist() == [9]
    assert q3[(q3["dimension"] == "province") & (q3["category"] == "Champasak")][
        "value"].tolist() == [9]
    q2 = cb1[(cb1["period"] == "FY2024Q2") & (cb1["dimension"] == "province")]
    assert dict(zip(q2["category"], q2["value"], strict=True))["Champasak"] == 0
    for dim in ("sex", "province", "age_group"):
        by_quarter = cb1[(cb1["dimension"] == dim) & cb1["period"].str.contains("Q")]
        assert by_quarter["value"].sum() == total["value"], dim


def test_json_by_period_carries_disaggregations(quarterly):
    _, result = quarterly
    data = json.loads(json.dumps(result.to_dict()))
    cb1 = next(i for i in data["indicators"] if i["code"] == "CB-1")
    assert [p["period"] for p in cb1["by_period"]] == ["FY2024Q1", "FY2024Q2", "FY2024Q3",
                                                      "FY2024Q4"]
    for dim, cells in cb1["disaggregations"].items():
        for category, total in cells.items():
            assert sum(p["disaggregations"][dim][category] for p in cb1["by_period"]) == total
    assert cb1["cumulative"] == {"value": 37, "from": "2023-10-01"}


def test_cumulative_is_the_figure_from_the_project_start(tmp_path):
    rows = [["A", "F", 30, "E1", "2023-11-10", "TIP", "Gov", "Bokeo"],    # FY2024Q1
            ["B", "M", 30, "E2", "2024-02-10", "TIP", "Gov", "Bokeo"],    # FY2024Q2
            ["A", "F", 30, "E3", "2024-02-11", "TIP", "Gov", "Bokeo"]]    # A again
    path = tmp_path / "list.csv"
    path.write_text("\n".join(",".join(map(str, r)) for r in [HEADER, *rows]) + "\n",
                    encoding="utf-8")
    q2 = ctipcalc.summarize([path], period="FY2024Q2", cumulative_from="2023-10-01")
    cb1 = q2.indicator("CB-1")
    # Q2: A and B; since the start: still A and B (A counted once).
    assert (cb1.value, cb1.cumulative) == (2, 2)
    q1 = ctipcalc.summarize([path], period="FY2024Q1", cumulative_from="2023-10-01")
    assert (q1.indicator("CB-1").value, q1.indicator("CB-1").cumulative) == (1, 1)
    from ctipcalc.errors import UsageError

    with pytest.raises(UsageError):
        ctipcalc.summarize([path], period="FY2024Q1", cumulative_from="2025-01-01")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_report(quarterly, tmp_path):
    wb, _ = quarterly
    path = tmp_path / "report.xlsx"
    wb.save(path)
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), str(path)], capture_output=True, timeout=180)
    pdf = tmp_path / "report.pdf"
    assert done.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines()
                         if line.startswith("Pages:")))
        assert pages >= len(wb.sheetnames)


def test_cli_lang_lo_table_and_an_unknown_language(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from ctipcalc.cli import app

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(app, ["summarize", str(SAMPLES), "--lang", "lo", "-q"])
    assert done.exit_code == 0
    assert "ເພດ" in done.stdout and "ຍິງ" in done.stdout and "ແຂວງ" in done.stdout
    wrong = runner.invoke(app, ["summarize", str(SAMPLES), "--lang", "fr"])
    assert wrong.exit_code == 2 and "'fr' is not one of 'en', 'lo'" in wrong.stderr
    report = tmp_path / "r.xlsx"
    done = runner.invoke(app, ["summarize", str(SAMPLES), "-o", str(report), "--lang", "lo",
                               "--cumulative-from", "2023-10-01", "-q"])
    assert done.exit_code == 0 and done.stdout == "" and done.stderr == ""
    assert load_workbook(report).sheetnames[0] == "ສັງລວມ"
    bad = runner.invoke(app, ["summarize", str(SAMPLES), "--cumulative-from", "1 Oct 2023"])
    assert bad.exit_code == 2
    assert bad.stderr == "ctipcalc: error: cannot read cumulative-from date '1 Oct 2023' — " \
                         "write it as YYYY-MM-DD\n"


def test_many_provinces_are_charted_as_bars_across(tmp_path):
    provinces = ["Attapeu", "Bokeo", "Champasak", "Houaphanh", "Khammouane", "Salavan",
                 "Sekong", "Xayaboury"]
    rows = [",".join(HEADER)] + [f"P{i},F,30,E{i},2024-01-10,TIP,Gov,{p}"
                                 for i, p in enumerate(provinces)]
    data = tmp_path / "list.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    write_report(summarize([data]), tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["CB-1"]
    by_sex, by_province = charts(ws)[:2]
    assert by_sex.type == "col" and by_province.type == "bar"
    assert by_province.x_axis.scaling.orientation == "maxMin"


def test_control_character_in_a_name_is_the_same_person(tmp_path):
    """'A Keo\\x01' typed on one list and 'A Keo' on the next are one person; 'Bok\\x01eo'
    is Bokeo (control characters are removed before matching, as zero-width ones are)."""
    rows = ["A Keo\x01,F,30,E1,2024-01-10,TIP,Gov,Bok\x01eo",
            "A Keo,F,30,E2,2024-02-10,TIP,Gov,Bokeo",
            "B Lao\x1b,M,40,E2,2024-02-10,TIP,Gov\x02,Bokeo"]
    data = tmp_path / "list.csv"
    data.write_text(",".join(HEADER) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    cb1 = summarize([data]).indicator("CB-1")
    assert cb1.value == 2
    assert cb1.disaggregations["province"] == {"Bokeo": 2}
    assert cb1.disaggregations["participant_type"]["government"] == 2


def test_distribution_item_table_and_units(tmp_path):
    """DIST-3's sheet lists what was handed out item by item (the samples' truth:
    data/samples/README.md), kip apart from other currencies, and the notes say what is
    not in the figures."""
    result = summarize([SAMPLES])
    write_report(result, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    ws = wb["DIST-3"]
    top = next(r for r in range(1, ws.max_row + 1)
               if ws.cell(row=r, column=1).value == "Quantity distributed by item")
    rows = []
    for r in range(top + 2, ws.max_row + 1):
        if not ws.cell(row=r, column=2).value:
            break
        rows.append([ws.cell(row=r, column=c).value for c in range(2, 8)])
    items = result.indicator("DIST-3").items
    assert len(rows) == len(items)
    assert ["Cash grant", 1, None, 25, "USD", 1] in rows
    assert sum(row[3] or 0 for row in rows if row[4] == "LAK") == \
        result.indicator("DIST-3").value == 13_710_000
    notes = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    assert "Distributed in other currencies (never added to kip): USD 25" in notes
    summary = wb["Summary"]
    header = [c.value for c in summary[header_row(summary, "Code")]]
    dist3 = next(r for r in summary.iter_rows() if r[0].value == "DIST-3")
    assert dist3[header.index("Unit")].value == "LAK (kip)"
    assert dist3[header.index("Actual")].number_format == "#,##0"


def test_check_with_a_period_gives_summarize_s_verdict_plus_the_pair_search():
    """Regression (fresh-eyes review): `summarize -p FY2024` reported a warning the
    `check` it sends the officer to never showed (check had no --period)."""
    summarized = ctipcalc.summarize([SAMPLES], period="FY2024")
    checked = ctipcalc.check([SAMPLES], period="FY2024")
    s_codes, c_codes = summarized.findings.by_code(), checked.findings.by_code()
    assert c_codes.pop("possible-duplicate") >= 1
    assert s_codes == c_codes
    assert summarized.to_dict()["data_quality"]["not_run"] == ["possible-duplicate"]
    from ctipcalc.contract import result_to_dict

    assert result_to_dict(checked)["data_quality"]["not_run"] == []


def test_cli_check_takes_the_period(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from ctipcalc.cli import app

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(app, ["check", str(SAMPLES), "-p", "FY2024", "-f", "json"])
    summary = runner.invoke(app, ["summarize", str(SAMPLES), "-p", "FY2024", "-f", "json",
                                  "-q"])
    checked = json.loads(done.stdout)["data_quality"]
    summed = json.loads(summary.stdout)["data_quality"]
    assert done.exit_code == 1 and checked["errors"] == summed["errors"] == 2
    assert checked["warnings"] == summed["warnings"]
