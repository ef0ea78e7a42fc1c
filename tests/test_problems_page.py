"""The page `mkdocs serve` shows while the content has problems: every located message, as text."""
from __future__ import annotations

import markdown

from generator.problems import Problem
from generator.render.problems_page import TITLE, problems_page


def test_every_problem_is_listed_once_in_order_with_its_place_and_as_text():
    problems = [
        Problem("areas/b.yml", 12, 7, "recommendations[1].findings.review.status", "'done' is not an allowed value",
                "one of: achieved, in-progress", "achieved"),
        Problem("site.yml", 0, 0, "", "the file site.yml is missing"),
        Problem("areas/a.yml", 3, 1, "title", "<script>alert(1)</script> *not emphasis*\n\nsecond line"),
    ]
    html = markdown.markdown(problems_page(problems + problems[:1], "checklists"))
    assert f"<h1>{TITLE}</h1>" in html and "3 problems in the content folder <code>checklists</code>" in html
    items = html.split("<li>")[1:]
    assert [item.split("</code>")[0] for item in items] == ["<code>areas/a.yml:3:1:", "<code>areas/b.yml:12:7:",
                                                           "<code>site.yml:"]
    assert ("recommendations[1].findings.review.status: &#39;done&#39; is not an allowed value "
            "(expected one of: achieved, in-progress) - did you mean &#39;achieved&#39;?") in items[1]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; *not emphasis* second line" in items[0]


def test_one_mistake_read_in_many_places_is_told_in_full_once_and_named_first():
    problems = [Problem(f"self-audit/list-{n}.yml", 5, 20, "sections[1].items[1].guidance[1]",
                        "no guidance document has the id 'think-victim'", "one of: childs-voice, think-victim-supervision",
                        "think-victim-supervision") for n in range(4)]
    html = markdown.markdown(problems_page(problems, "checklists"))
    assert ("4 problems in the content folder <code>checklists</code> must be fixed first; 4 of them are the same, most "
            "likely one mistake: no guidance document has the id &#39;think-victim&#39;.") in html
    items = html.split("<li>")[1:]
    assert "(expected one of: childs-voice, think-victim-supervision) - did you mean" in items[0]
    assert all(item.split("</li>")[0].endswith("the id &#39;think-victim&#39; (as above)") for item in items[1:])
