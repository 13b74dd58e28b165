"""`ctipcalc check`'s own rules report once per sheet and rule, with how many rows and the
first of them — a rule broken on 20,000 rows is one line, not 20,000."""

from __future__ import annotations

import ctipcalc
from conftest import write_xlsx
from ctipcalc.config import load_config

CONFIG = load_config(search_cwd=False)
LH = ["Beneficiary ID", "Name", "Sex", "Support received", "Date support received",
      "Follow-up date", "Employment status"]


def test_a_rule_broken_on_many_rows_is_one_finding_per_sheet(tmp_path):
    # Sheet A: B1–B12 employed, no support anywhere → 12 rows, one finding; sheet B: B13
    # with support, followed up before it → one followup-before-support.
    no_support = [[f"B{n}", f"Person{n} Keo", "F", "", "", "2024-04-10", "Employed"]
                  for n in range(1, 13)]
    early = [["B13", "Noy Keo", "F", "Grant", "2024-05-01", "2024-04-10", "Employed"]]
    path = write_xlsx(tmp_path / "f.xlsx", {"A": [LH, *no_support], "B": [LH, *early]})
    result = ctipcalc.check([path], CONFIG)
    found = [(f.code, f.sheet, f.row, f.count, f.rows) for f in result.findings
             if f.code in ("status-without-support", "followup-before-support")]
    assert found == [("followup-before-support", "B", 2, 1, [2]),
                     ("status-without-support", "A", 2, 12, list(range(2, 12)))]


def test_summarize_reports_the_same_findings_as_check_but_the_pair_search():
    """One verdict everywhere: summarize's findings are check's, less possible duplicates
    (the pair search stays check-only)."""
    from pathlib import Path

    import ctipcalc

    samples = Path(__file__).parent.parent / "data" / "samples"
    summarized = ctipcalc.summarize([samples]).findings.by_code()
    checked = ctipcalc.check([samples]).findings.by_code()
    assert checked.pop("possible-duplicate") == 1
    assert summarized == checked
    assert summarized["totals-mismatch"] == 2   # CB-CPS-01, and the ຈຳພອນ relief list
