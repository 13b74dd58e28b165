"""Generate ctipcalc's sample data: realistic, messy, synthetic — and its true figures.

    python data/samples/generate.py

Writes, next to this script:
- cb_attendance_FY2024.xlsx  capacity-building attendance workbook: an Events register,
  five event sheets (title rows, totals rows, "Prepared by" footers, one sheet with Lao
  headers and Lao-script names, one with a vertically merged event-code column, one
  with a wrongly typed total) and a Notes sheet;
- par_training_2024.csv      protection/assistance/referral attendance, Excel "CSV UTF-8"
  (BOM), day-first dates;
- livelihood_followup.xlsx   livelihood follow-up, one row per beneficiary per round;
- relief_distribution_2024.xlsx  flood relief, first round: an Items register (English and
  Lao names, unit, unit value) and two district lists in the wide layout (one quantity
  column per item), one in English, one in Lao with a wrongly typed households total;
- relief_distribution_round2.csv  the second round, long layout (one row per household per
  item), amounts typed every way (1,250,000 / 1.250.000 / 1 250 000 / ₭ / LAK / ກີບ / 1.2M /
  1,2 ລ້ານ), one value in USD;
- expected.json              the true figures, computed here from the people this script
  invented (not by ctipcalc): see README.md.

Every name is synthetic: common Lao given names and family names combined at random.
The output is byte-for-byte deterministic.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
SEED = 20241001
FIXED_TIME = dt.datetime(2024, 10, 1, 8, 0, 0)
NBSP, ZWSP = "\u00a0", "\u200b"


# --------------------------------------------------------------------------- people
@dataclass
class Person:
    pid: str
    name: str
    sex: str            # female / male
    birth_year: int
    ptype: str          # canonical participant type
    province: str       # canonical province
    org: str = ""
    position: str = ""
    lao: bool = False


P = {}


def person(pid, name, sex, by, ptype, province, org="", position="", lao=False):
    P[pid] = Person(pid, name, sex, by, ptype, province, org, position, lao)


# Savannakhet officials and partners (CB-SAV-01)
person("G1", "Somchai Phommachanh", "male", 1968, "government", "Savannakhet", "Provincial Labour and Social Welfare", "Deputy director")
person("G2", "Khamla Sisavath", "female", 1979, "government", "Savannakhet", "Provincial Police", "Police officer")
person("G3", "Bounmy Vongsa", "male", 1985, "government", "Savannakhet", "Provincial Justice", "Technical officer")
person("G4", "Manivanh Inthavong", "female", 1990, "government", "Savannakhet", "District Labour Office", "Officer")
person("G5", "Phetsamone Xayavong", "female", 1972, "government", "Savannakhet", "Provincial Health", "Head of unit")
person("G6", "Vilay Chanthavong", "male", 1982, "cso", "Savannakhet", "Village Focus NPA", "Project officer")
person("G7", "Daovy Keomany", "female", 1994, "mass_organization", "Savannakhet", "Lao Women's Union", "Member")
person("G8", "Thongsy Douangchanh", "male", 1976, "government", "Savannakhet", "Provincial Police", "Investigator")
person("G9", "Latsamy Sengdara", "female", 1988, "government", "Savannakhet", "Provincial Labour and Social Welfare", "Social worker")
person("G10", "Noy Sisavath", "female", 1991, "local_structure", "Savannakhet", "Ban Nalao", "Deputy village chief")
# Village authorities and community (CB-SAV-02)
person("S1", "Somchai Phommachanh", "male", 1996, "community", "Savannakhet", "Ban Nongbua", "Villager")
person("S3", "Noy Sisavath", "male", 1987, "local_structure", "Savannakhet", "Ban Phonsim", "Village security")
person("S4", "Kongkeo Phanthavong", "male", 1970, "local_structure", "Savannakhet", "Ban Phonsim", "Village chief")
person("S5", "Chansamone Vongsa", "female", 1983, "local_structure", "Savannakhet", "Ban Nongbua", "Village committee")
person("S6", "Ketsana Inthava", "female", 2000, "community", "Savannakhet", "Ban Nongbua", "Villager")
person("S7", "Outhai Souvannaphoum", "male", 1999, "community", "Savannakhet", "Ban Phonsim", "Villager")
person("S8", "Saysamone Keo", "female", 1975, "mass_organization", "Savannakhet", "Lao Women's Union", "Village LWU head")
person("S9", "Viengkham Douangchanh", "male", 1966, "local_structure", "Savannakhet", "Ban Nalao", "Village chief")
person("S11", "Souksavanh Keomany", "male", 1993, "community", "Savannakhet", "Ban Nalao", "Villager")
person("S12", "Souksavan Keomany", "male", 1980, "community", "Savannakhet", "Ban Nongbua", "Villager")
# Champasak (CB-CPS-01)
person("C2", "Bouavanh Xayavong", "female", 1986, "government", "Champasak", "Provincial Labour and Social Welfare", "Officer")
person("C3", "Khampheng Sengdara", "male", 1978, "government", "Champasak", "Provincial Court", "Judge")
person("C4", "Sengphet Phommachanh", "male", 1992, "cso", "Champasak", "Champasak Youth NPA", "Coordinator")
person("C5", "Vongdeuane Inthavong", "female", 1981, "government", "Champasak", "Provincial Education", "Officer")
person("C6", "Lamphone Chanthavong", "female", 1998, "community", "Champasak", "Ban Thaluang", "Volunteer")
person("C7", "Bounthavy Souvannaphoum", "female", 1969, "mass_organization", "Champasak", "Lao Women's Union", "Vice president")
person("C8", "Malaythong Keomany", "male", 1984, "other", "Champasak", "Thaluang Secondary School", "Teacher")
person("C9", "Inthava Douangchanh", "male", 1973, "government", "Champasak", "Provincial Police", "Officer")
person("C10", "Phonesavanh Sisavath", "unknown", 1995, "government", "Champasak", "Provincial Health", "Nurse")
# Luang Prabang (CB-LPB-01, Lao script)
person("L1", "ສົມພອນ ພົມມະຈັນ", "male", 1980, "government", "Luang Prabang", "ພະແນກແຮງງານ", "ຫົວໜ້າຂະແໜງ", lao=True)
person("L2", "ຄຳແພງ ສີສະຫວາດ", "female", 1987, "government", "Luang Prabang", "ປກສ ແຂວງ", "ພະນັກງານ", lao=True)
person("L3", "ມະນີວັນ ວົງສາ", "female", 1993, "mass_organization", "Luang Prabang", "ສະຫະພັນແມ່ຍິງ", "ສະມາຊິກ", lao=True)
person("L4", "ບຸນມີ ອິນທະວົງ", "male", 1975, "local_structure", "Luang Prabang", "ບ້ານ ນາເດື່ອ", "ນາຍບ້ານ", lao=True)
person("L5", "ຈັນທະລາ ແກ້ວມະນີ", "female", 1999, "community", "Luang Prabang", "ບ້ານ ນາເດື່ອ", "ປະຊາຊົນ", lao=True)
person("L6", "ວິໄລ ພັນທະວົງ", "male", 1990, "government", "Luang Prabang", "ພະແນກຍຸຕິທຳ", "ພະນັກງານ", lao=True)
person("L7", "ບົວວັນ ພົມມະຈັນ", "female", 2006, "community", "Luang Prabang", "ບ້ານ ນາເດື່ອ", "ນັກຮຽນ", lao=True)
person("L8", "ແສງເພັດ ສີສະຫວາດ", "male", 1983, "government", "Luang Prabang", "ປກສ ແຂວງ", "ພະນັກງານ", lao=True)
# Bokeo (CB-BKO-01)
person("B2", "Somphone Vongsa", "male", 1977, "government", "Bokeo", "Immigration checkpoint", "Officer")
person("B3", "Chanthala Keo", "female", 1989, "government", "Bokeo", "Provincial Labour and Social Welfare", "Officer")
person("B4", "Sisouk Phanthavong", "male", 1986, "government", "Bokeo", "Provincial Police", "Officer")
person("B5", "Daovy Xayavong", "female", 1997, "cso", "Bokeo", "Bokeo Development INPO", "Field officer")
# Protection, assistance and referral (CSV)
person("P3", "Viengsavanh Phanthavong", "female", 1984, "government", "Vientiane Capital", "Ministry of Labour and Social Welfare", "Officer")
person("P4", "Thongchanh Keomany", "male", 1979, "government", "Vientiane Capital", "Ministry of Public Security", "Officer")
person("P5", "Soudaly Inthavong", "female", 1991, "government", "Vientiane Capital", "Ministry of Justice", "Officer")
person("P6", "Bounleuam Xayavong", "male", 1988, "cso", "Vientiane Capital", "Lao Family Support NPA", "Case worker")
person("P7", "Amphone Douangchanh", "female", 1985, "mass_organization", "Vientiane Capital", "Lao Women's Union", "Counsellor")
person("P8", "Phouvong Sengdara", "male", 1970, "government", "Vientiane Capital", "Ministry of Public Security", "Deputy head")
person("P9", "Kesone Vongsa", "female", 1996, "government", "Vientiane Capital", "Ministry of Health", "Officer")
person("Q5", "Sompong Phommachanh", "male", 1983, "government", "Savannakhet", "Provincial Police", "Officer")
person("Q6", "Vanida Keomany", "female", 1990, "government", "Savannakhet", "Provincial Hospital", "Doctor")
person("Q7", "Xaysana Inthavong", "male", 1975, "private_sector", "Savannakhet", "Savan Garment Co.", "HR manager")
person("Q10", "Malee Chanthavong", "female", 1993, "government", "Savannakhet", "Provincial Labour and Social Welfare", "Officer")


@dataclass
class Event:
    code: str
    title: str
    topic_typed: str
    topic: str          # canonical
    start: dt.date
    end: dt.date
    province: str
    district: str


EVENTS = [
    Event("CB-SAV-01", "Training on the national plan of action on trafficking in persons",
          "TIP National Plan of Action", "tip_plan_of_action", dt.date(2023, 11, 14),
          dt.date(2023, 11, 16), "Savannakhet", "Kaysone Phomvihane"),
    Event("CB-SAV-02", "Safe migration for village authorities", "Safe migration",
          "safe_migration", dt.date(2024, 2, 20), dt.date(2024, 2, 21), "Savannakhet", "Outhoumphone"),
    Event("CB-CPS-01", "Child protection and identification of victims", "Child Protection",
          "child_protection", dt.date(2024, 5, 8), dt.date(2024, 5, 10), "Champasak", "Pakse"),
    Event("CB-LPB-01", "ກອງປະຊຸມ ການປົກປ້ອງເດັກ", "ການປົກປ້ອງເດັກ", "child_protection",
          dt.date(2024, 8, 13), dt.date(2024, 8, 14), "Luang Prabang", "Luang Prabang"),
    Event("CB-BKO-01", "Victim identification at the border", "Victim identification",
          "victim_identification", dt.date(2024, 10, 22), dt.date(2024, 10, 24), "Bokeo", "Houayxay"),
    Event("PAR-VTE-01", "Protection, assistance and referral of victims of trafficking",
          "Protection, assistance & referral", "protection_referral", dt.date(2023, 12, 5),
          dt.date(2023, 12, 7), "Vientiane Capital", "Chanthabouly"),
    Event("PAR-SAV-02", "Victim protection and referral mechanisms", "Protection and referral",
          "protection_referral", dt.date(2024, 6, 18), dt.date(2024, 6, 19), "Savannakhet",
          "Kaysone Phomvihane"),
]
EV = {e.code: e for e in EVENTS}


@dataclass
class Attendance:
    """One line of an attendance list, with how it was typed."""

    event: str
    pid: str
    age: int | None = "auto"        # "auto" = age at the event (birthday not yet passed
                                    # for odd birth years), None = left blank
    sex_typed: str | None = "auto"  # "auto" = a spelling of the true sex; None = blank
    honorific: bool = False
    ptype_typed: str | None = None  # None = a usual spelling of the true type
    repeat: bool = False            # the same line typed twice (counted once)


ATT = []


def attend(event, *pids, **how):
    for pid in pids:
        ATT.append(Attendance(event, pid, **how))


attend("CB-SAV-01", "G1", "G2", "G3")
attend("CB-SAV-01", "G4", sex_typed=None, honorific=True)        # sex inferred from "Ms."
attend("CB-SAV-01", "G5", "G6", "G7", "G8", "G9", "G10")
attend("CB-SAV-02", "S1", "G3", "S3", "S4")
attend("CB-SAV-02", "S4", repeat=True)                          # typed twice on one list
attend("CB-SAV-02", "S5", "S6", "S7", "S8", "S9", "S11", "S12")
attend("CB-CPS-01", "G9", "C2", "C3", "C4", "C5", "C6", "C7")
attend("CB-CPS-01", "C8", ptype_typed="Teacher")                # unmapped → other
attend("CB-CPS-01", "C9")
attend("CB-CPS-01", "C10", sex_typed=None)                      # sex blank, no honorific
attend("CB-LPB-01", "L1", "L2", "L3", "L4", honorific=True)
attend("CB-LPB-01", "L5", sex_typed=None, honorific=True)        # ນາງ → female
attend("CB-LPB-01", "L6", "L7", "L8", honorific=True)
attend("CB-BKO-01", "G2", "B2", "B3", "B4", "B5", "G3")
attend("PAR-VTE-01", "G1", age=None, honorific=True)            # no age: ambiguous identity
attend("PAR-VTE-01", "G2", "P3", "P4", "P5", "P6", "P7", "P8", "P9")
attend("PAR-SAV-02", "G2", "G8", "G9", "G10", "Q5", "Q6", "Q7", "G5", "G4", "Q10")


def age_at(p: Person, day: dt.date) -> int:
    # Birthdays: odd birth years have theirs in December, so age = year - birth_year - 1
    # for most of the year; even birth years in January. This gives the one-year drift
    # that age-derived birth years really have.
    return day.year - p.birth_year - (1 if p.birth_year % 2 else 0)


# --------------------------------------------------------------------------- messy typing
rng = random.Random(SEED)
SEX_SPELLING = {"female": ["F", "F", "Female", "f", "W"], "male": ["M", "M", "Male", "m"]}
SEX_LAO = {"female": "ຍິງ", "male": "ຊາຍ"}
PTYPE_SPELLING = {
    "government": ["Government official", "Government", "Gov", "Govt", "Civil servant", "Official"],
    "local_structure": ["Village authority", "Village committee", "Village chief", "Local authority"],
    "community": ["Community member", "Villager", "Community"],
    "mass_organization": ["Lao Women's Union", "LWU", "Mass organization"],
    "cso": ["NGO", "CSO", "INPO", "Civil society"],
    "private_sector": ["Private sector", "Employer", "Company"],
    "other": ["Other"],
}
PTYPE_LAO = {"government": "ພະນັກງານລັດ", "local_structure": "ອຳນາດການປົກຄອງບ້ານ",
             "community": "ປະຊາຊົນ", "mass_organization": "ສະຫະພັນແມ່ຍິງລາວ"}


def typed_name(p: Person, honorific: bool) -> str:
    name = p.name
    if p.lao:
        if honorific:
            title = "ນາງ" if p.sex == "female" else "ທ້າວ"
            # Lao honorifics are often typed joined to the name.
            name = (title + name) if p.pid == "L8" else f"{title} {name}"
        return name
    variant = rng.random()
    if variant < 0.15:
        name = name.replace(" ", "  ")
    elif variant < 0.25:
        name = name.replace(" ", NBSP)
    elif variant < 0.32:
        name = name + " "
    elif variant < 0.38:
        name = name.upper()
    elif variant < 0.42:
        name = ZWSP + name
    if honorific:
        title = {"female": rng.choice(["Ms.", "Mrs", "Ms"]), "male": rng.choice(["Mr.", "Mr"])}[p.sex]
        name = f"{title} {name}"
    return name


def typed_sex(p: Person, a: Attendance, lao: bool = False) -> str | None:
    if a.sex_typed is None or p.sex == "unknown":
        return None
    return SEX_LAO[p.sex] if lao else rng.choice(SEX_SPELLING[p.sex])


def typed_age(p: Person, a: Attendance) -> int | None:
    if a.age is None:
        return None
    return age_at(p, EV[a.event].start)


def typed_ptype(p: Person, a: Attendance, lao: bool = False) -> str:
    if a.ptype_typed:
        return a.ptype_typed
    if lao:
        return PTYPE_LAO[p.ptype]
    return rng.choice(PTYPE_SPELLING[p.ptype])


def lines(event: str) -> list[Attendance]:
    out = []
    for a in ATT:
        if a.event == event:
            out.append(a)
    return out


# --------------------------------------------------------------------------- workbook helpers
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)


def title_rows(ws, texts: list[str], width: int) -> int:
    for i, text in enumerate(texts, start=1):
        ws.cell(row=i, column=1, value=text).font = TITLE if i == 1 else BOLD
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
        ws.cell(row=i, column=1).alignment = Alignment(horizontal="center")
    return len(texts) + 2  # one blank row, then the header


def header(ws, row: int, names: list[str]) -> None:
    for col, name in enumerate(names, start=1):
        ws.cell(row=row, column=col, value=name).font = BOLD


def write_row(ws, row: int, values: list) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        if isinstance(value, dt.date):
            cell.number_format = "dd/mm/yyyy"


def event_list(wb: Workbook, code: str, titles: list[str], columns: list[str], row_values):
    """An attendance sheet for one event: titles, header, one row per line typed.
    Returns (sheet, first row, last row, how many women)."""
    ws = wb.create_sheet(code)
    start = title_rows(ws, titles, len(columns))
    header(ws, start, columns)
    females = 0
    for n, a in enumerate(lines(code), start=1):
        p = P[a.pid]
        females += p.sex == "female"
        write_row(ws, start + n, row_values(n, a, p, EV[code]))
    return ws, start + 1, start + len(lines(code)), females


def deterministic_save(wb: Workbook, path: Path) -> None:
    wb.properties.creator = "ctipcalc sample generator"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps zip entries with the current time: rewrite them with a fixed one.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl sets "modified" to the time of saving, whatever we asked for.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-10-01T08:00:00Z",
                              data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 10, 1, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


# --------------------------------------------------------------------------- attendance workbook
def write_attendance_workbook(path: Path) -> None:
    wb = Workbook()
    reg = wb.active
    reg.title = "Events"
    start = title_rows(reg, ["Counter-trafficking programme — events register FY2024",
                             "Department of Social Welfare (synthetic sample data)"], 8)
    header(reg, start, ["No.", "Event code", "Event title", "Topic", "Start date", "End date",
                        "Province", "District"])
    for i, e in enumerate(EVENTS, start=1):
        row = start + i
        write_row(reg, row, [i, e.code, e.title, e.topic_typed, e.start, e.end, e.province,
                             e.district])

    # CB-SAV-01: English, event code on every row, typed totals correct.
    ws, first, last, females = event_list(
        wb, "CB-SAV-01", ["Ministry of Labour and Social Welfare",
                          "Attendance list: " + EV["CB-SAV-01"].title,
                          "14–16 November 2023, Kaysone Phomvihane, Savannakhet"],
        ["No.", "Event code", "Name and surname", "Sex", "Age", "Position", "Organization",
         "Participant type", "Province", "Phone", "Signature"],
        lambda n, a, p, e: [n, e.code, typed_name(p, a.honorific), typed_sex(p, a),
                            typed_age(p, a), p.position, p.org, typed_ptype(p, a), p.province,
                            f"020 5{rng.randint(1000000, 9999999)}", ""])
    ws.cell(row=last + 1, column=1, value=f"Total: {last - first + 1} participants")
    ws.cell(row=last + 1, column=4, value=f"F: {females}")
    ws.cell(row=last + 3, column=1, value="Prepared by: Provincial CTIP secretariat")
    ws.cell(row=last + 4, column=1, value="Checked by: ______________________")

    # CB-SAV-02: vertically merged event-code column, no date or topic column (from register).
    ws, first, last, _ = event_list(
        wb, "CB-SAV-02", ["Safe migration for village authorities",
                          "Outhoumphone district, 20–21 February 2024"],
        ["#", "Event code", "Full name", "Gender", "Age", "Category", "Village", "Signature"],
        lambda n, a, p, e: [n, e.code if n == 1 else None, typed_name(p, a.honorific),
                            typed_sex(p, a), typed_age(p, a), typed_ptype(p, a), p.org, ""])
    ws.merge_cells(start_row=first, start_column=2, end_row=last, end_column=2)
    ws.cell(row=first, column=2).alignment = Alignment(vertical="center")
    ws.cell(row=last + 1, column=3, value=f"Total {last - first + 1}")
    ws.cell(row=last + 3, column=1, value="Prepared by: District Labour Office")

    # CB-CPS-01: English, dates typed as text, a wrongly typed total.
    ws, first, last, females = event_list(
        wb, "CB-CPS-01", ["Child protection and identification of victims — attendance"],
        ["No", "Training code", "Date", "Topic", "Participant name", "M/F", "Age",
         "Type of participant", "Organisation", "Province"],
        lambda n, a, p, e: [n, e.code, e.start.strftime("%d/%m/%Y"), e.topic_typed,
                            typed_name(p, a.honorific), typed_sex(p, a), typed_age(p, a),
                            typed_ptype(p, a), p.org, p.province])
    # The typed total is wrong (11, not 10): a real and common error that `check` finds.
    ws.cell(row=last + 1, column=1, value="Total")
    ws.cell(row=last + 1, column=5, value=last - first + 2)
    ws.cell(row=last + 1, column=6, value=f"F: {females}")
    ws.cell(row=last + 2, column=1, value="Prepared by: Champasak PLSW")

    # CB-LPB-01: Lao headers, Lao-script names with honorifics.
    ws, first, last, females = event_list(
        wb, "CB-LPB-01", ["ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ",
                          "ລາຍຊື່ຜູ້ເຂົ້າຮ່ວມ ກອງປະຊຸມ ການປົກປ້ອງເດັກ"],
        ["ລ/ດ", "ລະຫັດກິດຈະກຳ", "ຊື່ ແລະ ນາມສະກຸນ", "ເພດ", "ອາຍຸ", "ຕຳແໜ່ງ", "ອົງການ",
         "ປະເພດຜູ້ເຂົ້າຮ່ວມ", "ແຂວງ", "ລາຍເຊັນ"],
        lambda n, a, p, e: [n, e.code, typed_name(p, a.honorific), typed_sex(p, a, lao=True),
                            typed_age(p, a), p.position, p.org, typed_ptype(p, a, lao=True),
                            "ຫຼວງພະບາງ", ""])
    ws.cell(row=last + 1, column=1, value=f"ລວມ {last - first + 1} ຄົນ, ຍິງ {females} ຄົນ")
    ws.cell(row=last + 3, column=1, value="ຜູ້ສັງລວມ: ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ")

    # CB-BKO-01: real Excel dates on every row (FY2025, October 2024).
    ws, first, last, _ = event_list(
        wb, "CB-BKO-01", ["Victim identification at the border — Houayxay, Bokeo"],
        ["No.", "Event code", "Training date", "Name", "Sex", "Age", "Participant type",
         "Office", "Province"],
        lambda n, a, p, e: [n, e.code, e.start, typed_name(p, a.honorific), typed_sex(p, a),
                            typed_age(p, a), typed_ptype(p, a), p.org, p.province])
    ws.cell(row=last + 1, column=4, value=f"Total {last - first + 1}")

    notes = wb.create_sheet("Notes")
    notes["A1"] = "Notes for the M&E officer"
    notes["A2"] = "Participant lists are typed from the signed paper sheets kept at the PLSW."
    notes["A3"] = "Synthetic sample data: every name is invented."
    deterministic_save(wb, path)


# --------------------------------------------------------------------------- PAR CSV
def write_par_csv(path: Path) -> None:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["No", "Event code", "Training", "Topic", "Date", "Full name", "Gender",
                     "Age", "Participant type", "Organisation", "Province"])
    n = 0
    for code in ("PAR-VTE-01", "PAR-SAV-02"):
        e = EV[code]
        for a in lines(code):
            p = P[a.pid]
            n += 1
            date = e.start.strftime("%d/%m/%Y") if n % 3 else e.start.strftime("%d-%m-%Y")
            age = typed_age(p, a)
            writer.writerow([n, code, e.title, e.topic_typed, date, typed_name(p, a.honorific),
                             typed_sex(p, a) or "", "" if age is None else age,
                             typed_ptype(p, a), p.org, p.province])
    # Excel's "CSV UTF-8": a byte-order mark, CRLF line ends.
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


# --------------------------------------------------------------------------- livelihood
@dataclass
class Beneficiary:
    bid: str
    name: str
    sex: str
    birth_year: int
    btype: str             # canonical
    btype_typed: str
    province: str
    support: str | None
    support_date: dt.date | None
    rounds: list[tuple[dt.date, str, str]]   # (date, status typed, canonical status)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


STATUS = {"Employed": "employed", "Started own business": "self_employed",
          "Own business": "self_employed", "Self-employed": "self_employed",
          "Small business": "self_employed", "Unemployed": "unemployed",
          "Not working": "unemployed", "ບໍ່ມີວຽກ": "unemployed", "Lost to follow up": "unknown",
          "In training": "in_training", "Working": "employed", "ມີວຽກເຮັດ": "employed",
          "Not reached": "unknown", "Self employed": "self_employed"}


def ben(bid, name, sex, by, btype, typed, province, support, support_date, *rounds):
    return Beneficiary(bid, name, sex, by, btype, typed, province, support,
                       d(support_date) if support_date else None,
                       [(d(r[0]), r[1], STATUS[r[1]]) for r in rounds])


BENEFICIARIES = [
    ben("LH-001", "Bouasone Keomany", "female", 1998, "victim", "Victim of trafficking", "Savannakhet", "Vocational training (sewing)", "2023-11-20", ("2024-02-15", "Employed"), ("2024-05-15", "Employed")),
    ben("LH-002", "Phailin Vongsa", "female", 2001, "victim", "VoT", "Savannakhet", "Small grant", "2023-12-05", ("2024-03-10", "Started own business"), ("2024-06-12", "Own business")),
    ben("LH-003", "Khamsone Inthavong", "male", 1996, "vulnerable", "At risk", "Champasak", "Vocational training (mechanics)", "2024-01-15", ("2024-04-20", "Unemployed"), ("2024-07-18", "Working")),
    ben("LH-004", "Noukhan Sisavath", "female", 1993, "returnee", "Returned migrant", "Khammouane", "Job placement", "2024-02-01", ("2024-05-02", "Employed"), ("2024-08-05", "Not working")),
    ben("LH-005", "Souphaphone Xayavong", "female", 2004, "victim", "Survivor", "Savannakhet", "Small grant", "2024-03-12", ("2024-06-10", "Lost to follow up")),
    ben("LH-006", "Anousone Phanthavong", "male", 2005, "vulnerable", "Vulnerable", "Savannakhet", "Vocational training", "2024-03-12", ("2024-06-10", "In training"), ("2024-09-10", "Employed")),
    ben("LH-007", "Mayouly Chanthavong", "female", 1990, "victim", "Victim", "Vientiane Capital", "Small grant", "2024-04-08", ("2024-07-08", "Small business")),
    ben("LH-008", "Dalavone Sengdara", "female", 2002, "vulnerable", "Vulnerable person", "Champasak", "Vocational training (hairdressing)", "2024-04-22", ("2024-07-25", "ບໍ່ມີວຽກ"), ("2024-10-24", "ບໍ່ມີວຽກ")),
    ben("LH-009", "Thavisack Douangchanh", "male", 1987, "returnee", "Returnee", "Champasak", "Job placement", "2024-05-06", ("2024-08-06", "Employed")),
    ben("LH-010", "Vilayvanh Keo", "female", 1999, "victim", "Victim of trafficking", "Bokeo", "Vocational training", "2024-06-03", ("2024-09-04", "ມີວຽກເຮັດ")),
    ben("LH-011", "Sengdavanh Souvannaphoum", "female", 1995, "vulnerable", "At risk", "Savannakhet", "Small grant", "2024-07-15", ("2024-10-15", "Unemployed"), ("2025-01-16", "Self-employed")),
    ben("LH-012", "Bounpheng Vongsa", "male", 2000, "victim", "Victim", "Savannakhet", "Vocational training", "2024-08-19", ("2024-11-20", "Unemployed")),
    ben("LH-013", "Chindavanh Phommachanh", "female", 1992, "returnee", "Returned migrant", "Khammouane", "Small grant", "2024-09-09", ("2024-12-10", "Employed")),
    ben("LH-014", "Keovilay Inthava", "female", 2003, "victim", "VoT", "Luang Prabang", "Vocational training", "2024-10-14", ("2025-01-15", "Employed")),
    ben("LH-015", "Somsack Keomany", "male", 1989, "vulnerable", "Vulnerable", "Luang Prabang", "Small grant", "2024-11-04", ("2025-02-05", "Not reached")),
    ben("LH-016", "Pany Xayavong", "female", 1997, "victim", "Survivor", "Bokeo", "Job placement", "2024-12-02", ("2025-03-03", "Employed"), ("2025-06-02", "Employed")),
    ben("LH-017", "Siphone Sisavath", "female", 2006, "vulnerable", "At risk", "Savannakhet", "Vocational training", "2025-01-13", ("2025-04-14", "Unemployed")),
    # Support recorded without a date: counts over all time, left out of a fiscal year.
    ben("LH-018", "Vanhxay Chanthavong", "female", 1994, "victim", "Victim", "Champasak", "Small grant", None, ("2024-03-01", "Own business")),
    # Registered, a status typed, but no support recorded: not in LH-1 (check reports it).
    ben("LH-019", "Khamphone Sengdara", "male", 1998, "vulnerable", "Vulnerable", "Savannakhet", None, None, ("2024-05-05", "Unemployed")),
    # Registered, no support yet, no follow-up.
    ben("LH-020", "Nalinh Douangchanh", "female", 2001, "victim", "Victim", "Savannakhet", None, None),
    # Follow-up dated before the support (a typing error that check reports); counts under "ever".
    ben("LH-021", "Somphit Phanthavong", "female", 1991, "vulnerable", "Vulnerable", "Khammouane", "Small grant", "2024-02-19", ("2024-01-30", "Employed")),
    ben("LH-022", "Bounlan Keo", "male", 1996, "returnee", "Returnee", "Savannakhet", "Vocational training", "2024-05-27", ("2024-08-28", "Employed"), ("2024-11-27", "Self employed")),
    ben("LH-023", "Latdavanh Vongsa", "female", 2000, "victim", "Victim", "Savannakhet", "Small grant", "2024-06-24", ("2024-09-25", "Self-employed")),
    ben("LH-024", "Phonevilay Inthavong", "female", 1988, "victim", "Victim of trafficking", "Vientiane Capital", "Vocational training", "2024-07-29"),
]


def write_livelihood_workbook(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Follow-up"
    start = title_rows(ws, ["Livelihood support — beneficiary follow-up",
                            "Synthetic sample data: every name is invented"], 12)
    cols = ["No.", "Beneficiary ID", "Beneficiary name", "Sex", "Age", "Beneficiary type",
            "Province", "Support received", "Date support received", "Follow-up round",
            "Follow-up date", "Employment status"]
    header(ws, start, cols)
    row = start
    n = 0
    for b in BENEFICIARIES:
        rounds = b.rounds or [(None, None, None)]
        for k, (fdate, status, _) in enumerate(rounds, start=1):
            row += 1
            n += 1
            first = k == 1
            bid = b.bid
            if b.bid == "LH-022" and k == 2:
                bid = "lh-022 "  # typed in lower case with a trailing space: same beneficiary
            ref_day = b.support_date or fdate or dt.date(2024, 6, 1)
            age = ref_day.year - b.birth_year - (1 if b.birth_year % 2 else 0)
            write_row(ws, row, [n, bid, b.name if first or k % 2 == 0 else b.name.upper(),
                                ("F" if b.sex == "female" else "M"), age if first else None,
                                b.btype_typed if first else None,
                                b.province if first else None, b.support if first else None,
                                b.support_date if first else None,
                                f"Round {k}" if fdate else None, fdate, status])
    ws.cell(row=row + 2, column=1, value="Prepared by: Livelihood project officer")
    deterministic_save(wb, path)


# --------------------------------------------------------------------------- the truth
AGE_BANDS = [18, 25, 35, 50]


def band(age: int | None) -> str:
    if age is None:
        return "unknown"
    labels = ["<18", "18–24", "25–34", "35–49", "50+"]
    for i, edge in enumerate(AGE_BANDS):
        if age < edge:
            return labels[i]
    return labels[-1]


def in_period(day: dt.date | None, period: tuple[dt.date, dt.date] | None) -> bool:
    if period is None:
        return True
    return day is not None and period[0] <= day <= period[1]


def count_by(values: list[str], categories: list[str]) -> dict[str, int]:
    out = {c: 0 for c in categories}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def attendance_truth(period) -> dict:
    """Each indicator, counted from the people invented above (one per true person).

    A person's record with a blank sex and no honorific is keyed on sex "unknown"; here
    only C10 has one, and C10 has no other record, so true persons = counted persons.
    """
    records = [a for a in ATT if not a.repeat and in_period(EV[a.event].start, period)]

    def persons(filter_fn) -> dict:
        chosen = [a for a in records if filter_fn(a)]
        people: dict[str, list[Attendance]] = {}
        for a in chosen:
            people.setdefault(a.pid, []).append(a)
        sexes, ages, ptypes, provinces = [], [], [], []
        for pid, recs in people.items():
            p = P[pid]
            sexes.append(p.sex)
            recs = sorted(recs, key=lambda a: EV[a.event].start)
            with_age = [a for a in recs if typed_age(p, a) is not None]
            if not with_age:  # fall back on the person's other records in the period
                with_age = sorted([a for a in records if a.pid == pid and typed_age(p, a) is not None],
                                  key=lambda a: EV[a.event].start)
            ages.append(band(typed_age(p, with_age[-1]) if with_age else None))
            ptypes.append(p.ptype)
            provinces.append(p.province)
        return {"value": len(people),
                "sex": count_by(sexes, ["female", "male", "unknown"]),
                "age_group": count_by(ages, ["<18", "18–24", "25–34", "35–49", "50+", "unknown"]),
                "participant_type": {k: v for k, v in sorted(count_by(ptypes, []).items())},
                "province": {k: v for k, v in sorted(count_by(provinces, []).items())}}

    cb_topics = {"tip_plan_of_action", "safe_migration", "child_protection", "victim_identification"}
    return {
        "CB-1": persons(lambda a: EV[a.event].topic in cb_topics),
        "PAR-1": persons(lambda a: EV[a.event].topic == "protection_referral"
                         and P[a.pid].ptype == "government"),
        "TR-1": persons(lambda a: True),
        "ATT-1": {"value": len(records),
                  "sex": count_by([P[a.pid].sex for a in records], ["female", "male", "unknown"])},
        "EV-1": {"value": len({a.event for a in records})},
    }


def livelihood_truth(period, rule: str = "ever") -> dict:
    equipped = [b for b in BENEFICIARIES if (b.support or b.support_date)
                and in_period(b.support_date, period)]
    employed = []
    for b in equipped:
        statuses = [s for (_, _, s) in sorted(b.rounds)]
        if rule == "latest":
            statuses = statuses[-1:]
        if any(s in ("employed", "self_employed") for s in statuses):
            employed.append(b)

    def sex_counts(group):
        return count_by([b.sex for b in group], ["female", "male", "unknown"])

    def rate(n, d):
        return None if not d else ((n * 2000 + d) // (2 * d)) / 10

    den, num = sex_counts(equipped), sex_counts(employed)
    return {
        "LH-1": {"value": len(equipped), "sex": den,
                 "beneficiary_type": dict(sorted(count_by([b.btype for b in equipped], []).items()))},
        "LH-2": {"value": len(employed), "sex": num},
        "LH-3": {"value": rate(len(employed), len(equipped)), "numerator": len(employed),
                 "denominator": len(equipped),
                 "sex": {s: {"value": rate(num[s], den[s]), "numerator": num[s],
                             "denominator": den[s]} for s in den}},
    }


# --------------------------------------------------------------------------- relief distribution
# The items register: (English name, Lao name, unit, unit value typed, unit value in kip).
ITEMS = [("Hygiene kit", "ຊຸດອະນາໄມ", "kit", "350,000", 350000),
         ("Soap", "ສະບູ", "bar", 5000, 5000),
         ("Rice", "ເຂົ້າສານ", "kg", "12.000", 12000),
         ("Mosquito net", "ມຸ້ງ", "piece", 45000, 45000),
         ("Drinking water", "ນ້ຳດື່ມ", "bottle", None, None)]
UNIT_VALUE = {name: value for name, _, _, _, value in ITEMS}
UNIT = {name: unit for name, _, unit, _, _ in ITEMS}


@dataclass
class Household:
    hid: str | None          # as typed on its first list
    head: str
    sex: str | None          # the head's sex (female / male / None)
    village: str             # as typed on its first list
    district: str
    province: str            # canonical


@dataclass
class Given:
    """One thing given to one household on one day (what the lists record)."""

    key: str                 # the household as counted: id, else head + village
    day: dt.date
    item: str
    quantity: float | None   # None: typed as words, not a number
    kip: float | None        # its value in kip (None: missing, or another currency)
    other: tuple[str, float] | None = None   # (currency, value) for another currency
    size: int | None = None
    female_headed: str | None = None         # yes / no / None
    province: str = ""
    district: str = ""


HH = {
    "HH-SAV-001": Household("HH-SAV-001", "Noy Phommasan", "female", "Ban Nongbua", "Xaibouly", "Savannakhet"),
    "HH-SAV-002": Household("HH-SAV-002", "Khamphanh Sisouk", "male", "Nongbua", "Xaibouly", "Savannakhet"),
    "HH-SAV-003": Household("HH-SAV-003", "Vanh Inthalath", "female", "Ban Done", "Xaibouly", "Savannakhet"),
    "HH-SAV-004": Household("HH-SAV-004", "Bounmy Keola", "male", "Done", "Xaibouly", "Savannakhet"),
    "souk": Household(None, "Souk Vilaysack", "male", "Ban Done", "Xaibouly", "Savannakhet"),
    "HH-SAV-006": Household("HH-SAV-006", "Chanthy Douangmala", "female", "Ban Phonsay", "Xaibouly", "Savannakhet"),
    "HH-SAV-007": Household("HH-SAV-007", "Phet Sihalath", "male", "Phonsay", "Xaibouly", "Savannakhet"),
    "HH-SAV-008": Household("HH-SAV-008", "Mali Sengdara", "female", "Ban Phonsay", "Xaibouly", "Savannakhet"),
    "SAV-CP-01": Household("SAV-CP-01", "ນາງ ບົວພັນ ແສງສຸລິນ", "female", "ບ້ານ ໂນນສະຫວ່າງ", "ຈຳພອນ", "Savannakhet"),
    "SAV-CP-02": Household("SAV-CP-02", "ທ້າວ ສົມພອນ ໄຊຍະວົງ", "male", "ບ້ານ ໂນນສະຫວ່າງ", "ຈຳພອນ", "Savannakhet"),
    "SAV-CP-03": Household("SAV-CP-03", "ນາງ ຄຳແພງ ພົມມະວົງ", "female", "ບ້ານ ນາເລົາ", "ຈຳພອນ", "Savannakhet"),
    "SAV-CP-04": Household("SAV-CP-04", "ທ້າວ ບຸນມີ ສີລາ", "male", "ບ້ານ ນາເລົາ", "ຈຳພອນ", "Savannakhet"),
    "SAV-CP-05": Household("SAV-CP-05", "ແກ້ວ ວົງສາ", None, "ບ້ານ ນາເລົາ", "ຈຳພອນ", "Savannakhet"),
    "SAV-CP-06": Household("SAV-CP-06", "ທ້າວ ສີໄພ ແກ້ວມະນີ", "male", "ບ້ານ ດົງ", "ຈຳພອນ", "Savannakhet"),
    "HH-SAV-101": Household("HH-SAV-101", "Lamphone Keomany", "female", "Ban Nongbua", "Xaibouly", "Savannakhet"),
    "HH-SAV-102": Household("HH-SAV-102", "Douang Phimmasone", "male", "Ban Phonsay", "Xaibouly", "Savannakhet"),
    "HH-SAV-103": Household("HH-SAV-103", "Thongdam Sysavath", "female", "Ban Done", "Xaibouly", "Savannakhet"),
}
ROUND1_EN = dt.date(2024, 8, 12)
ROUND1_LAO = dt.date(2024, 8, 15)
ROUND2 = dt.date(2024, 11, 20)
# Round 1, wide: household → (size, quantities of kit, soap, rice, net, water); "two" is
# typed as a word.
WIDE_EN = [("HH-SAV-001", 5, (1, 4, 10, 1, 2)), ("HH-SAV-002", 4, (1, 4, 10, 1, None)),
           ("HH-SAV-003", 6, (1, 4, 15, 2, 2)), ("HH-SAV-004", None, (1, 4, 10, None, None)),
           ("souk", 3, (1, 2, 10, 1, None)), ("HH-SAV-006", 7, (1, 4, 20, 2, None)),
           ("HH-SAV-007", 2, (1, 2, 5, None, None)), ("HH-SAV-008", 4, (1, "two", 10, None, None))]
WIDE_LAO = [("SAV-CP-01", 6, (1, 4, 10, 1)), ("SAV-CP-02", 5, (1, 4, 10, 1)),
            ("SAV-CP-03", 3, (1, 2, 5, None)), ("SAV-CP-04", 8, (1, 4, 20, 2)),
            ("SAV-CP-05", 4, (1, 4, 10, None)), ("SAV-CP-06", 5, (1, 4, 10, 1))]
# Round 2, long: (household, id as typed, head as typed, female headed typed, size,
# village typed, item, quantity, unit, unit price typed, value typed, kip, other currency).
LONG = [
    ("HH-SAV-001", "hh-sav-001 ", "Noy Phommasan", "Yes", 5, "Ban Nongbua", "Rice", 10, "kg",
     "12,000", "", 120000, None),
    ("HH-SAV-001", "HH-SAV-001", "Noy Phommasan", "Yes", 5, "Ban Nongbua", "Soap", 4, "bar",
     "", "20.000", 20000, None),
    ("HH-SAV-003", "HH-SAV-003", "Vanh Inthalath", "Yes", 7, "Done", "Rice", 25, "kg", "",
     "300 000", 300000, None),
    ("HH-SAV-004", "HH-SAV-004", "Bounmy Keola", "No", 5, "Done", "Hygiene kit", 1, "kit", "",
     "₭ 350,000", 350000, None),
    ("souk", "", "Souk Vilaysack", "No", 3, "Done", "Rice", 10, "kg", "", "120000 LAK",
     120000, None),
    ("HH-SAV-006", "HH-SAV-006", "Chanthy Douangmala", "Yes", 7, "Ban Phonsay", "Cash grant",
     1, "", "", "1 250 000", 1250000, None),
    ("SAV-CP-02", "SAV-CP-02", "ສົມພອນ ໄຊຍະວົງ", "No", 5, "ໂນນສະຫວ່າງ", "Cash grant", 1, "", "",
     "1.2M", 1200000, None),
    ("SAV-CP-04", "SAV-CP-04", "ບຸນມີ ສີລາ", "No", 8, "ນາເລົາ", "Hygiene kit", 1, "kit", "",
     "350,000 ກີບ", 350000, None),
    ("HH-SAV-101", "HH-SAV-101", "Lamphone Keomany", "Yes", 4, "Ban Nongbua", "Cash grant", 1,
     "", "", "1,2 ລ້ານ", 1200000, None),
    ("HH-SAV-101", "HH-SAV-101", "Lamphone Keomany", "Yes", 4, "Ban Nongbua", "Soap", 4, "bar",
     "", "", 20000, None),                      # priced by the register: 4 × 5,000
    ("HH-SAV-102", "HH-SAV-102", "Douang Phimmasone", "No", 3, "Ban Phonsay", "Cash grant", 1,
     "", "", "1.250.000", 1250000, None),
    ("HH-SAV-102", "HH-SAV-102", "Douang Phimmasone", "No", 3, "Ban Phonsay", "Drinking water",
     6, "bottle", "", "", None, None),          # no unit value anywhere: value missing
    ("HH-SAV-103", "HH-SAV-103", "Thongdam Sysavath", "Yes", 6, "Ban Done", "Cash grant", 1, "",
     "", "25 USD", None, ("USD", 25.0)),        # another currency: kept apart
    (None, "HH-SAV-104", "Kham Souvannaphoum", "No", 4, "Ban Done", "", "", "", "", "", None,
     None),                                     # nothing given: not reached
]


def _district(hh: Household) -> str:
    return {"ຈຳພອນ": "ຈຳພອນ"}.get(hh.district, hh.district)


def given() -> list[Given]:
    """Everything the three lists record, as counted (the generator's own model)."""
    out = []
    for rows, day in ((WIDE_EN, ROUND1_EN), (WIDE_LAO, ROUND1_LAO)):
        for key, size, quantities in rows:
            hh = HH[key]
            fh = {"female": "yes", "male": "no"}.get(hh.sex)
            for (name, *_), q in zip(ITEMS, quantities, strict=False):
                if q is None:
                    continue
                number = q if isinstance(q, int) else None
                kip = None if number is None or UNIT_VALUE[name] is None \
                    else number * UNIT_VALUE[name]
                out.append(Given(key, day, name, number, kip, None, size, fh, hh.province,
                                 hh.district))
    for key, _, _, fh, size, _, item, q, _, _, _, kip, other in LONG:
        if key is None:
            continue
        hh = HH[key]
        out.append(Given(key, ROUND2, item, q, kip, other, size, fh.lower(), hh.province,
                         hh.district))
    return out


def _wide_sheet(wb: Workbook, title: str, titles: list[str], columns: list[str], rows,
                lao: bool, day, totals: list) -> None:
    ws = wb.create_sheet(title)
    start = title_rows(ws, titles, len(columns))
    header(ws, start, columns)
    for n, (key, size, quantities) in enumerate(rows, start=1):
        hh = HH[key]
        sex = {"female": "ຍິງ" if lao else "F", "male": "ຊາຍ" if lao else "M"}.get(hh.sex)
        province = "ສະຫວັນນະເຂດ" if lao else "Savannakhet"
        write_row(ws, start + n, [n, hh.hid, hh.head, sex, size, hh.village, hh.district,
                                  province, *quantities, day])
    last = start + len(rows)
    write_row(ws, last + 1, totals)
    write_row(ws, last + 3, ["ຜູ້ສັງລວມ: ພະແນກແຮງງານ ແລະ ສະຫວັດດີການສັງຄົມ" if lao
                             else "Prepared by: District Labour and Social Welfare Office"])


def write_distribution_workbook(path: Path) -> None:
    wb = Workbook()
    items = wb.active
    items.title = "Items"
    start = title_rows(items, ["Flood relief 2024 — items register"], 5)
    header(items, start, ["No.", "Item", "ລາຍການ", "Unit", "Unit value (LAK)"])
    for n, (name, lao, unit, typed, _) in enumerate(ITEMS, start=1):
        write_row(items, start + n, [n, name, lao, unit, typed])
    names = [name for name, *_ in ITEMS]
    en_sums = [sum(q[k] for _, _, q in WIDE_EN if isinstance(q[k], int)) for k in range(5)]
    _wide_sheet(wb, "Xaibouly", ["Flood relief distribution, round 1 — Xaibouly district",
                                 "Savannakhet province (synthetic sample data)"],
                ["No.", "Household ID", "Head of household", "Sex of head", "Household size",
                 "Village", "District", "Province", *names, "Distribution date"],
                WIDE_EN, False, ROUND1_EN,
                # The soap total is left blank: one cell says "two".
                ["Total", f"{len(WIDE_EN)} households", "", "", "", "", "", "", en_sums[0], "",
                 en_sums[2], en_sums[3], en_sums[4]])
    lao_names = [lao for _, lao, *_ in ITEMS[:4]]
    lao_sums = [sum(q[k] for _, _, q in WIDE_LAO if q[k] is not None) for k in range(4)]
    # The Lao list's total says 7 households where 6 are listed (`check`: totals-mismatch).
    _wide_sheet(wb, "ຈຳພອນ", ["ລາຍຊື່ຄອບຄົວທີ່ໄດ້ຮັບການຊ່ວຍເຫຼືອ ຮອບທີ 1 — ເມືອງຈຳພອນ"],
                ["ລ/ດ", "ລະຫັດຄອບຄົວ", "ຊື່ ຫົວໜ້າຄອບຄົວ", "ເພດ", "ຈຳນວນສະມາຊິກ", "ບ້ານ", "ເມືອງ",
                 "ແຂວງ", *lao_names, "ວັນທີ"],
                WIDE_LAO, True, ROUND1_LAO.strftime("%d/%m/%Y"),
                ["ລວມ", "7 ຄອບຄົວ", "", "", "", "", "", "", *lao_sums])
    deterministic_save(wb, path)


def write_distribution_csv(path: Path) -> None:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Household ID", "Head of household", "Female headed", "Household size",
                     "Village", "District", "Province", "Round", "Item", "Quantity", "Unit",
                     "Unit price", "Total value", "Distribution date"])
    for key, hid, head, fh, size, village, item, q, unit, price, value, _, _ in LONG:
        hh = HH.get(key) if key else None
        district = hh.district if hh else "Xaibouly"
        province = "ສະຫວັນນະເຂດ" if district == "ຈຳພອນ" else "Savannakhet"
        writer.writerow([hid, head, fh, size, village, district, province, 2, item, q, unit,
                         price, value, ROUND2.strftime("%d/%m/%Y")])
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def distribution_truth(period) -> dict:
    """DIST-1/2/3 by plain counting over what the lists record (`given`)."""
    lines = sorted((g for g in given() if in_period(g.day, period)), key=lambda g: g.day)
    latest: dict[str, dict] = {}
    for g in lines:   # attributes from the most recent record that has them
        seen = latest.setdefault(g.key, {})
        for attr in ("size", "female_headed", "province", "district"):
            if getattr(g, attr) is not None:
                seen[attr] = getattr(g, attr)
    households = list(latest.values())

    def cells(attr, weight, categories=None):
        out: dict[str, int] = {c: 0 for c in categories or []}
        for h in households:
            out[h.get(attr) or "unknown"] = out.get(h.get(attr) or "unknown", 0) + weight(h)
        return out
    kip = [g for g in lines if g.kip is not None]
    by_item: dict[str, int] = {}
    for g in kip:
        by_item[g.item] = by_item.get(g.item, 0) + int(g.kip)
    other: dict[str, float] = {}
    for g in lines:
        if g.other:
            other[g.other[0]] = other.get(g.other[0], 0) + g.other[1]
    total = int(sum(g.kip for g in kip))
    return {
        "DIST-1": {"value": len(households),
                   "district": cells("district", lambda h: 1),
                   "female_headed": cells("female_headed", lambda h: 1, ["yes", "no", "unknown"])},
        "DIST-2": {"value": sum(h.get("size") or 0 for h in households),
                   "households_without_size": sum(1 for h in households if h.get("size") is None),
                   "female_headed": cells("female_headed", lambda h: h.get("size") or 0,
                                          ["yes", "no", "unknown"])},
        "DIST-3": {"value": total, "item": dict(sorted(by_item.items())),
                   "by_currency": {"LAK": total, **other},
                   "values_missing": sum(1 for g in lines if g.kip is None and not g.other)},
    }


def truth() -> dict:
    fy2024 = (dt.date(2023, 10, 1), dt.date(2024, 9, 30))
    return {
        "all": {**attendance_truth(None), **livelihood_truth(None), **distribution_truth(None)},
        "FY2024": {**attendance_truth(fy2024), **livelihood_truth(fy2024),
                   **distribution_truth(fy2024)},
        "all_latest": {k: v for k, v in livelihood_truth(None, "latest").items()},
    }


def main() -> None:
    write_attendance_workbook(HERE / "cb_attendance_FY2024.xlsx")
    write_par_csv(HERE / "par_training_2024.csv")
    write_livelihood_workbook(HERE / "livelihood_followup.xlsx")
    write_distribution_workbook(HERE / "relief_distribution_2024.xlsx")
    write_distribution_csv(HERE / "relief_distribution_round2.csv")
    expected = truth()
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
    for period, figures in expected.items():
        print(period, {code: f["value"] for code, f in figures.items()})


if __name__ == "__main__":
    main()
