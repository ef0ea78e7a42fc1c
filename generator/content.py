"""Load a content folder: find the files, load, validate, and build the model.

A content folder holds ``site.yml``, ``glossary.yml`` and the folders ``areas/``,
``guidance/`` and ``self-audit/``. Which schema a file answers to follows from where it is.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path

from .content_cache import ContentCache
from .load import LoadedFile, load_bytes, read_file
from .model import (
    BUILT_IN_SCALES, AnswerOption, AnswerScale, Area, Audience, CaseAudit, CaseExample, Checklist,
    DEFAULT_RECORD_DETAILS, ChecklistItem, ChecklistRating, ChecklistScore, ChecklistSection, Content, Finding, GlossaryTerm, GuidanceDocument, GuidancePoint,
    GuidanceSection, PartialDate, Period, PersonalDataPattern, RatingCondition, RatingRule, Recommendation, RecordDetail, Report, Review, SiteInfo, StatusEntry, SubPoint, Timescale,
)
from .problems import ContentError, Problem, did_you_mean
from .validate import check_references, check_schema

FILES = {"site.yml": "site", "glossary.yml": "glossary"}
FOLDERS = {"areas": "area", "guidance": "guidance", "self-audit": "checklist"}
YAML_SUFFIXES = (".yml", ".yaml")


def display_name(path: Path) -> str:
    """A path as people should see it: relative to where they are, if inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def find_files(content_dir: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Each YAML file with the kind it is, and problems for files we do not know what to do with."""
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return [], [Problem(display_name(content_dir), 0, 0, "", "the content folder does not exist")]
    for path in sorted(content_dir.rglob("*")):
        if path.suffix not in YAML_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(content_dir)
        if len(relative.parts) == 1 and relative.name.replace(".yaml", ".yml") in FILES:
            found.append((path, FILES[relative.name.replace(".yaml", ".yml")]))
        elif len(relative.parts) == 2 and relative.parts[0] in FOLDERS:
            found.append((path, FOLDERS[relative.parts[0]]))
        else:
            places = list(FILES) + [f"{folder}/" for folder in FOLDERS]
            guess = did_you_mean(relative.parts[0] + ("/" if len(relative.parts) > 1 else ""), places)
            problems.append(Problem(display_name(path), 0, 0, "", "this file is in no place the generator reads",
                                    "site.yml or glossary.yml, or a file inside areas/, guidance/ or self-audit/", guess))
    if not any(kind == "site" for _, kind in found):
        problems.append(Problem(display_name(content_dir / "site.yml"), 0, 0, "", "the file site.yml is missing",
                                "site.yml with the site's title, reports, reviews and audiences"))
    return found, problems


@contextmanager
def _collector_paused():
    """Python's cycle collector off for a while. Loading makes millions of small lists, mappings and
    tuples, in trees without cycles: the collector would walk them all again and again for nothing,
    a fifth of the time of a cold load at L and a third of one from the cache."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def check_content(content_dir: Path, cache: ContentCache | None = None) -> tuple[dict[str, list[LoadedFile]], list[Problem]]:
    """Load and validate everything; returns the loaded files and every problem found.

    With a cache, files checked before with the same bytes are not parsed or checked again."""
    found, problems = find_files(content_dir)
    files_by_kind: dict[str, list[LoadedFile]] = {}
    unreadable = set() if any(kind == "site" for _, kind in found) else {"site"}
    for path, kind in found:
        loaded, file_problems = _load_and_check(path, kind, cache)
        problems.extend(file_problems)
        if loaded is None:
            unreadable.add(kind)
        else:
            files_by_kind.setdefault(kind, []).append(loaded)
    if cache is not None:
        cache.drop_unused()
    problems.extend(check_references(files_by_kind, unreadable))
    return files_by_kind, sorted(set(problems))


def _load_and_check(path: Path, kind: str, cache: ContentCache | None) -> tuple[LoadedFile | None, list[Problem]]:
    """One file, loaded (None if it cannot be) and checked against the schema of its kind."""
    name = display_name(path)
    raw, problems = read_file(path, name)
    if raw is None:
        return None, problems
    key = cache.key(raw, kind) if cache is not None else ""
    if cache is not None and (kept := cache.get(key, name)) is not None:
        return kept, []
    loaded, problems = load_bytes(raw, name)
    if loaded is None:
        return None, problems
    problems = check_schema(loaded, kind)
    if cache is not None and not problems:  # only a file without problems is kept: messages always come from the checks
        cache.put(key, loaded)
    return loaded, problems


@_collector_paused()  # around both steps, so the collector's one catching-up pass comes once
def load_content(content_dir: Path, cache: ContentCache | None = None) -> Content:
    """The content model of a folder; raises ContentError listing every problem."""
    files_by_kind, problems = check_content(Path(content_dir), cache)
    if problems:
        raise ContentError(problems)
    return build_model(files_by_kind)


# --- from validated data to the model --------------------------------------------------------


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


@_collector_paused()
def build_model(files_by_kind: dict[str, list[LoadedFile]]) -> Content:
    site = files_by_kind["site"][0].data
    reports = tuple(
        Report(r["id"], r["title"], r["inspectorate"], r["force"],
               Period(_date(r["fieldwork"]["start"]), _date(r["fieldwork"]["end"])),
               _date(r["published"]), r.get("url"), r.get("isbn"))
        for r in site["reports"]
    )
    published = next(r.published for r in reports if r.id == site["recommendations_report"])
    reviews = tuple(Review(r["id"], r["title"], _date(r["date"]), r["by"], r.get("report"), r.get("description"))
                    for r in site["reviews"])
    scales = dict(BUILT_IN_SCALES)
    for scale in site.get("answer_scales", []):
        scales[scale["id"]] = AnswerScale(scale["id"], scale["title"], tuple(
            AnswerOption(o["id"], o["label"], o.get("not_applicable", False)) for o in scale["options"]))
    case_audits = tuple(
        CaseAudit(a["id"], a["title"], _date(a["date"]), a["report"], a["scale"], a["assessed"],
                  tuple((o.id, a["ratings"][o.id]) for o in scales[a["scale"]].options if o.id in a["ratings"]),
                  a.get("note"))
        for a in site.get("case_audits", [])
    )
    areas = sorted((_area(f.data, published, reviews) for f in files_by_kind.get("area", [])),
                   key=lambda area: (area.order, area.title))
    glossary_files = files_by_kind.get("glossary", [])
    site_details = _record_details(site.get("record_details")) or DEFAULT_RECORD_DETAILS
    return Content(
        site=SiteInfo(site["site"]["title"], site["site"]["force"], site["site"]["description"],
                      _date(site["site"].get("as_of"))),
        reports=reports,
        recommendations_report=site["recommendations_report"],
        source_report=site["source_report"],
        reviews=reviews,
        audiences=tuple(Audience(a["id"], a["title"], a["description"]) for a in site["audiences"]),
        scales=scales,
        case_audits=case_audits,
        areas=tuple(areas),
        guidance=tuple(sorted((_guidance(f.data) for f in files_by_kind.get("guidance", [])), key=lambda d: d.title)),
        checklists=tuple(sorted((_checklist(f.data, site_details) for f in files_by_kind.get("checklist", [])),
                               key=lambda c: c.title)),
        glossary=tuple(sorted((GlossaryTerm(t["term"], t["meaning"], t.get("description"))
                               for f in glossary_files for t in f.data["terms"]), key=lambda t: t.term.lower())),
        personal_data_patterns=tuple(PersonalDataPattern(p["label"], p["pattern"]) for p in site.get("personal_data_patterns", [])),
    )


def _area(data: dict, published: PartialDate, reviews: tuple[Review, ...]) -> Area:
    review_order = [review.id for review in reviews]
    recommendations = []
    for r in data["recommendations"]:
        timescale = Timescale.parse(r["timescale"])
        findings = sorted(
            (Finding(review_id, f["status"], f["graded_by_inspectorate"], f["summary"],
                     tuple(f.get("evidence", ())), tuple(f.get("good_practice", ())), tuple(f.get("still_to_do", ())),
                     tuple(f.get("points", {}).items()))
             for review_id, f in r.get("findings", {}).items()),
            key=lambda finding: review_order.index(finding.review),
        )
        recommendations.append(Recommendation(
            r["id"], data["id"], timescale, r["text"], timescale.due(published),
            tuple(SubPoint(p["id"], p["text"]) for p in r.get("points", [])), tuple(findings),
            _history(findings, r.get("history", []), reviews)))
    examples = tuple(
        CaseExample(c["id"], data["id"], c["title"], c["practice"], c["what_happened"], tuple(c["learning"]),
                    c.get("review"), tuple(c.get("recommendations", ())))
        for c in data.get("case_examples", [])
    )
    return Area(data["id"], data["title"], data["order"], data["summary"], tuple(recommendations), examples)


def _history(findings: list[Finding], updates: list[dict], reviews: tuple[Review, ...]) -> tuple[StatusEntry, ...]:
    """Each review's finding and each update, oldest first; on the same date an update counts as later."""
    review_dates = {review.id: review.date for review in reviews}
    entries = [StatusEntry(review_dates[f.review], f.status, review=f.review) for f in findings]
    entries += [StatusEntry(_date(u["date"]), u["status"], note=u.get("note"), authorised_by=u.get("authorised_by"))
                for u in updates]
    return tuple(sorted(entries, key=lambda entry: entry.date.first_day()))  # stable: reviews stay first


def _guidance(data: dict) -> GuidanceDocument:
    sections = tuple(
        GuidanceSection(s["id"], s["title"], tuple(
            GuidancePoint(p["id"], p["strength"], p["text"], tuple(p.get("legal", ())), tuple(p.get("recommendations", ())))
            for p in s["points"]), s.get("intro"))
        for s in data["sections"]
    )
    return GuidanceDocument(data["id"], data["title"], data["summary"], tuple(data["audiences"]),
                            _date(data["first_published"]), _date(data["last_updated"]), sections,
                            data.get("based_on"), tuple(data.get("recommendations", ())))


def _record_details(data: list | None) -> tuple[RecordDetail, ...]:
    return tuple(RecordDetail(d["id"], d["label"], d.get("kind", "text"), d.get("personal", False), d.get("sign_off", False))
                 for d in data or ())


def _checklist(data: dict, default_details: tuple[RecordDetail, ...] = DEFAULT_RECORD_DETAILS) -> Checklist:
    default_scale = data.get("scale", "yes-no-na")
    sections = tuple(
        ChecklistSection(s["id"], s["title"], tuple(
            ChecklistItem(i["id"], i["text"], i.get("scale", default_scale), i.get("help"), i.get("critical", False),
                          i.get("reason_if_not_applicable", False), tuple(i.get("recommendations", ())),
                          tuple(i.get("guidance", ())))
            for i in s["items"]), s.get("intro"))
        for s in data["sections"]
    )
    return Checklist(data["id"], data["title"], str(data["version"]), data["description"],
                     tuple(data["areas"]), tuple(data["audiences"]), sections, _checklist_rating(data.get("rating")),
                     _record_details(data.get("record_details")) or default_details,
                     ChecklistScore(data["score"]["label"], tuple(data["score"]["met"])) if data.get("score") else None)


def _checklist_rating(data: dict | None) -> ChecklistRating | None:
    if data is None:
        return None

    def condition(when: dict) -> RatingCondition:
        answers = when["answer"]
        return RatingCondition(tuple([answers] if isinstance(answers, str) else answers), when.get("at_least", 1),
                               when.get("critical"), tuple(when.get("items", ())))

    return ChecklistRating(data["scale"], tuple(RatingRule(r["rating"], condition(r["when"]), r["explain"])
                                                for r in data["rules"]), data["otherwise"])
