"""Ragged rows made from Python lists and from arrays hold the same rows."""

from __future__ import annotations

import numpy as np
import pytest

from interdict.matching.ragged import RaggedRows


def test_lists_and_arrays_give_the_same_rows() -> None:
    rows = [[3, 1], [], [7], [2, 2, 9]]
    from_lists = RaggedRows.of(rows, np.intp)
    from_arrays = RaggedRows.of([np.asarray(r, dtype=np.intp) for r in rows], np.intp)
    assert from_lists.values.dtype == from_arrays.values.dtype
    assert from_lists.offsets.tolist() == from_arrays.offsets.tolist() == [0, 2, 2, 3, 6]
    assert [r.tolist() for r in from_lists] == rows
    values, sizes = from_lists.gather(np.asarray([3, 0], dtype=np.intp))
    assert values.tolist() == [2, 2, 9, 3, 1]
    assert sizes.tolist() == [3, 2]


def test_no_rows_and_float_rows() -> None:
    assert len(RaggedRows.of([], np.intp)) == 0
    strengths = RaggedRows.of([[1.0, 0.85], [0.95]], np.float64)
    assert strengths.values.dtype == np.float64
    assert strengths[1].tolist() == [0.95]


def test_flat_values_and_sizes_give_the_same_rows() -> None:
    rows = [[3, 1], [], [7], [2, 2, 9]]
    flat = np.asarray([3, 1, 7, 2, 2, 9], dtype=np.intp)
    from_sizes = RaggedRows.of_sizes(flat, [2, 0, 1, 3])
    assert from_sizes.offsets.tolist() == RaggedRows.of(rows, np.intp).offsets.tolist()
    assert len(from_sizes) == 4
    values, sizes = from_sizes.gather(np.asarray([3, 1, 0], dtype=np.intp))
    assert values.tolist() == [2, 2, 9, 3, 1]
    assert sizes.tolist() == [3, 0, 2]
    assert [r.tolist() for r in from_sizes] == rows  # rows read by position after a gather
    with pytest.raises(ValueError, match="6 values for rows of 5"):
        RaggedRows.of_sizes(flat, [2, 0, 3])
