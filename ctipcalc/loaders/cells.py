"""Test every cell of a raw column while looking at each distinct value only once.

Raw columns come in four shapes — Arrow dictionary blocks (a CSV's name column), Arrow
strings, categoricals (few-valued columns, Excel bodies) and plain objects — and the
blank-row, totals and Excel-error scans all ask the same of them: which cells pass a test.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def arrow_chunks(values: pd.Series | pd.Index) -> pa.ChunkedArray | None:
    """The Arrow data behind an Arrow-backed column or index (zero-copy, through the
    public Arrow protocol); None for a numpy-backed one."""
    array = values.array
    if isinstance(array, pd.arrays.ArrowExtensionArray):
        return array.__arrow_array__()
    return None


def cells_where(column: pd.Series, arrow_test: Callable, value_test: Callable) -> np.ndarray:
    """Which cells of `column` pass, as a boolean array; blank cells never do.

    `arrow_test` (pyarrow, returning booleans) is run on Arrow text — each block's
    dictionary, the strings, or text categories; `value_test` (one Python value) on the
    distinct values of any other column. The results are spread to the rows by codes.
    """
    array = arrow_chunks(column)
    if array is not None and pa.types.is_dictionary(array.type):
        parts = []
        for chunk in array.chunks:
            per_value = _booleans(arrow_test(chunk.dictionary))
            # The usual answer (no cell passes) needs no look at the block's indices.
            parts.append(_spread(per_value, pc.fill_null(chunk.indices, -1).to_numpy(
                zero_copy_only=False)) if per_value.any() else np.zeros(len(chunk), dtype=bool))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)
    if array is not None:
        return _booleans(arrow_test(array))
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, uniques = column.cat.codes.to_numpy(), column.cat.categories
        text = arrow_chunks(uniques)
        if text is not None:
            return _spread(_booleans(arrow_test(text)), codes)
    else:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return _spread(np.array([bool(value_test(v)) for v in uniques], dtype=bool), codes)


def _booleans(result) -> np.ndarray:
    return pc.fill_null(result, False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def _spread(per_value: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """per_value[codes], False where the code is −1 (a blank cell)."""
    if not per_value.any():
        return np.zeros(len(codes), dtype=bool)  # the usual answer: no gather needed
    if per_value.all() and not (codes < 0).any():
        return np.ones(len(codes), dtype=bool)
    return np.append(per_value, False)[codes]
