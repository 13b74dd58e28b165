"""`ctipcalc template`: a blank data-entry workbook whose sheets arrive clean."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .config import Config
from .output import write_atomic
from .render.machine import strip_control

# (canonical field, English header, Lao header, list of allowed values or None)
SHEETS = {
    "events": ("Events", [
        ("event_id", "Event code", "ລະຫັດກິດຈະກຳ", None),
        ("event_title", "Event title", "ກິດຈະກຳ", None),
        ("topic", "Topic", "ຫົວຂໍ້", "topic"),
        ("event_date", "Start date", "ວັນທີ", "date"),
        ("end_date", "End date", "ວັນທີສິ້ນສຸດ", "date"),
        ("province", "Province", "ແຂວງ", "province"),
        ("district", "District", "ເມືອງ", None),
    ]),
    "attendance": ("Attendance", [
        ("event_id", "Event code", "ລະຫັດກິດຈະກຳ", None),
        ("name", "Name and surname", "ຊື່ ແລະ ນາມສະກຸນ", None),
        ("sex", "Sex", "ເພດ", "sex"),
        ("age", "Age", "ອາຍຸ", "age"),
        ("position", "Position", "ຕຳແໜ່ງ", None),
        ("organization", "Organization", "ອົງການ", None),
        ("participant_type", "Participant type", "ປະເພດຜູ້ເຂົ້າຮ່ວມ", "participant_type"),
        ("province", "Province", "ແຂວງ", "province"),
        ("district", "District", "ເມືອງ", None),
        ("phone", "Phone", "ເບີໂທ", None),
        ("signature", "Signature", "ລາຍເຊັນ", None),  # read back as a column to ignore
    ]),
    "livelihood": ("Livelihood", [
        ("beneficiary_id", "Beneficiary ID", "ລະຫັດຜູ້ໄດ້ຮັບຜົນປະໂຫຍດ", None),
        ("name", "Beneficiary name", "ຊື່ ແລະ ນາມສະກຸນ", None),
        ("sex", "Sex", "ເພດ", "sex"),
        ("age", "Age", "ອາຍຸ", "age"),
        ("beneficiary_type", "Beneficiary type", "ປະເພດຜູ້ໄດ້ຮັບຜົນປະໂຫຍດ", "beneficiary_type"),
        ("province", "Province", "ແຂວງ", "province"),
        ("support", "Support received", "ການຊ່ວຍເຫຼືອ", None),
        ("support_date", "Date support received", "ວັນທີໄດ້ຮັບການຊ່ວຍເຫຼືອ", "date"),
        ("followup_round", "Follow-up round", "ຮອບຕິດຕາມ", "round"),
        ("followup_date", "Follow-up date", "ວັນທີຕິດຕາມ", "date"),
        ("employment_status", "Employment status", "ສະຖານະການເຮັດວຽກ", "employment_status"),
    ]),
}
ROWS = 500  # rows prepared with drop-downs
HEADER_ROW = 3


#: The template's own words: the employment status's `unknown` is offered as "Lost to
#: follow-up". Every other word is the config's [labels] (defaults.toml).
_OWN = {"en": {"employment_status": {"unknown": "Lost to follow-up"}},
        "lo": {"employment_status": {"unknown": "ຕິດຕາມບໍ່ໄດ້"}}}


def label(config: Config, vocabulary: str, key: str, lang: str = "en") -> str | None:
    """A category's word in `lang`: the config's [labels] (defaults.toml, and the user's);
    in English a key without one reads as words ("local_structure" → "Local
    structure"); None in Lao when there is no Lao word."""
    own = _OWN[lang].get(vocabulary, {}).get(key)
    if own:
        return own
    found = config.labels.get(lang, {}).get(vocabulary, {}).get(key)
    if found or lang != "en":
        return found
    from .render.words import Words

    return Words(config, "en").category(vocabulary, key)


def choices(config: Config, vocabulary: str) -> list[str]:
    """The drop-down values of a vocabulary, in English and Lao ("Female / ຍິງ"): labels
    that read back as their keys (either half of "English / Lao" names the category)."""
    if vocabulary == "sex":
        keys = ["female", "male"]
    elif vocabulary == "province":
        keys = list(config.vocab_canonical["province"])
    else:
        # The employment status keeps "unknown": offered as "Lost to follow-up".
        keys = [k for k in config.vocab_canonical[vocabulary]
                if k != "unknown" or vocabulary == "employment_status"]
    values = []
    for key in keys:
        english, lao = label(config, vocabulary, key), label(config, vocabulary, key, "lo")
        values.append(header_text(english, lao) if lao else english)
    return values


def header_text(english: str, lao: str) -> str:
    """'Sex / ເພດ': read back by the bilingual-header rule (either half matches)."""
    return f"{english} / {lao}"


def build_template(config: Config, kinds: list[str]):
    wb = Workbook()
    lists = wb.active
    lists.title = "Lists"
    list_ranges: dict[str, str] = {}
    list_widths: dict[str, int] = {}
    vocabularies = sorted({v for kind in kinds for *_, v in SHEETS[kind][1]
                           if v and v not in ("date", "age", "round")})
    for column, vocabulary in enumerate(vocabularies, start=1):
        values = choices(config, vocabulary)
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=vocabulary).font = Font(bold=True)
        for i, value in enumerate(values, start=2):
            lists.cell(row=i, column=column, value=strip_control(value))
        list_ranges[vocabulary] = f"Lists!${letter}$2:${letter}${len(values) + 1}"
        lists.column_dimensions[letter].width = max(len(v) for v in values) + 4
        list_widths[vocabulary] = max(len(v) for v in values) + 2
    for kind in kinds:
        title, fields = SHEETS[kind]
        ws = wb.create_sheet(title)
        ws.cell(row=1, column=1, value=f"{title} — fill one row per "
                + {"events": "event", "attendance": "participant per event",
                   "livelihood": "beneficiary per follow-up round"}[kind]).font = Font(bold=True, size=13)
        for col, (_, english, lao, vocabulary) in enumerate(fields, start=1):
            cell = ws.cell(row=HEADER_ROW, column=col, value=header_text(english, lao))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE4EE")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            letter = get_column_letter(col)
            width = 24 if english == "Signature" else max(14, len(english) + 4)
            if vocabulary in list_widths:  # a drop-down shows its longest value (to 40)
                width = max(width, min(list_widths[vocabulary], 40))
            ws.column_dimensions[letter].width = width
            area = f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + ROWS}"
            if vocabulary in list_ranges:
                rule = DataValidation(type="list", formula1=list_ranges[vocabulary],
                                      allow_blank=True, showErrorMessage=True,
                                      errorTitle="Not in the list",
                                      error="Choose a value from the list.")
            elif vocabulary == "date":
                rule = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                                      formula2="DATE(2100,12,31)", allow_blank=True,
                                      showErrorMessage=True, error="Enter a date (dd/mm/yyyy).")
                for row in range(HEADER_ROW + 1, HEADER_ROW + ROWS + 1):
                    ws.cell(row=row, column=col).number_format = "dd/mm/yyyy"
            elif vocabulary == "age":
                rule = DataValidation(type="whole", operator="between", formula1="0",
                                      formula2="110", allow_blank=True, showErrorMessage=True,
                                      error="Enter the age in whole years (0–110).")
            elif vocabulary == "round":
                rule = DataValidation(type="whole", operator="between", formula1="1",
                                      formula2="20", allow_blank=True)
            else:
                continue
            ws.add_data_validation(rule)
            rule.add(area)
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
        ws.row_dimensions[HEADER_ROW].height = 48  # three lines: English and Lao
        _print_setup(ws, title)
    lists.sheet_state = "hidden"
    wb.active = 1
    return wb


def _print_setup(ws, title: str) -> None:
    """Printed as a paper form: landscape A4, one page wide, the header row on every
    page, grid lines to write in, the sheet's name and page numbers in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.gridLines = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.left.text = title
    ws.oddFooter.right.text = "Page &P of &N"


def write_template(config: Config, output: str | Path, kind: str | None = None) -> None:
    """Write the template for one kind (attendance comes with the Events register) or all."""
    if kind in ("distribution", "items"):
        workbook = build_distribution_template(config)
        write_atomic(output, lambda tmp: workbook.save(tmp))
        return
    if kind is None:
        kinds = ["events", "attendance", "livelihood"]
    elif kind == "attendance":
        kinds = ["events", "attendance"]
    else:
        kinds = [kind]
    workbook = build_template(config, kinds)
    write_atomic(output, lambda tmp: workbook.save(tmp))


# --------------------------------------------------------------------------- distributions
#: The items register and the distribution list (long: one row per household per item).
DISTRIBUTION_ITEMS = [("Item", "ສິ່ງຂອງ", None), ("Item (Lao)", "ລາຍການ", None),
                      ("Unit", "ຫົວໜ່ວຍ", None), ("Unit value (LAK)", "ລາຄາຕໍ່ຫົວໜ່ວຍ", "amount")]
DISTRIBUTION_LIST = [
    ("Household ID", "ລະຫັດຄອບຄົວ", None), ("Head of household", "ຫົວໜ້າຄອບຄົວ", None),
    ("Sex of head", "ເພດ", "sex"), ("Female-headed", "ຄອບຄົວທີ່ມີແມ່ຍິງເປັນຫົວໜ້າ", "yes_no"),
    ("Household size", "ຈຳນວນສະມາຊິກ", "size"), ("Village", "ບ້ານ", None),
    ("District", "ເມືອງ", None), ("Province", "ແຂວງ", "province"),
    ("Distribution round", "ຮອບ", "round"), ("Distribution date", "ວັນທີແຈກຢາຍ", "date"),
    ("Item", "ສິ່ງຂອງ", "item"), ("Quantity", "ຈຳນວນ", "amount"), ("Unit", "ຫົວໜ່ວຍ", None),
    ("Unit value (LAK)", "ລາຄາຕໍ່ຫົວໜ່ວຍ", "amount"), ("Value (LAK)", "ມູນຄ່າລວມ", "amount")]


def build_distribution_template(config: Config):
    """`ctipcalc template --kind distribution`: an Items register (names in English and
    Lao, unit, unit value in kip) and a Distribution sheet, one row per household per item,
    whose Item column chooses from the register."""
    wb = Workbook()
    lists = wb.active
    lists.title = "Lists"
    values = {"sex": ["Female", "Male"], "yes_no": ["Yes", "No"],
              "province": list(config.vocab_canonical["province"])}
    ranges = {}
    for column, (name, options) in enumerate(values.items(), start=1):
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=name).font = Font(bold=True)
        for i, value in enumerate(options, start=2):
            lists.cell(row=i, column=column, value=value)
        ranges[name] = f"Lists!${letter}$2:${letter}${len(options) + 1}"
    ranges["item"] = f"Items!$A${HEADER_ROW + 1}:$A${HEADER_ROW + 200}"
    for title, heading, fields in (
            ("Items", "Items register — one row per item: its names, unit and unit value",
             DISTRIBUTION_ITEMS),
            ("Distribution", "Distribution list — one row per household per item",
             DISTRIBUTION_LIST)):
        ws = wb.create_sheet(title)
        ws.cell(row=1, column=1, value=heading).font = Font(bold=True, size=13)
        for col, (english, lao, rule_of) in enumerate(fields, start=1):
            cell = ws.cell(row=HEADER_ROW, column=col, value=header_text(english, lao))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE4EE")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            letter = get_column_letter(col)
            ws.column_dimensions[letter].width = max(14, len(english) + 4)
            rule = _distribution_rule(rule_of, ranges)
            if rule is None:
                continue
            if rule_of == "date":
                for row in range(HEADER_ROW + 1, HEADER_ROW + ROWS + 1):
                    ws.cell(row=row, column=col).number_format = "dd/mm/yyyy"
            ws.add_data_validation(rule)
            rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + ROWS}")
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
        ws.row_dimensions[HEADER_ROW].height = 32
    lists.sheet_state = "hidden"
    wb.active = 2
    return wb


def _distribution_rule(kind: str | None, ranges: dict[str, str]) -> DataValidation | None:
    if kind in ranges:
        return DataValidation(type="list", formula1=ranges[kind], allow_blank=True,
                              showErrorMessage=kind != "item", errorTitle="Not in the list",
                              error="Choose a value from the list.")
    if kind == "date":
        return DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                              formula2="DATE(2100,12,31)", allow_blank=True,
                              showErrorMessage=True, error="Enter a date (dd/mm/yyyy).")
    if kind == "size":
        return DataValidation(type="whole", operator="between", formula1="1", formula2="50",
                              allow_blank=True, showErrorMessage=True,
                              error="Enter the number of people in the household.")
    if kind == "round":
        return DataValidation(type="whole", operator="between", formula1="1", formula2="20",
                              allow_blank=True)
    if kind == "amount":
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True, showErrorMessage=True,
                              error="Enter a number, 0 or more (kip: no separators needed).")
    return None
