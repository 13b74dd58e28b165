"""The shape corpus: small input files, each reproducing one real-world sheet layout.

    python -m tests.shapes.build FOLDER      # writes every file into FOLDER

`build(folder)` writes every file and returns the shapes by name; `build_one(folder, name)`
writes one. Each `Shape` states the true figures of its files, worked out by hand from the
rows written below (see `Shape.how`) — never by running ctipcalc, which this module does
not import. The layouts and the rules they pin are those of issue 13; README.md lists them.
The helpers live in helpers.py; the shapes of the red team's findings in typed.py, whose
TYPED_BUILDERS are merged into BUILDERS below (typed.py imports helpers.py, not this module).

Every name is synthetic: common Lao given names and family names combined by hand. The
output is deterministic: workbooks and zip files carry fixed dates, so the same bytes are
written on every run (symlinks aside, which are links).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from tests.shapes.helpers import (
    BOLD,
    EN_HEADER,
    LO_HEADER,
    TITLE,
    Event,
    Shape,
    csv_bytes,
    fit_columns,
    list_sheet,
    new_book,
    pad,
    rows_for,
    save_xlsx,
    sex,
    write_rows,
    write_zip,
)
from tests.shapes.typed import TYPED_BUILDERS

# =========================================================================== 1 attendance marks
SM_SVK_01 = Event("SM-SVK-01", dt.date(2024, 3, 12), "Safe migration", "Savannakhet")


def attendance_mark_en(folder: Path) -> Shape:
    people = [
        ("Somchai Sisavath", "M", 41, "Government official", "Present"),
        ("Khamla Phommachanh", "F", 35, "Government official", "Present"),
        ("Bounmy Vongsa", "M", 29, "Village authority", "Absent"),
        ("Noy Keomany", "F", 24, "Community member", "Present"),
        ("Phonsavanh Inthavong", "M", 38, "Village authority", "Present"),
        ("Manivanh Phanthavong", "F", 46, "Lao Women's Union", "Present"),
        ("Chanthala Phommavong", "F", 31, "Community member", "Absent"),
        ("Keo Sayavong", "M", 52, "Village authority", "Present"),
        ("Vilay Xaysana", "F", 27, "Community member", "present"),
        ("Douangchai Sisavath", "M", 33, "Government official", "Present"),
    ]
    wb, ws = new_book("SM-SVK-01")
    list_sheet(ws, ["Training on safe migration, Savannakhet, 12–14 March 2024",
                    "Provincial Labour and Social Welfare Office — list of participants"],
               [*EN_HEADER, "Status"], rows_for(SM_SVK_01, people),
               footer="Prepared by: Sengdao Vongsa, PLSW Savannakhet")
    save_xlsx(wb, folder / "attendance-mark-en.xlsx")
    return Shape(
        "attendance-mark-en", 1, ("attendance-mark-en.xlsx",),
        "An attendance list with a 'Status' column holding Present/Absent (header row 4). "
        "Status is the attendance mark, not an employment status: the sheet is an attendance "
        "list and absent rows are not attendances.",
        {"TR-1": 8, "ATT-1": 8, "EV-1": 1, "CB-1": 8, "PAR-1": 0, "sex:TR-1": sex(4, 4),
         "findings": {"attendance-absent": 2, "totals-excluded": 1}},
        "10 rows (Excel rows 5–14) for SM-SVK-01, topic Safe migration: 8 Present "
        "(one typed 'present'), 2 Absent (Bounmy Vongsa M, Chanthala Phommavong F, rows 7 "
        "and 11) → ATT-1 8, TR-1 8 (all names differ), CB-1 8 (safe_migration), PAR-1 0, "
        "EV-1 1. Present: men Somchai, Phonsavanh, Keo, Douangchai = 4; women Khamla, Noy, "
        "Manivanh, Vilay = 4. Findings: attendance-absent 2 rows; the 'Prepared by' footer "
        "at row 16 → totals-excluded 1 (no row below it).")


CP_LPB_01 = Event("CP-LPB-01", dt.date(2024, 5, 8), "ການປົກປ້ອງເດັກ", "ຫຼວງພະບາງ")


def attendance_mark_lo(folder: Path) -> Shape:
    people = [
        ("ສົມໃຈ ພົມມະຈັນ", "ຊາຍ", 44, "ພະນັກງານລັດ", "ມາ"),
        ("ຄຳລາ ສີສະຫວາດ", "ຍິງ", 37, "ພະນັກງານລັດ", "ມາ"),
        ("ບຸນມີ ວົງສາ", "ຊາຍ", 50, "ອຳນາດການປົກຄອງບ້ານ", "ບໍ່ມາ"),
        ("ນ້ອຍ ແກ້ວມະນີ", "ຍິງ", 26, "ປະຊາຊົນ", "ມາ"),
        ("ພອນສະຫວັນ ອິນທະວົງ", "ຊາຍ", 33, "ພະນັກງານລັດ", "ມາ"),
        ("ມະນີວັນ ພັນທະວົງ", "ຍິງ", 29, "ສະຫະພັນແມ່ຍິງລາວ", "ມາ"),
        ("ຈັນທະລາ ວົງສາ", "ຍິງ", 19, "ປະຊາຊົນ", "ບໍ່ມາ"),
        ("ແກ້ວ ສີສະຫວາດ", "ຊາຍ", 61, "ອຳນາດການປົກຄອງບ້ານ", "ມາ"),
        ("ວິໄລ ພົມມະວົງ", "ຍິງ", 42, "ພະນັກງານລັດ", "ມາ"),
    ]
    wb, ws = new_book("ລາຍຊື່")
    list_sheet(ws, ["ລາຍຊື່ຜູ້ເຂົ້າຮ່ວມ ກອງປະຊຸມ ການປົກປ້ອງເດັກ",
                    "ແຂວງຫຼວງພະບາງ, ວັນທີ 8–10 ພຶດສະພາ 2024"],
               [*LO_HEADER, "ການເຂົ້າຮ່ວມ"], rows_for(CP_LPB_01, people))
    save_xlsx(wb, folder / "attendance-mark-lo.xlsx")
    return Shape(
        "attendance-mark-lo", 1, ("attendance-mark-lo.xlsx",),
        "A Lao-headed list with an ການເຂົ້າຮ່ວມ (attendance) column marked ມາ (came) or ບໍ່ມາ "
        "(did not come). ບໍ່ມາ contains ມາ but is an absence.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "findings": {"attendance-absent": 2}},
        "9 rows (Excel rows 5–13) for CP-LPB-01, topic ການປົກປ້ອງເດັກ (child_protection): "
        "7 ມາ, 2 ບໍ່ມາ (ບຸນມີ ວົງສາ ຊາຍ row 7, ຈັນທະລາ ວົງສາ ຍິງ row 11) → ATT-1 7, TR-1 7, "
        "CB-1 7, PAR-1 0 (not protection_referral), EV-1 1. Present: ຍິງ ຄຳລາ, ນ້ອຍ, ມະນີວັນ, "
        "ວິໄລ = 4; ຊາຍ ສົມໃຈ, ພອນສະຫວັນ, ແກ້ວ = 3. attendance-absent 2.")


TIP_KHM_01 = Event("TIP-KHM-01", dt.date(2024, 3, 20), "TIP", "Khammouane")


def attendance_mark_tick(folder: Path) -> Shape:
    people = [
        ("Somphone Vongsa", "M", 36, "Government official", "✓"),
        ("Khamphet Keomany", "F", 28, "Government official", "✓"),
        ("Sengdao Inthavong", "F", 45, "Government official", "x"),
        ("Souksavanh Phommachanh", "M", 39, "Government official", "✗"),
        ("Bounmy Sayavong", "M", 47, "Village authority", ""),
        ("Noy Phanthavong", "F", 23, "Community member", "✓"),
        ("Vilay Sisavath", "M", 30, "Government official", "x"),
        ("Manivanh Xaysana", "F", 34, "NGO", "✓"),
        ("Douangchai Phommavong", "M", 55, "Village authority", ""),
        ("Chanthala Keomany", "F", 40, "Government official", "✓"),
    ]
    header = [*EN_HEADER, "✓"]
    width = len(header)
    records = [pad(["Training on trafficking in persons for district officials, Khammouane, "
                    "20–21 March 2024"], width),
               pad([], width), header, *rows_for(TIP_KHM_01, people)]
    (folder / "attendance-mark-tick.csv").write_bytes(csv_bytes(records))
    return Shape(
        "attendance-mark-tick", 1, ("attendance-mark-tick.csv",),
        "A CSV UTF-8 list whose last column is headed '✓' and holds ✓, x (present), ✗ "
        "(absent) or nothing. A blank mark is 'not marked': the row is counted and reported.",
        {"TR-1": 9, "ATT-1": 9, "EV-1": 1, "CB-1": 9, "PAR-1": 0, "sex:TR-1": sex(5, 4),
         "findings": {"attendance-absent": 1, "attendance-mark-missing": 2}},
        "Rows 4–13 (title row 1, blank row 2, header row 3) for TIP-KHM-01, topic TIP "
        "(tip_plan_of_action): 5 ✓ + 2 x = 7 present, 1 ✗ (Souksavanh Phommachanh M, row 7) "
        "absent, 2 blank (Bounmy Sayavong M row 8, Douangchai Phommavong M row 12) counted "
        "→ ATT-1 9, TR-1 9, CB-1 9, PAR-1 0, EV-1 1. Counted women Khamphet, Sengdao, Noy, "
        "Manivanh, Chanthala = 5; men Somphone, Bounmy, Vilay, Douangchai = 4. "
        "attendance-absent 1, attendance-mark-missing 2.")


VI_BKO_01 = Event("VI-BKO-01", dt.date(2024, 4, 22), "Victim identification", "Bokeo")


def attendance_mark_unknown(folder: Path) -> Shape:
    people = [
        ("Khamla Vongsa", "F", 32, "Government official", "P"),
        ("Somchai Inthavong", "M", 45, "Government official", "P"),
        ("Keo Phommachanh", "F", 27, "Government official", "late"),
        ("Phonsavanh Sayavong", "M", 38, "Government official", "A"),
        ("Sengdao Sisavath", "F", 41, "NGO", "P"),
        ("Bounmy Keomany", "M", 29, "Government official", "late"),
        ("Noy Xaysana", "F", 35, "Government official", "P"),
        ("Somphone Phanthavong", "M", 50, "Government official", "P"),
    ]
    wb, ws = new_book("Sheet1")
    list_sheet(ws, ["Victim identification at the border — Bokeo, 22–23 April 2024",
                    "Immigration and police officers"],
               [*EN_HEADER, "Present/Absent"], rows_for(VI_BKO_01, people))
    save_xlsx(wb, folder / "attendance-mark-unknown.xlsx")
    return Shape(
        "attendance-mark-unknown", 1, ("attendance-mark-unknown.xlsx",),
        "A 'Present/Absent' column with P, A and an unknown mark 'late'. An unknown mark is "
        "counted as an attendance and reported as an unmapped value.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "findings": {"attendance-absent": 1, "unmapped-value": 2}},
        "8 rows (Excel rows 5–12) for VI-BKO-01, topic Victim identification: 5 P, 2 'late' "
        "(Keo Phommachanh F row 7, Bounmy Keomany M row 10) counted, 1 A (Phonsavanh "
        "Sayavong M row 8) not → ATT-1 7, TR-1 7, CB-1 7 (victim_identification), PAR-1 0, "
        "EV-1 1. Counted women Khamla, Keo, Sengdao, Noy = 4; men Somchai, Bounmy, "
        "Somphone = 3. attendance-absent 1; unmapped-value 'late' on 2 rows (one finding, "
        "count 2).")


# =========================================================================== 2 split names
PAR_SVK_01 = Event("PAR-SVK-01", dt.date(2024, 6, 18), "Protection and referral", "Savannakhet")


def names_split_en(folder: Path) -> Shape:
    people = [
        ("Somchai", "Sisavath", "M", 40, "Government official"),
        ("Somchai", "Vongsa", "M", 40, "Government official"),
        ("Somchai", "Keomany", "M", 41, "Village authority"),
        ("Khamla", "Inthavong", "F", 33, "Government official"),
        ("Khamla", "Phommachanh", "F", 33, "Government official"),
        ("Noy", "Sayavong", "F", 28, "Lao Women's Union"),
        ("Noy", "Xaysana", "F", 29, "Government official"),
        ("Bounmy", "Phanthavong", "M", 52, "Government official"),
        ("Vilay", "Phommavong", "F", 36, "NGO"),
        ("Keo", "Sisavath", "M", 45, "Government official"),
    ]
    ev = PAR_SVK_01
    rows = [[n, given, surname, sx, age, ev.code, ev.date, ev.topic, ptype, ev.province]
            for n, (given, surname, sx, age, ptype) in enumerate(people, start=1)]
    wb, ws = new_book("PAR-SVK-01")
    list_sheet(ws, ["Victim protection and referral mechanisms, Savannakhet, 18–19 June 2024"],
               ["No.", "Given name", "Surname", "Sex", "Age", "Event code", "Date", "Topic",
                "Participant type", "Province"], rows,
               footer="Prepared by: Phonsavanh Keomany")
    save_xlsx(wb, folder / "names-split-en.xlsx")
    return Shape(
        "names-split-en", 2, ("names-split-en.xlsx",),
        "Given name and Surname in separate columns; three Somchai, two Khamla and two Noy "
        "with different surnames (and near ages). The name is given + ' ' + surname: ten people.",
        {"TR-1": 10, "ATT-1": 10, "EV-1": 1, "CB-1": 0, "PAR-1": 7, "sex:TR-1": sex(5, 5),
         "findings": {"totals-excluded": 1}},
        "10 rows (Excel rows 4–13) for PAR-SVK-01, topic Protection and referral; full names "
        "all differ → TR-1 10, ATT-1 10, EV-1 1, CB-1 0. PAR-1 = government rows: Somchai "
        "Sisavath, Somchai Vongsa, Khamla Inthavong, Khamla Phommachanh, Noy Xaysana, Bounmy "
        "Phanthavong, Keo Sisavath = 7 (Somchai Keomany is a village authority, Noy Sayavong "
        "LWU, Vilay NGO). Men: 3 Somchai, Bounmy, Keo = 5; women: 2 Khamla, 2 Noy, Vilay = 5. "
        "Reading the given name alone would give 6 people (the Somchai ages 40/40/41 chain "
        "into one). Footer 'Prepared by' row 15 → totals-excluded 1.")


SM_CPS_02 = Event("SM-CPS-02", dt.date(2024, 7, 9), "ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ", "ຈຳປາສັກ")


def names_split_lo(folder: Path) -> Shape:
    people = [
        ("ສົມໃຈ", "ສີສະຫວາດ", "ຊາຍ", 36, "ພະນັກງານລັດ"),
        ("ສົມໃຈ", "ວົງສາ", "ຊາຍ", 36, "ອຳນາດການປົກຄອງບ້ານ"),
        ("ສົມໃຈ", "ພົມມະຈັນ", "ຊາຍ", 37, "ປະຊາຊົນ"),
        ("ຄຳລາ", "ແກ້ວມະນີ", "ຍິງ", 30, "ປະຊາຊົນ"),
        ("ຄຳລາ", "ອິນທະວົງ", "ຍິງ", 31, "ສະຫະພັນແມ່ຍິງລາວ"),
        ("ບຸນມີ", "ພັນທະວົງ", "ຊາຍ", 48, "ອຳນາດການປົກຄອງບ້ານ"),
        ("ນ້ອຍ", "ສີສະຫວາດ", "ຍິງ", 22, "ປະຊາຊົນ"),
        ("ນ້ອຍ", "ວົງສາ", "ຍິງ", 22, "ປະຊາຊົນ"),
        ("ພອນສະຫວັນ", "ພົມມະຈັນ", "ຊາຍ", 44, "ພະນັກງານລັດ"),
        ("ມະນີວັນ", "ແກ້ວມະນີ", "ຍິງ", 39, "ພະນັກງານລັດ"),
    ]
    ev = SM_CPS_02
    rows = [[n, given, surname, sx, age, ev.code, ev.date, ev.topic, ptype, ev.province]
            for n, (given, surname, sx, age, ptype) in enumerate(people, start=1)]
    wb, ws = new_book("Sheet1")
    list_sheet(ws, ["ລາຍຊື່ຜູ້ເຂົ້າຮ່ວມ ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ",
                    "ແຂວງຈຳປາສັກ, ວັນທີ 9 ກໍລະກົດ 2024"],
               ["ລ/ດ", "ຊື່", "ນາມສະກຸນ", "ເພດ", "ອາຍຸ", "ລະຫັດກິດຈະກຳ", "ວັນທີ", "ຫົວຂໍ້",
                "ປະເພດຜູ້ເຂົ້າຮ່ວມ", "ແຂວງ"], rows)
    save_xlsx(wb, folder / "names-split-lo.xlsx")
    return Shape(
        "names-split-lo", 2, ("names-split-lo.xlsx",),
        "Lao headers ຊື່ (given name) and ນາມສະກຸນ (surname) in separate columns; ຊື່ alone is "
        "today a full-name header. Three ສົມໃຈ, two ຄຳລາ, two ນ້ອຍ with different surnames: "
        "ten people.",
        {"TR-1": 10, "ATT-1": 10, "EV-1": 1, "CB-1": 10, "PAR-1": 0, "sex:TR-1": sex(5, 5)},
        "10 rows (Excel rows 5–14) for SM-CPS-02, topic ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ "
        "(safe_migration); given + surname all differ → TR-1 10, ATT-1 10, CB-1 10, PAR-1 0, "
        "EV-1 1. ຊາຍ: 3 ສົມໃຈ, ບຸນມີ, ພອນສະຫວັນ = 5; ຍິງ: 2 ຄຳລາ, 2 ນ້ອຍ, ມະນີວັນ = 5. "
        "Given names alone would give 6 (same sex, ages 36/36/37, 30/31, 22/22 chain).")


CP_SVK_05 = Event("CP-SVK-05", dt.date(2024, 8, 20), "Child protection", "Savannakhet")


def names_given_only(folder: Path) -> Shape:
    people = [
        ("Douangchai", "M", 34, "Village authority", "Ban Nongbua"),
        ("Sengdao", "F", 27, "Community member", "Ban Nongbua"),
        ("Khamphet", "M", 51, "Village authority", "Ban Phonsim"),
        ("Souksavanh", "F", 19, "Community member", "Ban Phonsim"),
        ("Phonsavanh", "M", 23, "Community member", "Ban Nongbua"),
        ("Manivanh", "F", 45, "Village authority", "Ban Nalao"),
        ("Chanthala", "F", 38, "Community member", "Ban Nalao"),
    ]
    ev = CP_SVK_05
    rows = [[n, given, sx, age, village, ev.code, ev.date, ev.topic, ptype, ev.province]
            for n, (given, sx, age, ptype, village) in enumerate(people, start=1)]
    wb, ws = new_book("CP-SVK-05")
    list_sheet(ws, ["Child protection awareness, Outhoumphone district, 20 August 2024"],
               ["No.", "First name", "Sex", "Age", "Village", "Event code", "Date", "Topic",
                "Participant type", "Province"], rows)
    save_xlsx(wb, folder / "names-given-only.xlsx")
    return Shape(
        "names-given-only", 2, ("names-given-only.xlsx",),
        "Only a 'First name' column, no surname: people are counted by the given name and the "
        "sheet is reported once (name-given-only, count = rows).",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "findings": {"name-given-only": 7}},
        "7 rows (Excel rows 4–10) for CP-SVK-05, topic Child protection; the 7 given names "
        "all differ → TR-1 7, ATT-1 7, CB-1 7, PAR-1 0, EV-1 1. Women Sengdao, Souksavanh, "
        "Manivanh, Chanthala = 4; men Douangchai, Khamphet, Phonsavanh = 3. One "
        "name-given-only finding for the sheet, count 7.")


# =========================================================================== 3 totals-like names
PAR_SVK_03 = Event("PAR-SVK-03", dt.date(2024, 6, 25), "Protection and referral", "Savannakhet")


def totals_like_names(folder: Path) -> Shape:
    people = [
        ("Total Lao Co.", "Keo Sayavong", "M", 42, "HR manager", "Private sector"),
        ("", "Total Phommavong", "M", 37, "Police officer", "Government official"),
        ("Provincial Police", "Khamla Vongsa", "F", 31, "Officer", "Government official"),
        ("", "ລວມພອນ ສີສະຫວາດ", "F", 29, "Social worker", "Government official"),
        ("Provincial Labour and Social Welfare", "Somchai Inthavong", "M", 48,
         "Deputy director", "Government official"),
        ("Lao Women's Union", "Noy Phommachanh", "F", 35, "Member", "Lao Women's Union"),
        ("Provincial Hospital", "Manivanh Keomany", "F", 40, "Doctor", "Government official"),
        ("Village Focus NPA", "Bounmy Xaysana", "M", 33, "Project officer", "NGO"),
        ("District Justice Office", "Chanthala Sisavath", "F", 44, "Officer",
         "Government official"),
    ]
    ev = PAR_SVK_03
    rows = [[n, org, name, sx, age, pos, ev.code, ev.date, ev.topic, ptype, ev.province]
            for n, (org, name, sx, age, pos, ptype) in enumerate(people, start=1)]
    rows.append(["Total: 9 participants", "", "", "F: 5", "M: 4"])
    wb, ws = new_book("PAR-SVK-03")
    ws.merge_cells("A13:C13")
    list_sheet(ws, ["Protection, assistance and referral — case management, Savannakhet, "
                    "25–26 June 2024"],
               ["No.", "Organisation", "Name", "Sex", "Age", "Position", "Event code", "Date",
                "Topic", "Participant type", "Province"], rows)
    save_xlsx(wb, folder / "totals-like-names.xlsx")
    return Shape(
        "totals-like-names", 3, ("totals-like-names.xlsx",),
        "People whose first text cell begins like a totals label: organisation 'Total Lao Co.' "
        "(before the name), the name 'Total Phommavong' and the Lao name 'ລວມພອນ ສີສະຫວາດ' "
        "(blank organisation). They hold a sex, an age and an event: people. The real totals "
        "row at the bottom ('Total: 9 participants', 'F: 5', 'M: 4') is excluded.",
        {"TR-1": 9, "ATT-1": 9, "EV-1": 1, "CB-1": 0, "PAR-1": 6, "sex:TR-1": sex(5, 4),
         "findings": {"totals-excluded": 1}},
        "9 person rows (Excel rows 4–12) for PAR-SVK-03, topic Protection and referral: row 4 "
        "Keo Sayavong of Total Lao Co. (private sector), row 5 Total Phommavong, row 7 "
        "ລວມພອນ ສີສະຫວາດ are people → TR-1 9, ATT-1 9, EV-1 1, CB-1 0. PAR-1 = government: "
        "Total Phommavong, Khamla, ລວມພອນ, Somchai, Manivanh, Chanthala = 6. Women Khamla, "
        "ລວມພອນ, Noy, Manivanh, Chanthala = 5; men Keo, Total, Somchai, Bounmy = 4 (the typed "
        "totals agree). Row 13 'Total: 9 participants | F: 5 | M: 4' is a totals row (label "
        "first, then only counts) → totals-excluded 1, nothing below it.")


# =========================================================================== 4 Excel subtotals
def _subtotal_sheet(ws, titles, header, blocks, *, summary_below=True) -> None:
    """blocks: ("detail", row) or ("sum", row); detail rows get outline level 2."""
    for r, text in enumerate(titles, start=1):
        ws.cell(row=r, column=1, value=text).font = TITLE if r == 1 else Font(italic=True)
    head = len(titles) + 2
    write_rows(ws, head, [header], font=BOLD)
    for r, (kind, row) in enumerate(blocks, start=head + 1):
        write_rows(ws, r, [row], font=BOLD if kind == "sum" else None)
        ws.row_dimensions[r].outline_level = 2 if kind == "detail" else 1 \
            if not str(row[1]).startswith(("Grand", "ລວມ")) else 0
    ws.sheet_properties.outlinePr.summaryBelow = summary_below
    fit_columns(ws, [header, *[row for _, row in blocks]])


def subtotal_count_en(folder: Path) -> Shape:
    header = ["No.", "Event code", "Date", "Topic", "Name", "Sex", "Age", "Participant type",
              "Province"]
    groups = [
        ("CB-SVK-01", dt.date(2024, 1, 16), "TIP National Plan of Action", "Savannakhet", [
            ("Somchai Phommachanh", "M", 45, "Government official"),
            ("Khamla Sayavong", "F", 38, "Government official"),
            ("Bounmy Inthavong", "M", 50, "Village authority"),
            ("Noy Vongsa", "F", 26, "Community member")]),
        ("CB-VIE-01", dt.date(2024, 2, 13), "Victim identification", "Vientiane Capital", [
            ("Phonsavanh Keomany", "M", 33, "Government official"),
            ("Manivanh Xaysana", "F", 29, "Government official"),
            ("Keo Phanthavong", "M", 41, "Government official")]),
        ("PAR-SVK-02", dt.date(2024, 3, 19), "Protection and referral", "Savannakhet", [
            ("Vilay Sisavath", "F", 36, "Government official"),
            ("Douangchai Phommavong", "M", 47, "Government official"),
            ("Sengdao Vongsa", "F", 31, "NGO")]),
    ]
    blocks, n = [], 0
    for code, date, topic, province, people in groups:
        for name, sx, age, ptype in people:
            n += 1
            blocks.append(("detail", [n, code, date, topic, name, sx, age, ptype, province]))
        blocks.append(("sum", [None, f"{code} Count", None, None, len(people)]))
    blocks.append(("sum", [None, "Grand Count", None, None, n]))
    wb, ws = new_book("All events")
    _subtotal_sheet(ws, ["Attendance January–March 2024, all events",
                         "Sorted by event code; Data ▸ Subtotal, count of names"], header, blocks)
    save_xlsx(wb, folder / "subtotal-count-en.xlsx")
    return Shape(
        "subtotal-count-en", 4, ("subtotal-count-en.xlsx",),
        "A list grouped by event code with Excel's Data ▸ Subtotal rows ('CB-SVK-01 Count' in "
        "the event-code column, the count in the Name column) after each group and 'Grand "
        "Count' at the end. Subtotal rows are skipped without cutting the rows below them.",
        {"TR-1": 10, "ATT-1": 10, "EV-1": 3, "CB-1": 7, "PAR-1": 2, "sex:TR-1": sex(5, 5),
         "findings": {"subtotal-row": 4}},
        "Header row 4. CB-SVK-01 rows 5–8 (4 people, TIP plan of action), 'CB-SVK-01 Count | 4' "
        "row 9; CB-VIE-01 rows 10–12 (3, victim identification), subtotal row 13; PAR-SVK-02 "
        "rows 14–16 (3, protection and referral), subtotal row 17; 'Grand Count | 10' row 18. "
        "→ 10 people, all different: TR-1 10, ATT-1 10, EV-1 3, CB-1 4 + 3 = 7, PAR-1 = "
        "government at PAR-SVK-02: Vilay Sisavath, Douangchai Phommavong = 2 (Sengdao is NGO). "
        "Women Khamla, Noy, Manivanh, Vilay, Sengdao = 5; men 5. subtotal-row 4 (three group "
        "rows and the grand row).")


def subtotal_sum_lo(folder: Path) -> Shape:
    header = ["ລ/ດ", "ລະຫັດກິດຈະກຳ", "ວັນທີ", "ຫົວຂໍ້", "ຊື່ ແລະ ນາມສະກຸນ", "ເພດ", "ອາຍຸ",
              "ປະເພດຜູ້ເຂົ້າຮ່ວມ", "ແຂວງ", "ຈຳນວນມື້"]
    groups = [
        ("E1", dt.date(2024, 4, 2), "ການປົກປ້ອງເດັກ", [
            ("ບຸນມີ ສີສະຫວາດ", "ຊາຍ", 38, "ພະນັກງານລັດ", 2),
            ("ຈັນທະລາ ພົມມະຈັນ", "ຍິງ", 27, "ປະຊາຊົນ", 2),
            ("ສົມໃຈ ແກ້ວມະນີ", "ຊາຍ", 52, "ອຳນາດການປົກຄອງບ້ານ", 1),
            ("ມະນີວັນ ວົງສາ", "ຍິງ", 34, "ສະຫະພັນແມ່ຍິງລາວ", 2)]),
        ("E2", dt.date(2024, 4, 23), "ການຄ້າມະນຸດ", [
            ("ຄຳລາ ອິນທະວົງ", "ຍິງ", 41, "ພະນັກງານລັດ", 3),
            ("ພອນສະຫວັນ ພັນທະວົງ", "ຊາຍ", 36, "ພະນັກງານລັດ", 3),
            ("ນ້ອຍ ສີສະຫວາດ", "ຍິງ", 24, "ປະຊາຊົນ", 2)]),
    ]
    blocks, n, total = [], 0, 0
    for code, date, topic, people in groups:
        days = 0
        for name, sx, age, ptype, d in people:
            n += 1
            days += d
            blocks.append(("detail", [n, code, date, topic, name, sx, age, ptype, "ອຸດົມໄຊ", d]))
        total += days
        blocks.append(("sum", [None, f"{code} Total", None, None, None, None, None, None, None,
                               days]))
    blocks.append(("sum", [None, "ລວມທັງໝົດ", None, None, None, None, None, None, None, total]))
    wb, ws = new_book("ລາຍຊື່")
    _subtotal_sheet(ws, ["ສະຫຼຸບຜູ້ເຂົ້າຮ່ວມ ເດືອນເມສາ 2024", "ແຂວງອຸດົມໄຊ"], header, blocks)
    save_xlsx(wb, folder / "subtotal-sum-lo.xlsx")
    return Shape(
        "subtotal-sum-lo", 4, ("subtotal-sum-lo.xlsx",),
        "A Lao list grouped by ລະຫັດກິດຈະກຳ with Data ▸ Subtotal (sum of days) rows 'E1 Total', "
        "'E2 Total' and a grand row typed 'ລວມທັງໝົດ': the number sits in the days column, "
        "the name is blank.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 2, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "findings": {"subtotal-row": 3}},
        "Header row 4. E1 (ການປົກປ້ອງເດັກ, child_protection) rows 5–8, 4 people, 'E1 Total | 7' "
        "row 9; E2 (ການຄ້າມະນຸດ, tip_plan_of_action) rows 10–12, 3 people, 'E2 Total | 8' row "
        "13; 'ລວມທັງໝົດ | 15' row 14. → TR-1 7, ATT-1 7, EV-1 2, CB-1 7 (both topics count), "
        "PAR-1 0. ຍິງ ຈັນທະລາ, ມະນີວັນ, ຄຳລາ, ນ້ອຍ = 4; ຊາຍ ບຸນມີ, ສົມໃຈ, ພອນສະຫວັນ = 3. "
        "subtotal-row 3 (two group rows and the grand row).")


def subtotal_above_en(folder: Path) -> Shape:
    header = ["No.", "Event code", "Date", "Topic", "Name", "Sex", "Age", "Participant type",
              "Province", "Days"]
    groups = [
        ("CB-VIE-01", dt.date(2024, 2, 13), "Child protection", [
            ("Souksavanh Vongsa", "F", 30, "Government official", 2),
            ("Khamphet Sisavath", "M", 42, "Government official", 2),
            ("Chanthala Inthavong", "F", 35, "Lao Women's Union", 3),
            ("Somphone Keomany", "M", 27, "NGO", 2)]),
        ("PAR-VIE-02", dt.date(2024, 2, 27), "Protection, assistance & referral", [
            ("Vilay Phommachanh", "F", 39, "Government official", 3),
            ("Keo Xaysana", "M", 44, "Government official", 3),
            ("Noy Phanthavong", "F", 33, "NGO", 2)]),
    ]
    blocks, n, total = [], 0, 0
    for code, date, topic, people in groups:
        days = sum(p[-1] for p in people)
        total += days
        blocks.append(("sum", [None, f"{code} Total", None, None, None, None, None, None, None,
                               days]))
        for name, sx, age, ptype, d in people:
            n += 1
            blocks.append(("detail", [n, code, date, topic, name, sx, age, ptype,
                                      "Vientiane Capital", d]))
    blocks.insert(0, ("sum", [None, "Grand Total", None, None, None, None, None, None, None,
                              total]))
    wb, ws = new_book("Feb 2024")
    _subtotal_sheet(ws, ["Trainings in Vientiane Capital, February 2024",
                         "Data ▸ Subtotal, sum of days, summary above data"], header, blocks,
                    summary_below=False)
    save_xlsx(wb, folder / "subtotal-above-en.xlsx")
    return Shape(
        "subtotal-above-en", 4, ("subtotal-above-en.xlsx",),
        "Data ▸ Subtotal with 'Summary below data' unticked: 'Grand Total' comes right under "
        "the header and each 'CB-VIE-01 Total' row above its group. Every person below them "
        "is a record.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 2, "CB-1": 4, "PAR-1": 2, "sex:TR-1": sex(4, 3),
         "findings": {"subtotal-row": 3}},
        "Header row 4; row 5 'Grand Total | 17'; row 6 'CB-VIE-01 Total | 9'; rows 7–10 "
        "CB-VIE-01 (child protection, 4 people); row 11 'PAR-VIE-02 Total | 8'; rows 12–14 "
        "PAR-VIE-02 ('Protection, assistance & referral', 3 people). → TR-1 7, ATT-1 7, EV-1 "
        "2, CB-1 4, PAR-1 = government at PAR-VIE-02: Vilay Phommachanh, Keo Xaysana = 2 "
        "(Noy is NGO). Women Souksavanh, Chanthala, Vilay, Noy = 4; men Khamphet, Somphone, "
        "Keo = 3. subtotal-row 3; no totals-excluded (nothing is cut).")


# =========================================================================== 5 two-row headers
VI_XKG_01 = Event("VI-XKG-01", dt.date(2024, 9, 10), "ການກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍ", "ຊຽງຂວາງ")


def two_row_header_lo(folder: Path) -> Shape:
    tick = "✓"
    people = [  # name, male tick, female tick, age, type
        ("ສົມໃຈ ອິນທະວົງ", tick, "", 45, "ພະນັກງານລັດ"),
        ("ຄຳລາ ພົມມະຈັນ", "", tick, 33, "ພະນັກງານລັດ"),
        ("ບຸນມີ ແກ້ວມະນີ", tick, "", 39, "ພະນັກງານລັດ"),
        ("ນ້ອຍ ວົງສາ", "", tick, 28, "ສະຫະພັນແມ່ຍິງລາວ"),
        ("ພອນສະຫວັນ ສີສະຫວາດ", tick, "", 51, "ອຳນາດການປົກຄອງບ້ານ"),
        ("ມະນີວັນ ພັນທະວົງ", "", tick, 36, "ພະນັກງານລັດ"),
        ("ຈັນທະລາ ອິນທະວົງ", "", "", 30, "ປະຊາຊົນ"),
        ("ແກ້ວ ພົມມະວົງ", tick, tick, 42, "ພະນັກງານລັດ"),
        ("ວິໄລ ໄຊຍະວົງ", "", tick, 25, "ປະຊາຊົນ"),
        ("ດວງໃຈ ສີສະຫວາດ", tick, "", 47, "ພະນັກງານລັດ"),
    ]
    ev = VI_XKG_01
    wb, ws = new_book("VI-XKG-01")
    ws["A1"] = "ລາຍຊື່ຜູ້ເຂົ້າຮ່ວມ ການກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍ"
    ws["A1"].font = TITLE
    ws["A2"] = "ແຂວງຊຽງຂວາງ, ວັນທີ 10 ກັນຍາ 2024"
    top = ["ລ/ດ", "ຊື່ ແລະ ນາມສະກຸນ", "ເພດ", None, "ອາຍຸ", "ລະຫັດກິດຈະກຳ", "ວັນທີ", "ຫົວຂໍ້",
           "ປະເພດຜູ້ເຂົ້າຮ່ວມ", "ແຂວງ"]
    sub = [None, None, "ຊາຍ", "ຍິງ"]
    write_rows(ws, 3, [top, sub], font=BOLD)
    for col in "ABEFGHIJ":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("C3:D3")
    rows = [[n, name, m, f, age, ev.code, ev.date, ev.topic, ptype, ev.province]
            for n, (name, m, f, age, ptype) in enumerate(people, start=1)]
    write_rows(ws, 5, rows)
    for row in ws.iter_rows(min_row=3, max_row=4):
        for cell in row:
            cell.alignment = Alignment(horizontal="center", vertical="center")
    fit_columns(ws, [top, *rows])
    save_xlsx(wb, folder / "two-row-header-lo.xlsx")
    return Shape(
        "two-row-header-lo", 5, ("two-row-header-lo.xlsx",),
        "A two-row header: ເພດ merged over C3:D3 with ຊາຍ | ຍິງ below, the other headers merged "
        "down over rows 3–4. Sex is a ✓ in the ຊາຍ or ຍິງ column; neither or both ticked is "
        "unknown and reported.",
        {"TR-1": 10, "ATT-1": 10, "EV-1": 1, "CB-1": 10, "PAR-1": 0, "sex:TR-1": sex(4, 4, 2),
         "findings": {"sex-missing": 1, "sex-both-ticked": 1}},
        "Header rows 3–4 read as one; 10 rows (Excel rows 5–14) for VI-XKG-01, topic "
        "ການກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍ (victim_identification) → TR-1 10, ATT-1 10, CB-1 10, "
        "PAR-1 0, EV-1 1. ✓ ຊາຍ only: ສົມໃຈ, ບຸນມີ, ພອນສະຫວັນ, ດວງໃຈ = male 4; ✓ ຍິງ only: "
        "ຄຳລາ, ນ້ອຍ, ມະນີວັນ, ວິໄລ = female 4; ຈັນທະລາ ອິນທະວົງ (row 11) neither → unknown, "
        "sex-missing 1; ແກ້ວ ພົມມະວົງ (row 12) both → unknown, sex-both-ticked 1. Unknown 2.")


SM_ATP_01 = Event("SM-ATP-01", dt.date(2024, 7, 16), "Safe migration", "Attapeu")


def two_row_header_en(folder: Path) -> Shape:
    people = [  # name, male, female, <18, 18+
        ("Souksavanh Keomany", "x", "", "x", ""),
        ("Noy Inthavong", "", "x", "x", ""),
        ("Khamphet Vongsa", 1, "", "", 1),
        ("Sengdao Phommachanh", "", 1, "", 1),
        ("Bounmy Sisavath", "x", "", "", "x"),
        ("Chanthala Sayavong", "", "✓", "", "✓"),
        ("Douangchai Xaysana", "", "", "", "x"),
        ("Manivanh Phanthavong", "", "x", "x", ""),
    ]
    ev = SM_ATP_01
    wb, ws = new_book("Sheet1")
    ws["A1"] = "Safe migration for young people, Samakkhixay district, Attapeu, 16 July 2024"
    ws["A1"].font = TITLE
    ws["A2"] = "Lao Youth Union / PLSW Attapeu"
    top = ["No.", "Name", "Sex", None, "Age", None, "Event code", "Date", "Topic",
           "Participant type", "Province"]
    sub = [None, None, "Male", "Female", "<18", "18+"]
    write_rows(ws, 4, [top, sub], font=BOLD)
    for col in "ABGHIJK":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("C4:D4")
    ws.merge_cells("E4:F4")
    rows = [[n, name, m, f, young, adult, ev.code, ev.date, ev.topic, "Community member",
             ev.province] for n, (name, m, f, young, adult) in enumerate(people, start=1)]
    write_rows(ws, 6, rows)
    fit_columns(ws, [top, *rows])
    save_xlsx(wb, folder / "two-row-header-en.xlsx")
    return Shape(
        "two-row-header-en", 5, ("two-row-header-en.xlsx",),
        "A two-row header: 'Sex' merged over Male | Female and 'Age' merged over <18 | 18+, "
        "ticks typed as x, 1 or ✓. A tick in <18 gives age group <18; 18+ leaves the age "
        "group unknown.",
        {"TR-1": 8, "ATT-1": 8, "EV-1": 1, "CB-1": 8, "PAR-1": 0, "sex:TR-1": sex(4, 3, 1),
         "findings": {"sex-missing": 1}},
        "Header rows 4–5 read as one; 8 rows (Excel rows 6–13) for SM-ATP-01, Safe migration, "
        "community members → TR-1 8, ATT-1 8, CB-1 8, PAR-1 0, EV-1 1. Male ticked (x, 1, x): "
        "Souksavanh, Khamphet, Bounmy = 3; Female ticked (x, 1, ✓, x): Noy, Sengdao, "
        "Chanthala, Manivanh = 4; Douangchai Xaysana (row 12) neither → unknown 1, "
        "sex-missing 1. Ages: <18 ticked for Souksavanh, Noy, Manivanh (age group <18), the "
        "other 5 ticked 18+ (unknown group); ages are not asserted.")


# =========================================================================== 6 CSV line breaks
SM_SVK_06 = Event("SM-SVK-06", dt.date(2024, 3, 12), "Safe migration", "Savannakhet")


def csv_line_breaks(folder: Path) -> Shape:
    header = ["No.", "Name\nຊື່", "Sex", "Age", "Organisation", "Event code", "Date", "Topic",
              "Participant type", "Province"]
    ev = SM_SVK_06

    def row(n, name, sx, age, org, ptype):
        return [n, name, sx, age, org, ev.code, ev.date, ev.topic, ptype, ev.province]

    ragged = row(3, "Bounmy Phommachanh", "M", 44, "Provincial Police", "Government official")
    records = [
        pad(["Training on safe migration for district officials\nSavannakhet, 12–14 March 2024"],
            10),
        pad([], 10),
        header,
        row(1, "Somchai Keomany", "M", 38, "District Labour Office", "Government official"),
        row(2, "Khamla Sisavath", "F", 31, "Ban Nongbua\nVillage committee", "Village authority"),
        ragged[:-1],  # the Province field is missing: 9 fields instead of 10
        row(4, "Noy Vongsa", "F", 27, "Lao Women's Union\nXaybouly district",
            "Lao Women's Union"),
        row(5, "Phonsavanh Inthavong", "M", 35, "Provincial Labour and Social Welfare",
            "Government official"),
        row(6, "Manivanh Sayavong", "F", 42, "Provincial Health Department\n(Mother and child "
            "unit)", "Government official"),
        row(7, "Vilay Phanthavong", "F", 29, "Village Focus NPA", "NGO"),
        row(8, "Keo Xaysana", "M", 50, "Ban Phonsim", "Village authority"),
    ]
    (folder / "csv-line-breaks.csv").write_bytes(csv_bytes(records))
    return Shape(
        "csv-line-breaks", 6, ("csv-line-breaks.csv",),
        "Excel 'CSV UTF-8' with line breaks inside quoted fields: a two-line title cell, the "
        "header 'Name\\nຊື່', organisation cells on two lines, and a short (ragged) row right "
        "after one of them. Rows are numbered as Excel shows them: one row per CSV record.",
        {"TR-1": 8, "ATT-1": 8, "EV-1": 1, "CB-1": 8, "PAR-1": 0, "sex:TR-1": sex(4, 4),
         "findings": {"ragged-rows": 1},
         "rows": {"name_at_row": {4: "Somchai", 6: "Bounmy", 8: "Phonsavanh", 11: "Keo"}}},
        "Records: 1 title (physical lines 1–2), 2 blank (line 3), 3 header (lines 4–5), "
        "4–11 eight people (lines 6, 7–8, 9, 10–11, 12, 13–14, 15, 16). Excel rows = record "
        "numbers: Somchai row 4, Khamla 5, Bounmy 6 (ragged: 9 fields, no province), Noy 7, "
        "Phonsavanh 8, Manivanh 9, Vilay 10, Keo 11 (line 16). All SM-SVK-06, Safe migration "
        "→ TR-1 8, ATT-1 8, CB-1 8, PAR-1 0, EV-1 1. Men Somchai, Bounmy, Phonsavanh, Keo = 4; "
        "women Khamla, Noy, Manivanh, Vilay = 4. ragged-rows 1 (row 6).")


# =========================================================================== 7 symlinks
CP_HPN_01 = Event("CP-HPN-01", dt.date(2024, 3, 5), "Child protection", "Houaphanh")
TIP_HPN_02 = Event("TIP-HPN-02", dt.date(2024, 3, 26), "Counter trafficking", "Houaphanh")


def _link(target: str, link: Path) -> None:
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(target, link, target_is_directory=True)


def symlinks(folder: Path) -> Shape:
    main, shared = folder / "symlinks" / "main", folder / "symlinks" / "shared"
    (main / "archive").mkdir(parents=True, exist_ok=True)
    shared.mkdir(parents=True, exist_ok=True)
    a = [("Somchai Vongsa", "M", 40, "Government official"),
         ("Khamla Keomany", "F", 34, "Government official"),
         ("Bounmy Phanthavong", "M", 46, "Village authority"),
         ("Noy Sisavath", "F", 25, "Community member"),
         ("Vilay Inthavong", "M", 31, "Government official"),
         ("Sengdao Phommavong", "F", 37, "Lao Women's Union")]
    b = [("Khamla Keomany", "F", 34, "Government official"),
         ("Phonsavanh Sayavong", "M", 43, "Government official"),
         ("Manivanh Xaysana", "F", 29, "Government official"),
         ("Keo Phommachanh", "M", 55, "Village authority"),
         ("Chanthala Vongsa", "F", 32, "NGO")]
    wb, ws = new_book("CP-HPN-01")
    list_sheet(ws, ["Child protection, Xamneua, Houaphanh, 5 March 2024"], EN_HEADER,
               rows_for(CP_HPN_01, a))
    save_xlsx(wb, main / "list-a.xlsx")
    (shared / "list-b.csv").write_bytes(csv_bytes([EN_HEADER, *rows_for(TIP_HPN_02, b)]))
    _link("../shared", main / "linked")
    _link("..", main / "archive" / "up")
    return Shape(
        "symlinks", 7, ("symlinks/main",),
        "A folder (main) with a list, a symlinked subfolder linked → ../shared holding a "
        "second list, and a loop archive/up → .. (main itself). The walk follows the link, "
        "does not hang on the loop, and reads each file once.",
        {"TR-1": 10, "ATT-1": 11, "EV-1": 2, "CB-1": 10, "PAR-1": 0, "sex:TR-1": sex(5, 5),
         "records_by_source": {"symlinks/main/list-a.xlsx [CP-HPN-01]": 6,
                               "symlinks/main/linked/list-b.csv": 5}},
        "list-a.xlsx: 6 people at CP-HPN-01 (child protection), rows 4–9. linked/list-b.csv "
        "(the symlinked file): 5 at TIP-HPN-02 (counter trafficking), rows 2–6, one of them "
        "Khamla Keomany F 34, who is also on list-a. With the symlinked file counted: ATT-1 "
        "6 + 5 = 11, TR-1 11 − 1 = 10, EV-1 2, CB-1 10, PAR-1 0; women Khamla, Noy, Sengdao, "
        "Manivanh, Chanthala = 5, men Somchai, Bounmy, Vilay, Phonsavanh, Keo = 5. Without "
        "it (link not followed) it would be TR-1 6, ATT-1 6, EV-1 1. Following archive/up "
        "must not read list-a a second time (no repeat-attendance finding).")


# =========================================================================== 8 not data
PAR_VTP_01 = Event("PAR-VTP-01", dt.date(2024, 5, 14), "Protection and referral",
                   "Vientiane Province")


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff", 9)) + chunk(b"IEND", b""))


PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
       b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _docx(path: Path, text: str) -> None:
    write_zip(path, [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"),
    ])


def _excel_owner_file(user: str) -> bytes:
    """What Excel leaves as ~$name.xlsx while the workbook is open (165 bytes)."""
    ansi = bytes([len(user)]) + user.encode("ascii").ljust(53, b" ")
    wide = struct.pack("<H", len(user)) + user.encode("utf-16-le")
    return (ansi + wide).ljust(165, b"\x00")


def not_data_folder(folder: Path) -> Shape:
    base = folder / "not-data"
    base.mkdir(parents=True, exist_ok=True)
    people = [("Souksavanh Inthavong", "F", 36, "Government official"),
              ("Somphone Sisavath", "M", 48, "Government official"),
              ("Khamphet Vongsa", "M", 30, "Government official"),
              ("Douangchai Keomany", "F", 27, "NGO"),
              ("Chanthala Phommachanh", "F", 41, "Government official"),
              ("Bounmy Xaysana", "M", 39, "Village authority"),
              ("Noy Sayavong", "F", 33, "Government official"),
              ("Keo Phanthavong", "M", 45, "Government official")]
    wb, ws = new_book("PAR-VTP-01")
    list_sheet(ws, ["Protection and referral for district officials, Phonhong, Vientiane "
                    "Province, 14–15 May 2024"], EN_HEADER, rows_for(PAR_VTP_01, people),
               footer="Prepared by: Phonsavanh Keomany")
    save_xlsx(wb, base / "list.xlsx")

    (base / "README.txt").write_text(
        "Attendance lists of the protection and referral trainings, Vientiane Province.\n"
        "Please do not rename the files. Send corrections to the PLSW data officer before\n"
        "the 5th of each month. The photos and the minutes are kept here for the report.\n",
        encoding="utf-8")
    _docx(base / "minutes.docx", "Minutes of the protection and referral training, Phonhong, "
          "14-15 May 2024.")
    (base / "photo.png").write_bytes(_png())
    (base / "invitation.pdf").write_bytes(PDF)
    (base / ".~lock.list.xlsx#").write_bytes(
        b",PLSW Data Officer,DESKTOP-PLSW01,01.10.2024 08:00,file:///C:/Users/plsw/AppData/"
        b"Roaming/LibreOffice/4;")
    (base / "~$list.xlsx").write_bytes(_excel_owner_file("PLSW Data Officer"))

    # ctipcalc's own outputs of an earlier run over this folder.
    figures = {"CB-1": 0, "PAR-1": 6, "TR-1": 8, "ATT-1": 8, "EV-1": 1}
    units = {"CB-1": "persons", "PAR-1": "persons", "TR-1": "persons", "ATT-1": "records",
             "EV-1": "events"}
    output = {
        "tool": "ctipcalc", "version": "0.1.0",
        "period": {"label": "all", "start": None, "end": None},
        "indicators": [{"code": code, "name": code, "unit": units[code], "value": value,
                        "numerator": None, "denominator": None, "disaggregations": {},
                        "target": None, "baseline": None, "achieved_pct": None,
                        "suppressed": []} for code, value in figures.items()],
        "sources": [{"file": "not-data/list.xlsx", "sheet": "PAR-VTP-01", "kind": "attendance",
                     "header_row": 3, "records": 8, "excluded_rows": 1}],
        "data_quality": {"errors": 0, "warnings": 0, "infos": 1, "findings": [
            {"severity": "info", "code": "totals-excluded", "file": "not-data/list.xlsx",
             "sheet": "PAR-VTP-01", "row": 13, "column": None, "value": None, "count": 1,
             "message": "footer not counted as records"}]},
    }
    (base / "ctipcalc-all.json").write_text(json.dumps(output, indent=2, ensure_ascii=False)
                                            + "\n", encoding="utf-8")
    indicator_rows = [["code", "name", "unit", "dimension", "category", "value", "numerator",
                       "denominator", "period"]]
    for code, value in figures.items():
        indicator_rows.append([code, code, units[code], "total", "total", value, "", "", "all"])
    (base / "indicators-all.csv").write_bytes(csv_bytes(indicator_rows, bom=False, eol="\n"))
    (base / "check-all.csv").write_bytes(csv_bytes([
        ["severity", "code", "file", "sheet", "row", "column", "value", "count", "message"],
        ["info", "totals-excluded", "not-data/list.xlsx", "PAR-VTP-01", 13, "", "", 1,
         "footer not counted as records"]], bom=False, eol="\n"))
    report = Workbook()
    summary = report.active
    summary.title = "Summary"
    summary["A1"] = "Indicator Performance Tracking Table"
    summary["A2"] = "Period all · ctipcalc 0.1.0 · run 2024-10-01"
    write_rows(summary, 4, [["Code", "Indicator", "Unit", "Baseline", "Target", "Actual",
                             "% achieved", "Female", "Male"],
                            *[[code, code, units[code], None, None, value]
                              for code, value in figures.items()]])
    about = report.create_sheet("About")
    about["A1"] = "About this report"
    save_xlsx(report, base / "report-all.xlsx", creator="ctipcalc 0.1.0",
              title="CTIP indicators all")

    not_data = ["README.txt", "minutes.docx", "photo.png", "invitation.pdf",
                ".~lock.list.xlsx#", "~$list.xlsx"]
    own = ["ctipcalc-all.json", "indicators-all.csv", "check-all.csv", "report-all.xlsx"]
    return Shape(
        "not-data-folder", 8, ("not-data",),
        "A data folder holding one real attendance list beside prose (README.txt), a .docx, a "
        ".png, a .pdf, LibreOffice and Excel lock/owner files, and ctipcalc's own JSON, CSV, "
        "check CSV and Excel outputs. Only the list is read; the rest is skipped with an "
        "info finding each.",
        {"TR-1": 8, "ATT-1": 8, "EV-1": 1, "CB-1": 0, "PAR-1": 6, "sex:TR-1": sex(4, 4),
         "findings": {"file-not-data": 6, "own-output-skipped": 4, "totals-excluded": 1},
         "records_by_source": {"not-data/list.xlsx [PAR-VTP-01]": 8},
         "skipped_files": {**{f"not-data/{n}": "file-not-data" for n in not_data},
                           **{f"not-data/{n}": "own-output-skipped" for n in own}}},
        "list.xlsx: 8 rows (Excel rows 4–11) for PAR-VTP-01, Protection and referral, and a "
        "'Prepared by' footer row 13 (totals-excluded 1) → TR-1 8, ATT-1 8, EV-1 1, CB-1 0, "
        "PAR-1 = government: Souksavanh, Somphone, Khamphet, Chanthala, Noy, Keo = 6 "
        "(Douangchai NGO, Bounmy village authority). Women Souksavanh, Douangchai, Chanthala, "
        "Noy = 4; men 4. file-not-data 6 (README.txt, minutes.docx, photo.png, "
        "invitation.pdf, .~lock.list.xlsx#, ~$list.xlsx); own-output-skipped 4 "
        "(ctipcalc-all.json, indicators-all.csv, check-all.csv, report-all.xlsx whose creator "
        "is 'ctipcalc 0.1.0'). Counts here are files, one finding each.")


# =========================================================================== 9 broken workbooks
def workbook_without_workbook_xml(folder: Path) -> Shape:
    write_zip(folder / "broken" / "no-workbook-part.xlsx", [(
        "[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/></Types>')])
    return Shape(
        "workbook-without-workbook-xml", 9, ("broken/no-workbook-part.xlsx",),
        "An .xlsx zip holding only [Content_Types].xml, no xl/workbook.xml: not read as an "
        "empty workbook but refused as unreadable.",
        {"refused": True},
        "Named directly: one line naming the file, exit 3; nothing is counted.")


def header_only_workbook(folder: Path) -> Shape:
    wb, ws = new_book("SM-SVK-09")
    list_sheet(ws, ["Training on safe migration, Savannakhet, 3 September 2024",
                    "(list to be filled in)"], EN_HEADER, [])
    save_xlsx(wb, folder / "broken" / "header-only.xlsx")
    return Shape(
        "header-only-workbook", 9, ("broken/header-only.xlsx",),
        "A workbook whose only sheet has titles and a header row but no rows below it: read, "
        "zero records, reported.",
        {"TR-1": 0, "ATT-1": 0, "EV-1": 0, "CB-1": 0, "PAR-1": 0, "sex:TR-1": sex(0, 0),
         "findings": {"no-records": 1}},
        "Titles rows 1–2, header row 4, nothing below → every figure 0; no-records once for "
        "the sheet (count 1: a sheet, there are no rows). Not refused: exit 0.")


# =========================================================================== 10 hidden things
SM_SVK_07 = Event("SM-SVK-07", dt.date(2024, 4, 16), "Safe migration", "Savannakhet")
CP_SVK_08 = Event("CP-SVK-08", dt.date(2024, 4, 30), "Child protection", "Savannakhet")


def hidden_sheet(folder: Path) -> Shape:
    shown = [("Somchai Phommavong", "M", 39, "Village authority"),
             ("Khamla Xaysana", "F", 28, "Community member"),
             ("Bounmy Keomany", "M", 44, "Village authority"),
             ("Noy Inthavong", "F", 23, "Community member"),
             ("Phonsavanh Vongsa", "M", 35, "Government official"),
             ("Manivanh Sisavath", "F", 31, "Lao Women's Union"),
             ("Keo Phommachanh", "M", 57, "Village authority"),
             ("Vilay Sayavong", "F", 26, "Community member")]
    hidden = [("Sengdao Phanthavong", "F", 34, "Government official"),
              ("Douangchai Vongsa", "M", 42, "Government official"),
              ("Chanthala Keomany", "F", 29, "Lao Women's Union"),
              ("Somphone Inthavong", "M", 50, "Village authority"),
              ("Souksavanh Phommavong", "F", 37, "Government official"),
              ("Khamphet Sisavath", "M", 46, "Government official")]
    wb, ws = new_book("SM-SVK-07")
    list_sheet(ws, ["Safe migration, Phin district, Savannakhet, 16 April 2024"], EN_HEADER,
               rows_for(SM_SVK_07, shown))
    other = wb.create_sheet("CP-SVK-08")
    list_sheet(other, ["Child protection, Phin district, Savannakhet, 30 April 2024"],
               EN_HEADER, rows_for(CP_SVK_08, hidden))
    other.sheet_state = "hidden"
    lists = wb.create_sheet("Lists")
    write_rows(lists, 1, [["Sex", "Participant type", "Topic", "Province"],
                          ["F", "Government official", "Safe migration", "Savannakhet"],
                          ["M", "Village authority", "Child protection", "Khammouane"],
                          ["", "Community member", "Protection and referral", "Champasak"],
                          ["", "Lao Women's Union", "", ""]])
    lists.sheet_state = "hidden"
    save_xlsx(wb, folder / "hidden-sheet.xlsx")
    return Shape(
        "hidden-sheet", 10, ("hidden-sheet.xlsx",),
        "A visible list, a hidden sheet holding another event's list (counted, reported), and "
        "a hidden drop-down 'Lists' sheet that is no list (skipped with a note).",
        {"TR-1": 14, "ATT-1": 14, "EV-1": 2, "CB-1": 14, "PAR-1": 0, "sex:TR-1": sex(7, 7),
         "findings": {"hidden-sheet-counted": 6, "sheet-skipped": 1},
         "records_by_source": {"hidden-sheet.xlsx [SM-SVK-07]": 8,
                               "hidden-sheet.xlsx [CP-SVK-08]": 6}},
        "SM-SVK-07 (visible, safe migration): 8 people, rows 4–11, 4 women 4 men. CP-SVK-08 "
        "(hidden, child protection): 6 other people, rows 4–9, 3 women 3 men. → TR-1 14, "
        "ATT-1 14, EV-1 2, CB-1 14, PAR-1 0, women 7 men 7. hidden-sheet-counted 6 (records "
        "on CP-SVK-08). 'Lists' (hidden, headers Sex/Participant type/Topic/Province, no name) "
        "→ sheet-skipped 1 (info, hidden).")


TIP_SVK_09 = Event("TIP-SVK-09", dt.date(2024, 5, 21), "Counter trafficking", "Savannakhet")


def hidden_rows(folder: Path) -> Shape:
    people = [("Somchai Xaysana", "M", 41, "Government official"),
              ("Khamla Phanthavong", "F", 36, "Government official"),
              ("Bounmy Sisavath", "M", 29, "Government official"),
              ("Noy Phommachanh", "F", 33, "Government official"),
              ("Phonsavanh Keomany", "M", 47, "Village authority"),
              ("Manivanh Vongsa", "F", 25, "Community member"),
              ("Chanthala Sayavong", "F", 39, "Government official"),
              ("Keo Inthavong", "M", 52, "Village authority"),
              ("Vilay Phommavong", "F", 30, "Lao Women's Union"),
              ("Douangchai Sisavath", "M", 35, "Government official"),
              ("Sengdao Keomany", "F", 44, "Government official"),
              ("Somphone Vongsa", "M", 31, "Community member")]
    wb, ws = new_book("TIP-SVK-09")
    head, _ = list_sheet(ws, ["Counter-trafficking training, Xaybouly district, 21 May 2024",
                              "Provincial Labour and Social Welfare Office"], EN_HEADER,
                         rows_for(TIP_SVK_09, people),
                         footer="Prepared by: Khamphet Phommavong")
    for n in (3, 7, 10):
        ws.row_dimensions[head + n].hidden = True
    save_xlsx(wb, folder / "hidden-rows.xlsx")
    return Shape(
        "hidden-rows", 10, ("hidden-rows.xlsx",),
        "A list of 12 with three rows hidden (Format ▸ Hide rows). Hidden rows are people: "
        "every row is counted and the hidden ones reported.",
        {"TR-1": 12, "ATT-1": 12, "EV-1": 1, "CB-1": 12, "PAR-1": 0, "sex:TR-1": sex(6, 6),
         "findings": {"hidden-rows-counted": 3, "totals-excluded": 1}},
        "Header row 4, people rows 5–16 at TIP-SVK-09 (counter trafficking); rows 7 (Bounmy "
        "Sisavath), 11 (Chanthala Sayavong), 14 (Douangchai Sisavath) hidden → TR-1 12, "
        "ATT-1 12, CB-1 12, PAR-1 0, EV-1 1. Women Khamla, Noy, Manivanh, Chanthala, Vilay, "
        "Sengdao = 6; men 6. hidden-rows-counted 3; footer row 18 → totals-excluded 1.")


PAR_CPS_04 = Event("PAR-CPS-04", dt.date(2024, 8, 6), "Protection and referral", "Champasak")


def filtered_rows(folder: Path) -> Shape:
    people = [("Souksavanh Phommavong", "F", 32, "Government official"),
              ("Khamphet Inthavong", "M", 45, "Government official"),
              ("Noy Keomany", "F", 27, "NGO"),
              ("Bounmy Vongsa", "M", 38, "Government official"),
              ("Manivanh Sisavath", "F", 41, "Government official"),
              ("Keo Sayavong", "M", 50, "Village authority"),
              ("Chanthala Xaysana", "F", 29, "Lao Women's Union"),
              ("Somchai Phanthavong", "M", 36, "Government official"),
              ("Vilay Keomany", "F", 34, "Government official"),
              ("Phonsavanh Phommachanh", "M", 26, "Community member")]
    wb, ws = new_book("PAR-CPS-04")
    head, last = list_sheet(ws, ["Protection and referral, Pakse, Champasak, 6–7 August 2024",
                                 "Filtered to government officials for the PAR-1 count"],
                            EN_HEADER, rows_for(PAR_CPS_04, people))
    ws.auto_filter.ref = f"A{head}:I{last}"
    ws.auto_filter.add_filter_column(7, ["Government official"])
    for n, person in enumerate(people, start=1):
        if person[3] != "Government official":
            ws.row_dimensions[head + n].hidden = True
    save_xlsx(wb, folder / "filtered-rows.xlsx")
    return Shape(
        "filtered-rows", 10, ("filtered-rows.xlsx",),
        "An AutoFilter on Participant type = 'Government official' hides the other 4 rows. "
        "A filter is a view: every row is counted and the hidden ones reported.",
        {"TR-1": 10, "ATT-1": 10, "EV-1": 1, "CB-1": 0, "PAR-1": 6, "sex:TR-1": sex(5, 5),
         "findings": {"hidden-rows-counted": 4}},
        "Header row 4, rows 5–14 at PAR-CPS-04 (protection and referral); filtered out (hidden): "
        "row 7 Noy Keomany (NGO), 10 Keo Sayavong (village authority), 11 Chanthala Xaysana "
        "(LWU), 14 Phonsavanh Phommachanh (community) → TR-1 10, ATT-1 10, EV-1 1, CB-1 0, "
        "PAR-1 6 (the visible government rows; the hidden rows are not government, so the "
        "filter happens not to change PAR-1), women 5, men 5. hidden-rows-counted 4.")


# =========================================================================== extra shapes
CP_KHM_02 = Event("CP-KHM-02", dt.date(2024, 6, 4), "Child protection", "Khammouane")


def merged_title(folder: Path) -> Shape:
    people = [("Douangchai Phommachanh", "M", 48, "Village authority"),
              ("Sengdao Inthavong", "F", 35, "Village authority"),
              ("Somphone Keomany", "M", 53, "Village authority"),
              ("Khamla Sayavong", "F", 30, "Lao Women's Union"),
              ("Bounmy Xaysana", "M", 42, "Village authority"),
              ("Noy Phanthavong", "F", 26, "Community member"),
              ("Souksavanh Vongsa", "M", 37, "Village authority"),
              ("Manivanh Sisavath", "F", 44, "Government official"),
              ("Keo Phommavong", "M", 59, "Village authority")]
    ev = CP_KHM_02
    header = EN_HEADER[:8]
    rows = [r[:8] for r in rows_for(ev, people)]
    wb, ws = new_book("CP-KHM-02")
    ws["A1"] = ("Training on child protection for village authorities\nKhammouane province, "
                "4–5 June 2024\nProvincial Labour and Social Welfare Office")
    ws.merge_cells("A1:H3")
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws["A1"].font = TITLE
    write_rows(ws, 5, [header], font=BOLD)
    end = write_rows(ws, 6, rows)
    ws.cell(row=end + 1, column=1, value="Prepared by: Vilay Inthavong")
    fit_columns(ws, [header, *rows])
    save_xlsx(wb, folder / "merged-title.xlsx")
    return Shape(
        "merged-title", None, ("merged-title.xlsx",),
        "A three-line title merged over A1:H3 above a blank row and the header (row 5); the "
        "province is in the title only, there is no Province column.",
        {"TR-1": 9, "ATT-1": 9, "EV-1": 1, "CB-1": 9, "PAR-1": 0, "sex:TR-1": sex(4, 5),
         "findings": {"totals-excluded": 1}},
        "9 rows (Excel rows 6–14) at CP-KHM-02, child protection → TR-1 9, ATT-1 9, EV-1 1, "
        "CB-1 9, PAR-1 0. Women Sengdao, Khamla, Noy, Manivanh = 4; men Douangchai, Somphone, "
        "Bounmy, Souksavanh, Keo = 5. Footer row 16 → totals-excluded 1.")


def form_header(folder: Path) -> Shape:
    people = [("Phonsavanh Sisavath", "M", 24), ("Noy Keomany", "F", 21),
              ("Vilay Phommachanh", "F", 27), ("Keo Vongsa", "M", 31),
              ("Chanthala Inthavong", "F", 19), ("Somchai Phanthavong", "M", 22),
              ("Souksavanh Xaysana", "F", 25)]
    wb, ws = new_book("Form")
    ws["A1"] = "ATTENDANCE SHEET"
    ws["A1"].font = TITLE
    write_rows(ws, 2, [["Event:", "Safe migration training for returnees"],
                       ["Date:", "12/03/2024"],
                       ["Province:", "Savannakhet"],
                       ["Venue:", "Kaysone Phomvihane district hall"]])
    header = ["No.", "Name", "Sex", "Age", "Event code", "Topic", "Participant type", "Village"]
    rows = [[n, name, sx, age, "SM-SVK-10", "Safe migration", "Community member", "Ban Nongbua"]
            for n, (name, sx, age) in enumerate(people, start=1)]
    write_rows(ws, 7, [header], font=BOLD)
    write_rows(ws, 8, rows)
    fit_columns(ws, [header, *rows])
    save_xlsx(wb, folder / "form-header.xlsx")
    return Shape(
        "form-header", None, ("form-header.xlsx",),
        "A form header of label/value pairs in A2:B5 (Event:, Date: 12/03/2024, Province:, "
        "Venue:) above the table (header row 7), which has its own Event code and Topic "
        "columns but no Date or Province column.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3)},
        "7 rows (Excel rows 8–14) at SM-SVK-10, topic Safe migration, community members → "
        "TR-1 7, ATT-1 7, EV-1 1, CB-1 7, PAR-1 0 (run over all time). Women Noy, Vilay, "
        "Chanthala, Souksavanh = 4; men Phonsavanh, Keo, Somchai = 3. Each form row holds one "
        "header word, so the header is row 7. The date and province come from the form only if "
        "the tool reads forms; these figures do not depend on it (a FY2024 run does: with the "
        "form the 7 are dated 12/03/2024, without it they are undated).")


VI_CPS_03 = Event("VI-CPS-03", dt.date(2024, 7, 23), "Victim identification", "Champasak")


def margin_notes(folder: Path) -> Shape:
    people = [("Khamla Vongsa", "F", 39, "Government official"),
              ("Somchai Sayavong", "M", 46, "Government official"),
              ("Noy Phommavong", "F", 28, "Government official"),
              ("Bounmy Keomany", "M", 35, "Government official"),
              ("Sengdao Xaysana", "F", 32, "NGO"),
              ("Khamphet Phommachanh", "M", 41, "Government official"),
              ("Manivanh Inthavong", "F", 30, "Government official"),
              ("Douangchai Sisavath", "M", 53, "Village authority")]
    notes = {1: "called twice, no answer", 3: "left after lunch on day 2", 5: "ໂທບໍ່ຕິດ",
             7: "phone changed, ask LWU"}
    rows = [[*r, None, notes.get(r[0])] for r in rows_for(VI_CPS_03, people)]
    wb, ws = new_book("VI-CPS-03")
    list_sheet(ws, ["Victim identification, Pakse, Champasak, 23–24 July 2024"], EN_HEADER,
               rows)
    save_xlsx(wb, folder / "margin-notes.xlsx")
    return Shape(
        "margin-notes", None, ("margin-notes.xlsx",),
        "Follow-up notes typed in column K, right of the table after an empty column J, with "
        "no header; they change nothing.",
        {"TR-1": 8, "ATT-1": 8, "EV-1": 1, "CB-1": 8, "PAR-1": 0, "sex:TR-1": sex(4, 4)},
        "8 rows (Excel rows 4–11) at VI-CPS-03, victim identification; notes in K4, K6, K8, "
        "K10 → TR-1 8, ATT-1 8, EV-1 1, CB-1 8, PAR-1 0. Women Khamla, Noy, Sengdao, Manivanh "
        "= 4; men 4.")


SM_SVK_11 = Event("SM-SVK-11", dt.date(2024, 3, 12), "Safe migration", "Savannakhet")
SM_SVK_12 = Event("SM-SVK-12", dt.date(2024, 3, 14), "Safe migration", "Savannakhet")


def two_tables(folder: Path) -> Shape:
    first = [("Somchai Inthavong", "M", 44, "Government official"),
             ("Khamla Phommavong", "F", 37, "Government official"),
             ("Bounmy Sayavong", "M", 31, "Government official"),
             ("Noy Sisavath", "F", 29, "Government official"),
             ("Phonsavanh Xaysana", "M", 50, "Government official"),
             ("Manivanh Keomany", "F", 35, "Government official")]
    second = [("Chanthala Vongsa", "F", 24, "Community member"),
              ("Keo Phanthavong", "M", 46, "Village authority"),
              ("Vilay Inthavong", "F", 33, "Community member"),
              ("Douangchai Phommachanh", "M", 28, "Community member"),
              ("Sengdao Sayavong", "F", 40, "Lao Women's Union")]
    wb, ws = new_book("Sheet1")
    _, last = list_sheet(ws, ["Training on safe migration — Day 1: district officials",
                              "Savannakhet, 12 March 2024"], EN_HEADER,
                            rows_for(SM_SVK_11, first))
    ws.cell(row=last + 2, column=1,
            value="Day 2: village volunteers, Ban Nongbua, 14 March 2024").font = TITLE
    header2 = ["No.", "Name", "Village", "Sex", "Age", "Event code", "Date", "Topic",
               "Participant type", "Province"]
    rows2 = [[r[0], r[1], "Ban Nongbua", *r[2:]] for r in rows_for(SM_SVK_12, second)]
    write_rows(ws, last + 3, [header2], font=BOLD)
    write_rows(ws, last + 4, rows2)
    save_xlsx(wb, folder / "two-tables.xlsx")
    return Shape(
        "two-tables", None, ("two-tables.xlsx",),
        "Two tables on one sheet: after the first list, a blank row, a new title and a new "
        "header row (with a Village column inserted after Name, so the columns shift), then "
        "more people. The second header is a header, not a person named 'Name'.",
        {"TR-1": 11, "ATT-1": 11, "EV-1": 2, "CB-1": 11, "PAR-1": 0, "sex:TR-1": sex(6, 5)},
        "Table 1: header row 4, rows 5–10, 6 officials at SM-SVK-11 (3 women, 3 men). Row 11 "
        "blank, row 12 title, row 13 second header (No., Name, Village, Sex, …), rows 14–18, "
        "5 villagers at SM-SVK-12 (Chanthala, Vilay, Sengdao women; Keo, Douangchai men). "
        "→ TR-1 11, ATT-1 11, EV-1 2, CB-1 11 (safe migration), PAR-1 0; women 6, men 5. No "
        "person 'Name', no sex read from the Village column.")


SM_SVK_13 = Event("SM-SVK-13", dt.date(2024, 3, 12), "Safe migration", "Savannakhet")
SM_SVK_14 = Event("SM-SVK-14", dt.date(2024, 4, 9), "Safe migration", "Savannakhet")


def copied_last_month(folder: Path) -> Shape:
    april = [("Somphone Phommachanh", "M", 38, "Government official"),
             ("Khamla Inthavong", "F", 31, "Government official"),
             ("Keo Sisavath", "M", 49, "Village authority"),
             ("Noy Xaysana", "F", 26, "Community member"),
             ("Vilay Keomany", "F", 35, "Lao Women's Union"),
             ("Bounmy Phanthavong", "M", 42, "Government official"),
             ("Souksavanh Sayavong", "F", 29, "Community member"),
             ("Douangchai Vongsa", "M", 33, "Community member")]
    march = [("Khamphet Phommavong", "M", 45, "Government official"),
             ("Sengdao Sisavath", "F", 38, "Government official"),
             ("Bounmy Phanthavong", "M", 42, "Government official"),
             ("Chanthala Inthavong", "F", 30, "Community member"),
             ("Phonsavanh Keomany", "M", 27, "Community member")]
    wb, ws = new_book("April")
    _, last = list_sheet(ws, ["Training on safe migration, Savannakhet, 9 April 2024"],
                         EN_HEADER, rows_for(SM_SVK_14, april))
    write_rows(ws, last + 3, rows_for(SM_SVK_13, march, start=11))
    save_xlsx(wb, folder / "copied-last-month.xlsx")
    return Shape(
        "copied-last-month", None, ("copied-last-month.xlsx",),
        "A sheet copied from last month's: the April list on top, then two blank rows and five "
        "leftover March rows (numbered 11–15, another event code and date). All are people, "
        "each with its own event.",
        {"TR-1": 12, "ATT-1": 13, "EV-1": 2, "CB-1": 12, "PAR-1": 0, "sex:TR-1": sex(6, 6)},
        "April SM-SVK-14 rows 4–11: 8 people (women Khamla, Noy, Vilay, Souksavanh; men "
        "Somphone, Keo, Bounmy, Douangchai). Rows 12–13 blank. March SM-SVK-13 rows 14–18: 5 "
        "people, one of them Bounmy Phanthavong M 42 again (same person). → ATT-1 13, TR-1 "
        "13 − 1 = 12, EV-1 2, CB-1 12 (both safe migration), PAR-1 0; new in March: Khamphet "
        "M, Sengdao F, Chanthala F, Phonsavanh M → women 6, men 6.")


TIP_LNT_01 = Event("TIP-LNT-01", dt.date(2024, 9, 3), "Trafficking in persons", "Luang Namtha")


def frozen_panes(folder: Path) -> Shape:
    people = [("Somchai Keomany", "M", 43, "Government official"),
              ("Khamla Sayavong", "F", 34, "Government official"),
              ("Noy Inthavong", "F", 27, "Government official"),
              ("Bounmy Phommavong", "M", 51, "Government official"),
              ("Manivanh Vongsa", "F", 38, "NGO"),
              ("Keo Xaysana", "M", 29, "Government official"),
              ("Vilay Phanthavong", "F", 45, "Lao Women's Union"),
              ("Phonsavanh Sisavath", "M", 36, "Village authority")]
    wb, ws = new_book("TIP-LNT-01")
    head, _ = list_sheet(ws, ["Trafficking in persons, Luang Namtha, 3–4 September 2024",
                              "Border districts"], EN_HEADER, rows_for(TIP_LNT_01, people))
    ws.freeze_panes = f"C{head + 1}"
    save_xlsx(wb, folder / "frozen-panes.xlsx")
    return Shape(
        "frozen-panes", None, ("frozen-panes.xlsx",),
        "Panes frozen at C5 (titles, header and the No./Name columns stay on screen): "
        "harmless.",
        {"TR-1": 8, "ATT-1": 8, "EV-1": 1, "CB-1": 8, "PAR-1": 0, "sex:TR-1": sex(4, 4)},
        "8 rows (Excel rows 5–12) at TIP-LNT-01, 'Trafficking in persons' (tip_plan_of_action) "
        "→ TR-1 8, ATT-1 8, EV-1 1, CB-1 8, PAR-1 0; women Khamla, Noy, Manivanh, Vilay = 4, "
        "men 4.")


def _biff12(rtype: int, data: bytes = b"") -> bytes:
    """One BIFF12 record of an .xlsb part: type and size as 7-bit varints, then the data."""
    head = bytearray([rtype] if rtype < 0x80 else [(rtype & 0x7F) | 0x80, rtype >> 7])
    n = len(data)
    while True:
        head.append((n & 0x7F) | (0x80 if n >> 7 else 0))
        n >>= 7
        if not n:
            return bytes(head) + data


def _wide(text: str) -> bytes:
    encoded = text.encode("utf-16-le")
    return struct.pack("<I", len(encoded) // 2) + encoded


def write_xlsb(path: Path, sheets: dict[str, list[list]]) -> None:
    """A minimal Excel Binary Workbook (MS-XLSB): no Python library writes the format,
    so it is assembled here from its records — text cells inline (BrtCellSt), numbers as
    BrtCellReal, dates typed as day-first text."""
    names = list(sheets)
    sheet_parts = []
    for rows in sheets.values():
        width = max(len(r) for r in rows)
        part = _biff12(0x0081) + _biff12(0x0094, struct.pack("<IIII", 0, len(rows) - 1, 0,
                                                                width - 1))
        part += _biff12(0x0091)
        for r, row in enumerate(rows):
            part += _biff12(0x0000, struct.pack("<IIH", r, 0, 0) + bytes(3) + struct.pack("<I", 0))
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                cell = struct.pack("<II", c, 0)
                if isinstance(value, str):
                    part += _biff12(0x0006, cell + _wide(value))
                else:
                    part += _biff12(0x0005, cell + struct.pack("<d", float(value)))
        sheet_parts.append(part + _biff12(0x0092) + _biff12(0x0082))
    book = _biff12(0x0083) + _biff12(0x008F)
    for i, name in enumerate(names, start=1):
        book += _biff12(0x009C, struct.pack("<II", 0, i) + _wide(f"rId{i}") + _wide(name))
    book += _biff12(0x0090) + _biff12(0x0084)
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    members = [
        ("[Content_Types].xml",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{package}/'
         'content-types"><Default Extension="rels" ContentType="application/vnd.'
         'openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.bin" '
         'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
         + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.bin" ContentType="'
                   'application/vnd.ms-excel.worksheet"/>' for i in range(1, len(names) + 1))
         + "</Types>"),
        ("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
         f'Type="{rel}/officeDocument" Target="xl/workbook.bin"/></Relationships>'),
        ("xl/workbook.bin", book),
        ("xl/_rels/workbook.bin.rels", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         f'\n<Relationships xmlns="{package}/relationships">'
         + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" '
                   f'Target="worksheets/sheet{i}.bin"/>' for i in range(1, len(names) + 1))
         + "</Relationships>"),
        *((f"xl/worksheets/sheet{i}.bin", part) for i, part in enumerate(sheet_parts, start=1)),
    ]
    write_zip(path, members)


def xlsb(folder: Path) -> Shape:
    people = [("Somchai Keomany", "M", 43, "Government official"),
              ("Khamla Sayavong", "F", 34, "Government official"),
              ("Noy Inthavong", "F", 27, "NGO"),
              ("Bounmy Phommavong", "M", 51, "Government official"),
              ("Manivanh Vongsa", "F", 38, "Village authority")]
    rows = [["Protection, assistance and referral, Khammouane, 8 May 2024"], [], EN_HEADER]
    rows += [[n, name, sx, age, "PAR-KMN-02", "08/05/2024", "Protection and referral", ptype,
              "Khammouane"] for n, (name, sx, age, ptype) in enumerate(people, start=1)]
    write_xlsb(folder / "binary-workbook.xlsb", {"PAR-KMN-02": rows})
    return Shape(
        "xlsb", 11, ("binary-workbook.xlsb",),
        "An Excel Binary Workbook (.xlsb): read with python-calamine like an .xlsx, rows "
        "numbered as Excel shows them.",
        {"TR-1": 5, "ATT-1": 5, "EV-1": 1, "CB-1": 0, "PAR-1": 3, "sex:TR-1": sex(3, 2),
         "records_by_source": {"binary-workbook.xlsb [PAR-KMN-02]": 5},
         "rows": {"name_at_row": {4: "Somchai", 8: "Manivanh"}}},
        "Title row 1, blank row 2, header row 3, five people in rows 4–8 at PAR-KMN-02 "
        "(protection and referral): PAR-1 = the government officials Somchai, Khamla, "
        "Bounmy = 3; women Khamla, Noy, Manivanh = 3, men 2.")


SM_BLX_01 = Event("SM-BLX-01", dt.date(2024, 3, 12), "Safe migration", "Bolikhamxai")
GREEN = PatternFill("solid", fgColor="C6EFCE")
RED = PatternFill("solid", fgColor="FFC7CE")


def colour_mark(folder: Path) -> Shape:
    people = [("Sengdao Phommachanh", "F", 30, "Community member", "GG"),
              ("Somchai Vongsa", "M", 41, "Village authority", "GG"),
              ("Noy Sayavong", "F", 22, "Community member", "RR"),
              ("Bounmy Inthavong", "M", 36, "Community member", "GR"),
              ("Chanthala Keomany", "F", 27, "Lao Women's Union", "GG"),
              ("Keo Sisavath", "M", 48, "Village authority", "RR"),
              ("Manivanh Xaysana", "F", 33, "Community member", "GG"),
              ("Khamphet Phanthavong", "M", 25, "Community member", "GG"),
              ("Vilay Phommavong", "F", 39, "Government official", "GG")]
    wb, ws = new_book("SM-BLX-01")
    rows = rows_for(SM_BLX_01, [p[:4] for p in people])
    head, _ = list_sheet(ws, ["Safe migration, Pakkading district, Bolikhamxai, 12–13 March "
                              "2024", "Legend: green = present, red = absent"],
                         [*EN_HEADER, "Day 1 (12/03)", "Day 2 (13/03)"], rows)
    for n, person in enumerate(people, start=1):
        for col, mark in zip((10, 11), person[4], strict=True):
            ws.cell(row=head + n, column=col).fill = GREEN if mark == "G" else RED
    save_xlsx(wb, folder / "colour-mark.xlsx")
    return Shape(
        "colour-mark", None, ("colour-mark.xlsx",),
        "Attendance marked only by fill colour (green/red, no text) in 'Day 1 (12/03)' and "
        "'Day 2 (13/03)' columns. The tool cannot see colour: every row is counted.",
        {"TR-1": 9, "ATT-1": 9, "EV-1": 1, "CB-1": 9, "PAR-1": 0, "sex:TR-1": sex(5, 4)},
        "9 rows (Excel rows 5–13) at SM-BLX-01, safe migration. By colour, Noy Sayavong (row "
        "7) and Keo Sisavath (row 10) are red on both days and Bounmy Inthavong red on day 2, "
        "but colour is not data: all 9 count → TR-1 9, ATT-1 9, EV-1 1, CB-1 9, PAR-1 0; "
        "women Sengdao, Noy, Chanthala, Manivanh, Vilay = 5, men 4. No finding required (the "
        "day columns match no header and hold no text).")


# =========================================================================== registry
BUILDERS: dict[str, Callable[[Path], Shape]] = {
    "xlsb": xlsb,
    "attendance-mark-en": attendance_mark_en,
    "attendance-mark-lo": attendance_mark_lo,
    "attendance-mark-tick": attendance_mark_tick,
    "attendance-mark-unknown": attendance_mark_unknown,
    "names-split-en": names_split_en,
    "names-split-lo": names_split_lo,
    "names-given-only": names_given_only,
    "totals-like-names": totals_like_names,
    "subtotal-count-en": subtotal_count_en,
    "subtotal-sum-lo": subtotal_sum_lo,
    "subtotal-above-en": subtotal_above_en,
    "two-row-header-lo": two_row_header_lo,
    "two-row-header-en": two_row_header_en,
    "csv-line-breaks": csv_line_breaks,
    "symlinks": symlinks,
    "not-data-folder": not_data_folder,
    "workbook-without-workbook-xml": workbook_without_workbook_xml,
    "header-only-workbook": header_only_workbook,
    "hidden-sheet": hidden_sheet,
    "hidden-rows": hidden_rows,
    "filtered-rows": filtered_rows,
    "merged-title": merged_title,
    "form-header": form_header,
    "margin-notes": margin_notes,
    "two-tables": two_tables,
    "copied-last-month": copied_last_month,
    "frozen-panes": frozen_panes,
    "colour-mark": colour_mark,
}
# The layouts the red team found read wrongly (typed.py, README.md "Red-team shapes").
BUILDERS.update(TYPED_BUILDERS)


def build_one(folder: Path, name: str) -> Shape:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shape = BUILDERS[name](folder)
    assert shape.name == name, (shape.name, name)
    return shape


def build(folder: Path) -> dict[str, Shape]:
    return {name: build_one(folder, name) for name in BUILDERS}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "shapes-out")
    for shape in build(target).values():
        figures = {k: v for k, v in shape.expected.items() if k[:1].isupper()}
        print(f"{shape.name:30} {', '.join(shape.files):40} {figures}")
