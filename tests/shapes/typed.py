"""Shapes of the sheet layouts a red team found read wrongly, one per bug fixed: placeholder
ids, Name | Surname, events typed once, headings, side-by-side lists, totals rows of every
kind, facilitators, absences (remarks, an Absent column, day columns), form lines, letters
lost by an ANSI save, a blank duplicate column, day sheets, a Title column, Lao sex
abbreviations, a deep header, '&' in a header and apostrophes before ids.

The files are written here (the layouts are the red team's, the rows are not); the figures
are worked out by hand from the rows below (`Shape.how`), never by running ctipcalc, which
this module does not import. `TYPED_BUILDERS` is registered into build.py's `BUILDERS`.
README.md, "Red-team shapes", lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

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
    rows_for,
    save_xlsx,
    sex,
    write_rows,
)

TICK = "✓"


def _blank(rows: list[list], columns: range) -> list[list]:
    """The rows with the cells of `columns` emptied, except on the first row."""
    return [row if not n else [None if c in columns else v for c, v in enumerate(row)]
            for n, row in enumerate(rows)]


def _lost(name: str) -> str:
    """What an ANSI (Windows-1252) save leaves of a Lao name: a '?' for every Lao letter."""
    return "".join("?" if "\u0e80" <= ch <= "\u0eff" else ch for ch in name)


# =========================================================================== ids and names
SM_XYB_01 = Event("SM-XYB-01", dt.date(2024, 2, 6), "Safe migration", "Xayaboury")
PAR_XYB_02 = Event("PAR-XYB-02", dt.date(2024, 3, 19), "Protection and referral", "Xayaboury")


def id_placeholder_zero(folder: Path) -> Shape:
    first = [("Somchai Phommachanh", "M", 38, "Government official", "1-0234567"),
             ("Khamla Vongsa", "F", 29, "Community member", "0"),
             ("Bounmy Keomany", "M", 45, "Village authority", "0"),
             ("Noy Sisavath", "F", 24, "Community member", "ບໍ່ມີ"),
             ("Phonsavanh Xaysana", "M", 33, "Community member", "ບໍ່ມີ"),
             ("Manivanh Inthavong", "F", 41, "Lao Women's Union", "-"),
             ("Keo Sayavong", "M", 52, "Village authority", "-")]
    second = [("Vilay Phanthavong", "F", 36, "Government official", 0),
              ("Douangchai Phommavong", "M", 47, "Government official", "ບໍ່ມີ"),
              ("Somchai Phommachanh", "M", 38, "Government official", "1-0234567"),
              ("Sengdao Keomany", "F", 31, "Government official", "-")]
    header = [*EN_HEADER, "ID card number"]
    wb, ws = new_book("SM-XYB-01")
    list_sheet(ws, ["Safe migration, Xayaboury, 6 February 2024"], header,
               rows_for(SM_XYB_01, first))
    list_sheet(wb.create_sheet("PAR-XYB-02"), ["Protection and referral, Xayaboury, "
                                               "19 March 2024"], header,
               rows_for(PAR_XYB_02, second))
    save_xlsx(wb, folder / "id-placeholders.xlsx")
    return Shape(
        "id-placeholder-zero", None, ("id-placeholders.xlsx",),
        "An 'ID card number' column where people without a card have '0' (typed as text, or "
        "as the number 0), 'ບໍ່ມີ' (none) or '-'. A placeholder is no id: it must not make "
        "one person of everybody who has none, on one sheet or across events.",
        {"TR-1": 10, "ATT-1": 11, "EV-1": 2, "CB-1": 7, "PAR-1": 4, "sex:TR-1": sex(5, 5),
         "findings": {"id-names-differ": 0},
         "records_by_source": {"id-placeholders.xlsx [SM-XYB-01]": 7,
                               "id-placeholders.xlsx [PAR-XYB-02]": 4}},
        "SM-XYB-01 (safe migration), header row 3, rows 4–10: Somchai Phommachanh id "
        "1-0234567; Khamla Vongsa and Bounmy Keomany '0'; Noy Sisavath and Phonsavanh "
        "Xaysana 'ບໍ່ມີ'; Manivanh Inthavong and Keo Sayavong '-'. PAR-XYB-02 (protection and "
        "referral, all government), rows 4–7: Vilay Phanthavong 0 (a number), Douangchai "
        "Phommavong 'ບໍ່ມີ', Somchai Phommachanh 1-0234567 again (same id, name, age: one "
        "person), Sengdao Keomany '-'. ATT-1 7 + 4 = 11; TR-1 11 − 1 = 10 (with '0' and "
        "'ບໍ່ມີ' read as ids, Khamla/Bounmy/Vilay and Noy/Phonsavanh/Douangchai would be two "
        "people: 6). EV-1 2, CB-1 7 (SM-XYB-01), PAR-1 = Vilay, Douangchai, Somchai, Sengdao "
        "= 4. Women Khamla, Noy, Manivanh, Vilay, Sengdao = 5; men Somchai, Bounmy, "
        "Phonsavanh, Keo, Douangchai = 5. No id holds two names: id-names-differ 0.")


CB_SVK_21 = Event("CB-SVK-21", dt.date(2024, 3, 12), "Safe migration", "Savannakhet")
CB_SVK_22 = Event("CB-SVK-22", dt.date(2024, 3, 20), "Child protection", "Savannakhet")


def name_and_surname_columns(folder: Path) -> Shape:
    first = [("Somchai", "Sisavath", "M", "District official"),
             ("Somchai", "Vongsa", "M", "Village chief"),
             ("Noy", "Sisavath", "F", "District official"),
             ("Noy", "Keomany", "F", "Teacher"),
             ("Khamla", "Sisavath", "F", "Nurse"),
             ("Keo", "Inthavong", "M", "Police officer")]
    second = [("Somchai", "Sisavath", "M", "District official"),
              ("Noy", "Vongsa", "F", "Teacher"),
              ("Keo", "Sisavath", "M", "Village chief"),
              ("Khamla", "Sisavath", "F", "Nurse")]

    def rows(ev: Event, people: list[tuple]) -> list[list]:
        return [[n, given, surname, sx, pos, ev.code, ev.date, ev.topic, ev.province]
                for n, (given, surname, sx, pos) in enumerate(people, start=1)]

    tail = ["Sex", "Position", "Event code", "Date", "Topic", "Province"]
    wb, ws = new_book("CB-SVK-21")
    list_sheet(ws, ["Safe migration, Savannakhet, 12 March 2024"],
               ["No.", "Name", "Surname", *tail], rows(CB_SVK_21, first))
    list_sheet(wb.create_sheet("CB-SVK-22"), ["Child protection, Savannakhet, 20 March 2024"],
               ["No.", "Name", "Family name", *tail], rows(CB_SVK_22, second))
    save_xlsx(wb, folder / "name-surname.xlsx")
    return Shape(
        "name-and-surname-columns", None, ("name-surname.xlsx",),
        "'Name | Surname' (and 'Name | Family name' on a second sheet): the 'Name' column "
        "holds the given name only, so the name is Name + ' ' + Surname. No age column: "
        "people are told apart by the full name alone.",
        {"TR-1": 8, "ATT-1": 10, "EV-1": 2, "CB-1": 8, "PAR-1": 0, "sex:TR-1": sex(4, 4),
         "findings": {"name-given-only": 0},
         "records_by_source": {"name-surname.xlsx [CB-SVK-21]": 6,
                               "name-surname.xlsx [CB-SVK-22]": 4}},
        "CB-SVK-21 (safe migration), rows 4–9: Somchai Sisavath M, Somchai Vongsa M, Noy "
        "Sisavath F, Noy Keomany F, Khamla Sisavath F, Keo Inthavong M. CB-SVK-22 (child "
        "protection), rows 4–7: Somchai Sisavath M and Khamla Sisavath F again (same full "
        "name and sex: same people), Noy Vongsa F, Keo Sisavath M (new). ATT-1 6 + 4 = 10, "
        "TR-1 6 + 2 = 8, EV-1 2, CB-1 8 (both topics), PAR-1 0. Women Noy Sisavath, Noy "
        "Keomany, Khamla Sisavath, Noy Vongsa = 4; men Somchai Sisavath, Somchai Vongsa, Keo "
        "Inthavong, Keo Sisavath = 4. By the Name column alone there would be 4 people "
        "(Somchai, Noy, Khamla, Keo). A surname column is there: name-given-only 0.")


# =========================================================================== events typed once
TIP_LPB_03 = Event("TIP-LPB-03", dt.date(2024, 4, 9), "Trafficking in persons", "Luang Prabang")
PAR_LPB_04 = Event("PAR-LPB-04", dt.date(2024, 4, 23), "Protection and referral",
                   "Luang Prabang")


def event_typed_once_filled_down(folder: Path) -> Shape:
    first = [("Somphone Keomany", "M", 40, "Government official"),
             ("Chanthala Vongsa", "F", 33, "Government official"),
             ("Douangchai Inthavong", "M", 28, "Village authority"),
             ("Sengdao Phommavong", "F", 45, "Lao Women's Union"),
             ("Khamphet Sisavath", "M", 36, "Government official")]
    second = [("Souksavanh Phanthavong", "F", 30, "Government official"),
              ("Bounmy Sayavong", "M", 49, "Government official"),
              ("Vilay Xaysana", "F", 27, "NGO"),
              ("Keo Phommachanh", "M", 55, "Government official")]
    event_columns = range(4, 7)  # Event code, Date, Topic
    rows = [*_blank(rows_for(TIP_LPB_03, first), event_columns),
            *_blank(rows_for(PAR_LPB_04, second, start=6), event_columns)]
    wb, ws = new_book("April")
    list_sheet(ws, ["Trainings in Luang Prabang, April 2024",
                    "Event code, date and topic on the first row of each training"],
               EN_HEADER, rows)
    save_xlsx(wb, folder / "event-typed-once.xlsx")
    return Shape(
        "event-typed-once-filled-down", None, ("event-typed-once.xlsx",),
        "Two trainings on one list; the Event code, Date and Topic are typed on the first "
        "row of each ('same as above' below). A row whose event columns are all blank takes "
        "the event of the row above.",
        {"TR-1": 9, "ATT-1": 9, "EV-1": 2, "CB-1": 5, "PAR-1": 3, "sex:TR-1": sex(4, 5),
         "findings": {"filled-down": 7}},
        "Header row 4. Rows 5–9 TIP-LPB-03 'Trafficking in persons' (typed on row 5 only): "
        "Somphone M, Chanthala F, Douangchai M, Sengdao F, Khamphet M. Rows 10–13 PAR-LPB-04 "
        "'Protection and referral' (typed on row 10 only): Souksavanh F gov, Bounmy M gov, "
        "Vilay F NGO, Keo M gov. → TR-1 9, ATT-1 9, EV-1 2, CB-1 5 (tip_plan_of_action), "
        "PAR-1 = Souksavanh, Bounmy, Keo = 3; women 4, men 5. filled-down: rows 6–9 and "
        "11–13 = 7.")


# =========================================================================== headings in a list
CP_OUD_01 = Event("CP-OUD-01", dt.date(2024, 5, 14), "Child protection", "Oudomxay")


def women_men_section_headings(folder: Path) -> Shape:
    women = [("Khamla Phommachanh", "", 34, "Community member"),
             ("Noy Sayavong", "", 22, "Community member"),
             ("Manivanh Keomany", "F", 41, "Lao Women's Union"),
             ("Vilay Inthavong", "F", 29, "Village authority")]
    men = [("Somchai Vongsa", "", 47, "Village authority"),
           ("Bounmy Sisavath", "", 38, "Community member"),
           ("Keo Xaysana", "", 51, "Village authority")]
    wb, ws = new_book("CP-OUD-01")
    head, _ = list_sheet(ws, ["Child protection, Xay district, Oudomxay, 14 May 2024",
                              "Village child protection networks"], EN_HEADER, [])
    at = head + 1
    for heading, people, start in (("Women", women, 1), ("Men", men, 5)):
        ws.cell(row=at, column=1, value=heading).font = BOLD
        ws.merge_cells(f"A{at}:C{at}")
        at = write_rows(ws, at + 1, rows_for(CP_OUD_01, people, start=start))
    fit_columns(ws, [EN_HEADER, *rows_for(CP_OUD_01, women + men)])
    save_xlsx(wb, folder / "section-headings.xlsx")
    return Shape(
        "women-men-section-headings", None, ("section-headings.xlsx",),
        "Headings 'Women' and 'Men' merged over A:C inside the list, each above its people; "
        "most of their Sex cells are blank. A heading is no person, and gives its sex to "
        "the blank Sex cells below it.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "findings": {"section-row": 2, "sex-from-section": 5, "sex-missing": 0}},
        "Header row 4; row 5 'Women' (A5:C5 merged); rows 6–9 Khamla and Noy (Sex blank), "
        "Manivanh and Vilay (F); row 10 'Men' (A10:C10); rows 11–13 Somchai, Bounmy, Keo "
        "(Sex blank). All CP-OUD-01, child protection → TR-1 7, ATT-1 7, EV-1 1, CB-1 7, "
        "PAR-1 0; women 4, men 3, none unknown. section-row 2 (rows 5, 10); "
        "sex-from-section 2 + 3 = 5 rows.")


VI_SLV_01 = Event("VI-SLV-01", dt.date(2024, 6, 11), "ການກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍ", "ສາລະວັນ")


def women_men_section_headings_lo(folder: Path) -> Shape:
    women = [("ຄຳລາ ພົມມະຈັນ", "", 31, "ພະນັກງານລັດ"),
             ("ນ້ອຍ ສີສະຫວາດ", "", 26, "ພະນັກງານລັດ"),
             ("ມະນີວັນ ວົງສາ", "", 44, "ສະຫະພັນແມ່ຍິງລາວ")]
    men = [("ສົມໃຈ ແກ້ວມະນີ", "", 39, "ພະນັກງານລັດ"),
           ("ບຸນມີ ອິນທະວົງ", "", 50, "ອຳນາດການປົກຄອງບ້ານ"),
           ("ພອນສະຫວັນ ໄຊຍະວົງ", "", 35, "ພະນັກງານລັດ")]
    wb, ws = new_book("ລາຍຊື່")
    head, _ = list_sheet(ws, ["ລາຍຊື່ຜູ້ເຂົ້າຮ່ວມ ການກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍ",
                              "ແຂວງສາລະວັນ, ວັນທີ 11 ມິຖຸນາ 2024"], LO_HEADER, [])
    at = head + 1
    for heading, people, start in (("ຍິງ", women, 1), ("ຊາຍ", men, 4)):
        ws.cell(row=at, column=1, value=heading).font = BOLD
        at = write_rows(ws, at + 1, rows_for(VI_SLV_01, people, start=start))
    fit_columns(ws, [LO_HEADER, *rows_for(VI_SLV_01, women + men)])
    save_xlsx(wb, folder / "section-headings-lo.xlsx")
    return Shape(
        "women-men-section-headings-lo", None, ("section-headings-lo.xlsx",),
        "Lao headings ຍິງ (women) and ຊາຍ (men) typed alone in the ລ/ດ column (not merged), "
        "left of the names; every ເພດ cell is blank. The headings are no people and give the "
        "sex.",
        {"TR-1": 6, "ATT-1": 6, "EV-1": 1, "CB-1": 6, "PAR-1": 0, "sex:TR-1": sex(3, 3),
         "findings": {"section-row": 2, "sex-from-section": 6, "sex-missing": 0}},
        "Header row 4; row 5 'ຍິງ' in A; rows 6–8 ຄຳລາ, ນ້ອຍ, ມະນີວັນ; row 9 'ຊາຍ' in A; rows "
        "10–12 ສົມໃຈ, ບຸນມີ, ພອນສະຫວັນ; ເພດ blank on all six. VI-SLV-01, "
        "ການກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍ (victim_identification) → TR-1 6, ATT-1 6, EV-1 1, CB-1 6, "
        "PAR-1 0; women 3, men 3. section-row 2 (rows 5, 9), sex-from-section 6.")


SM_BLX_02 = Event("SM-BLX-02", dt.date(2024, 7, 2), "Safe migration", "Bolikhamxai")


def side_by_side_lists(folder: Path) -> Shape:
    women = [("Noy Phommavong", 19), ("Khamla Sisavath", 23), ("Chanthala Keomany", 21),
             ("Sengdao Vongsa", 26), ("Manivanh Phanthavong", 30)]
    men = [("Somchai Inthavong", 24), ("Bounmy Xaysana", 20), ("Keo Sayavong", 27),
           ("Douangchai Phommachanh", 22)]
    ev = SM_BLX_02
    part = ["No.", "Name", "Age", "Event code", "Topic"]
    rows = []
    for n in range(len(women)):
        left = [n + 1, *women[n], ev.code, ev.topic]
        right = [n + 1, *men[n], ev.code, ev.topic] if n < len(men) else []
        rows.append([*left, None, *right])
    wb, ws = new_book("SM-BLX-02")
    ws["A1"] = "Safe migration for young people, Pakkading, Bolikhamxai, 2 July 2024"
    ws["A1"].font = TITLE
    write_rows(ws, 3, [["Women", None, None, None, None, None, "Men"]], font=BOLD)
    ws.merge_cells("A3:E3")
    ws.merge_cells("G3:K3")
    write_rows(ws, 4, [[*part, None, *part]], font=BOLD)
    write_rows(ws, 5, rows)
    fit_columns(ws, [[*part, None, *part], *rows])
    save_xlsx(wb, folder / "side-by-side.xlsx")
    return Shape(
        "side-by-side-lists", None, ("side-by-side.xlsx",),
        "Two lists side by side on one header row (A–E women, G–K men, column F empty), "
        "'Women' merged over A3:E3 and 'Men' over G3:K3; no Sex column. Each list is read on "
        "its own columns and takes the sex of its heading.",
        {"TR-1": 9, "ATT-1": 9, "EV-1": 1, "CB-1": 9, "PAR-1": 0, "sex:TR-1": sex(5, 4),
         "findings": {"side-by-side": 1, "sex-missing": 0}},
        "Header row 4 (No. | Name | Age | Event code | Topic twice). Left, rows 5–9: Noy, "
        "Khamla, Chanthala, Sengdao, Manivanh under 'Women'; right, rows 5–8: Somchai, "
        "Bounmy, Keo, Douangchai under 'Men' (row 9 blank on the right). All SM-BLX-02, safe "
        "migration → TR-1 5 + 4 = 9, ATT-1 9, EV-1 1, CB-1 9, PAR-1 0; women 5, men 4, "
        "unknown 0. side-by-side 1 (one finding for the sheet).")


# =========================================================================== totals rows
TIP_SVK_31 = Event("TIP-SVK-31", dt.date(2024, 7, 23), "Counter trafficking", "Savannakhet")


def totals_in_blocks(folder: Path) -> Shape:
    blocks = [
        ("Ban Nongbua", [("Somchai Keomany", "M", 45, "Village authority"),
                         ("Khamla Vongsa", "F", 32, "Community member"),
                         ("Noy Phommachanh", "F", 27, "Community member"),
                         ("Bounmy Sisavath", "M", 51, "Village authority")]),
        ("Ban Phonsim", [("Phonsavanh Inthavong", "M", 36, "Community member"),
                         ("Manivanh Xaysana", "F", 40, "Lao Women's Union"),
                         ("Keo Phanthavong", "M", 58, "Village authority")]),
        ("Ban Nalao", [("Vilay Sayavong", "F", 24, "Community member"),
                       ("Sengdao Phommavong", "F", 38, "Community member"),
                       ("Douangchai Vongsa", "M", 43, "Village authority")]),
    ]
    ev = TIP_SVK_31
    header = ["No.", "Name", "Sex", "Age", "Village", "Event code", "Date", "Topic",
              "Participant type"]
    rows: list[list] = []
    for village, people in blocks:
        rows += [[n, name, sx, age, village, ev.code, ev.date, ev.topic, ptype]
                 for n, (name, sx, age, ptype) in enumerate(people, start=1)]
        rows.append([None, f"Total: {len(people)}"])
    wb, ws = new_book("TIP-SVK-31")
    list_sheet(ws, ["Counter trafficking in three villages, Xaybouly, 23 July 2024"], header,
               rows, footer="Prepared by: Sengdao Inthavong, DoLSW Xaybouly")
    save_xlsx(wb, folder / "totals-in-blocks.xlsx")
    return Shape(
        "totals-in-blocks", None, ("totals-in-blocks.xlsx",),
        "A list typed in blocks, one per village, numbered from 1 in each, with 'Total: n' "
        "after each block, and a 'Prepared by' footer. Every block is read: only the last "
        "total ends the list.",
        {"TR-1": 10, "ATT-1": 10, "EV-1": 1, "CB-1": 10, "PAR-1": 0, "sex:TR-1": sex(5, 5),
         "findings": {"totals-excluded": 4, "subtotal-row": 0,
                      "people-below-totals": 0}},
        "Header row 3. Rows 4–7 Ban Nongbua (Somchai M, Khamla F, Noy F, Bounmy M), row 8 "
        "'Total: 4'; rows 9–11 Ban Phonsim (Phonsavanh M, Manivanh F, Keo M), row 12 "
        "'Total: 3'; rows 13–15 Ban Nalao (Vilay F, Sengdao F, Douangchai M), row 16 "
        "'Total: 3'; row 18 footer. All TIP-SVK-31, counter trafficking → TR-1 10, ATT-1 10, "
        "EV-1 1, CB-1 10, PAR-1 0; women 5, men 5. The list ends at the last total (row 16): "
        "totals-excluded 4 (the block totals of rows 8 and 12, the end at row 16 and the "
        "footer at row 18; no Excel subtotal-row); no person below it (people-below-totals 0). "
        "Ending at the first total would leave 4.")


PAR_CPS_31 = Event("PAR-CPS-31", dt.date(2024, 8, 13), "Protection and referral", "Champasak")


def people_below_totals(folder: Path) -> Shape:
    people = [("Souksavanh Inthavong", "F", 36, "Government official"),
              ("Somphone Sisavath", "M", 48, "Government official"),
              ("Noy Phanthavong", "F", 27, "NGO"),
              ("Bounmy Xaysana", "M", 39, "Government official"),
              ("Manivanh Sayavong", "F", 44, "Government official"),
              ("Keo Phommavong", "M", 30, "Village authority")]
    late = [("Khamphet Vongsa", "M", 33, "Government official")]
    rows = [*rows_for(PAR_CPS_31, people), [None, "Total: 6 participants"],
            *rows_for(PAR_CPS_31, late, start=7),
            [None, "Note: Khamphet Vongsa joined on the second day"]]
    wb, ws = new_book("PAR-CPS-31")
    list_sheet(ws, ["Protection and referral, Pakse, Champasak, 13–14 August 2024",
                    "District case managers"], EN_HEADER, rows,
               footer="Prepared by: Chanthala Keomany")
    save_xlsx(wb, folder / "people-below-totals.xlsx")
    return Shape(
        "people-below-totals", None, ("people-below-totals.xlsx",),
        "A person typed below the totals row (added late, with sex, age and event), a note "
        "below them and a footer. The person is a record all the same, and reported; the "
        "totals row, the note and the footer are not records.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 0, "PAR-1": 5, "sex:TR-1": sex(3, 4),
         "findings": {"people-below-totals": 1, "totals-excluded": 3}},
        "Header row 4; rows 5–10 six people; row 11 'Total: 6 participants'; row 12 Khamphet "
        "Vongsa M 33 government at PAR-CPS-31 (a person below the totals); row 13 'Note: …' "
        "(text in the Name column only: no person); row 15 'Prepared by'. → ATT-1 7, TR-1 "
        "7, EV-1 1, CB-1 0, PAR-1 = government Souksavanh, Somphone, Bounmy, Manivanh, "
        "Khamphet = 5; women Souksavanh, Noy, Manivanh = 3, men Somphone, Bounmy, Keo, "
        "Khamphet = 4. people-below-totals 1 (row 12); totals-excluded 3 (rows 11, 13, 15: "
        "the non-blank rows from the total down that are no person).")


VI_KMN_11 = Event("VI-KMN-11", dt.date(2024, 2, 20), "Victim identification", "Khammouane")
VI_KMN_12 = Event("VI-KMN-12", dt.date(2024, 2, 27), "Victim identification", "Khammouane")
CP_KMN_13 = Event("CP-KMN-13", dt.date(2024, 3, 5), "ການປົກປ້ອງເດັກ", "ຄຳມ່ວນ")
CP_KMN_14 = Event("CP-KMN-14", dt.date(2024, 3, 12), "ການປົກປ້ອງເດັກ", "ຄຳມ່ວນ")


def totals_row_labels(folder: Path) -> Shape:
    lists = [
        ("sum.xlsx", VI_KMN_11, EN_HEADER,
         [("Somchai Vongsa", "M", 41, "Government official"),
          ("Khamla Keomany", "F", 35, "Government official"),
          ("Bounmy Phanthavong", "M", 29, "Government official"),
          ("Noy Sisavath", "F", 33, "NGO")],
         [None, "Sum", None, 41 + 35 + 29 + 33]),
        ("number-of-participants.xlsx", VI_KMN_12, EN_HEADER,
         [("Phonsavanh Sayavong", "M", 38, "Government official"),
          ("Manivanh Xaysana", "F", 30, "Government official"),
          ("Keo Phommachanh", "M", 46, "Village authority"),
          ("Chanthala Vongsa", "F", 27, "Community member")],
         [None, "Number of participants: 4", "F: 2"]),
        ("thangmot.xlsx", CP_KMN_13, LO_HEADER,
         [("ສົມໃຈ ສີສະຫວາດ", "ຊາຍ", 44, "ພະນັກງານລັດ"),
          ("ຄຳລາ ວົງສາ", "ຍິງ", 37, "ປະຊາຊົນ"),
          ("ນ້ອຍ ພົມມະວົງ", "ຍິງ", 25, "ປະຊາຊົນ")],
         [None, "ທັງໝົດ 3 ຄົນ", "ຍິງ 2"]),
        ("chamnuan.xlsx", CP_KMN_14, LO_HEADER,
         [("ບຸນມີ ແກ້ວມະນີ", "ຊາຍ", 52, "ອຳນາດການປົກຄອງບ້ານ"),
          ("ມະນີວັນ ອິນທະວົງ", "ຍິງ", 39, "ພະນັກງານລັດ"),
          ("ແກ້ວ ພັນທະວົງ", "ຊາຍ", 31, "ປະຊາຊົນ")],
         [None, "ຈຳນວນຜູ້ເຂົ້າຮ່ວມ: 3 ຄົນ"]),
    ]
    files = []
    for name, ev, header, people, total in lists:
        wb, ws = new_book(ev.code)
        list_sheet(ws, [f"{ev.code} — {ev.topic}, {ev.province}"], header,
                   [*rows_for(ev, people), total])
        save_xlsx(wb, folder / "totals-labels" / name)
        files.append(f"totals-labels/{name}")
    return Shape(
        "totals-row-labels", None, tuple(files),
        "Four lists, each ended by a totals row of another kind right under its last person: "
        "'Sum' with the sum of ages, 'Number of participants: 4 | F: 2', Lao 'ທັງໝົດ 3 ຄົນ | "
        "ຍິງ 2' (in all 3 people, women 2) and 'ຈຳນວນຜູ້ເຂົ້າຮ່ວມ: 3 ຄົນ' (number of "
        "participants). None of them is a person.",
        {"TR-1": 14, "ATT-1": 14, "EV-1": 4, "CB-1": 14, "PAR-1": 0, "sex:TR-1": sex(7, 7),
         "findings": {"totals-excluded": 4},
         "records_by_source": {f"{f} [{ev.code}]": len(people)
                               for f, (_, ev, _, people, _) in zip(files, lists, strict=True)}},
        "Each file: title row 1, header row 3, people from row 4, the totals row right below. "
        "sum.xlsx VI-KMN-11: Somchai M, Khamla F, Bounmy M, Noy F (rows 4–7), row 8 'Sum | "
        "138' (41 + 35 + 29 + 33 in the Age column). number-of-participants.xlsx VI-KMN-12: "
        "Phonsavanh M, Manivanh F, Keo M, Chanthala F, row 8. thangmot.xlsx CP-KMN-13: ສົມໃຈ "
        "M, ຄຳລາ F, ນ້ອຍ F, row 7. chamnuan.xlsx CP-KMN-14: ບຸນມີ M, ມະນີວັນ F, ແກ້ວ M, row 7. "
        "→ ATT-1 4 + 4 + 3 + 3 = 14, TR-1 14 (all differ), EV-1 4, CB-1 14 (victim "
        "identification, child protection), PAR-1 0; women 2 + 2 + 2 + 1 = 7, men 7. "
        "totals-excluded 4 (one row per file).")


SM_SLV_02 = Event("SM-SLV-02", dt.date(2024, 4, 16), "Safe migration", "Salavan")


def totals_counted_by_sex(folder: Path) -> Shape:
    people = [("Somphone Phommavong", "M", 31, "Community member"),
              ("Souksavanh Keomany", "F", 24, "Community member"),
              ("Khamphet Sayavong", "M", 45, "Village authority"),
              ("Chanthala Inthavong", "F", 36, "Lao Women's Union"),
              ("Douangchai Sisavath", "M", 28, "Community member"),
              ("Vilay Phanthavong", "F", 19, "Community member"),
              ("Bounmy Vongsa", "M", 53, "Village authority")]
    rows = [*rows_for(SM_SLV_02, people), [None, "Female", "F", 3], [None, "Male", "M", 4]]
    wb, ws = new_book("SM-SLV-02")
    list_sheet(ws, ["Safe migration, Khongxedon, Salavan, 16 April 2024"], EN_HEADER, rows)
    save_xlsx(wb, folder / "counts-by-sex.xlsx")
    return Shape(
        "totals-counted-by-sex", None, ("counts-by-sex.xlsx",),
        "Under the list, the counts by sex as two rows 'Female | F | 3' and 'Male | M | 4' "
        "(a word in the Name column, the letter in Sex, the count in Age): totals rows, not "
        "people named Female and Male.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(3, 4),
         "findings": {"totals-excluded": 2}},
        "Header row 3; rows 4–10 Somphone M, Souksavanh F, Khamphet M, Chanthala F, "
        "Douangchai M, Vilay F, Bounmy M at SM-SLV-02, safe migration → TR-1 7, ATT-1 7, "
        "EV-1 1, CB-1 7, PAR-1 0; women 3, men 4 (as typed below). Row 11 'Female | F | 3' "
        "ends the list, row 12 'Male | M | 4' below it → totals-excluded 2.")


SM_SLV_03 = Event("SM-SLV-03", dt.date(2024, 4, 30), "Safe migration", "Salavan")


def totals_sex_counts_in_one_cell(folder: Path) -> Shape:
    people = [("Keo Phommachanh", "M", 42, "Village authority"),
              ("Noy Sisavath", "F", 23, "Community member"),
              ("Somchai Xaysana", "M", 35, "Community member"),
              ("Manivanh Vongsa", "F", 29, "Community member"),
              ("Phonsavanh Keomany", "M", 51, "Village authority"),
              ("Khamla Inthavong", "F", 38, "Lao Women's Union"),
              ("Bounmy Phanthavong", "M", 26, "Community member"),
              ("Sengdao Sayavong", "F", 33, "Community member"),
              ("Douangchai Phommavong", "M", 47, "Village authority"),
              ("Vilay Keomany", "F", 21, "Community member"),
              ("Somphone Sisavath", "M", 30, "Community member"),
              ("Khamphet Inthavong", "M", 39, "Community member")]
    rows = [*rows_for(SM_SLV_03, people), [None, "F: 5 M: 7"]]
    wb, ws = new_book("SM-SLV-03")
    list_sheet(ws, ["Safe migration, Lakhonpheng, Salavan, 30 April 2024"], EN_HEADER, rows)
    save_xlsx(wb, folder / "counts-by-sex-one-cell.xlsx")
    return Shape(
        "totals-sex-counts-in-one-cell", None, ("counts-by-sex-one-cell.xlsx",),
        "Under the list, one cell of the Name column holds the counts by sex 'F: 5 M: 7': a "
        "totals row, not a person.",
        {"TR-1": 12, "ATT-1": 12, "EV-1": 1, "CB-1": 12, "PAR-1": 0, "sex:TR-1": sex(5, 7),
         "findings": {"totals-excluded": 1}},
        "Header row 3; rows 4–15 twelve people at SM-SLV-03, safe migration: women Noy, "
        "Manivanh, Khamla, Sengdao, Vilay = 5; men Keo, Somchai, Phonsavanh, Bounmy, "
        "Douangchai, Somphone, Khamphet = 7 → TR-1 12, ATT-1 12, EV-1 1, CB-1 12, PAR-1 0, "
        "unknown 0. Row 16 'F: 5 M: 7' (Name column, nothing else) is the count by sex → "
        "totals-excluded 1. Read as a person it would make TR-1 13 with one unknown sex.")


# =========================================================================== facilitators
TIP_VTE_41 = Event("TIP-VTE-41", dt.date(2024, 9, 10), "Counter trafficking", "Vientiane Capital")
CP_VTE_42 = Event("CP-VTE-42", dt.date(2024, 9, 17), "ການປົກປ້ອງເດັກ", "ນະຄອນຫຼວງວຽງຈັນ")


def facilitators_below_participants(folder: Path) -> Shape:
    participants = [("Somchai Phanthavong", "M", 42, "Government official"),
                    ("Khamla Inthavong", "F", 35, "Government official"),
                    ("Bounmy Keomany", "M", 29, "Government official"),
                    ("Noy Vongsa", "F", 31, "NGO"),
                    ("Manivanh Sisavath", "F", 38, "Government official"),
                    ("Phonsavanh Sayavong", "M", 45, "Government official")]
    trainers = [("Vilay Sisavath", "F", 48, "Government official"),
                ("Keo Inthavong", "M", 50, "Government official")]
    wb, ws = new_book("TIP-VTE-41")
    _, last = list_sheet(ws, ["Counter trafficking, Vientiane Capital, 10 September 2024"],
                         EN_HEADER, rows_for(TIP_VTE_41, participants))
    ws.cell(row=last + 2, column=1, value="Resource persons / facilitators").font = BOLD
    write_rows(ws, last + 3, rows_for(TIP_VTE_41, trainers))

    lo_participants = [("ຈັນທະລາ ພົມມະວົງ", "ຍິງ", 33, "ພະນັກງານລັດ"),
                       ("ສົມໃຈ ໄຊຍະວົງ", "ຊາຍ", 40, "ພະນັກງານລັດ"),
                       ("ມະນີວັນ ແກ້ວມະນີ", "ຍິງ", 28, "ປະຊາຊົນ"),
                       ("ວິໄລ ສີສະຫວາດ", "ຍິງ", 36, "ສະຫະພັນແມ່ຍິງລາວ"),
                       ("ດວງໃຈ ອິນທະວົງ", "ຊາຍ", 47, "ອຳນາດການປົກຄອງບ້ານ")]
    lo_trainers = [("ຄຳລາ ວົງສາ", "ຍິງ", 52, "ພະນັກງານລັດ"),
                   ("ບຸນມີ ພັນທະວົງ", "ຊາຍ", 49, "ພະນັກງານລັດ")]
    lo = wb.create_sheet("CP-VTE-42")
    _, last = list_sheet(lo, ["ກອງປະຊຸມ ການປົກປ້ອງເດັກ, ນະຄອນຫຼວງວຽງຈັນ, 17 ກັນຍາ 2024"],
                         LO_HEADER, rows_for(CP_VTE_42, lo_participants))
    lo.cell(row=last + 2, column=1, value="ລາຍຊື່ວິທະຍາກອນ").font = BOLD
    write_rows(lo, last + 3, [LO_HEADER], font=BOLD)
    write_rows(lo, last + 4, rows_for(CP_VTE_42, lo_trainers))
    save_xlsx(wb, folder / "facilitators.xlsx")
    return Shape(
        "facilitators-below-participants", None, ("facilitators.xlsx",),
        "Below the participants, a heading 'Resource persons / facilitators' with the two "
        "trainers' full rows under it (same event code); on a Lao sheet, a heading "
        "ລາຍຊື່ວິທະຍາກອນ (list of trainers) over a table of its own (the header repeated). "
        "The trainers were not trained: not counted.",
        {"TR-1": 11, "ATT-1": 11, "EV-1": 2, "CB-1": 11, "PAR-1": 0, "sex:TR-1": sex(6, 5),
         "findings": {"facilitators-excluded": 4},
         "records_by_source": {"facilitators.xlsx [TIP-VTE-41]": 6}},
        "TIP-VTE-41 (counter trafficking): header row 3, participants rows 4–9 (Somchai M, "
        "Khamla F, Bounmy M, Noy F, Manivanh F, Phonsavanh M), row 11 the heading, rows "
        "12–13 trainers Vilay Sisavath F, Keo Inthavong M. CP-VTE-42 (ການປົກປ້ອງເດັກ): "
        "participants rows 4–8 (ຈັນທະລາ F, ສົມໃຈ M, ມະນີວັນ F, ວິໄລ F, ດວງໃຈ M), row 10 "
        "ລາຍຊື່ວິທະຍາກອນ, row 11 the header again, rows 12–13 trainers ຄຳລາ F, ບຸນມີ M. → "
        "TR-1 6 + 5 = 11, ATT-1 11, EV-1 2, CB-1 11, PAR-1 0; women 3 + 3 = 6, men 3 + 2 = "
        "5. facilitators-excluded 2 + 2 = 4 (the trainers' rows; the repeated header is a "
        "header, not a row of people).")


CB_XKG_05 = Event("CB-XKG-05", dt.date(2024, 6, 25), "Safe migration", "Xiengkhouang")


def role_column_not_second_header(folder: Path) -> Shape:
    people = [("Khamla Sisavath", "F", "Government official"),
              ("Somphone Keomany", "M", "Government official"),
              ("Noy Inthavong", "F", "Village authority"),
              ("Douangchai Vongsa", "M", "Government official"),
              ("Chanthala Phommachanh", "F", "Lao Women's Union"),
              ("Bounmy Sayavong", "M", "Community member"),
              ("Sengdao Xaysana", "F", "Government official")]
    ev = CB_XKG_05
    header = ["Name", "Sex", "Role", "Activity", "Event code", "Topic", "Participant type"]
    rows = [[name, sx, "Participant", "Training", ev.code, ev.topic, ptype]
            for name, sx, ptype in people]
    wb, ws = new_book("CB-XKG-05")
    list_sheet(ws, ["Safe migration, Phonsavan, Xiengkhouang, 25 June 2024"], header, rows)
    save_xlsx(wb, folder / "role-column.xlsx")
    return Shape(
        "role-column-not-second-header", None, ("role-column.xlsx",),
        "Every row holds 'Participant' under Role and 'Training' under Activity — two header "
        "words (Participant is a name header, Training an event header) — and no number or "
        "date (no No. or Age column). A person's name where the names are: a record, not a "
        "second header.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "records_by_source": {"role-column.xlsx [CB-XKG-05]": 7}},
        "Header row 3 (Name | Sex | Role | Activity | Event code | Topic | Participant "
        "type); rows 4–10 Khamla F, Somphone M, Noy F, Douangchai M, Chanthala F, Bounmy M, "
        "Sengdao F, each 'Participant | Training', at CB-XKG-05, safe migration → TR-1 7, "
        "ATT-1 7, EV-1 1, CB-1 7, PAR-1 0; women 4, men 3; one table of 7 records (a row "
        "taken for a second header would split it and lose that row).")


# =========================================================================== absences
SM_CPS_21 = Event("SM-CPS-21", dt.date(2024, 5, 7), "Safe migration", "Champasak")
SM_CPS_22 = Event("SM-CPS-22", dt.date(2024, 5, 21), "ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ", "ຈຳປາສັກ")


def absent_in_remarks(folder: Path) -> Shape:
    en = [("Somchai Keomany", "M", 37, "Community member", ""),
          ("Khamla Phanthavong", "F", 26, "Community member", "Absent"),
          ("Bounmy Vongsa", "M", 44, "Village authority", "left early"),
          ("Noy Sayavong", "F", 21, "Community member", "did not come"),
          ("Phonsavanh Sisavath", "M", 30, "Community member", "no phone"),
          ("Manivanh Inthavong", "F", 39, "Lao Women's Union", ""),
          ("Keo Xaysana", "M", 55, "Village authority", "Absent (sick)"),
          ("Vilay Phommachanh", "F", 33, "Community member", "")]
    lo = [("ສົມໃຈ ອິນທະວົງ", "ຊາຍ", 35, "ປະຊາຊົນ", ""),
          ("ຄຳລາ ພົມມະວົງ", "ຍິງ", 28, "ປະຊາຊົນ", "ຂາດ"),
          ("ບຸນມີ ສີສະຫວາດ", "ຊາຍ", 46, "ອຳນາດການປົກຄອງບ້ານ", "ມາຊ້າ"),
          ("ນ້ອຍ ວົງສາ", "ຍິງ", 19, "ປະຊາຊົນ", "ບໍ່ໄດ້ມາ"),
          ("ພອນສະຫວັນ ແກ້ວມະນີ", "ຊາຍ", 32, "ປະຊາຊົນ", ""),
          ("ມະນີວັນ ໄຊຍະວົງ", "ຍິງ", 41, "ສະຫະພັນແມ່ຍິງລາວ", "")]
    wb, ws = new_book("SM-CPS-21")
    list_sheet(ws, ["Safe migration, Pakse, Champasak, 7 May 2024"], [*EN_HEADER, "Remarks"],
               rows_for(SM_CPS_21, en))
    list_sheet(wb.create_sheet("SM-CPS-22"), ["ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ, ແຂວງຈຳປາສັກ"],
               [*LO_HEADER, "ໝາຍເຫດ"], rows_for(SM_CPS_22, lo))
    save_xlsx(wb, folder / "absent-remarks.xlsx")
    return Shape(
        "absent-in-remarks", None, ("absent-remarks.xlsx",),
        "No attendance column: absence is written in the Remarks (ໝາຍເຫດ) column — "
        "'Absent', 'did not come', 'Absent (sick)', ຂາດ, ບໍ່ໄດ້ມາ. Other remarks ('left "
        "early', 'no phone', ມາຊ້າ 'came late') say nothing of absence.",
        {"TR-1": 9, "ATT-1": 9, "EV-1": 2, "CB-1": 9, "PAR-1": 0, "sex:TR-1": sex(3, 6),
         "findings": {"attendance-absent": 5}},
        "SM-CPS-21, header row 3, rows 4–11: absent by remark Khamla F (row 5 'Absent'), Noy "
        "F (row 7 'did not come'), Keo M (row 10 'Absent (sick)'); present Somchai M, Bounmy "
        "M ('left early'), Phonsavanh M ('no phone'), Manivanh F, Vilay F = 5. SM-CPS-22, "
        "rows 4–9: absent ຄຳລາ F (row 5 ຂາດ), ນ້ອຍ F (row 7 ບໍ່ໄດ້ມາ); present ສົມໃຈ M, ບຸນມີ "
        "M (ມາຊ້າ), ພອນສະຫວັນ M, ມະນີວັນ F = 4. → ATT-1 9, TR-1 9, EV-1 2, CB-1 9 (both safe "
        "migration), PAR-1 0; women Manivanh, Vilay, ມະນີວັນ = 3, men 6. attendance-absent "
        "3 + 2 = 5.")


VI_BKO_21 = Event("VI-BKO-21", dt.date(2024, 6, 4), "Victim identification", "Bokeo")
VI_BKO_22 = Event("VI-BKO-22", dt.date(2024, 6, 18), "Victim identification", "Bokeo")


def absent_column(folder: Path) -> Shape:
    first = [("Souksavanh Vongsa", "F", 31, "Government official", ""),
             ("Khamphet Sisavath", "M", 43, "Government official", TICK),
             ("Chanthala Keomany", "F", 28, "Government official", ""),
             ("Somphone Inthavong", "M", 36, "Government official", ""),
             ("Vilay Phommavong", "F", 45, "NGO", ""),
             ("Douangchai Sayavong", "M", 39, "Government official", "x"),
             ("Sengdao Phanthavong", "F", 33, "Government official", ""),
             ("Keo Phommachanh", "M", 50, "Government official", "")]
    second = [("Noy Xaysana", "F", 27, "Government official", TICK, ""),
              ("Bounmy Phommachanh", "M", 41, "Government official", TICK, ""),
              ("Manivanh Vongsa", "F", 35, "Government official", "", TICK),
              ("Phonsavanh Keomany", "M", 30, "Government official", TICK, ""),
              ("Khamla Sayavong", "F", 38, "Government official", TICK, ""),
              ("Somchai Inthavong", "M", 47, "Government official", TICK, "")]
    wb, ws = new_book("VI-BKO-21")
    list_sheet(ws, ["Victim identification, Houayxay, Bokeo, 4 June 2024",
                    "Tick 'Absent' for those who did not come"], [*EN_HEADER, "Absent"],
               rows_for(VI_BKO_21, first))
    list_sheet(wb.create_sheet("VI-BKO-22"), ["Victim identification, Tonpheung, Bokeo, "
                                              "18 June 2024"],
               [*EN_HEADER, "Present", "Absent"], rows_for(VI_BKO_22, second))
    save_xlsx(wb, folder / "absent-column.xlsx")
    return Shape(
        "absent-column", None, ("absent-column.xlsx",),
        "An 'Absent' column ticked (✓ or x) for those who did not come; on a second sheet, "
        "'Present | Absent' columns with one of them ticked. A tick under Absent is an "
        "absence.",
        {"TR-1": 11, "ATT-1": 11, "EV-1": 2, "CB-1": 11, "PAR-1": 0, "sex:TR-1": sex(6, 5),
         "findings": {"attendance-absent": 3, "attendance-mark-missing": 0}},
        "VI-BKO-21, header row 4, rows 5–12: Absent ticked for Khamphet M (row 6, ✓) and "
        "Douangchai M (row 10, x); present Souksavanh F, Chanthala F, Somphone M, Vilay F, "
        "Sengdao F, Keo M = 6. VI-BKO-22, header row 3, rows 4–9: Absent ✓ for Manivanh F "
        "(row 6), Present ✓ for Noy F, Bounmy M, Phonsavanh M, Khamla F, Somchai M = 5. → "
        "ATT-1 11, TR-1 11, EV-1 2, CB-1 11 (victim identification), PAR-1 0; women 4 + 2 = "
        "6, men 2 + 3 = 5. attendance-absent 2 + 1 = 3; every row of VI-BKO-22 has one of "
        "its boxes ticked: attendance-mark-missing 0.")


CB_HPN_31 = Event("CB-HPN-31", dt.date(2024, 3, 12), "TIP National Plan of Action", "Houaphanh")
CB_HPN_32 = Event("CB-HPN-32", dt.date(2024, 3, 26), "ແຜນດຳເນີນງານແຫ່ງຊາດ", "ຫົວພັນ")


def day_tick_columns(folder: Path) -> Shape:
    en = [("Somchai Sayavong", "M", 39, "Government official", TICK, TICK),
          ("Khamla Xaysana", "F", 31, "Government official", TICK, ""),
          ("Bounmy Phommavong", "M", 46, "Village authority", "", ""),
          ("Noy Phanthavong", "F", 25, "Community member", TICK, TICK),
          ("Phonsavanh Vongsa", "M", 33, "Government official", "", ""),
          ("Manivanh Keomany", "F", 42, "Lao Women's Union", TICK, TICK),
          ("Keo Sisavath", "M", 51, "Village authority", TICK, TICK),
          ("Vilay Inthavong", "F", 29, "Community member", "", TICK)]
    lo = [("ສົມໃຈ ວົງສາ", "ຊາຍ", 44, "ພະນັກງານລັດ", TICK, TICK),
          ("ຄຳລາ ອິນທະວົງ", "ຍິງ", 30, "ພະນັກງານລັດ", TICK, TICK),
          ("ບຸນມີ ພົມມະຈັນ", "ຊາຍ", 38, "ພະນັກງານລັດ", "", ""),
          ("ນ້ອຍ ສີສະຫວາດ", "ຍິງ", 27, "ປະຊາຊົນ", TICK, ""),
          ("ແກ້ວ ໄຊຍະວົງ", "ຊາຍ", 53, "ອຳນາດການປົກຄອງບ້ານ", "", TICK)]
    wb, ws = new_book("CB-HPN-31")
    list_sheet(ws, ["TIP National Plan of Action, Xamneua, Houaphanh, 12–13 March 2024"],
               [*EN_HEADER, "Day 1 (12/03)", "Day 2 (13/03)"], rows_for(CB_HPN_31, en))
    list_sheet(wb.create_sheet("CB-HPN-32"), ["ແຜນດຳເນີນງານແຫ່ງຊາດ, ແຂວງຫົວພັນ"],
               [*LO_HEADER, "ມື້ທີ 1", "ມື້ທີ 2"], rows_for(CB_HPN_32, lo))
    save_xlsx(wb, folder / "day-ticks.xlsx")
    return Shape(
        "day-tick-columns", None, ("day-ticks.xlsx",),
        "A two-day list with a column to tick per day ('Day 1 (12/03)' | 'Day 2 (13/03)', "
        "ມື້ທີ 1 | ມື້ທີ 2). Ticked on any day is one attendance; ticked on no day is absent.",
        {"TR-1": 10, "ATT-1": 10, "EV-1": 2, "CB-1": 10, "PAR-1": 0, "sex:TR-1": sex(6, 4),
         "findings": {"attendance-absent": 3}},
        "CB-HPN-31, header row 3, rows 4–11: no day ticked for Bounmy M (row 6) and "
        "Phonsavanh M (row 8): absent; ticked on one or both days Somchai M, Khamla F (day 1 "
        "only), Noy F, Manivanh F, Keo M, Vilay F (day 2 only) = 6. CB-HPN-32, rows 4–8: "
        "none for ບຸນມີ M (row 6); ສົມໃຈ M, ຄຳລາ F, ນ້ອຍ F (day 1), ແກ້ວ M (day 2) = 4. → "
        "ATT-1 10, TR-1 10, EV-1 2, CB-1 10 (TIP plan of action), PAR-1 0; women Khamla, "
        "Noy, Manivanh, Vilay, ຄຳລາ, ນ້ອຍ = 6, men Somchai, Keo, ສົມໃຈ, ແກ້ວ = 4. "
        "attendance-absent 2 + 1 = 3.")


# =========================================================================== form lines
def form_line_with_three_pairs(folder: Path) -> Shape:
    first = [("Somchai Inthavong", "M", 34, "District official"),
             ("Khamla Phommavong", "F", 29, "Teacher"),
             ("Bounmy Sisavath", "M", 41, "Village chief"),
             ("Noy Keomany", "F", 25, "Nurse"),
             ("Phonsavanh Vongsa", "M", 38, "Police officer"),
             ("Manivanh Sayavong", "F", 45, "District official")]
    second = [("Vilay Phanthavong", "F", 31, "Teacher", "District education office"),
              ("Keo Xaysana", "M", 52, "Village chief", "Ban Nongbua"),
              ("Chanthala Sisavath", "F", 27, "Nurse", "Health centre"),
              ("Douangchai Keomany", "M", 36, "Police officer", "District police"),
              ("Sengdao Inthavong", "F", 43, "District official", "DoLSW")]
    wb, ws = new_book("Form A")
    ws["A1"] = "Training on safe migration"
    ws["A1"].font = TITLE
    write_rows(ws, 2, [["Province:", "Savannakhet", "District:", "Xaybouly", "Date:",
                        dt.date(2024, 3, 12)]])
    header = ["No.", "Name", "Sex", "Age", "Position", "Event code", "Topic"]
    rows = [[n, name, sx, age, pos, "SM-SVK-51", "Safe migration"]
            for n, (name, sx, age, pos) in enumerate(first, start=1)]
    write_rows(ws, 4, [header], font=BOLD)
    write_rows(ws, 5, rows)
    fit_columns(ws, [header, *rows])

    ws_b = wb.create_sheet("Form B")
    ws_b["A1"] = "Attendance list"
    ws_b["A1"].font = TITLE
    ws_b["A2"] = "Topic: Safe migration   Date: 19/03/2024   Province: Savannakhet"
    header_b = ["No.", "Name", "Sex", "Age", "Position", "Office", "Signature"]
    rows_b = [[n, *person] for n, person in enumerate(second, start=1)]
    write_rows(ws_b, 4, [header_b], font=BOLD)
    write_rows(ws_b, 5, rows_b)
    save_xlsx(wb, folder / "form-pairs.xlsx")
    return Shape(
        "form-line-with-three-pairs", None, ("form-pairs.xlsx",),
        "A form line above the table with three label/value pairs: in six cells "
        "('Province:' | Savannakhet | 'District:' | Xaybouly | 'Date:' | 12/03/2024), or in "
        "one cell ('Topic: Safe migration   Date: 19/03/2024   Province: Savannakhet') above "
        "a list of names with no event column at all. 'Date:' with its colon is a form "
        "label, not a header; each value goes to every record, and the form's date and "
        "topic make the second list an attendance list.",
        {"TR-1": 11, "ATT-1": 11, "EV-1": 2, "CB-1": 11, "PAR-1": 0, "sex:TR-1": sex(6, 5),
         "findings": {"form-value-used": 33}},
        "Form A: form row 2, header row 4 (Event code and Topic, no date, province or "
        "district), rows 5–10 Somchai M, Khamla F, Bounmy M, Noy F, Phonsavanh M, Manivanh "
        "F at SM-SVK-51, safe migration. Form B: form cell A2, header row 4 (No. | Name | "
        "Sex | Age | Position | Office | Signature), rows 5–9 Vilay F, Keo M, Chanthala F, "
        "Douangchai M, Sengdao F; topic and date from the form (one event without a code). "
        "→ TR-1 6 + 5 = 11, ATT-1 11, EV-1 2, CB-1 11, PAR-1 0; women 3 + 3 = 6, men 3 + 2 "
        "= 5. form-value-used: one finding per value taken, counting the table's records: "
        "Form A province, district, date × 6 = 18; Form B topic, date, province × 5 = 15; "
        "33 in all.")


# =========================================================================== lost letters
VI_LNT_02 = Event("VI-LNT-02", dt.date(2024, 5, 21), "Victim identification", "Luang Namtha")


def question_mark_names(folder: Path) -> Shape:
    people = [(_lost("ສົມໃຈ ພົມມະຈັນ"), "M", 33, "Government official"),
              ("Khamla Sisavath", "F", 28, "Government official"),
              (_lost("ບຸນມີ ວົງສາ"), "M", 40, "Government official"),
              (_lost("ນ້ອຍ ແກ້ວມະນີ"), "F", 24, "Community member"),
              ("Phonsavanh Inthavong", "M", 37, "Government official"),
              (_lost("ມະນີວັນ ສີສະຫວາດ"), "F", 44, "Lao Women's Union"),
              ("Vilay Keomany", "F", 31, "Government official")]
    records = [EN_HEADER, *rows_for(VI_LNT_02, people)]
    # Windows' "CSV (Comma delimited)": ANSI, no BOM. What is left is plain ASCII.
    (folder / "ansi-saved.csv").write_bytes(csv_bytes(records, bom=False))
    return Shape(
        "question-mark-names", None, ("ansi-saved.csv",),
        "A CSV saved by Excel as 'CSV (Comma delimited)' (ANSI): every Lao letter became '?', "
        "so four names read '????? ???????' and the like; three names typed in Latin "
        "letters survived. A name of question marks is no name: an error, not counted.",
        {"TR-1": 3, "ATT-1": 3, "EV-1": 1, "CB-1": 3, "PAR-1": 0, "sex:TR-1": sex(2, 1),
         "findings": {"text-lost": 4}},
        "Header row 1, records rows 2–8 at VI-LNT-02, victim identification: rows 2, 4, 5 "
        "and 7 are question marks only (were ສົມໃຈ ພົມມະຈັນ M, ບຸນມີ ວົງສາ M, ນ້ອຍ ແກ້ວມະນີ "
        "F, ມະນີວັນ ສີສະຫວາດ F) → text-lost 4, not counted; Khamla Sisavath F (row 3), "
        "Phonsavanh Inthavong M (row 6), Vilay Keomany F (row 8) counted → TR-1 3, ATT-1 3, "
        "EV-1 1, CB-1 3, PAR-1 0; women 2, men 1.")


# =========================================================================== columns
SM_ATP_21 = Event("SM-ATP-21", dt.date(2024, 7, 2), "Safe migration", "Attapeu")


def blank_hidden_duplicate_column(folder: Path) -> Shape:
    people = [("Souksavanh Phommachanh", "F", 22, "Community member"),
              ("Somchai Xaysana", "M", 35, "Village authority"),
              ("Noy Keomany", "F", 19, "Community member"),
              ("Khamphet Vongsa", "M", 27, "Community member"),
              ("Chanthala Sisavath", "F", 41, "Lao Women's Union"),
              ("Bounmy Inthavong", "M", 50, "Village authority"),
              ("Vilay Sayavong", "F", 30, "Community member")]
    header = ["No.", "Name", "Sex", *EN_HEADER[2:]]
    rows = [[r[0], r[1], None, *r[2:]] for r in rows_for(SM_ATP_21, people)]
    wb, ws = new_book("SM-ATP-21")
    list_sheet(ws, ["Safe migration, Samakkhixay, Attapeu, 2 July 2024"], header, rows)
    ws.column_dimensions["C"].hidden = True
    save_xlsx(wb, folder / "duplicate-sex-column.xlsx")
    return Shape(
        "blank-hidden-duplicate-column", None, ("duplicate-sex-column.xlsx",),
        "Two 'Sex' columns: C, hidden and blank (an old column nobody filled), and D, which "
        "holds F/M. The column that holds values is read; the duplicate is still reported.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "findings": {"duplicate-column": 1, "sex-missing": 0}},
        "Header row 3 (No. | Name | Sex | Sex | Age | …), column C hidden and empty; rows "
        "4–10 at SM-ATP-21, safe migration, Sex in D: Souksavanh F, Somchai M, Noy F, "
        "Khamphet M, Chanthala F, Bounmy M, Vilay F → TR-1 7, ATT-1 7, EV-1 1, CB-1 7, PAR-1 "
        "0; women 4, men 3, unknown 0 (reading C would make all 7 unknown). "
        "duplicate-column 1, sex-missing 0.")


# =========================================================================== day sheets
PAR_SVK_61 = Event("PAR-SVK-61", dt.date(2024, 6, 11), "Protection and referral",
                   "Savannakhet")
PAR_SVK_61_DAY2 = Event("PAR-SVK-61", dt.date(2024, 6, 12), "Protection and referral",
                        "Savannakhet")


def same_person_two_day_sheets(folder: Path) -> Shape:
    day1 = [("Somphone Vongsa", "M", 44, "Government official"),
            ("Khamla Inthavong", "F", 32, "Government official"),
            ("Douangchai Keomany", "M", 38, "Government official"),
            ("Noy Sisavath", "F", 29, "NGO"),
            ("Sengdao Phommavong", "F", 41, "Government official"),
            ("Keo Sayavong", "M", 35, "Village authority")]
    day2 = [("Somphone Vongsa", "M", 44, "Government official"),
            ("Khamla Inthavong", "F", 32, "Government official"),
            ("Noy Sisavath", "F", 29, "NGO"),
            ("Keo Sayavong", "M", 35, "Village authority"),
            ("Manivanh Xaysana", "F", 36, "Government official")]
    wb, ws = new_book("Day 1")
    list_sheet(ws, ["Protection and referral, Kaysone Phomvihane, day 1 (11 June 2024)"],
               EN_HEADER, rows_for(PAR_SVK_61, day1))
    list_sheet(wb.create_sheet("Day 2"), ["Protection and referral, Kaysone Phomvihane, day 2 "
                                          "(12 June 2024)"], EN_HEADER,
               rows_for(PAR_SVK_61_DAY2, day2))
    save_xlsx(wb, folder / "two-day-sheets.xlsx")
    return Shape(
        "same-person-two-day-sheets", None, ("two-day-sheets.xlsx",),
        "One two-day event (one event code) kept as one sheet per day: four people are on "
        "both sheets. Each is one attendance, reported as on two lists (a note, not a "
        "repeated row to delete).",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 0, "PAR-1": 5, "sex:TR-1": sex(4, 3),
         "findings": {"attendance-on-two-lists": 4, "repeat-attendance": 0},
         "records_by_source": {"two-day-sheets.xlsx [Day 1]": 6,
                               "two-day-sheets.xlsx [Day 2]": 5}},
        "Day 1 rows 4–9: Somphone M, Khamla F, Douangchai M, Noy F, Sengdao F, Keo M at "
        "PAR-SVK-61 dated 11/06; Day 2 rows 4–8: Somphone, Khamla, Noy, Keo again (same "
        "name, sex, age) and Manivanh F, same code dated 12/06. → EV-1 1; ATT-1 6 + 1 = 7 "
        "(one attendance per person at the event); TR-1 7; CB-1 0; PAR-1 = government "
        "Somphone, Khamla, Douangchai, Sengdao, Manivanh = 5; women Khamla, Noy, Sengdao, "
        "Manivanh = 4, men 3. attendance-on-two-lists 4 (the Day 2 rows of Somphone, Khamla, "
        "Noy, Keo); repeat-attendance 0 (nobody twice on one sheet).")


# =========================================================================== sex
CP_BKO_31 = Event("CP-BKO-31", dt.date(2024, 8, 20), "Child protection", "Bokeo")


def title_column_gives_sex(folder: Path) -> Shape:
    people = [("Mr.", "Somchai Keomany", "District official", "DoLSW"),
              ("Ms.", "Khamla Phommachanh", "Teacher", "Ban Houayxay school"),
              ("Mrs.", "Manivanh Vongsa", "Nurse", "Provincial hospital"),
              ("Mr", "Bounmy Sayavong", "Police officer", "Provincial police"),
              ("ນາງ", "Noy Inthavong", "District official", "Lao Women's Union"),
              ("ທ້າວ", "Keo Sisavath", "Village chief", "Ban Nam Keung"),
              ("Miss", "Vilay Xaysana", "Social worker", "DoLSW")]
    ev = CP_BKO_31
    header = ["No.", "Title", "Name", "Position", "Office", "Event code", "Date", "Topic"]
    rows = [[n, title, name, pos, office, ev.code, ev.date, ev.topic]
            for n, (title, name, pos, office) in enumerate(people, start=1)]
    wb, ws = new_book("CP-BKO-31")
    list_sheet(ws, ["Child protection, Houayxay, Bokeo, 20 August 2024"], header, rows)
    save_xlsx(wb, folder / "title-column.xlsx")
    return Shape(
        "title-column-gives-sex", None, ("title-column.xlsx",),
        "No Sex column; a 'Title' column left of the name holds Mr., Ms., Mrs., Mr, Miss, "
        "ນາງ, ທ້າວ. The honorific gives the sex, reported as inferred.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "findings": {"sex-inferred": 7, "sex-missing": 0}},
        "Header row 3; rows 4–10 at CP-BKO-31, child protection: Mr. Somchai, Ms. Khamla, "
        "Mrs. Manivanh, Mr Bounmy, ນາງ Noy, ທ້າວ Keo, Miss Vilay → TR-1 7, ATT-1 7, EV-1 1, "
        "CB-1 7, PAR-1 0; women (Ms., Mrs., ນາງ, Miss) 4, men (Mr., Mr, ທ້າວ) 3, unknown 0. "
        "Every sex comes from the title: sex-inferred 7, sex-missing 0.")


SM_LPB_41 = Event("SM-LPB-41", dt.date(2024, 9, 3), "ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ", "ຫຼວງພະບາງ")


def lao_sex_abbreviations(folder: Path) -> Shape:
    people = [("ຄຳລາ ສີສະຫວາດ", "ຍ", 28, "ປະຊາຊົນ"),
              ("ສົມໃຈ ພົມມະຈັນ", "ຊ", 33, "ພະນັກງານລັດ"),
              ("ນ້ອຍ ແກ້ວມະນີ", "ຍ.", 24, "ປະຊາຊົນ"),
              ("ບຸນມີ ວົງສາ", "ຊ", 40, "ອຳນາດການປົກຄອງບ້ານ"),
              ("ມະນີວັນ ອິນທະວົງ", "ນ", 44, "ສະຫະພັນແມ່ຍິງລາວ"),
              ("ພອນສະຫວັນ ພັນທະວົງ", "ທ", 37, "ພະນັກງານລັດ"),
              ("ວິໄລ ພົມມະວົງ", "ຍ", 31, "ປະຊາຊົນ")]
    wb, ws = new_book("ລາຍຊື່")
    list_sheet(ws, ["ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ, ແຂວງຫຼວງພະບາງ, 3 ກັນຍາ 2024"], LO_HEADER,
               rows_for(SM_LPB_41, people))
    save_xlsx(wb, folder / "lao-sex-abbreviations.xlsx")
    return Shape(
        "lao-sex-abbreviations", None, ("lao-sex-abbreviations.xlsx",),
        "The ເພດ column abbreviated as Lao forms do: ຍ (ຍິງ, female), ຊ (ຊາຍ, male), ນ "
        "(ນາງ, female), ທ (ທ້າວ, male), once 'ຍ.' with a dot.",
        {"TR-1": 7, "ATT-1": 7, "EV-1": 1, "CB-1": 7, "PAR-1": 0, "sex:TR-1": sex(4, 3),
         "findings": {"sex-unknown-value": 0}},
        "Header row 3; rows 4–10 at SM-LPB-41, ການເຄື່ອນຍ້າຍແຮງງານທີ່ປອດໄພ (safe migration): "
        "ຄຳລາ ຍ, ສົມໃຈ ຊ, ນ້ອຍ ຍ., ບຸນມີ ຊ, ມະນີວັນ ນ, ພອນສະຫວັນ ທ, ວິໄລ ຍ → TR-1 7, ATT-1 7, "
        "EV-1 1, CB-1 7, PAR-1 0; women (ຍ, ຍ., ນ, ຍ) 4, men (ຊ, ຊ, ທ) 3, unknown 0; no sex "
        "value unread: sex-unknown-value 0.")


# =========================================================================== headers
TIP_SKG_01 = Event("TIP-SKG-01", dt.date(2024, 5, 14), "Counter trafficking", "Sekong")


def header_below_row_24(folder: Path) -> Shape:
    lines = ["Lao People's Democratic Republic",
             "Peace Independence Democracy Unity Prosperity",
             "Ministry of Labour and Social Welfare",
             "Provincial Labour and Social Welfare Office, Sekong", None,
             "Attendance list — training on counter trafficking",
             "Dakcheung district, 14 May 2024", None,
             "How to fill in this list",
             "1. Write each participant's full name as on the ID card.",
             "2. Write the sex as F or M.",
             "3. Write the age in years.",
             "4. Copy the event code from the invitation letter.",
             "5. Write the date as day/month/year.",
             "6. Write the topic as in the training plan.",
             "7. Choose the participant type from the list.",
             "8. Write the province where the participant works.",
             "9. Do not merge cells.",
             "10. Do not add rows below the list.",
             "11. Send the list to the PLSW office within one week.",
             "12. Keep a copy of the list.", None,
             "Please write clearly."]
    people = [("Douangchai Phommachanh", "M", 37, "Government official"),
              ("Souksavanh Keomany", "F", 29, "Government official"),
              ("Somphone Xaysana", "M", 45, "Village authority"),
              ("Chanthala Vongsa", "F", 33, "Community member"),
              ("Khamphet Inthavong", "M", 26, "Community member")]
    wb, ws = new_book("TIP-SKG-01")
    write_rows(ws, 1, [[line] for line in lines])
    rows = rows_for(TIP_SKG_01, people)
    write_rows(ws, len(lines) + 1, [EN_HEADER], font=BOLD)
    write_rows(ws, len(lines) + 2, rows)
    fit_columns(ws, [EN_HEADER, *rows])
    save_xlsx(wb, folder / "header-row-24.xlsx")
    return Shape(
        "header-below-row-24", None, ("header-row-24.xlsx",),
        "A letterhead, a title and twelve lines of instructions fill rows 1–23; the header "
        "is row 24 (below the old search limit of 20 rows, within the 50 searched now).",
        {"TR-1": 5, "ATT-1": 5, "EV-1": 1, "CB-1": 5, "PAR-1": 0, "sex:TR-1": sex(2, 3),
         "rows": {"name_at_row": {25: "Douangchai", 29: "Khamphet"}}},
        "Rows 1–23 text (one cell each, rows 5, 8 and 22 blank), header row 24, rows 25–29 "
        "Douangchai M, Souksavanh F, Somphone M, Chanthala F, Khamphet M at TIP-SKG-01, "
        "counter trafficking → TR-1 5, ATT-1 5, EV-1 1, CB-1 5, PAR-1 0; women 2, men 3; "
        "Douangchai at Excel row 25, Khamphet at 29.")


RETURNEES_DATE = dt.date(2024, 8, 27)


def ampersand_in_header(folder: Path) -> Shape:
    people = [("Phonsavanh Sayavong", "M", 28), ("Noy Phommavong", "F", 23),
              ("Keo Inthavong", "M", 34), ("Manivanh Sisavath", "F", 30),
              ("Sengdao Vongsa", "F", 26)]
    header = ["No.", "Name & Surname", "Sex", "Age", "Training title", "Date", "Topic"]
    rows = [[n, name, sx, age, "Safe migration for returnees", RETURNEES_DATE, "Safe migration"]
            for n, (name, sx, age) in enumerate(people, start=1)]
    wb, ws = new_book("Sheet1")
    list_sheet(ws, ["Safe migration for returnees, Champasak, 27 August 2024"], header, rows)
    save_xlsx(wb, folder / "ampersand-header.xlsx")
    return Shape(
        "ampersand-in-header", None, ("ampersand-header.xlsx",),
        "The name column is headed 'Name & Surname' ('&' for 'and'); no event code. Without "
        "it the sheet has no name column and would not be an attendance list.",
        {"TR-1": 5, "ATT-1": 5, "EV-1": 1, "CB-1": 5, "PAR-1": 0, "sex:TR-1": sex(3, 2)},
        "Header row 3; rows 4–8 Phonsavanh M, Noy F, Keo M, Manivanh F, Sengdao F, one "
        "training 'Safe migration for returnees' on 27/08/2024, topic Safe migration (one "
        "event without a code) → TR-1 5, ATT-1 5, EV-1 1, CB-1 5, PAR-1 0; women 3, men 2.")


CB_CPS_71 = Event("CB-CPS-71", dt.date(2024, 2, 13), "Trafficking in persons", "Champasak")
CB_CPS_72 = Event("CB-CPS-72", dt.date(2024, 2, 20), "Child protection", "Champasak")


def apostrophe_ids(folder: Path) -> Shape:
    people = [("Somchai Sisavath", "M", 34, "Government official"),
              ("Khamla Phommachanh", "F", 29, "Government official"),
              ("Bounmy Vongsa", "M", 41, "Government official"),
              ("Noy Keomany", "F", 25, "Government official")]
    header = [*EN_HEADER, "ID card"]
    first = [[*row, f"'0100{n}"] for n, row in enumerate(rows_for(CB_CPS_71, people), 1)]
    second = [[*row, f"0100{n}"] for n, row in enumerate(rows_for(CB_CPS_72, people, start=5),
                                                         1)]
    (folder / "apostrophe-ids.csv").write_bytes(csv_bytes([header, *first, *second],
                                                          bom=False))
    return Shape(
        "apostrophe-ids", None, ("apostrophe-ids.csv",),
        "A CSV exported from a sheet whose id cells were text: the first event's ids keep "
        "Excel's text marker ('01001), the second event's do not (01001). The apostrophe is "
        "no part of the id, and the leading zero is.",
        {"TR-1": 4, "ATT-1": 8, "EV-1": 2, "CB-1": 4, "PAR-1": 0, "sex:TR-1": sex(2, 2)},
        "Header row 1; rows 2–5 CB-CPS-71 (trafficking in persons) with ids '01001 … "
        "'01004; rows 6–9 CB-CPS-72 (child protection), the same four people with ids 01001 "
        "… 01004. Records with an id are keyed by it: 4 people → TR-1 4 (8 if the "
        "apostrophe stayed), ATT-1 8, EV-1 2, CB-1 4, PAR-1 0; women Khamla, Noy = 2, men "
        "Somchai, Bounmy = 2.")


# =========================================================================== registry
TYPED_BUILDERS: dict[str, Callable[[Path], Shape]] = {
    "id-placeholder-zero": id_placeholder_zero,
    "name-and-surname-columns": name_and_surname_columns,
    "event-typed-once-filled-down": event_typed_once_filled_down,
    "women-men-section-headings": women_men_section_headings,
    "women-men-section-headings-lo": women_men_section_headings_lo,
    "side-by-side-lists": side_by_side_lists,
    "totals-in-blocks": totals_in_blocks,
    "people-below-totals": people_below_totals,
    "totals-row-labels": totals_row_labels,
    "totals-counted-by-sex": totals_counted_by_sex,
    "facilitators-below-participants": facilitators_below_participants,
    "absent-in-remarks": absent_in_remarks,
    "absent-column": absent_column,
    "day-tick-columns": day_tick_columns,
    "form-line-with-three-pairs": form_line_with_three_pairs,
    "question-mark-names": question_mark_names,
    "blank-hidden-duplicate-column": blank_hidden_duplicate_column,
    "same-person-two-day-sheets": same_person_two_day_sheets,
    "title-column-gives-sex": title_column_gives_sex,
    "lao-sex-abbreviations": lao_sex_abbreviations,
    "header-below-row-24": header_below_row_24,
    "ampersand-in-header": ampersand_in_header,
    "apostrophe-ids": apostrophe_ids,
    # Built before their fix (a person read as a second header row; 'F: 5 M: 7' a person):
    "role-column-not-second-header": role_column_not_second_header,
    "totals-sex-counts-in-one-cell": totals_sex_counts_in_one_cell,
}
