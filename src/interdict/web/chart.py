"""The dashboard's bar chart of alerts per day, laid out here and drawn as inline SVG.

Computing the geometry in Python keeps the page free of JavaScript and of any chart
library: the template only writes out rectangles and labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

CHART_WIDTH_PX = 1040
CHART_HEIGHT_PX = 180
AXIS_PX = 20


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: date
    count: int
    labelled: bool


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    baseline: int
    peak: int
    bars: tuple[Bar, ...]


def daily_chart(counts: Sequence[int], first_day: date) -> Chart:
    """Bars scaled to the busiest day; every seventh day carries a date label."""
    peak = max(counts, default=0) or 1
    slot = CHART_WIDTH_PX / max(len(counts), 1)
    usable = CHART_HEIGHT_PX - AXIS_PX - 10
    bars = []
    for i, count in enumerate(counts):
        height = usable * count / peak
        bars.append(
            Bar(
                x=round(i * slot + 1, 1),
                y=round(CHART_HEIGHT_PX - AXIS_PX - height, 1),
                width=round(max(slot - 2, 1), 1),
                height=round(height, 1),
                day=first_day + timedelta(days=i),
                count=count,
                labelled=(len(counts) - 1 - i) % 7 == 0,
            )
        )
    return Chart(CHART_WIDTH_PX, CHART_HEIGHT_PX, CHART_HEIGHT_PX - AXIS_PX, peak, tuple(bars))
