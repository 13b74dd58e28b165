"""Reading ahead: the command line starts reading the first input file on a thread
before it imports pandas (0.4 s), and hands the work over to the read explicitly.

    ahead = ReadAhead.start(paths, config_path, kind)     # before `import pandas`
    ctipcalc.summarize(paths, config_path, ..., ahead=ahead)

On the thread: the first file is read (calamine, file reads and pyarrow's parser release
the GIL), the config loaded, the sheets laid out, a CSV parsed with pyarrow, and its name
column's spellings folded on one more thread. `loaders.load` then takes what fits —
the same files, config and kind, a file unchanged since — and does the rest as usual.
Whatever cannot be used is done again by the normal path, which meets (and reports) any
problem; a debug log says why. Nothing here imports pandas, and nothing is kept in a
module: the object is created by the command and passed down.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config, load_config
from .discover import EXCEL_SUFFIXES, InputFile, Inputs, find_inputs
from .raw import RawSheet, read_file

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from .names import FoldedSpellings, NameFolder
    from .sheets import SheetLayout

log = logging.getLogger(__name__)

#: Memory guard for reading ahead: a workbook that unpacks to more is not read early.
LIMIT = 1 << 30


@dataclass
class FirstFile:
    """What was done ahead for the first file: its laid-out sheets, and the name folding
    started for a text sheet's kind."""

    sheets: list[tuple[RawSheet, SheetLayout]]
    names: dict[str, FoldAhead] = field(default_factory=dict)


class ReadAhead:
    """A read of the first input file started early; see the module docstring."""

    def __init__(self, paths: list, config_path, kind: str | None, inputs: Inputs):
        self.paths = [os.fspath(p) for p in paths]
        self.config_path = config_path
        self.kind = kind
        self.inputs = inputs
        self.first = inputs.files[0]
        self.stamp = _stamp(self.first)
        self._config: Future = Future()
        self._read: Future | None = None

    @classmethod
    def start(cls, paths, config_path: str | Path | None = None,
              kind: str | None = None) -> ReadAhead | None:
        """Start reading; None when there is nothing to read ahead. Never raises: any
        problem is met again, and reported, by the read itself."""
        try:
            ahead = cls(list(paths), config_path, kind, find_inputs(list(paths)))
        except Exception as exc:
            log.debug("not reading ahead: %s", exc)
            return None
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ctipcalc-ahead")
        ahead._read = pool.submit(ahead._read_first)
        pool.shutdown(wait=False)
        # The config here, while the file is read (calamine and file reads release the
        # GIL): a mistake in it, or in the options, is then reported without waiting.
        try:
            ahead._config.set_result(load_config(config_path))
        except Exception as exc:
            ahead._config.set_exception(exc)
        return ahead

    def _read_first(self) -> FirstFile:
        sheets = read_file(self.first, LIMIT)
        cfg = self._config.result()
        from .sheets import lay_out

        first = FirstFile(lay_out(sheets, self.first, cfg, self.kind))
        for raw, lay in first.sheets:
            self._parse_ahead(first, raw, lay, cfg)
        return first

    @staticmethod
    def _parse_ahead(first: FirstFile, raw: RawSheet, lay: SheetLayout, cfg: Config) -> None:
        """A text sheet's body parsed with pyarrow (no pandas needed), and its names folded
        on one more thread."""
        from .delimited import DelimitedText

        if lay.kind is None or not isinstance(raw.body, DelimitedText):
            return
        from .rows import request

        asked = request(raw, lay)
        table, _ = raw.body.parse(asked)
        if isinstance(table, Exception) or not asked.names or lay.kind in first.names:
            return
        from .names import NameFolder

        first.names[lay.kind] = FoldAhead(NameFolder(cfg), table.column(min(asked.names)))

    # ---- taken by the read ---------------------------------------------------------
    def config_for(self, config_path) -> Config | None:
        """The config read ahead, when the run asks for the same one."""
        if config_path != self.config_path:
            return None
        try:
            return self._config.result()
        except Exception as exc:
            log.debug("config read ahead not used: %s", exc)
            return None

    def inputs_for(self, paths) -> Inputs | None:
        """The input files found ahead, when the run reads the same paths."""
        return self.inputs if [os.fspath(p) for p in paths] == self.paths else None

    def take(self, file: InputFile, config: Config, kind: str | None,
             max_unpacked: int) -> FirstFile | None:
        """What was read ahead for `file`, once, when it was read with `config` and `kind`
        and the file has not changed since; else None (with a debug note). A workbook is
        checked again against the run's own `max_unpacked`."""
        if self._read is None:
            return None
        future, self._read = self._read, None
        if file.path != self.first.path or kind != self.kind:
            log.debug("first file read ahead not used: another file or kind")
            return None
        if self.config_for(self.config_path) is not config:
            log.debug("first file read ahead not used: the run has another config")
            return None
        try:
            first = future.result()
        except Exception as exc:
            log.debug("first file read ahead not used: %s", exc)
            return None
        try:
            changed = _stamp(file) != self.stamp
        except OSError as exc:
            changed = True
            log.debug("first file read ahead not used: %s", exc)
        if changed:
            log.debug("first file read ahead not used: %s changed since", file.display)
            return None
        if file.suffix in EXCEL_SUFFIXES:
            from .excel import check_container

            check_container(file, max_unpacked)  # read ahead under its own limit
        return first


class FoldAhead:
    """The spellings of a CSV's name column, folded on a thread as soon as the parser has
    dictionary-encoded them. `take` hands the fold over for a column made of blocks with
    these dictionaries."""

    def __init__(self, folder: NameFolder, blocks: pa.ChunkedArray):
        from .names import merge_blocks

        self.dictionaries = [chunk.dictionary for chunk in blocks.chunks]

        def fold():
            values, per_block = merge_blocks(self.dictionaries)
            return per_block, folder.fold_spellings(values)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ctipcalc-names")
        self.future: Future = pool.submit(fold)
        pool.shutdown(wait=False)

    def take(self, column: pd.Series) -> tuple[FoldedSpellings, np.ndarray] | None:
        """(the fold, each row's index into the folded spellings), or None — with a debug
        note saying why — when the column is not made of the blocks folded."""
        import pyarrow as pa

        from .cells import arrow_chunks
        from .names import block_rows

        blocks = arrow_chunks(column)
        if blocks is None or not pa.types.is_dictionary(blocks.type):
            log.debug("names folded ahead not used: the name column is not the parser's")
            return None
        dictionaries = [chunk.dictionary for chunk in blocks.chunks]
        if len(dictionaries) != len(self.dictionaries) or not all(
                a.equals(b) for a, b in zip(dictionaries, self.dictionaries, strict=True)):
            log.debug("names folded ahead not used: the name column has other blocks")
            return None
        try:
            per_block, folded = self.future.result()
        except Exception as exc:  # folded again by the caller, which meets the problem
            log.debug("names folded ahead not used: %s", exc)
            return None
        return folded, block_rows(per_block, blocks)


def _stamp(file: InputFile) -> tuple:
    stat = file.path.stat()
    return (str(file.path.resolve()), stat.st_size, stat.st_mtime_ns)
