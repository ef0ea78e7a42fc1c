"""Small horizontal bar charts, laid out at build time for SVG.

This module only does the geometry; ``templates/_charts.md.j2`` draws the SVG through
autoescaped Jinja. No chart library, nothing loaded in the browser. A chart is never the
only way to read its figures: every chart sits beside a table with the same numbers, and
each bar also carries its figure (and a symbol where colour would otherwise tell things apart).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

# Pixel sizes in the SVG's own coordinates; the SVG scales to the width it is given.
FONT_SIZE = 12
CHARACTER_WIDTH = 7  # a generous average width of a character at FONT_SIZE in a sans-serif font
ROW_HEIGHT = 26
BAR_HEIGHT = 16
PLOT_WIDTH = 260
GAP = 8
PADDING = 4


@dataclass(frozen=True)
class Bar:
    label: str  # left of the bar
    value: float
    text: str  # right of the bar, e.g. "17 (53.1%)"
    kind: str  # the CSS class choosing the fill: the tone of a status or rating (tones.py)
    y: float
    width: float


@dataclass(frozen=True)
class Segment:
    label: str
    value: int
    kind: str
    text: str  # drawn inside the segment when it fits, e.g. "◐ 2"
    x: float
    width: float
    text_fits: bool


@dataclass(frozen=True)
class StackedBar:
    label: str
    total_text: str
    y: float
    segments: tuple[Segment, ...]
    end: float  # x where the last segment ends


@dataclass(frozen=True)
class Chart:
    id: str  # unique on the page; used for the SVG's title and description
    title: str
    description: str
    width: float
    height: float
    label_width: float
    bars: tuple[Bar, ...] = ()
    stacked: tuple[StackedBar, ...] = ()
    bar_height: float = BAR_HEIGHT

    @property
    def plot_x(self) -> float:
        return PADDING + self.label_width + GAP


def _text_width(text: str) -> float:
    return len(text) * CHARACTER_WIDTH


def _label_width(labels: Sequence[str]) -> float:
    return max((_text_width(label) for label in labels), default=0)


def bar_chart(chart_id: str, title: str, description: str,
              bars: Sequence[tuple[str, float, str, str]], maximum: float | None = None) -> Chart:
    """bars: (label, value, text after the bar, kind). Lengths are value / maximum of the plot width."""
    maximum = maximum if maximum else max((value for _, value, _, _ in bars), default=0) or 1
    label_width = _label_width([label for label, *_ in bars])
    text_width = _label_width([text for _, _, text, _ in bars])
    placed = tuple(
        Bar(label, value, text, kind, PADDING + index * ROW_HEIGHT, PLOT_WIDTH * value / maximum)
        for index, (label, value, text, kind) in enumerate(bars)
    )
    width = PADDING + label_width + GAP + PLOT_WIDTH + GAP + text_width + PADDING
    return Chart(chart_id, title, description, width, 2 * PADDING + len(bars) * ROW_HEIGHT, label_width, bars=placed)


def stacked_bar_chart(chart_id: str, title: str, description: str,
                      rows: Sequence[tuple[str, Sequence[tuple[str, int, str, str]]]]) -> Chart:
    """rows: (label, segments); a segment is (label, value, kind, text drawn inside it if it fits).

    All bars share one scale: the largest row total spans the plot width.
    """
    totals = [sum(value for _, value, _, _ in segments) for _, segments in rows]
    maximum = max(totals, default=0) or 1
    label_width = _label_width([label for label, _ in rows])
    placed = []
    for index, ((label, segments), total) in enumerate(zip(rows, totals)):
        x = 0.0
        parts = []
        for segment_label, value, kind, text in segments:
            if value <= 0:
                continue
            width = PLOT_WIDTH * value / maximum
            parts.append(Segment(segment_label, value, kind, text, x, width, _text_width(text) + 4 <= width))
            x += width
        placed.append(StackedBar(label, str(total), PADDING + index * ROW_HEIGHT, tuple(parts), x))
    total_width = _label_width([str(total) for total in totals])
    width = PADDING + label_width + GAP + PLOT_WIDTH + GAP + total_width + PADDING
    return Chart(chart_id, title, description, width, 2 * PADDING + len(rows) * ROW_HEIGHT, label_width,
                 stacked=tuple(placed))
