"""A corpus of bad inputs, built by the tests (no committed binaries).

`build_unreadable(folder)` writes files that stop a run (exit 3) unless
--skip-bad-files; `build_messy(folder)` writes files that are read with warnings.
Every messy file holds one line that repeats a record of the samples exactly
(Khamla Sisavath at PAR-VTE-01), so that samples + corpus give the samples' figures.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook

HEADER = ["Name", "Sex", "Age", "Event code", "Date", "Topic", "Participant type", "Province"]
REPEAT = ["Khamla Sisavath", "F", 43, "PAR-VTE-01", "05/12/2023", "Protection and referral",
          "Government official", "Savannakhet"]


def _xlsx_bytes(rows: list[list], title: str = "List", **cells) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref, value in cells.items():
        ws[ref] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _csv_text(rows: list[list], delimiter: str = ",") -> str:
    return "\n".join(delimiter.join(str(v) for v in row) for row in rows) + "\n"


def _declare_huge(data: bytes, member: str, size: int) -> bytes:
    """Patch the central directory so that `member` declares `size` unpacked bytes."""
    out = bytearray(data)
    name = member.encode()
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46:pos + 46 + name_len] == name:
            struct.pack_into("<I", out, pos + 24, size)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


UNREADABLE = {
    # file name: (message fragment)
    "empty.csv": "the file is empty",
    "zero-bytes.xlsx": "the file is empty (0 bytes)",
    "saved-as-html.xlsx": "not an Excel workbook (the content looks like HTML)",
    "text-named.xls": "not an Excel .xls workbook",
    "truncated.xlsx": "damaged or incompletely saved",
    "encrypted.xlsx": "password-protected",
    "zip-bomb.xlsx": "over the 1.0 GiB limit",
    "only-notes.xlsx": "no sheet with a recognisable header",
}


def build_unreadable(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.csv").write_bytes(b"")
    (folder / "zero-bytes.xlsx").write_bytes(b"")
    (folder / "saved-as-html.xlsx").write_text("<html><body><table><tr><td>Name</td></tr>"
                                               "</table></body></html>", encoding="utf-8")
    (folder / "text-named.xls").write_text("Name\tSex\nA Keo\tF\n", encoding="utf-8")
    good = _xlsx_bytes([HEADER, REPEAT])
    (folder / "truncated.xlsx").write_bytes(good[: len(good) // 2])
    # What Excel writes for a password-protected .xlsx: an OLE compound file.
    (folder / "encrypted.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4088)
    (folder / "zip-bomb.xlsx").write_bytes(_declare_huge(good, "xl/worksheets/sheet1.xml",
                                                         3 * 2**30 // 2))
    (folder / "only-notes.xlsx").write_bytes(_xlsx_bytes([["Notes"], ["nothing to count"]],
                                                         title="Notes"))
    return dict(UNREADABLE)


def _ods_bytes(rows: list[list]) -> bytes:
    def cell(value) -> str:
        if isinstance(value, int | float):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
                   for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="List">'
               f"{body}</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def _legacy_xls(path: Path) -> None:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Legacy")
    ws.write(0, 0, "Legacy workbook (Excel 97-2003)")
    for c, v in enumerate(HEADER):
        ws.write(2, c, v)
    for c, v in enumerate(REPEAT):
        ws.write(3, c, v)
    wb.save(str(path))


MESSY = {
    # file name: finding codes it must raise
    "nul-bytes.csv": {"nul-bytes"},
    "mixed-line-endings.csv": set(),
    "unicode-text.txt": set(),
    "windows-1252.csv": {"encoding-fallback"},
    "semicolons.csv": set(),
    "ragged-rows.csv": {"ragged-rows", "row-without-person"},
    "header-only.xlsx": set(),
    "two-name-columns.csv": {"duplicate-column"},
    "wide-16384-columns.xlsx": set(),
    "formula-without-value.xlsx": {"formula-without-value"},
    "error-cells.xlsx": {"cell-error"},
    "dates-serial-text-garbage.xlsx": {"date-unreadable"},
    "legacy.xls": set(),
    "open-document.ods": set(),
}


def build_messy(folder: Path) -> dict[str, set[str]]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nul-bytes.csv").write_bytes(_csv_text([HEADER, REPEAT]).encode().replace(
        b"Khamla", b"Kham\x00la"))
    (folder / "mixed-line-endings.csv").write_bytes(
        (",".join(HEADER) + "\r\n" + ",".join(map(str, REPEAT)) + "\r" + "\n").encode())
    (folder / "unicode-text.txt").write_bytes(_csv_text([HEADER, REPEAT], "\t").encode("utf-16"))
    latin = [*REPEAT[:5], "Protection and referral", "Government official", "Savannakhet"]
    (folder / "windows-1252.csv").write_bytes(
        (_csv_text([[*HEADER, "Remarks"], [*latin, "Café – déjà vu"]])).encode("cp1252"))
    (folder / "semicolons.csv").write_text(_csv_text([HEADER, REPEAT], ";"), encoding="utf-8")
    (folder / "ragged-rows.csv").write_text(
        ",".join(HEADER) + "\n" + ",".join(map(str, REPEAT)) + ",extra,cells\n"
        + ",,,PAR-VTE-01\n", encoding="utf-8")
    (folder / "header-only.xlsx").write_bytes(_xlsx_bytes([HEADER]))
    (folder / "two-name-columns.csv").write_text(
        _csv_text([["Name", "Full name", *HEADER[1:]], [REPEAT[0], "Someone Else", *REPEAT[1:]]]),
        encoding="utf-8")
    (folder / "wide-16384-columns.xlsx").write_bytes(_xlsx_bytes([HEADER, REPEAT], XFD1="far"))
    (folder / "formula-without-value.xlsx").write_bytes(
        _xlsx_bytes([[*HEADER, "Days"], REPEAT], I2="=SUM(C2:C2)"))
    (folder / "error-cells.xlsx").write_bytes(_xlsx_bytes([[*HEADER, "Score"], [*REPEAT, "#REF!"]]))
    dated = [HEADER, [*REPEAT[:4], SERIAL_2023_12_05, *REPEAT[5:]],  # a serial, no date format
             [*REPEAT[:4], "2023-12-05", *REPEAT[5:]],
             [*REPEAT[:4], "sometime in December", *REPEAT[5:]]]
    (folder / "dates-serial-text-garbage.xlsx").write_bytes(_xlsx_bytes(dated))
    _legacy_xls(folder / "legacy.xls")
    (folder / "open-document.ods").write_bytes(_ods_bytes([HEADER, REPEAT]))
    return dict(MESSY)

SERIAL_2023_12_05 = (dt.date(2023, 12, 5) - dt.date(1899, 12, 30)).days
