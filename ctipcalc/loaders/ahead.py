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
from .discover import InputFile, Inputs, find_inputs
from .raw import RawSheet, read_file

if TYPE_CHECKING:
    from .names import FoldAhead
    from .sheets import SheetLayout

log = logging.getLogger(__name__)

#: Memory guard for reading ahead: a workbook that unpacks to more is not read early.
LIMIT = 1 << 30


@dataclass
class FirstFile:
    """What was done ahead for the first file: its laid-out sheets, and the name folding
    started for a text sheet's kind."""

    file: InputFile
    stamp: tuple
    sheets: list[tuple[RawSheet, SheetLayout]]
    names: dict[str, FoldAhead] = field(default_factory=dict)


class ReadAhead:
    """A read of the first input file started early; see the module docstring."""

    def __init__(self, paths: list, config_path, kind: str | None, inputs: Inputs):
        self.paths = [os.fspath(p) for p in paths]
        self.config_path = config_path
        self.kind = kind
        self.inputs = inputs
        self._config: Future | None = None
        self._first: Future | None = None

    @classmethod
    def start(cls, paths, config_path: str | Path | None = None,
              kind: str | None = None) -> ReadAhead | None:
        """Start reading; None when there is nothing to read ahead. Never raises: any
        problem is met again, and reported, by the read itself."""
        try:
            inputs = find_inputs(list(paths))
            files = inputs.files
            stamp = _stamp(files[0])
        except Exception as exc:
            log.debug("not reading ahead: %s", exc)
            return None
        ahead = cls(list(paths), config_path, kind, inputs)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ctipcalc-ahead")
        config = Future()
        ahead._config = config
        ahead._first = pool.submit(ahead._read_first, files[0], stamp, config)
        pool.shutdown(wait=False)
        return ahead

    def _read_first(self, file: InputFile, stamp: tuple, config: Future) -> FirstFile:
        try:
            sheets = read_file(file, LIMIT)
        finally:
            try:
                config.set_result(load_config(self.config_path))
            except Exception as exc:
                config.set_exception(exc)
        cfg = config.result()
        from .sheets import lay_out

        first = FirstFile(file, stamp, lay_out(sheets, file, cfg, self.kind))
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
        from .names import FoldAhead, NameFolder

        first.names[lay.kind] = FoldAhead(NameFolder(cfg), table.column(min(asked.names)))

    # ---- taken by the read ---------------------------------------------------------
    def config_for(self, config_path) -> Config | None:
        """The config read ahead, when the run asks for the same one."""
        if self._config is None or config_path != self.config_path:
            return None
        try:
            return self._config.result()
        except Exception as exc:
            log.debug("config read ahead not used: %s", exc)
            return None

    def inputs_for(self, paths) -> Inputs | None:
        """The input files found ahead, when the run reads the same paths."""
        return self.inputs if [os.fspath(p) for p in paths] == self.paths else None

    def take(self, file: InputFile, config: Config, kind: str | None) -> FirstFile | None:
        """What was read ahead for `file`, once, when it was read with `config` and `kind`
        and the file has not changed since; else None (with a debug note)."""
        if self._first is None:
            return None
        future, self._first = self._first, None
        try:
            first = future.result()
        except Exception as exc:
            log.debug("first file read ahead not used: %s", exc)
            return None
        if first.file.path != file.path or self.kind != kind:
            log.debug("first file read ahead not used: another file or kind")
            return None
        if self.config_for(self.config_path) is not config:
            log.debug("first file read ahead not used: the run has another config")
            return None
        try:
            if _stamp(file) != first.stamp:
                log.debug("first file read ahead not used: %s changed since", file.display)
                return None
        except OSError:
            return None
        return first


def _stamp(file: InputFile) -> tuple:
    stat = file.path.stat()
    return (str(file.path.resolve()), stat.st_size, stat.st_mtime_ns)
