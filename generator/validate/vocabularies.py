"""The content's own words: its status scale, who may assess, its grading scale, and where they are used.

A site may define its statuses, assessors and grades in site.yml; without them today's built-in
vocabulary applies. Every status, assessor and grade named in the content must be one of them,
and a case audit must not count as rated an option that cannot be a rating.
"""
from __future__ import annotations

import difflib

from ..load import LoadedFile
from ..model import DEFAULT_ASSESSORS, DEFAULT_STATUSES
from ..problems import Problem, did_you_mean
from .references import _entries


class _Vocabulary:
    """The ids of one vocabulary, with other words that stand for them, and the message for a wrong one."""

    def __init__(self, kind: str, ids: list[str], synonyms: dict[str, str] | None = None, where: str = ""):
        self.kind, self.ids, self.synonyms, self.where = kind, ids, synonyms or {}, where

    def require(self, loaded: LoadedFile, path: tuple, problems: list[Problem]) -> None:
        value = loaded.get(path)
        if not isinstance(value, str) or value in self.ids:
            return
        problems.append(loaded.problem(path, f"'{value}' is not an allowed {self.kind}{self.where}",
                                       "one of: " + ", ".join(self.ids), self.suggest(value)))

    def suggest(self, word: str) -> str:
        """A synonym's status first; else only a near spelling (a close but different word is not offered:
        'not-started' is no typing slip for 'not-assessed')."""
        if word.lower() in self.synonyms:
            return self.synonyms[word.lower()]
        lowered = {choice.lower(): choice for choice in self.ids}
        if word.lower() in lowered:
            return lowered[word.lower()]
        matches = difflib.get_close_matches(word, self.ids, n=1, cutoff=0.7)
        return matches[0] if matches else ""


def check_vocabularies(files_by_kind: dict[str, list[LoadedFile]], site_readable: bool = True) -> list[Problem]:
    problems: list[Problem] = []
    sites = files_by_kind.get("site", [])
    if not sites or not site_readable:
        return problems  # the vocabularies are unknown: references to them cannot be judged
    site = sites[0]
    statuses = _statuses(site, problems)
    assessors = _assessors(site, problems)
    grades = _grading(site, problems)
    reviews = {entry.get("id"): entry for _, entry in _entries(site, ("reviews",)) if isinstance(entry.get("id"), str)}

    for path, _ in _entries(site, ("reviews",)):
        assessors.require(site, path + ("assessed_by",), problems)
    _grades(site, ("grades",), grades, reviews, problems)
    _case_audits(site, problems)
    for area in files_by_kind.get("area", []):
        _grades(area, ("grades",), grades, reviews, problems)
        for path, recommendation in _entries(area, ("recommendations",)):
            findings = recommendation.get("findings")
            for review_id, finding in findings.items() if isinstance(findings, dict) else ():
                if not isinstance(finding, dict):
                    continue
                where = path + ("findings", review_id)
                statuses.require(area, where + ("status",), problems)
                assessors.require(area, where + ("assessed_by",), problems)
                points = finding.get("points")
                for point_id in points if isinstance(points, dict) else ():
                    statuses.require(area, where + ("points", point_id), problems)
                review = reviews.get(review_id)
                if (review is not None and "graded_by_inspectorate" not in finding and "assessed_by" not in finding
                        and "assessed_by" not in review):
                    problems.append(area.problem(where, "this finding does not say who gave its status",
                                                 "graded_by_inspectorate: true or false here, or assessed_by on the "
                                                 f"review '{review_id}' in site.yml"))
            for history_path, _ in _entries(area, path + ("history",)):
                statuses.require(area, history_path + ("status",), problems)
                assessors.require(area, history_path + ("assessed_by",), problems)
    return problems


def _statuses(site: LoadedFile, problems: list[Problem]) -> _Vocabulary:
    defined = list(_entries(site, ("statuses",)))
    if not defined:
        return _Vocabulary("status", list(DEFAULT_STATUSES), DEFAULT_STATUSES.synonyms(),
                           " (the built-in statuses; a site may list its own under 'statuses' in site.yml)")
    ids: list[str] = []
    synonyms: dict[str, str] = {}
    for path, status in defined:
        status_id = status.get("id")
        if not isinstance(status_id, str):
            continue
        if status_id in ids:
            problems.append(site.problem(path + ("id",), f"the status id '{status_id}' is already used", "a status id used only once"))
        ids.append(status_id)
        if status.get("met") is True and status.get("overdue") is True:
            problems.append(site.problem(path + ("overdue",), f"'{status_id}' is met, so it cannot be overdue",
                                         "overdue: false, or leave it out, for a met status"))
    for path, status in defined:
        words = status.get("synonyms")
        for index, word in enumerate(words if isinstance(words, list) else ()):
            if not isinstance(word, str):
                continue
            if word in ids:
                problems.append(site.problem(path + ("synonyms", index), f"'{word}' is a status of its own, not another word for '{status.get('id')}'",
                                             "a word that is not a status id"))
            elif word.lower() in synonyms and synonyms[word.lower()] != status.get("id"):
                problems.append(site.problem(path + ("synonyms", index), f"'{word}' is already another word for '{synonyms[word.lower()]}'",
                                             "each synonym under one status only"))
            else:
                synonyms[word.lower()] = status.get("id")
    if not any(status.get("met") is True for _, status in defined):
        problems.append(site.problem(("statuses",), "no status is met, so every recommendation past its due date would stay overdue",
                                     "met: true on the status that means the recommendation is done"))
    return _Vocabulary("status", list(dict.fromkeys(ids)), synonyms, " of this site (see 'statuses' in site.yml)")


def _assessors(site: LoadedFile, problems: list[Problem]) -> _Vocabulary:
    ids = list(DEFAULT_ASSESSORS)
    for path, assessor in _entries(site, ("assessors",)):
        if isinstance(assessor.get("id"), str) and assessor["id"] not in ids:
            ids.append(assessor["id"])
    return _Vocabulary("assessor", ids, where=" (built in, or listed under 'assessors' in site.yml)")


def _grading(site: LoadedFile, problems: list[Problem]) -> _Vocabulary | None:
    if not isinstance(site.get(("grading_scale",)), dict):
        return None
    ids: list[str] = []
    for path, grade in _entries(site, ("grading_scale", "grades")):
        grade_id = grade.get("id")
        if isinstance(grade_id, str):
            if grade_id in ids:
                problems.append(site.problem(path + ("id",), f"the grade id '{grade_id}' is already used", "a grade id used only once"))
            ids.append(grade_id)
    return _Vocabulary("grade", ids, where=" of the grading scale in site.yml")


def _grades(loaded: LoadedFile, path: tuple, grades: _Vocabulary | None, reviews: dict, problems: list[Problem]) -> None:
    given = loaded.get(path)
    if not isinstance(given, dict) or not given:
        return
    if grades is None:
        problems.append(loaded.problem(path, "grades are given, but site.yml defines no grading scale",
                                       "grading_scale in site.yml, with its grades best first"))
        return
    grades.require(loaded, path + ("inspection",), problems)
    by_review = given.get("reviews")
    for review_id in by_review if isinstance(by_review, dict) else ():
        if review_id not in reviews:
            known = sorted(reviews)
            problems.append(loaded.problem(path + ("reviews", review_id), f"no review has the id '{review_id}'",
                                           "one of the review ids: " + ", ".join(known), did_you_mean(review_id, known), at_key=True))
        grades.require(loaded, path + ("reviews", review_id), problems)


def _case_audits(site: LoadedFile, problems: list[Problem]) -> None:
    """A case audit counts its ratings as cases rated: an option that says "not applicable" is no rating."""
    not_applicable: dict[str, set[str]] = {}
    for _, scale in _entries(site, ("answer_scales",)):
        options = scale.get("options") if isinstance(scale.get("options"), list) else []
        not_applicable[scale.get("id")] = {option.get("id") for option in options
                                           if isinstance(option, dict) and option.get("not_applicable") is True}
    for path, audit in _entries(site, ("case_audits",)):
        ratings = audit.get("ratings")
        for rating in ratings if isinstance(ratings, dict) else ():
            if rating in not_applicable.get(audit.get("scale"), ()):
                problems.append(site.problem(
                    path + ("ratings", rating),
                    f"'{rating}' is marked not_applicable in the scale '{audit.get('scale')}', so it is no rating, "
                    f"but the ratings of a case audit are counted as cases rated",
                    f"only real ratings here: cases assessed but not rated are 'assessed' minus the ratings, "
                    f"so leave '{rating}' out", at_key=True))
