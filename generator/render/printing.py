"""Print packs: pages holding several checklists as blank paper forms, for a single print job.

One pack of every checklist (while they are few enough for one print job), and one for each
area that has checklists. Packs repeat their checklists' questions, so they are left out of search.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Area, Checklist, Content

PRINT_PACKS = "self-audit/print-packs/index.md"
# Twenty checklists make some 60 to 100 sheets of paper: beyond that nobody prints them all at once, and
# the page would grow with the content (500 checklists at national scale: one page of 25,000 questions).
# Each area's pack is there instead.
EVERY_CHECKLIST_PACK_LIMIT = 20


@dataclass(frozen=True)
class PrintPack:
    path: str
    title: str  # the page's title
    nav_title: str
    checklists: tuple[Checklist, ...]
    area: Area | None  # None for the pack of every checklist


def print_pack_path(area_id: str | None) -> str:
    """The pack of an area, or of every checklist (None). Areas sit one folder down, so no area id can clash."""
    return "self-audit/print-packs/all.md" if area_id is None else f"self-audit/print-packs/areas/{area_id}.md"


def print_packs(content: Content) -> list[PrintPack]:
    """The pack of every checklist (up to EVERY_CHECKLIST_PACK_LIMIT of them), then one per area that has
    checklists; none when there are no checklists."""
    if not content.checklists:
        return []
    packs = []
    if len(content.checklists) <= EVERY_CHECKLIST_PACK_LIMIT:
        packs.append(PrintPack(print_pack_path(None), "Print pack: every checklist", "Every checklist",
                               tuple(content.checklists), None))
    for area in content.areas:
        checklists = content.checklists_for_area(area.id)
        if checklists:
            packs.append(PrintPack(print_pack_path(area.id), f"Print pack: {area.title}", area.title,
                                   tuple(checklists), area))
    return packs

