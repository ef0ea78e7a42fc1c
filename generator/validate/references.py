"""Second pass: what no single file can check alone.

Duplicate ids, references to things that do not exist, impossible dates and figures that
do not add up. It runs over every file, even those with schema problems, reading only
what has the expected shape, so one mistake does not hide the others.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Iterator

from ..load import LoadedFile
from ..model import BINDING_KINDS, BUILT_IN_SCALES, DEFAULT_CHECKLIST_SCALE, PartialDate
from ..problems import Problem, did_you_mean, field_path

Where = tuple[LoadedFile, tuple]  # a file and a path inside it


def _entries(loaded: LoadedFile, path: tuple) -> Iterator[tuple[tuple, dict]]:
    """(path, mapping) for each mapping in the list at path; nothing if the shape is wrong."""
    value = loaded.get(path)
    if isinstance(value, list):
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                yield path + (index,), entry


def _strings(loaded: LoadedFile, path: tuple) -> Iterator[tuple[tuple, str]]:
    value = loaded.get(path)
    if isinstance(value, list):
        for index, entry in enumerate(value):
            if isinstance(entry, str):
                yield path + (index,), entry


_REPEAT_FIX = "give one of the two an id of its own"
# Saved answers (in auditors' browsers, exports and audits/) are matched to an item by its id: the fix must say which to keep.
_REPEAT_FIXES = {"item": "answers are saved under an item's id, so the item auditors have answered keeps it, and the other "
                         "gets an id of its own",
                 "glossary term": "keep one of the two, with what each says, and delete the other"}
_OWN_IDS = {"glossary term"}  # named by what they are: a glossary term is its own id


@dataclass
class _Ids:
    """Ids of one kind, where each was defined, and problems for repeats."""

    kind: str
    places: "_IdPlaces | None" = None  # where each of these ids is given, for _suggestion_in_use
    defined: dict[str, Where] = field(default_factory=dict)
    complete: bool = True  # False when a file that defines some of them could not be read

    def define(self, loaded: LoadedFile, path: tuple, problems: list[Problem], copied_from: LoadedFile | None = None,
               repeated: list[str] | None = None, suggestion: str = "") -> LoadedFile | None:
        """Note the id at path; a repeat is a problem (with the suggestion, if any), and the file where the id was first
        given is returned. Repeats of ids first given in copied_from (the file this one is a copy of) go in `repeated`
        instead: told once."""
        value = loaded.get(path)
        if not isinstance(value, str):
            return None
        if self.places is not None:
            self.places.note(loaded, path, self)
        if value not in self.defined:
            self.defined[value] = (loaded, path)
            return None
        first_file, first_path = self.defined[value]
        if copied_from is not None and first_file is copied_from and repeated is not None:
            repeated.append(value)
            return first_file
        first = first_file.location(first_path)
        if self.kind in _OWN_IDS:
            said, expected = f"the {self.kind} '{value}' is already defined in", f"each {self.kind} defined once"
        else:
            said, expected = f"the {self.kind} id '{value}' is already used in", f"{_a(self.kind)} id used only once"
        problems.append(loaded.problem(path, f"{said} {first_file.name}:{first.line}",
                                       f"{expected}: {_REPEAT_FIXES.get(self.kind, _REPEAT_FIX)}", suggestion))
        return first_file

    def require(self, loaded: LoadedFile, path: tuple, problems: list[Problem], at_key: bool = False) -> None:
        value = loaded.get(path) if not at_key else path[-1]
        if isinstance(value, str) and value not in self.defined and self.complete:
            known = sorted(self.defined)
            # A few to go by, not all (the recommendation ids of a big inspection, after every message of a rename).
            listed = ", ".join(known[:LISTED_IDS]) + (f" and {len(known) - LISTED_IDS} more" if len(known) > LISTED_IDS else "")
            expected = f"one of the {self.kind} ids: {listed}" if known else f"{_a(self.kind)} id defined elsewhere"
            problems.append(loaded.problem(path, f"no {self.kind} has the id '{value}'", expected,
                                           did_you_mean(value, known), at_key=at_key))


class _IdPlaces(dict):
    """(file, field) -> the ids given there, noted only in the files given: those with a suggestion to check, often
    none (by field, not line: a line needs the file's locations, which are seldom worked out)."""

    def __init__(self, files: set[str]):
        super().__init__()
        self.files = files

    def note(self, loaded: LoadedFile, path: tuple, ids: "_Ids") -> None:
        if loaded.name in self.files:
            self[(loaded.name, field_path(path))] = ids


LISTED_IDS = 12  # ids an unknown reference's message lists; the closest is suggested besides
_REPEATS_LISTED = 5  # of the ids a copied file repeats, the few its message names
_ID_FORM = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # as the schemas' "id" (common.schema.json)


def _own_id(loaded: LoadedFile) -> str | None:
    own_id = loaded.get(("id",))
    return own_id if isinstance(own_id, str) else None


def _originals_first(files: list[LoadedFile]) -> list[LoadedFile]:
    """The files of one kind, those named after their id before others with the same id: the others are copies,
    the files a training lead has just made, so a repeated id is told in them, not in the file they were copied from."""
    counts = Counter(_own_id(loaded) for loaded in files)

    def is_copy(loaded: LoadedFile) -> bool:
        own_id = _own_id(loaded)
        return own_id is not None and counts[own_id] > 1 and PurePosixPath(loaded.name).stem != own_id
    return sorted(files, key=is_copy)  # stable: otherwise in the order of their names


def _name_as_id(loaded: LoadedFile, ids_in_use: set) -> str:
    """The file's name as its id, for a file whose own id repeats another's: if it is in the form of an id and free."""
    name = PurePosixPath(loaded.name).stem
    return name if _ID_FORM.fullmatch(name) and name not in ids_in_use else ""

# Which ids each kind of file defines: if such a file could not be read, references to
# those ids are not checked, so one broken file does not bury its own message under others.
_DEFINED_IN = {
    "site": ("report", "review", "audience", "answer scale", "case audit"),
    "area": ("area", "recommendation", "case example"),
    "guidance": ("guidance document",),
    "checklist": ("checklist",),
    "glossary": ("glossary term",),
    "legal": ("legal reference",),
}


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def check_references(files_by_kind: dict[str, list[LoadedFile]], unreadable_kinds=frozenset(),
                     file_problems: list[Problem] = ()) -> list[Problem]:
    """Problems across files; `unreadable_kinds` are kinds of file of which one or more could not be loaded.

    `file_problems`, found in each file alone, are read for ids suggested in place of one in the wrong form: an id
    already in use is no suggestion, so such a problem comes back here without it (said at the same place, it
    stands for the file's own; see check_content)."""
    problems: list[Problem] = []
    places = _IdPlaces({problem.file for problem in file_problems if problem.suggestion})
    ids = {kind: _Ids(kind, places) for kinds in _DEFINED_IN.values() for kind in kinds}
    for file_kind in unreadable_kinds:
        for kind in _DEFINED_IN.get(file_kind, ()):
            ids[kind].complete = False
    for scale_id in BUILT_IN_SCALES:
        ids["answer scale"].defined[scale_id] = (LoadedFile("(built in)", None), ())
    point_ids: dict[str, set[str]] = {}  # guidance document id -> its point ids
    sub_points: dict[str, set[str]] = {}  # recommendation id -> its sub-point ids
    scale_options: dict[str, list[str]] = {scale.id: [o.id for o in scale.options] for scale in BUILT_IN_SCALES.values()}

    sites = files_by_kind.get("site", [])
    areas = _originals_first(files_by_kind.get("area", []))
    guidance = _originals_first(files_by_kind.get("guidance", []))
    checklists = _originals_first(files_by_kind.get("checklist", []))
    area_ids, guidance_ids, checklist_ids = ({_own_id(loaded) for loaded in files} for files in (areas, guidance, checklists))

    # Definitions first, so references can be checked against all of them.
    for site in sites:
        for key, kind in (("reports", "report"), ("reviews", "review"), ("audiences", "audience"),
                          ("answer_scales", "answer scale"), ("case_audits", "case audit")):
            for path, entry in _entries(site, (key,)):
                ids[kind].define(site, path + ("id",), problems)
        for path, scale in _entries(site, ("answer_scales",)):
            options = [option.get("id") for _, option in _entries(site, path + ("options",))]
            _no_repeats(site, path + ("options",), "option", problems, places)
            if isinstance(scale.get("id"), str):
                if scale["id"] in BUILT_IN_SCALES:
                    problems.append(site.problem(path + ("id",), f"'{scale['id']}' is a built-in answer scale",
                                                 "another id for your own scale"))
                scale_options[scale["id"]] = [option for option in options if isinstance(option, str)]
    for area in areas:
        # An area file copied without new ids repeats every id of the original: one message, with the area's id.
        own_id_problems: list[Problem] = []
        copied_from = ids["area"].define(area, ("id",), own_id_problems, suggestion=_name_as_id(area, area_ids))
        repeated: list[str] = []
        for path, recommendation in _entries(area, ("recommendations",)):
            ids["recommendation"].define(area, path + ("id",), problems, copied_from, repeated)
            own = sub_points.setdefault(str(recommendation.get("id")), set())
            for point_path, point in _entries(area, path + ("points",)):
                ids["recommendation"].define(area, point_path + ("id",), problems, copied_from, repeated)
                if isinstance(point.get("id"), str):
                    own.add(point["id"])
        for path, _ in _entries(area, ("case_examples",)):
            ids["case example"].define(area, path + ("id",), problems, copied_from, repeated)
        problems.extend(_with_repeated_ids(problem, repeated) for problem in own_id_problems)
    for document in guidance:
        ids["guidance document"].define(document, ("id",), problems, suggestion=_name_as_id(document, guidance_ids))
        _no_repeats(document, ("sections",), "section", problems, places)
        points = point_ids.setdefault(str(document.get(("id",))), set())
        seen_points = _Ids("point", places)
        for section_path, _ in _entries(document, ("sections",)):
            for point_path, point in _entries(document, section_path + ("points",)):
                seen_points.define(document, point_path + ("id",), problems)
                if isinstance(point.get("id"), str):
                    points.add(point["id"])
    for checklist in checklists:
        ids["checklist"].define(checklist, ("id",), problems, suggestion=_name_as_id(checklist, checklist_ids))
        _no_repeats(checklist, ("sections",), "section", problems, places)
        items = _Ids("item", places)
        for section_path, _ in _entries(checklist, ("sections",)):
            for item_path, _ in _entries(checklist, section_path + ("items",)):
                items.define(checklist, item_path + ("id",), problems)
        _earlier_ids(checklist, items, problems)
    binding: dict[str, bool] = {}  # legal reference id -> whether it is law or statutory guidance
    for legal in files_by_kind.get("legal", []):
        for path, reference in _entries(legal, ("references",)):
            ids["legal reference"].define(legal, path + ("id",), problems)
            if isinstance(reference.get("id"), str):
                binding[reference["id"]] = reference.get("kind") in BINDING_KINDS
    for glossary in files_by_kind.get("glossary", []):
        terms = _Ids("glossary term", places)
        for path, _ in _entries(glossary, ("terms",)):
            terms.define(glossary, path + ("term",), problems)

    # References and dates.
    for site in sites:
        for key in ("recommendations_report", "source_report"):
            ids["report"].require(site, (key,), problems)
        _date(site, ("site", "as_of"), problems)
        _personal_data_patterns(site, problems)
        _no_repeats(site, ("record_details",), "record detail", problems, places)
        for path, _ in _entries(site, ("reports",)):
            _date(site, path + ("published",), problems)
            _period(site, path + ("fieldwork",), problems)
        for path, _ in _entries(site, ("reviews",)):
            _date(site, path + ("date",), problems)
            ids["report"].require(site, path + ("report",), problems)
        for path, audit in _entries(site, ("case_audits",)):
            _date(site, path + ("date",), problems)
            ids["report"].require(site, path + ("report",), problems)
            ids["answer scale"].require(site, path + ("scale",), problems)
            options = scale_options.get(audit.get("scale"))
            ratings = audit.get("ratings") if isinstance(audit.get("ratings"), dict) else {}
            for rating in ratings:
                if options is not None and rating not in options:
                    problems.append(site.problem(path + ("ratings", rating), f"'{rating}' is not an option of the scale '{audit['scale']}'",
                                                 "one of: " + ", ".join(options), did_you_mean(rating, options), at_key=True))
            counted = sum(value for value in ratings.values() if isinstance(value, int))
            if isinstance(audit.get("assessed"), int) and counted > audit["assessed"]:
                problems.append(site.problem(path + ("ratings",), f"the ratings add up to {counted}, more than the {audit['assessed']} cases assessed",
                                             "ratings that add up to at most 'assessed'"))
    # The scale of each case audit: an item compared with them must grade on one of these.
    audit_scales = {audit.get("scale") for site in sites for _, audit in _entries(site, ("case_audits",))}
    for area in areas:
        for path, recommendation in _entries(area, ("recommendations",)):
            for history_path, _ in _entries(area, path + ("history",)):
                _date(area, history_path + ("date",), problems)
            findings = recommendation.get("findings")
            if not isinstance(findings, dict):
                continue
            for review_id, finding in findings.items():
                ids["review"].require(area, path + ("findings", review_id), problems, at_key=True)
                statuses = finding.get("points") if isinstance(finding, dict) else None
                own = sorted(sub_points.get(str(recommendation.get("id")), ()))
                for point_id in statuses if isinstance(statuses, dict) else ():
                    if point_id not in own:
                        problems.append(area.problem(path + ("findings", review_id, "points", point_id),
                                                     f"'{point_id}' is not a sub-point of {recommendation.get('id')}",
                                                     "one of: " + ", ".join(own) if own else "no sub-point statuses: this recommendation has no sub-points",
                                                     did_you_mean(point_id, own), at_key=True))
        for path, _ in _entries(area, ("case_examples",)):
            ids["review"].require(area, path + ("review",), problems)
            for ref_path, _ in _strings(area, path + ("recommendations",)):
                ids["recommendation"].require(area, ref_path, problems)
    for document in guidance:
        for key in ("first_published", "last_updated"):
            _date(document, (key,), problems)
        _in_order(document, ("first_published",), ("last_updated",), problems)
        for ref_path, _ in _strings(document, ("audiences",)):
            ids["audience"].require(document, ref_path, problems)
        for ref_path, _ in _strings(document, ("recommendations",)):
            ids["recommendation"].require(document, ref_path, problems)
        for section_path, _ in _entries(document, ("sections",)):
            for point_path, point in _entries(document, section_path + ("points",)):
                for ref_path, _ in _strings(document, point_path + ("recommendations",)):
                    ids["recommendation"].require(document, ref_path, problems)
                for ref_path, _ in _strings(document, point_path + ("cites",)):
                    ids["legal reference"].require(document, ref_path, problems)
                if ids["legal reference"].complete:
                    _must_cites_law(document, point_path, point, binding, problems)
    for checklist in checklists:
        for ref_path, _ in _strings(checklist, ("areas",)):
            ids["area"].require(checklist, ref_path, problems)
        for ref_path, _ in _strings(checklist, ("audiences",)):
            ids["audience"].require(checklist, ref_path, problems)
        ids["answer scale"].require(checklist, ("scale",), problems)
        for section_path, _ in _entries(checklist, ("sections",)):
            for item_path, item in _entries(checklist, section_path + ("items",)):
                ids["answer scale"].require(checklist, item_path + ("scale",), problems)
                for ref_path, _ in _strings(checklist, item_path + ("recommendations",)):
                    ids["recommendation"].require(checklist, ref_path, problems)
                for ref_path, reference in _strings(checklist, item_path + ("guidance",)):
                    _guidance_reference(checklist, ref_path, reference, ids["guidance document"], point_ids, problems)
                if "site" not in unreadable_kinds:
                    _compared(checklist, item_path, item, audit_scales, problems)
        _rating(checklist, ids["answer scale"], scale_options, problems)
        _no_repeats(checklist, ("record_details",), "record detail", problems, places)
        _score(checklist, scale_options, problems)
    from .vocabularies import check_vocabularies  # here, not above: it reads files with this module's helpers
    problems.extend(check_vocabularies(files_by_kind, site_readable="site" not in unreadable_kinds))
    problems.extend(filter(None, (_suggestion_in_use(problem, places) for problem in file_problems)))
    return problems


def _suggestion_in_use(problem: Problem, places: _IdPlaces) -> Problem | None:
    """The problem without its suggested id, if it is given where an id is defined and that id is already in use."""
    ids = places.get((problem.file, problem.field))
    if not problem.suggestion or ids is None or problem.suggestion not in ids.defined:
        return None
    first_file, first_path = ids.defined[problem.suggestion]
    where = f"{first_file.name}:{first_file.location(first_path).line}"
    return replace(problem, suggestion="",
                   expected=f"{problem.expected}, other than '{problem.suggestion}', which is already used in {where}")


def _with_repeated_ids(problem: Problem, repeated: list[str]) -> Problem:
    """A file's repeated own id, saying which other ids it repeats from the same file, if any."""
    if not repeated:
        return problem
    listed = ", ".join(repeated[:_REPEATS_LISTED]) + (f" and {len(repeated) - _REPEATS_LISTED} more" if len(repeated) > _REPEATS_LISTED else "")
    return replace(problem, message=f"{problem.message}, as are {len(repeated)} more of this file's ids ({listed})",
                   expected="ids of its own for this file and for each of its recommendations and case examples")


def _must_cites_law(document: LoadedFile, point_path: tuple, point: dict, binding: dict[str, bool], problems: list[Problem]) -> None:
    """A "must" point says the law or statutory guidance requires it, so it cites one (free-text 'legal', the older form, counts)."""
    if point.get("strength") != "must" or point.get("legal"):
        return
    cites = [reference for reference in point.get("cites") or () if isinstance(reference, str)]
    if any(binding.get(reference) for reference in cites):
        return
    if any(reference not in binding for reference in cites):
        return  # an unknown id has its own message; do not guess what it was meant to be
    cited = ", ".join(cites)
    problems.append(document.problem(
        point_path + ("strength",),
        f"a 'must' point cites no law or statutory guidance{f' (it cites only {cited})' if cited else ''}",
        "'cites' with the id of a reference in legal.yml of kind law or statutory-guidance, or strength 'should' "
        "for expected practice, force policy or what the report expects"))


def _rating(checklist: LoadedFile, scales: "_Ids", scale_options: dict[str, list[str]], problems: list[Problem]) -> None:
    """A rating rule gives ratings of its scale, counts answers the items offer, and names items of this checklist."""
    rating = checklist.get(("rating",))
    if not isinstance(rating, dict):
        return
    scales.require(checklist, ("rating", "scale"), problems)
    item_ids, answers, scales_known = [], set(), True
    default_scale = checklist.get(("scale",)) or "yes-no-na"
    for section_path, _ in _entries(checklist, ("sections",)):
        for _, item in _entries(checklist, section_path + ("items",)):
            item_ids.append(item.get("id"))
            scales_known &= item.get("scale", default_scale) in scale_options
            answers.update(scale_options.get(item.get("scale", default_scale), ()))
    ratings = scale_options.get(rating.get("scale"))
    rules = list(_entries(checklist, ("rating", "rules")))
    for path in [("rating", "otherwise")] + [path + ("rating",) for path, _ in rules]:
        _one_of(checklist, path, ratings, f"a rating of the scale '{rating.get('scale')}'", problems)
    for path, rule in rules:
        when = path + ("when",)
        if isinstance(checklist.get(when + ("answer",)), str):
            answer_paths = [when + ("answer",)]
        else:
            answer_paths = [answer_path for answer_path, _ in _strings(checklist, when + ("answer",))]
        # With no items read (sections missing or misspelt, said already), nothing is checked against them.
        for answer_path in answer_paths:
            _one_of(checklist, answer_path, sorted(answers) if scales_known and answers else None,
                    "an answer this checklist's items offer", problems)
        for item_path, _ in _strings(checklist, when + ("items",)):
            _one_of(checklist, item_path, item_ids or None, "an item of this checklist", problems)


def _earlier_ids(checklist: LoadedFile, items: "_Ids", problems: list[Problem]) -> None:
    """An earlier id names no item of the checklist now, and only one item had it: its answers go to that item."""
    earlier = {}  # earlier id -> the path where it was first given
    for section_path, _ in _entries(checklist, ("sections",)):
        for item_path, _ in _entries(checklist, section_path + ("items",)):
            for path, old_id in _strings(checklist, item_path + ("earlier_ids",)):
                if old_id in items.defined:
                    now = items.defined[old_id][1]
                    problems.append(checklist.problem(
                        path, f"'{old_id}' is the id of an item of this checklist now (line "
                        f"{checklist.location(now).line}), so it cannot be an earlier id: answers to that item would "
                        "be moved to this one", "an id no item of this checklist has now"))
                elif old_id in earlier:
                    problems.append(checklist.problem(
                        path, f"'{old_id}' is already an earlier id of the item on line "
                        f"{checklist.location(earlier[old_id][:-2]).line}: its answers can be carried over to one "
                        "item only", "an earlier id given by one item"))
                else:
                    earlier[old_id] = path


def _compared(checklist: LoadedFile, item_path: tuple, item: dict, audit_scales: set, problems: list[Problem]) -> None:
    """An item whose answers are set beside the inspectorate's case audits grades on the scale of one of them."""
    if item.get("compares_with_case_audits") is not True:
        return
    scale = item.get("scale", checklist.get(("scale",), DEFAULT_CHECKLIST_SCALE))
    if scale not in audit_scales:
        wanted = sorted(str(s) for s in audit_scales if s)
        problems.append(checklist.problem(
            item_path + ("compares_with_case_audits",),
            f"this item is answered on the scale '{scale}', so it cannot be set beside the case audits in site.yml, "
            + (f"which grade on {', '.join(repr(w) for w in wanted)}" if wanted else "which has none (no case_audits)"),
            "the item answered on the case audits' scale (scale: ...), or no compares_with_case_audits"))


def _score(checklist: LoadedFile, scale_options: dict[str, list[str]], problems: list[Problem]) -> None:
    """A score counts answers the checklist's items offer."""
    default_scale = checklist.get(("scale",)) or "yes-no-na"
    answers, scales_known = set(), True
    for section_path, _ in _entries(checklist, ("sections",)):
        for _, item in _entries(checklist, section_path + ("items",)):
            scales_known &= item.get("scale", default_scale) in scale_options
            answers.update(scale_options.get(item.get("scale", default_scale), ()))
    for path, _ in _strings(checklist, ("score", "met")):
        _one_of(checklist, path, sorted(answers) if scales_known and answers else None,
                "an answer this checklist's items offer", problems)


def _one_of(loaded: LoadedFile, path: tuple, allowed: list[str] | None, what: str, problems: list[Problem]) -> None:
    value = loaded.get(path)
    if isinstance(value, str) and allowed is not None and value not in allowed:
        problems.append(loaded.problem(path, f"'{value}' is not {what}", "one of: " + ", ".join(map(str, allowed)),
                                       did_you_mean(value, [a for a in allowed if isinstance(a, str)])))


# Regular expression syntax Python reads but browsers do not (or read differently): inline
# flags and named groups "(?i)", "(?P<name>...)", and the anchors \A, \Z.
_NOT_IN_BROWSERS = re.compile(r"(?<!\\)\((?!\?[:=!]|\?<[=!])\?|\\[AZz]")


def _personal_data_patterns(site: LoadedFile, problems: list[Problem]) -> None:
    """Patterns run in the browser as well as here: they must compile, work the same in both, and not match nothing."""
    for path, entry in _entries(site, ("personal_data_patterns",)):
        pattern = entry.get("pattern")
        if not isinstance(pattern, str):
            continue
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            problems.append(site.problem(path + ("pattern",), f"this is not a regular expression: {error}",
                                         r"a regular expression such as '\b[0-9]{2}/[0-9]{5}/[0-9]{2}\b'"))
            continue
        if _NOT_IN_BROWSERS.search(pattern):
            problems.append(site.problem(path + ("pattern",), "this uses syntax browsers do not read (inline flags such as (?i), "
                                         "named groups (?P<...>), \\A or \\Z)", "plain groups (...) or (?:...), classes [...], \\b, \\d, {n,m}"))
        elif compiled.fullmatch(""):
            problems.append(site.problem(path + ("pattern",), "this matches empty text, so it would point at every note",
                                         "a pattern that needs at least one character"))


def _guidance_reference(loaded, path, reference, documents: _Ids, point_ids, problems) -> None:
    document_id, _, point_id = reference.partition("/")
    if not documents.complete:
        return
    if document_id not in documents.defined:
        known = sorted(documents.defined)
        problems.append(loaded.problem(path, f"no guidance document has the id '{document_id}'",
                                       "one of: " + ", ".join(known), did_you_mean(document_id, known)))
    elif point_id and point_id not in point_ids.get(document_id, ()):
        known = sorted(point_ids.get(document_id, ()))
        problems.append(loaded.problem(path, f"the guidance document '{document_id}' has no point '{point_id}'",
                                       "one of: " + ", ".join(known), did_you_mean(point_id, known)))


def _no_repeats(loaded: LoadedFile, list_path: tuple, kind: str, problems: list[Problem], places: _IdPlaces) -> None:
    seen = _Ids(kind, places)
    for path, _ in _entries(loaded, list_path):
        seen.define(loaded, path + ("id",), problems)


def _date(loaded: LoadedFile, path: tuple, problems: list[Problem]) -> PartialDate | None:
    value = loaded.get(path)
    if not isinstance(value, str):
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        if len(value) in (7, 10) and value[4:5] == "-":  # the form is right (the schema checks it); the calendar is not
            problems.append(loaded.problem(path, f"'{value}' is not a real date", "a date that exists on the calendar"))
        return None


def _period(loaded: LoadedFile, path: tuple, problems: list[Problem]) -> None:
    _date(loaded, path + ("start",), problems)
    _date(loaded, path + ("end",), problems)
    _in_order(loaded, path + ("start",), path + ("end",), problems)


def _in_order(loaded: LoadedFile, earlier: tuple, later: tuple, problems: list[Problem]) -> None:
    try:
        first, second = PartialDate.parse(loaded.get(earlier)), PartialDate.parse(loaded.get(later))
    except (ValueError, TypeError):
        return
    if second.last_day() < first.first_day():
        problems.append(loaded.problem(later, f"{second.iso()} comes before {earlier[-1]} ({first.iso()})",
                                       f"a date on or after {first.iso()}"))

