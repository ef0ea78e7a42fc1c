"""Colours for statuses, grades and ratings, given by each option's place in its scale's order.

No colour belongs to a word: the first option of a scale (most progress, best grade) takes the
first colour of one ramp, the last option its last colour, and the options between are spread
evenly along it, so a scale of any length gets distinct colours in a sensible order. Every colour
is dark enough for white text on it and for its own text on its light tint (WCAG AA, 4.5:1), and
for a bar against the page (3:1). Colour is never alone: badges carry words and a symbol, bars
their figures, next to a table. The colours are written into a stylesheet built with the site.
"""
from __future__ import annotations

from typing import Iterable, Sequence

# From best to worst: green, teal, blue, violet, purple, brown, red. Each gives at least 4.5:1 with
# white text, and with itself as text on its tint; between two of them, mixed colours do too (tested).
RAMP = ("#1b5e20", "#00695c", "#0d47a1", "#4527a0", "#6a1b9a", "#8d3a00", "#b71c1c")
NEUTRAL = "#455a64"  # not yet reviewed, assessed but not rated, not applicable
TINT = 0.1  # a badge's background: this much of its colour on white


def _channels(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def _to_linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _from_linear(value: float) -> float:
    return value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055


def _hex(channels: Iterable[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in channels)


def mix(first: str, second: str, share_of_second: float) -> str:
    """Two colours mixed in linear light, so the mixture's luminance lies between theirs."""
    return _hex(_from_linear((1 - share_of_second) * _to_linear(a) + share_of_second * _to_linear(b))
                for a, b in zip(_channels(first), _channels(second)))


def luminance(colour: str) -> float:
    red, green, blue = (_to_linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def tint(colour: str) -> str:
    return mix("#ffffff", colour, TINT)


def ramp(count: int) -> list[str]:
    """`count` colours in order, from the first of the ramp to the last."""
    if count <= 0:
        return []
    if count == 1:
        return [RAMP[0]]
    colours = []
    for index in range(count):
        place = index * (len(RAMP) - 1) / (count - 1)
        below = int(place)
        above = min(below + 1, len(RAMP) - 1)
        colours.append(RAMP[below] if place == below else mix(RAMP[below], RAMP[above], place - below))
    return colours


def tone_class(colour: str) -> str:
    return f"gs-tone--{colour[1:]}"


class Tones:
    """The colour class of each option of each scale the site uses, and the stylesheet defining them."""

    def __init__(self):
        self._classes: dict[tuple[str, str], str] = {}
        self._colours: set[str] = {NEUTRAL}

    def add_scale(self, kind: str, option_ids: Sequence[str], neutral: Iterable[str] = ()) -> None:
        """A scale's options in order; those in `neutral` (not applicable) take the neutral colour, not a place."""
        neutral = set(neutral)
        ordered = [option for option in option_ids if option not in neutral]
        for option, colour in zip(ordered, ramp(len(ordered))):
            self._set(kind, option, colour)
        for option in neutral:
            self._set(kind, option, NEUTRAL)

    def _set(self, kind: str, option: str, colour: str) -> None:
        self._classes[(kind, option)] = tone_class(colour)
        self._colours.add(colour)

    def of(self, kind: str, option: str) -> str:
        """The class for an option; the neutral one for anything the scale does not order."""
        return self._classes.get((kind, option), tone_class(NEUTRAL))

    def stylesheet(self) -> str:
        rules = []
        for colour in sorted(self._colours):
            name = tone_class(colour)
            rules.append(f".{name}{{color:{colour};background-color:{tint(colour)}}}")
            rules.append(f".gs-chart__bar.{name}{{fill:{colour}}}")
        return "/* Generated from the content's scales (generator/render/tones.py). */\n" + "\n".join(rules) + "\n"
