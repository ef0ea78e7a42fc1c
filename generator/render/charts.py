"""Small horizontal bar charts, laid out at build time for SVG.

Each row puts its label above its bar, so the label takes no width from the bars: a chart is about
350 units wide and is drawn at its own size on a 390 px phone, where labels beside the bars made it
500 wide, scaled its 12 px text to 8 px and cut the last figure off.

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
BAR_HEIGHT = 16
LABEL_HEIGHT = 16  # the label's line, above its bar
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + 10
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
    bars: tuple[Bar, ...] = ()
    stacked: tuple[StackedBar, ...] = ()
    bar_height: float = BAR_HEIGHT
    # Where a row's parts sit, below the row's top: its label's baseline, its bar, the baseline of text on the bar.
    label_baseline: float = LABEL_HEIGHT - 4
    bar_top: float = LABEL_HEIGHT
    bar_baseline: float = LABEL_HEIGHT + BAR_HEIGHT - 3.5
    plot_x: float = PADDING


def _text_width(text: str) -> float:
    return len(text) * CHARACTER_WIDTH


def _label_width(labels: Sequence[str]) -> float:
    return max((_text_width(label) for label in labels), default=0)


def _chart_width(labels: Sequence[str], texts_after: Sequence[str]) -> float:
    """As wide as the widest label, or the plot and the widest text after a bar."""
    return PADDING + max(_label_width(labels), PLOT_WIDTH + GAP + _label_width(texts_after)) + PADDING


def _height(rows: int) -> float:
    return 2 * PADDING + rows * ROW_HEIGHT - (ROW_HEIGHT - LABEL_HEIGHT - BAR_HEIGHT)


def bar_chart(chart_id: str, title: str, description: str,
              bars: Sequence[tuple[str, float, str, str]], maximum: float | None = None) -> Chart:
    """bars: (label, value, text after the bar, kind). Lengths are value / maximum of the plot width."""
    maximum = maximum if maximum else max((value for _, value, _, _ in bars), default=0) or 1
    placed = tuple(
        Bar(label, value, text, kind, PADDING + index * ROW_HEIGHT, PLOT_WIDTH * value / maximum)
        for index, (label, value, text, kind) in enumerate(bars)
    )
    width = _chart_width([label for label, *_ in bars], [text for _, _, text, _ in bars])
    return Chart(chart_id, title, description, width, _height(len(bars)), bars=placed)


def stacked_bar_chart(chart_id: str, title: str, description: str,
                      rows: Sequence[tuple[str, Sequence[tuple[str, int, str, str]]]]) -> Chart:
    """rows: (label, segments); a segment is (label, value, kind, text drawn inside it if it fits).

    All bars share one scale: the largest row total spans the plot width.
    """
    totals = [sum(value for _, value, _, _ in segments) for _, segments in rows]
    maximum = max(totals, default=0) or 1
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
    width = _chart_width([label for label, _ in rows], [str(total) for total in totals])
    return Chart(chart_id, title, description, width, _height(len(rows)), stacked=tuple(placed))
