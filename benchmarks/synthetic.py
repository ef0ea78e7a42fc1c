"""Synthetic content for benchmarks: valid YAML in the format of docs/editing-content.md.

A scale fixes how many recommendations, checklists and checklist items there are; guidance
grows in proportion (about as many guidance documents as checklists, ten points each, as in
the shipped content). The text is made-up but shaped like real content: sentences of
ordinary length, some Markdown, glossary abbreviations, sub-points, findings from two
reviews, cross-references both ways. The same scale and seed always give the same files.

    .venv/bin/python benchmarks/synthetic.py M /tmp/content-m
"""
from __future__ import annotations

import argparse
import random
import string
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml


RECOMMENDATIONS_PER_AREA = 10


@dataclass(frozen=True)
class Scale:
    name: str
    recommendations: int
    checklists: int
    items: int  # in all checklists together
    recommendations_per_area: int = RECOMMENDATIONS_PER_AREA  # tests vary it to make many areas, or long ones

    @property
    def areas(self) -> int:
        return max(2, self.recommendations // self.recommendations_per_area)

    @property
    def guidance_documents(self) -> int:
        return max(2, round(self.checklists * GUIDANCE_PER_CHECKLIST))


GUIDANCE_PER_CHECKLIST = 0.8  # the shipped content has 7 guidance documents for 9 checklists
SECTIONS_PER_GUIDANCE, POINTS_PER_SECTION = 3, 4  # the shipped documents have about ten points each
ITEMS_PER_SECTION = 10

SCALES = {
    "S": Scale("S", 10, 4, 40),  # for the smoke test
    "M": Scale("M", 100, 50, 2_500),  # a force with a long history of inspections
    "L": Scale("L", 1_000, 500, 25_000),  # a national body carrying every force's content
}

AUDIENCES = [
    ("call-handler", "Call handlers"), ("response-officer", "Response officers"), ("investigator", "Investigators"),
    ("supervisor", "Supervisors"), ("custody-officer", "Custody officers"), ("auditor", "Auditors"),
]
GLOSSARY = [
    ("CAIU", "child abuse investigation unit"), ("CSE", "child sexual exploitation"), ("MARAC", "multi-agency risk assessment conference"),
    ("MASH", "multi-agency safeguarding hub"), ("PACE", "Police and Criminal Evidence Act 1984"), ("DASH", "domestic abuse, stalking and harassment risk assessment"),
    ("THRIVE", "threat, harm, risk, investigation, vulnerability and engagement"), ("PPN", "public protection notice"),
    ("CMD", "contact management department"), ("NCA", "National Crime Agency"), ("ABE", "achieving best evidence"),
    ("LADO", "local authority designated officer"), ("CPS", "Crown Prosecution Service"), ("ISVA", "independent sexual violence adviser"),
    ("IOPC", "Independent Office for Police Conduct"),
]
_SUBJECTS = ["the officer", "the supervisor", "the call handler", "the investigator", "each team", "the force",
             "the custody sergeant", "the safeguarding hub", "staff in the CMD", "the CAIU", "the duty inspector"]
_VERBS = ["record", "review", "check", "explain", "consider", "share", "assess", "refer", "agree",
          "follow up", "tell the child about", "write down"]  # as after "did"; "-s" is added in statements

_OBJECTS = ["the risk to the child", "what the child said", "the decision and the reason for it", "every system held on the family",
            "the referral to children's social care", "the THRIVE assessment", "the DASH questions", "the strategy discussion",
            "the appropriate adult's arrival", "the plan for the next visit", "the MARAC referral", "the child's own words",
            "any link to CSE", "the PPN", "the outcome for the child"]
_TAILS = ["within the time the policy sets", "before the end of the shift", "in the case record", "with partner agencies",
          "at every stage of the investigation", "so that the next person can act on it", "as soon as it is known",
          "even when the risk is graded medium", "giving the reason", "in plain words the family understands"]
# Numbers make texts distinct, as real ones are: a cache of rendered text must not look better than it is.
_OCCASIONS = ["for the child aged {n}", "on day {n} of the investigation", "at the review after {n} days", "in the {n}th case sampled",
              "when the child went missing for the {n}th time", "within {n} hours of the report"]
_TOPICS = ["Missing children", "Domestic abuse", "Child sexual exploitation", "Children in custody", "Online abuse",
           "Neglect", "Referrals", "Strategy discussions", "Interviews", "Supervision", "Records", "Partnership work",
           "Young witnesses", "Harmful practices", "Trafficking", "Private fostering", "Schools", "Early help"]


class _Writer:
    """Makes the text of one content set from a seeded random source."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def sentence(self) -> str:
        pick = self.random.choice
        verb, _, rest = pick(_VERBS).partition(" ")
        verb = verb + ("es" if verb.endswith("ss") else "s") + (" " + rest if rest else "")
        thing = pick(_OBJECTS)
        if self.random.random() < 0.15:
            thing = f"**{thing}**"
        text = f"{pick(_SUBJECTS)} {verb} {thing} {pick(_TAILS)} {self.occasion()}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def question(self) -> str:
        pick = self.random.choice
        return f"Did {pick(_SUBJECTS)} {pick(_VERBS)} {pick(_OBJECTS)} {pick(_TAILS)} {self.occasion()}?"

    def occasion(self) -> str:
        return self.random.choice(_OCCASIONS).format(n=self.random.randint(4, 17))

    def title(self, number: int) -> str:
        return f"{self.random.choice(_TOPICS)} {number}"

    def some(self, population: list, low: int, high: int) -> list:
        return self.random.sample(population, min(len(population), self.random.randint(low, high)))


def _area_code(index: int) -> str:
    """AA, AB, ... ZZ: recommendation ids look like the inspectorate's (AH2, PD1)."""
    letters = string.ascii_uppercase
    return letters[index // 26 % 26] + letters[index % 26] + (str(index // 676) if index >= 676 else "")


BIG_CHECKLIST = "checklist-big"


def make_content(scale: Scale, folder: Path, seed: int = 7, big_checklist_items: int = 0) -> Path:
    """Write a content folder for the scale into folder (which must not hold content yet).

    big_checklist_items adds one more checklist, BIG_CHECKLIST, of that many items.
    """
    writer = _Writer(seed)
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "site.yml", _site(writer))
    _write(folder / "glossary.yml", {"terms": [{"term": term, "meaning": meaning} for term, meaning in GLOSSARY]})

    recommendations_by_area = _split(scale.recommendations, scale.areas)
    areas, all_references = [], []
    for area_index, count in enumerate(recommendations_by_area):
        code = _area_code(area_index)
        area = _area(writer, area_index, code, count)
        areas.append(area)
        for recommendation in area["recommendations"]:
            all_references.append(recommendation["id"])
            all_references.extend(point["id"] for point in recommendation.get("points", []))
    for area in areas:
        _write(folder / "areas" / f"{area['id']}.yml", area)

    documents = [_guidance(writer, index, all_references) for index in range(scale.guidance_documents)]
    for document in documents:
        _write(folder / "guidance" / f"{document['id']}.yml", document)
    guidance_references = [document["id"] for document in documents] + [
        f"{document['id']}/{point['id']}" for document in documents for section in document["sections"] for point in section["points"]
    ]

    area_ids = [area["id"] for area in areas]
    for index, items in enumerate(_split(scale.items, scale.checklists)):
        checklist = make_checklist(writer, f"checklist-{index + 1:04d}", items, area_ids, all_references, guidance_references)
        _write(folder / "self-audit" / f"{checklist['id']}.yml", checklist)
    if big_checklist_items:
        checklist = make_checklist(writer, BIG_CHECKLIST, big_checklist_items, area_ids, all_references, guidance_references)
        checklist["title"] = f"A checklist of {big_checklist_items} items"
        _write(folder / "self-audit" / f"{BIG_CHECKLIST}.yml", checklist)
    return folder


def make_checklist(writer: _Writer, checklist_id: str, items: int, area_ids: list[str], references: list[str],
                   guidance_references: list[str]) -> dict:
    sections = []
    for section_index, count in enumerate(_split(items, max(1, -(-items // ITEMS_PER_SECTION)))):
        section_items = []
        for item_index in range(count):
            item = {"id": f"s{section_index + 1}-q{item_index + 1}", "text": writer.question()}
            roll = writer.random.random()
            if roll < 0.3:
                item["help"] = writer.paragraph(1)
            if roll < 0.1:
                item["scale"] = "grade"
            if writer.random.random() < 0.15:
                item["critical"] = True
            if writer.random.random() < 0.2:
                item["reason_if_not_applicable"] = True
            item["recommendations"] = writer.some(references, 1, 2)
            if writer.random.random() < 0.8:
                item["guidance"] = writer.some(guidance_references, 1, 1)
            section_items.append(item)
        section = {"id": f"s{section_index + 1}", "title": f"Part {section_index + 1}: {writer.title(section_index + 1)}",
                   "items": section_items}
        sections.append(section)
    return {
        "id": checklist_id,
        "title": f"Self-audit: {writer.random.choice(_TOPICS)} ({checklist_id})",
        "version": 1,
        "description": writer.paragraph(2),
        "areas": writer.some(area_ids, 1, 2),
        "audiences": [audience for audience, _ in writer.some(AUDIENCES, 2, 3)],
        "scale": "yes-no-na",
        "sections": sections,
    }


def _site(writer: _Writer) -> dict:
    return {
        "site": {
            "title": "Child protection guidance and self-audit (synthetic)",
            "force": "A national body",
            "description": writer.paragraph(2),
        },
        "reports": [
            {"id": "inspection", "title": "Synthetic inspection report", "inspectorate": "An inspectorate",
             "force": "Every force", "fieldwork": {"start": "2017-01", "end": "2017-02"}, "published": "2017-06",
             "url": "https://example.org/inspection"},
            {"id": "review", "title": "Synthetic post-inspection review", "inspectorate": "An inspectorate",
             "force": "Every force", "fieldwork": {"start": "2017-12-04", "end": "2017-12-08"}, "published": "2018-05"},
        ],
        "recommendations_report": "inspection",
        "source_report": "review",
        "reviews": [
            {"id": "action-plan", "title": "Action plan", "date": "2017-07", "by": "The force"},
            {"id": "review", "title": "Post-inspection review", "date": "2017-12", "by": "The inspectorate",
             "report": "review", "description": writer.paragraph(2)},
        ],
        "audiences": [{"id": audience, "title": title, "description": writer.paragraph(1)} for audience, title in AUDIENCES],
        "answer_scales": [{"id": "grade", "title": "Good / requires improvement / inadequate", "options": [
            {"id": "good", "label": "Good"}, {"id": "requires-improvement", "label": "Requires improvement"},
            {"id": "inadequate", "label": "Inadequate"}]}],
        "case_audits": [{"id": "inspection-audit", "title": "Case file audit", "date": "2017-01", "report": "inspection",
                         "scale": "grade", "assessed": 85, "ratings": {"good": 25, "requires-improvement": 27, "inadequate": 23}}],
    }


_STATUSES = ["achieved", "partially-achieved", "not-achieved", "in-progress", "too-early-to-say"]
_TIMESCALES = ["immediately", "within three months", "within six months", "within 28 days", "within one year"]


def _area(writer: _Writer, index: int, code: str, recommendations: int) -> dict:
    area_id = f"area-{index + 1:03d}"
    area_recommendations = []
    for number in range(1, recommendations + 1):
        recommendation_id = f"{code}{number}"
        recommendation = {"id": recommendation_id, "timescale": writer.random.choice(_TIMESCALES), "text": writer.paragraph(2)}
        points = [f"{recommendation_id}.{letter}" for letter in "abcd"[:writer.random.choice([0, 0, 2, 3, 4])]]
        if points:
            recommendation["points"] = [{"id": point, "text": writer.sentence()} for point in points]
        latest = {"status": writer.random.choice(_STATUSES), "graded_by_inspectorate": False,
                  "summary": writer.paragraph(3), "evidence": [writer.sentence() for _ in range(writer.random.randint(2, 4))]}
        if writer.random.random() < 0.5:
            latest["still_to_do"] = [writer.sentence()]
        if points:
            latest["points"] = {point: writer.random.choice(_STATUSES) for point in points}
        recommendation["findings"] = {
            "action-plan": {"status": "in-progress", "graded_by_inspectorate": False, "summary": writer.paragraph(1)},
            "review": latest,
        }
        area_recommendations.append(recommendation)
    case_example = {
        "id": f"case-{index + 1:03d}", "title": f"A case from {writer.title(index + 1).lower()}", "review": "review",
        "practice": writer.random.choice(["good", "mixed", "poor"]), "recommendations": [area_recommendations[0]["id"]],
        "what_happened": writer.paragraph(4), "learning": [writer.sentence() for _ in range(3)],
    }
    return {"id": area_id, "title": f"Area {index + 1}: {writer.title(index + 1)}", "order": index + 1,
            "summary": writer.paragraph(3), "recommendations": area_recommendations, "case_examples": [case_example]}


def _guidance(writer: _Writer, index: int, references: list[str]) -> dict:
    sections = []
    for section_number in range(1, SECTIONS_PER_GUIDANCE + 1):
        points = []
        for point_number in range(1, POINTS_PER_SECTION + 1):
            point = {"id": f"p{section_number}-{point_number}", "strength": writer.random.choice(["must", "should"]),
                     "text": writer.paragraph(2)}
            if writer.random.random() < 0.3 or point["strength"] == "must":  # a must point cites the law it rests on
                point["legal"] = ["Children Act 1989 s47"]
            point["recommendations"] = writer.some(references, 1, 2)
            points.append(point)
        sections.append({"id": f"section-{section_number}", "title": writer.title(section_number), "points": points})
    return {
        "id": f"guidance-{index + 1:04d}", "title": f"Guidance: {writer.title(index + 1)}", "summary": writer.paragraph(3),
        "audiences": [audience for audience, _ in writer.some(AUDIENCES, 2, 4)],
        "first_published": "2026-01-15", "last_updated": "2026-03-02", "based_on": writer.paragraph(1),
        "recommendations": writer.some(references, 1, 2), "sections": sections,
    }


def _split(total: int, parts: int) -> list[int]:
    """total shared as evenly as possible between parts."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", choices=sorted(SCALES))
    parser.add_argument("folder", type=Path)
    arguments = parser.parse_args(argv)
    if arguments.folder.exists() and any(arguments.folder.iterdir()):
        parser.error(f"{arguments.folder} is not empty")
    make_content(SCALES[arguments.scale], arguments.folder)
    print(f"{arguments.scale} content written to {arguments.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
