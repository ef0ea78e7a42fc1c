"""Load a content folder: find the files, load, validate, and build the model.

A content folder holds ``site.yml``, ``glossary.yml`` and the folders ``areas/``,
``guidance/`` and ``self-audit/``. Which schema a file answers to follows from where it is.
``pages/`` holds the site's hand-written Markdown pages, if the force wants any: MkDocs reads
it (``docs_dir``), the loader leaves it alone.
"""
from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from pathlib import Path

from .content_cache import ContentCache
from .load import LoadedFile, load_bytes, read_file
from .model import (
    BUILT_IN_SCALES, DEFAULT_ASSESSORS, DEFAULT_CHECKLIST_SCALE, DEFAULT_RECORD_DETAILS, DEFAULT_STATUSES, AnswerOption, Assessor, Grade, Grades, GradingScale, Status, StatusScale, AnswerScale, Area, Audience, CaseAudit, CaseExample, Checklist,
    ChecklistItem, ChecklistRating, ChecklistScore, ChecklistSection, Content, Finding, GlossaryTerm, GuidanceDocument, GuidancePoint, LegalReference, Quotation,
    GuidanceSection, PartialDate, Period, PersonalDataPattern, RatingCondition, RatingRule, Recommendation, RecordDetail, Report, Review, SiteInfo, StatusEntry, SubPoint, Timescale,
)
from .problems import ContentError, Problem, did_you_mean
from .validate import check_references, check_schema

FILES = {"site.yml": "site", "glossary.yml": "glossary", "legal.yml": "legal"}
FOLDERS = {"areas": "area", "guidance": "guidance", "self-audit": "checklist"}
YAML_SUFFIXES = (".yml", ".yaml")
PAGES = "pages"  # hand-written pages of the site, not content the generator reads


def display_name(path: Path) -> str:
    """A path as people should see it: relative to where they are, if inside it."""
    absolute, here = os.path.abspath(path), os.getcwd()
    if absolute.startswith(here) and absolute[len(here):len(here) + 1] == os.sep:  # inside: no relpath
        return absolute[len(here) + 1:].replace(os.sep, "/")  # (a tenth of a warm load at L)
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def find_files(content_dir: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Each YAML file with the kind it is, and problems for files we do not know what to do with."""
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return [], [Problem(display_name(content_dir), 0, 0, "", "the content folder does not exist here",
                            "a folder of YAML files: run the command where mkdocs.yml is, not inside the content "
                            "folder, or name the folder, e.g. guidance validate path/to/checklists")]
    for path in sorted(content_dir.rglob("*")):
        relative = path.relative_to(content_dir)
        if relative.parts[0] == PAGES and len(relative.parts) > 1:
            continue  # a page's own files (a YAML example to download, say) are the page's business
        if path.suffix not in YAML_SUFFIXES or not path.is_file():
            meant = _meant_as_yaml(path.name)
            if meant and path.is_file():
                problems.append(Problem(display_name(path), 0, 0, "", "this file is not read: the name of a content "
                                        "file ends in .yml or .yaml, in small letters", "the file renamed", meant))
            continue
        if len(relative.parts) == 1 and relative.name.replace(".yaml", ".yml") in FILES:
            found.append((path, FILES[relative.name.replace(".yaml", ".yml")]))
        elif len(relative.parts) == 2 and relative.parts[0] in FOLDERS:
            found.append((path, FOLDERS[relative.parts[0]]))
        else:
            places = list(FILES) + [f"{folder}/" for folder in FOLDERS]
            guess = did_you_mean(relative.parts[0] + ("/" if len(relative.parts) > 1 else ""), places)
            problems.append(Problem(display_name(path), 0, 0, "", "this file is in no place the generator reads",
                                    "site.yml, glossary.yml or legal.yml, or a file inside areas/, guidance/ or self-audit/", guess))
    if not any(kind == "site" for _, kind in found):
        problems.append(Problem(display_name(content_dir / "site.yml"), 0, 0, "", "the file site.yml is missing",
                                "site.yml with the site's title, reports, reviews and audiences"))
    return found, problems


# "second.yml.txt" (saved by Notepad, which hides the .txt) or "Glossary.YML": meant as content, and read as none.
_LOOKS_LIKE_YAML = re.compile(r"([^.].*)\.(ya?ml)(\.txt)?", re.IGNORECASE)


def _meant_as_yaml(name: str) -> str:
    """The name a file meant as content should have, or '' (a hidden or other file: an editor's copy, say)."""
    match = _LOOKS_LIKE_YAML.fullmatch(name)
    return f"{match[1]}.{match[2].lower()}" if match else ""


@contextmanager
def _collector_paused():
    """Python's cycle collector off for a while. Loading makes millions of small lists, mappings and
    tuples, in trees without cycles: the collector would walk them all again and again for nothing,
    a fifth of the time of a cold load at L and a third of one from the cache.

    The first load of a process then sets everything alive aside from the collector (gc.freeze) rather
    than have it walked by a catching-up pass and again as it ages: a quarter of a warm load at L, whose
    model lives as long as a one-off build. Later loads (`mkdocs serve`) hand it back to be collected as
    usual and set nothing aside, so what has become garbage meanwhile is freed."""
    global _set_aside_once
    enabled = gc.isenabled()
    set_aside = enabled and not _set_aside_once
    if enabled:
        gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if set_aside:
                gc.freeze()
                _set_aside_once = True
            gc.enable()


_set_aside_once = False  # by this process's first load


@_collector_paused()
def check_content(content_dir: Path, cache: ContentCache | None = None) -> tuple[dict[str, list[LoadedFile]], list[Problem]]:
    """Load and validate everything; returns the loaded files and every problem found.

    With a cache, files checked before with the same bytes are not parsed or checked again."""
    found, problems = find_files(content_dir)
    if cache is not None:
        cache.files.clear()
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
    references = check_references(files_by_kind, unreadable, problems)
    # Where a value names nothing there is ('yes-no-n/a' for a scale), the reference's message says so with the
    # ids there are: the same value's form (or the like) said again at the same place is one mistake told twice.
    named = {(problem.file, problem.line, problem.column, problem.field) for problem in references}
    problems = [problem for problem in problems if (problem.file, problem.line, problem.column, problem.field) not in named]
    return files_by_kind, sorted(set(problems + references))


def _load_and_check(path: Path, kind: str, cache: ContentCache | None) -> tuple[LoadedFile | None, list[Problem]]:
    """One file, loaded (None if it cannot be) and checked against the schema of its kind."""
    name = display_name(path)
    raw, problems = read_file(path, name)
    if raw is None:
        return None, problems
    key = cache.key(raw, kind) if cache is not None else ""
    if cache is not None:
        cache.files.append((name, key))
    if cache is not None and (kept := cache.get(key, name, raw)) is not None:
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
    """The content model of a folder; raises ContentError listing every problem.

    With a cache, a folder whose files are all as when last loaded gives the model kept then."""
    content_dir = Path(content_dir)
    if cache is not None and (files := _names_and_keys(content_dir, cache)) is not None:
        if (kept := cache.get_model(files)) is not None:
            return kept
    files_by_kind, problems = check_content(content_dir, cache)
    if problems:
        raise ContentError(problems)
    content = build_model(files_by_kind)
    if cache is not None:
        cache.put_model(content)  # keyed by the bytes that were checked, should a file change meanwhile
    return content


def _names_and_keys(content_dir: Path, cache: ContentCache) -> list[tuple[str, str]] | None:
    """Each file's name and cache key, as check_content would note them; None if a file has a problem."""
    found, problems = find_files(content_dir)
    if problems:
        return None
    files = []
    for path, kind in found:
        name = display_name(path)
        raw, problems = read_file(path, name)
        if raw is None:
            return None
        files.append((name, cache.key(raw, kind)))
    return files


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
    reviews = tuple(Review(r["id"], r["title"], _date(r["date"]), r["by"], r.get("report"), r.get("description"),
                           r.get("assessed_by")) for r in site["reviews"])
    statuses = _statuses(site.get("statuses"))
    assessors = {**DEFAULT_ASSESSORS, **{a["id"]: Assessor(a["id"], a["label"], a["description"])
                                         for a in site.get("assessors", [])}}
    grading = site.get("grading_scale")
    grading = GradingScale(grading["title"], tuple(Grade(g["id"], g["label"], g.get("description"))
                                                   for g in grading["grades"])) if grading else None
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
    areas = sorted((_area(f.data, published, reviews, statuses) for f in files_by_kind.get("area", [])),
                   key=lambda area: (area.order, area.title))
    glossary_files = files_by_kind.get("glossary", [])
    site_details = _record_details(site.get("record_details")) or DEFAULT_RECORD_DETAILS
    return Content(
        site=SiteInfo(site["site"]["title"], site["site"]["force"], site["site"]["description"],
                      _date(site["site"].get("as_of")), site["site"].get("records_name"), site["site"].get("wording")),
        reports=reports,
        recommendations_report=site["recommendations_report"],
        source_report=site["source_report"],
        reviews=reviews,
        audiences=tuple(Audience(a["id"], a["title"], a["description"], a.get("follows_progress", False))
                        for a in site["audiences"]),
        scales=scales,
        case_audits=case_audits,
        areas=tuple(areas),
        guidance=tuple(sorted((_guidance(f.data) for f in files_by_kind.get("guidance", [])), key=lambda d: d.title)),
        checklists=tuple(sorted((_checklist(f.data, site_details) for f in files_by_kind.get("checklist", [])),
                               key=lambda c: c.title)),
        glossary=tuple(sorted((GlossaryTerm(t["term"], t["meaning"], t.get("description"))
                               for f in glossary_files for t in f.data["terms"]), key=lambda t: t.term.lower())),
        personal_data_patterns=tuple(PersonalDataPattern(p["label"], p["pattern"]) for p in site.get("personal_data_patterns", [])),
        legal_references=tuple(LegalReference(r["id"], r["citation"], r["kind"], r["title"], r["summary"], r.get("version"), r.get("url"))
                               for f in files_by_kind.get("legal", []) for r in f.data["references"]),
        statuses=statuses,
        assessors=assessors,
        grading=grading,
        grades=_grades(site.get("grades"), reviews),
    )


def _statuses(data: list | None) -> StatusScale:
    if not data:
        return DEFAULT_STATUSES
    return StatusScale(tuple(Status(s["id"], s["label"], s["symbol"], s.get("met", False), s.get("overdue"),
                                    s.get("description"), tuple(s.get("synonyms", ()))) for s in data))


def _grades(data: dict | None, reviews: tuple[Review, ...]) -> Grades:
    if not data:
        return Grades()
    given = data.get("reviews", {})
    return Grades(data.get("inspection"), tuple((review.id, given[review.id]) for review in reviews if review.id in given))


def _assessed_by(finding: dict, review: Review) -> str:
    """Who gave a finding's status. graded_by_inspectorate (today's flag) says whether the inspectorate
    graded it; when it did not, the status is the review's own assessor's (a force's self-assessment),
    or this site's reading of an inspectorate's report."""
    if "assessed_by" in finding:
        return finding["assessed_by"]
    graded = finding.get("graded_by_inspectorate")
    if graded is True:
        return "inspectorate"
    if review.assessed_by and review.assessed_by != "inspectorate":
        return review.assessed_by
    return "site" if graded is False or review.assessed_by is None else "inspectorate"


def _area(data: dict, published: PartialDate, reviews: tuple[Review, ...], statuses: StatusScale) -> Area:
    review_order = [review.id for review in reviews]
    review_by_id = {review.id: review for review in reviews}
    recommendations = []
    for r in data["recommendations"]:
        timescale = Timescale.parse(r["timescale"])
        findings = sorted(
            (Finding(review_id, f["status"], _assessed_by(f, review_by_id[review_id]), f["summary"],
                     tuple(f.get("evidence", ())), tuple(f.get("good_practice", ())), tuple(f.get("still_to_do", ())),
                     tuple(f.get("points", {}).items()))
             for review_id, f in r.get("findings", {}).items()),
            key=lambda finding: review_order.index(finding.review),
        )
        recommendations.append(Recommendation(
            r["id"], data["id"], timescale, r["text"], timescale.due(published),
            tuple(SubPoint(p["id"], p["text"]) for p in r.get("points", [])), tuple(findings),
            _history(findings, r.get("history", []), reviews), statuses))
    examples = tuple(
        CaseExample(c["id"], data["id"], c["title"], c["practice"], c["what_happened"], tuple(c["learning"]),
                    c.get("review"), tuple(c.get("recommendations", ())))
        for c in data.get("case_examples", [])
    )
    return Area(data["id"], data["title"], data["order"], data["summary"], tuple(recommendations), examples,
                _grades(data.get("grades"), reviews))


def _history(findings: list[Finding], updates: list[dict], reviews: tuple[Review, ...]) -> tuple[StatusEntry, ...]:
    """Each review's finding and each update, oldest first; on the same date an update counts as later."""
    review_dates = {review.id: review.date for review in reviews}
    entries = [StatusEntry(review_dates[f.review], f.status, review=f.review, assessed_by=f.assessed_by) for f in findings]
    entries += [StatusEntry(_date(u["date"]), u["status"], note=u.get("note"), authorised_by=u.get("authorised_by"),
                            assessed_by=u.get("assessed_by")) for u in updates]
    return tuple(sorted(entries, key=lambda entry: entry.date.first_day()))  # stable: reviews stay first


def _guidance(data: dict) -> GuidanceDocument:
    sections = tuple(
        GuidanceSection(s["id"], s["title"], tuple(
            GuidancePoint(p["id"], p["strength"], p["text"], tuple(p.get("legal", ())), tuple(p.get("recommendations", ())),
                          tuple(p.get("cites", ())), _quotation(p.get("quotation")), f"{section_number}.{point_number}")
            for point_number, p in enumerate(s["points"], 1)), s.get("intro"), _quotation(s.get("quotation")))
        for section_number, s in enumerate(data["sections"], 1)
    )
    return GuidanceDocument(data["id"], data["title"], data["summary"], tuple(data["audiences"]),
                            _date(data["first_published"]), _date(data["last_updated"]), sections,
                            data.get("based_on"), tuple(data.get("recommendations", ())))


def _quotation(data: dict | None) -> Quotation | None:
    return Quotation(data["text"], data["source"]) if data else None


def _record_details(data: list | None) -> tuple[RecordDetail, ...]:
    return tuple(RecordDetail(d["id"], d["label"], d.get("kind", "text"), d.get("personal", False), d.get("sign_off", False))
                 for d in data or ())


def _checklist(data: dict, default_details: tuple[RecordDetail, ...] = DEFAULT_RECORD_DETAILS) -> Checklist:
    default_scale = data.get("scale", DEFAULT_CHECKLIST_SCALE)
    sections = tuple(
        ChecklistSection(s["id"], s["title"], tuple(
            ChecklistItem(i["id"], i["text"], i.get("scale", default_scale), i.get("help"), i.get("critical", False),
                          i.get("reason_if_not_applicable", False), tuple(i.get("recommendations", ())),
                          tuple(i.get("guidance", ())), f"{section_number}.{item_number}",
                          i.get("compares_with_case_audits", False), tuple(i.get("earlier_ids", ())))
            for item_number, i in enumerate(s["items"], 1)), s.get("intro"))
        for section_number, s in enumerate(data["sections"], 1)
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
