"""Search lands on the guidance: what the built index and search worker carry for it.

The queries officers type, and the page each must find first, are run in Chromium in
test_findability_browser.py; this checks the means: each page's rank in the index, titles that
do not outweigh everything else, and the small query script inside the search worker.
"""
from __future__ import annotations

import json

from conftest import SHIPPED_CONTENT
from generator.content import load_content
from generator.render.site import (
    GLOSSARY, HOME, SEARCH_RANK, area_path, checklist_path, guidance_path, page_url, recommendation_path,
)


def _ranks(site) -> dict[str, set]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    ranks: dict[str, set] = {}
    for entry in index["docs"]:
        ranks.setdefault(entry["location"].split("#")[0], set()).add(entry.get("boost", 1.0))
    return ranks


def test_pages_rank_guidance_then_checklists_then_recommendations_and_areas_then_the_rest(shipped_site):
    content = load_content(SHIPPED_CONTENT)
    ranks = _ranks(shipped_site)

    def rank(path: str) -> float:
        found = ranks[page_url(path)]
        assert len(found) == 1, f"{path}: its sections rank differently: {found}"
        return found.pop()

    guidance = {rank(guidance_path(document.id)) for document in content.guidance}
    checklists = {rank(checklist_path(checklist.id)) for checklist in content.checklists}
    answers = {rank(recommendation_path(r)) for r in content.recommendations()} | {rank(area_path(a.id)) for a in content.areas}
    rest = {rank(HOME), rank(GLOSSARY)}
    assert len(guidance) == len(checklists) == len(answers) == len(rest) == 1
    assert min(guidance) > max(checklists) > max(answers) > max(rest) == 1.0
    assert set(SEARCH_RANK.values()) == guidance | checklists | answers


def test_a_title_counts_a_few_times_its_text_not_a_thousand(shipped_site):
    config = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    # With Material's default of 1,000, any heading holding a word outranks every page that only says it.
    assert 1 < config["fields"]["title"]["boost"] <= 10
    assert "(" in config["separator"] and "," in config["separator"]  # "s38(6)," and "(PACE" are words too


def test_the_search_worker_reads_queries_as_meant_first(shipped_site):
    workers = list((shipped_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert len(workers) == 1
    code = workers[0].read_text(encoding="utf-8")
    assert code.startswith("/* guidance: search-query.js */\n")
    ours, material = code.split("\n(function () {\n", 1)
    assert "stopWordFilter" in ours and "addEventListener" in ours
    assert material.startswith('"use strict";')  # still Material's first statement, in its own function
    assert "sourceMappingURL" not in code  # the map no longer matches
    assert not (shipped_site / "assets" / "guidance" / "search-query.js").exists()  # not a page script


def test_a_guidance_result_shows_its_points_and_citations_not_what_they_answer_or_the_references_bodies(shipped_site):
    # A result shows its section's words: they were the whole section, references opened and all, so one result
    # was taller than a phone's screen (Material's search also tells elements apart by tag alone: an exclusion
    # holding an element of its own tag stopped at it).
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    sections = [entry["text"] for entry in index["docs"]
                if entry["location"].startswith(page_url(guidance_path("children-in-detention")) + "#")]
    text = " ".join(sections)
    assert "the custody officer must arrange the child's move to local authority accommodation" in text
    assert "PACE 1984 s38(6)" in text, "a citation is what a custody officer may type"
    for left_out in ("Answers:", "Checked by:", "Read it on", "All references", "Quoted from", "Code C revised August 2019",
                     "Rests on:"):
        assert left_out not in text, f"{left_out!r} is in the search text of a guidance section"
    # A point's line of links, all of it left out, left an empty paragraph: a blank line in every result.
    assert "<p> </p>" not in text and "<p></p>" not in text


def test_a_legal_reference_result_says_what_the_reference_is_not_where_to_read_it_or_who_relies_on_it(shipped_site):
    # "PACE" matches nine references: with their links and the guidance relying on each, the result was 3,000 px
    # tall on a phone; what the reference is and says is what a reader chooses by.
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    sections = {entry["location"]: entry["text"] for entry in index["docs"]
                if entry["location"].startswith(page_url("legal-references.md") + "#")}
    s38 = next(text for location, text in sections.items() if location.endswith("#ref-pace-s38-6-title"))
    assert "Police and Criminal Evidence Act 1984 (PACE), section 38(6)" in s38  # the glossary's term added
    assert "local authority accommodation" in s38
    for left_out in ("Read it on", "Guidance that relies on it", "No guidance point cites it yet", "Children in police detention:"):
        assert all(left_out not in text for text in sections.values()), f"{left_out!r} is in a legal reference's search text"


def test_a_page_that_spells_out_an_abbreviation_is_found_by_it(shipped_site):
    # Officers type "AA" and "MASH"; the guidance says "appropriate adult" and the review "multi-agency
    # safeguarding hub". Only the index says both: the pages are as written.
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {entry["location"]: entry["text"] for entry in index["docs"]}
    detention = page_url(guidance_path("children-in-detention"))
    assert "An appropriate adult (AA) is a parent" in texts[detention + "#the-appropriate-adult"]
    assert texts[detention + "#the-appropriate-adult"].count("(AA)") == 1  # after the first use only
    assert any("multi-agency safeguarding hub (MASH)" in text for location, text in texts.items()
               if location.startswith("areas/investigation/"))
    assert "(AA)" not in (shipped_site / detention).read_text(encoding="utf-8")
    # The page whose title spells it out is the page about it: it comes before those that only say it.
    titles = {entry["location"]: entry["title"] for entry in index["docs"]}
    assert titles[page_url(guidance_path("child-sexual-exploitation"))] == "Investigating child sexual exploitation (CSE)"
    missing = page_url(guidance_path("missing-children"))
    assert titles[missing + "#going-missing-and-child-sexual-exploitation"] == "Going missing and child sexual exploitation"
    # An entry that has the abbreviation already, or a longer term that holds the meaning, gets none.
    assert not any("(PACE) (PACE)" in text or "PACE (PACE)" in text for text in texts.values())
    assert not any("Constabulary (HMIC) and Fire" in text for text in texts.values())


def test_abbreviations_are_added_where_the_index_spells_the_meaning_its_own_way():
    from generator.model import GlossaryTerm
    from generator.render.search_terms import SearchAbbreviations

    terms = SearchAbbreviations([
        GlossaryTerm("HMIC", "Her Majesty's Inspectorate of Constabulary"),
        GlossaryTerm("HMICFRS", "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services"),
        GlossaryTerm("AA", "appropriate adult"), GlossaryTerm("R&D", "research and development"),
    ])
    assert terms.add_to("<p>An Appropriate\n adult came. The appropriate adult left.</p>") == \
        "<p>An Appropriate\n adult (AA) came. The appropriate adult left.</p>"
    assert terms.add_to("Her Majesty&#39;s Inspectorate of Constabulary and Fire &amp; Rescue Services; "
                        "Her Majesty\u2019s Inspectorate of Constabulary") == (
        "Her Majesty&#39;s Inspectorate of Constabulary and Fire &amp; Rescue Services (HMICFRS); "
        "Her Majesty\u2019s Inspectorate of Constabulary (HMIC)")
    assert terms.add_to("research and development") == "research and development (R&amp;D)"
    for text in ("inappropriate adults", "the AA and the appropriate adult", "<p>aa: appropriate adult</p>"):
        assert terms.add_to(text) == text
    once = terms.add_to("an appropriate adult")
    assert terms.add_to(once) == once  # the entries a partial rebuild keeps are not given it twice
