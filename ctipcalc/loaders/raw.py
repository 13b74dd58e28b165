"""Raw sheets: cell values with the row numbers Excel shows, before any header is read.

A reader (excel.py, delimited.py) turns a file into RawSheets. A RawSheet's `head` (its
first rows) is what the header search looks at; its `body` gives the rows below the
header once the layout is known, as a DataFrame whose index is the Excel row number.
Nothing here imports pandas at module level: the first file is read ahead while pandas
loads (see ahead.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..errors import InputError
from .discover import EXCEL_SUFFIXES, InputFile

if TYPE_CHECKING:
    import pandas as pd

#: Rows kept in `RawSheet.head` for the header search.
HEAD_ROWS = 50
EXCEL_ERRORS = frozenset({"#REF!", "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#VALUE!",
                          "#GETTING_DATA", "#SPILL!", "#CALC!"})


@dataclass(frozen=True)
class BodyRequest:
    """What a sheet body is asked for, once its layout is known: the rows below the
    (1-based) `header_row`, columns 0..width-1; the `categorical` columns (few distinct
    values) as categoricals; the `names` columns (many values, each repeated) as
    categoricals too, or, from a text file, as Arrow dictionaries block by block."""

    header_row: int
    width: int
    categorical: frozenset[int] = frozenset()
    names: frozenset[int] = frozenset()


class Body(Protocol):
    def frame(self, request: BodyRequest) -> pd.DataFrame:
        """The rows below the header, indexed by Excel row number, columns 0..width-1."""
        ...

    def release(self) -> None:
        """The sheet's tables are read: let go of what only reading them needed."""
        ...


@dataclass
class RawSheet:
    """One sheet's cells: `head` (its first rows, from Excel row `head_first_row`) and
    a `body` to ask for the rows below the header."""

    file: InputFile
    name: str | None
    head: list[list]
    head_first_row: int
    body: Body
    notes: list[tuple[str, str]] = field(default_factory=list)  # (code, text) from reading
    hidden: bool = False
    #: Cells calamine reads as blank although they are not: (code, row, column index, text).
    cell_notes: list[tuple[str, int, int, str]] = field(default_factory=list)
    #: Rows with cells merged across columns (a heading over a list): Excel row → the
    #: (first, last) column indexes of each merge.
    merged_rows: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def read_bytes(file: InputFile, size: int = -1) -> bytes:
    """The file's first `size` bytes (all by default), read-only, errors made readable."""
    try:
        if size < 0:
            return file.path.read_bytes()
        with file.path.open("rb") as handle:
            return handle.read(size)
    except PermissionError:
        raise InputError("permission denied", file=file.display,
                         hint="ask the owner for read access or copy the file") from None
    except OSError as exc:
        raise InputError(f"cannot open ({exc.strerror or exc})", file=file.display,
                         hint="check the path, and that the file is not being written to") from None


def as_categoricals(frame: pd.DataFrame, columns: frozenset[int]) -> pd.DataFrame:
    """Turn the object-dtype `columns` of a body into categoricals, factorised once, so
    that the blank-row scan and normalisation reuse the codes."""
    import pandas as pd

    for col in columns:
        if col in frame.columns and frame[col].dtype == object:
            codes, uniques = pd.factorize(frame[col], use_na_sentinel=True)
            # All text (the usual case): Arrow-backed categories, which the scans and the
            # normalisation read with pyarrow, as they do the CSV parser's.
            text = pd.api.types.infer_dtype(uniques, skipna=False) == "string"
            frame[col] = pd.Categorical.from_codes(
                codes, categories=pd.Index(uniques, dtype="str" if text else object))
    return frame


def read_file(file: InputFile, max_unpacked: int) -> list[RawSheet]:
    """A file's sheets, by its type."""
    if file.suffix in EXCEL_SUFFIXES:
        from .excel import read_workbook

        return read_workbook(file, max_unpacked)
    from .delimited import read_delimited

    return read_delimited(file)
