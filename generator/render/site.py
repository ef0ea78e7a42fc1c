"""Plan and render the site's pages from the content model.

The output is plain data: a list of pages (a path such as ``areas/x/index.md``, a title
and Markdown text) and a navigation tree. Any static site tool can take it; the MkDocs
plugin is one adapter, ``write_pages`` another.
"""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..audits.aggregate import AuditResults, aggregate
from ..code_digest import code_digest
from ..model import NOT_RATED_LABEL, PRACTICE, REFERENCE_KINDS, STRENGTHS, Content, Recommendation
from .assets import TONES_STYLESHEET
from .checklist_data import personal_data_patterns, rating_data
from .converted_texts import ConvertedTexts
from .markdown import ContentMarkdown, glossary_abbreviations
from .page_memo import ContentIndex, NotComparable, PageMemo, Reads, RecordedContent, Recorder, recording_environment
from .printing import PRINT_PACKS, print_packs
from .progress import NO_STATUS, audit_results_values, case_audit_values, matrix_values, my_audit_data, share_text
from .matrix_csv import MATRIX_CSV, matrix_csv
from .tones import Tones


@dataclass(frozen=True)
class Page:
    path: str  # source path of the page, e.g. "areas/police-detention/index.md"
    title: str
    markdown: str
    search_rank: float = 1.0  # how much search favours the page's words (SEARCH_RANK)


# Search lands on the guidance: a page's words count this many times more than an ordinary page's, so a
# query an officer types finds the guidance first, then the checklist that checks it, then the
# recommendations and areas (whose inspection wording would otherwise outnumber the guidance's), then the rest.
SEARCH_RANK = {
    "guidance.md.j2": 20.0,
    "checklist.md.j2": 5.0,
    "recommendation.md.j2": 2.0,
    "area.md.j2": 2.0,
}


@dataclass
class NavEntry:
    title: str
    path: str | None = None  # a page, or None for a section without its own page
    children: list["NavEntry"] = field(default_factory=list)


@dataclass
class SitePlan:
    pages: list[Page]
    nav: list[NavEntry]
    assets: list[tuple[str, bytes]] = field(default_factory=list)  # files made from the content: (path in the site, bytes)

    def menu_paths(self) -> set[str]:
        """The pages the menu links to. The others are linked from their section's index page (MENU_SECTION_LIMIT)."""
        paths, entries = set(), list(self.nav)
        while entries:
            entry = entries.pop()
            if entry.path:
                paths.add(entry.path)
            entries += entry.children
        return paths


# Where each kind of page lives. One place, so links and pages agree.
def area_path(area_id: str) -> str:
    return f"areas/{area_id}/index.md"


def recommendation_path(recommendation: Recommendation) -> str:
    return area_recommendation_path(recommendation.area, recommendation.id)


def area_recommendation_path(area_id: str, recommendation_id: str) -> str:
    return f"areas/{area_id}/{recommendation_id.lower()}.md"


def guidance_path(document_id: str) -> str:
    return f"guidance/{document_id}.md"


def checklist_path(checklist_id: str) -> str:
    return f"self-audit/{checklist_id}.md"


def role_path(audience_id: str) -> str:
    return f"roles/{audience_id}.md"


HOME = "index.md"
REVIEW = "review.md"
AREAS_INDEX = "areas/index.md"
GUIDANCE_INDEX = "guidance/index.md"
CHECKLIST_INDEX = "self-audit/index.md"
ROLES_INDEX = "roles/index.md"
CASE_EXAMPLES = "case-examples.md"
GLOSSARY = "glossary.md"
LEGAL = "legal-references.md"
MATRIX = "progress/matrix.md"
CASE_AUDITS = "progress/case-audits.md"
AUDIT_RESULTS = "progress/audit-results.md"
MY_AUDITS = "my-audits.md"
ANSWERS_KEPT = "self-audit/where-answers-are-kept.md"  # for auditors, the same on every site


def checklist_pdf_path(checklist_id: str) -> str:
    """Where `guidance build --pdf` prints a checklist's blank form, in the site."""
    return f"pdf/{checklist_id}.pdf"


def matrix_area_path(area_id: str) -> str:
    return f"progress/matrix/{area_id}.md"


# The progress matrix lists every recommendation on its page while they are this many or fewer; beyond, its page
# keeps the summary and links to a matrix page per area. A national set of 1,000 recommendations made one page of
# 3.6 MB, more than a phone should load and more than Zensical's search index takes.
MATRIX_PAGE_LIMIT = 200

# A section of the menu lists its pages one by one up to this many; beyond, the menu shows only the
# section's index page, which lists them all (the pages are still built). Material puts the whole menu
# on every page, so a menu that grows with the content makes every page, and every build, grow with it
# (docs/benchmarks.md, "The navigation floor"). 20 is about as many entries as a reader scans in a side
# menu, and well above one force's content (at most 9 in a section of the shipped content), whose menu
# stays complete.
MENU_SECTION_LIMIT = 20


def listed_in_menu(members: list[NavEntry]) -> list[NavEntry]:
    """A section's members for the menu: each of them while they are few, else none (its index page lists them)."""
    return members if len(members) <= MENU_SECTION_LIMIT else []


def page_url(path: str) -> str:
    """Pages are served as .html files so the site also works opened from a folder."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def relative_url(from_path: str, to_path: str, anchor: str | None = None) -> str:
    url = _relative_page_url(to_path, posixpath.dirname(from_path))
    return f"{url}#{anchor}" if anchor else url


@functools.lru_cache(maxsize=65536)  # pages hold tens of thousands of links at scale, most of them to the same pages
def _relative_page_url(to_path: str, folder: str) -> str:
    return _relative_path(page_url(to_path), folder)


def _relative_path(target: str, start: str) -> str:
    """posixpath.relpath for two paths inside the site, without asking the file system where it
    is (relpath does, twice, and pages hold tens of thousands of links at scale)."""
    start_parts = [part for part in start.split("/") if part not in ("", ".")]
    target_parts = [part for part in target.split("/") if part not in ("", ".")]
    common = 0
    for here, there in zip(start_parts, target_parts):
        if here != there:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


def heading_text(text: str) -> Markup:
    """Plain text in a Markdown heading: HTML-escaped and with Markdown's marks made literal."""
    escaped = str(escape(text))
    for mark in "\\`*_[]{}#+!|":
        escaped = escaped.replace(mark, "\\" + mark)
    return Markup(escaped)


# A full stop, question or exclamation mark before the next sentence's capital letter (or opening quote); not
# before a digit, so "s. 38(6)" stays one sentence.
_SENTENCE_END = re.compile(r"""[.!?](?=\s+[A-Z“"'])""")


def first_sentence(text: str, limit: int = 260) -> str:
    """The first sentence of plain text, where a duty is stated ("... the custody officer must arrange the move
    to local authority accommodation."), cut after a word with "…" only if longer than limit characters."""
    end = _SENTENCE_END.search(text)
    sentence = text[:end.end()] if end else text
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# The same titles are made literal on every page that links them. Typed: Markup, not escaped again, is kept apart.
@functools.lru_cache(maxsize=16384, typed=True)
def literal_text(text: str) -> Markup:
    """Plain text to be rendered as content Markdown (see the `explained` macro): HTML-escaped, every mark made literal.

    A filter, not a loop of `replace` in the template: it runs for every item linked from every page.
    """
    escaped = str(escape(text))
    for mark in "\\`*_{}[]()#+-.!":
        escaped = escaped.replace(mark, "\\" + mark)
    return Markup(escaped)


def grouped(pairs) -> list[tuple[object, list]]:
    """(a, b) pairs as [(a, [b, ...]), ...] in the order each a first appears.

    Things are told apart by identity: the model's objects are unique by id, and hashing or
    comparing one by value walks everything in it (a checklist's every item).
    """
    groups: dict[int, tuple[object, list]] = {}
    for first, second in pairs:
        groups.setdefault(id(first), (first, []))[1].append(second)
    return list(groups.values())


# Compiling the page templates costs more than rendering the shipped content's pages with them. Jinja keeps
# the compiled code, checked against each template's source, in a private folder of its own (in the
# system's temporary folder, readable by this user only).
_COMPILED_TEMPLATES = FileSystemBytecodeCache()
_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def records_prefix(content: Content) -> str:
    """The start of the browser storage key of each checklist's records on this site (checklist.js):
    "guidance:v1:site:<records name>:checklist:<checklist id>"."""
    return f"guidance:v1:site:{content.records_name}:checklist:"


def _template_sources() -> str:
    """A digest of the page templates: one edited under a development server renders every page again."""
    return code_digest(sorted(_TEMPLATES.rglob("*.j2")))


class SiteRenderer:
    def __init__(self, content: Content, build_date, audits: AuditResults | None = None, pdfs: bool = False,
                 converted_texts: ConvertedTexts | None = None, memo: PageMemo | None = None):
        """pdfs: the site is built with a PDF of each blank checklist, which its pages link to.
        converted_texts: where the content text converted by the last build is kept, if anywhere.
        memo: the pages of the last builds with what each read, to reuse those whose reads are unchanged."""
        self.content = content
        self.build_date = build_date
        self.audits = audits or aggregate([], [], content)  # no exports read: the page says how to add them
        self.converted_texts = converted_texts
        self.markdown = ContentMarkdown(content.glossary, converted_texts.read() if converted_texts else None)
        self.fragments: dict[tuple[str, str], tuple[Markup, Reads | None]] = {}  # see same_in_folder in render
        self.memo = memo
        if memo is not None:
            self.index = ContentIndex(content, f"{build_date.isoformat()} pdfs={pdfs} {_template_sources()}")
            self.recorder = Recorder(self.index)
            self.lookups = RecordedContent(self.recorder)  # `content` as pages see it: their questions are noted
            memo.begin(self.index)
        else:
            self.recorder = None
            self.lookups = content
        self.environment = (Environment if memo is None else functools.partial(recording_environment, self.recorder))(
            loader=PackageLoader("generator", "templates"),
            autoescape=True,  # every value is escaped unless it is already Markup
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_COMPILED_TEMPLATES,
        )
        self.environment.filters.update(md=self.markdown.block, md_inline=self.markdown.inline, heading=heading_text,
                                           literal=literal_text, grouped=grouped, first_sentence=first_sentence)
        self.tones = site_tones(content)
        self.environment.globals.update(
            content=self.lookups,
            statuses=content.statuses,
            assessors=content.assessors,
            tone=self.tones.of,
            not_rated_label=NOT_RATED_LABEL,
            as_of=content.as_of(build_date),
            strengths=STRENGTHS,
            practice=PRACTICE,
            reference_kinds=REFERENCE_KINDS,
            paths={
                "legal": LEGAL, "matrix": MATRIX, "case_audits": CASE_AUDITS, "audit_results": AUDIT_RESULTS,
                "area": area_path, "recommendation": recommendation_path, "guidance": guidance_path,
                "checklist": checklist_path, "role": role_path,
            },
            build_date=build_date,
            rating_data=lambda checklist: rating_data(content, checklist),
            my_audit_data=lambda checklist: my_audit_data(content, checklist),
            personal_data_patterns=personal_data_patterns(content),
            records_prefix=records_prefix(content),
            pdf_of=(lambda checklist: checklist_pdf_path(checklist.id)) if pdfs else (lambda checklist: None),
            answers_kept=ANSWERS_KEPT,
        )

    def render(self, template: str, path: str, title: str, **values) -> Page:
        def link(to_path: str, anchor: str | None = None) -> str:
            return relative_url(path, to_path, anchor)

        def recommendation_link(reference: str) -> str:
            # Read as templates read (so that a page's memo notes what the link is made of).
            recommendation = self.lookups.recommendation_of(reference)
            recommendation_id = self.environment.getattr(recommendation, "id")
            area_id = self.environment.getattr(recommendation, "area")
            anchor = None if reference == recommendation_id else f"point-{reference}"
            return link(area_recommendation_path(area_id, recommendation_id), anchor)

        def guidance_link(reference: str) -> str:
            document_id, _, point_id = reference.partition("/")
            return link(guidance_path(document_id), f"point-{point_id}" if point_id else None)

        def same_in_folder(key: str, macro, *args) -> Markup:
            """What macro(*args) gives, rendered once for every page in this page's folder. Only for a
            fragment that depends on nothing else (its links are relative, so the folder matters): a
            checklist's paper form is the same in every area's print pack, and most of their cost."""
            fragment_key = (posixpath.dirname(path), key)
            if fragment_key not in self.fragments:
                if self.memo is None:
                    self.fragments[fragment_key] = (macro(*args), None)
                else:  # what the fragment reads is read by every page it is shown on
                    self.fragments[fragment_key] = self._recorded(("fragment", *fragment_key), args,
                                                                  lambda: macro(*args))
            fragment, reads = self.fragments[fragment_key]
            if reads is not None and self.recorder.current is not None:
                self.recorder.current.merge(reads)
            return fragment

        same_in_folder.records_its_reads = True  # see page_memo.py

        def rendered() -> Page:
            text = self.environment.get_template(template).render(
                page_path=path, title=title, link=link, recommendation_link=recommendation_link,
                guidance_link=guidance_link, same_in_folder=same_in_folder, **values)
            return Page(path, title, text, SEARCH_RANK.get(template, 1.0))

        if self.memo is None:
            return rendered()
        return self._recorded(("page", path), (template, title, values), rendered)[0]

    def _recorded(self, name: tuple, inputs, make) -> tuple:
        """(what make() gives, what it read): kept by the memo from an earlier build if made of the same inputs
        and every answer it read still holds, else made now, with its reads recorded for the next build."""
        reads = Reads()
        try:
            inputs_seen = self.index.fingerprint(inputs)
        except NotComparable:
            inputs_seen, reads.comparable = None, False
        else:
            kept = self.memo.reuse(self.index, name, inputs_seen)
            if kept is not None:
                return kept.made, kept.reads
        with self.recorder.recording(reads):
            made = make()
        self.memo.keep(self.index, name, inputs_seen, reads, made)
        return made, reads

    def plan(self) -> SitePlan:
        plan = self._plan()
        if self.memo is not None:
            self.memo.end()
        # A page or fragment reused from the memo converted none of its texts: they are not forgotten for that.
        nothing_reused = self.memo is None or not self.memo.reused
        if self.converted_texts is not None and self.markdown.known_is_stale and nothing_reused:
            self.converted_texts.write(self.markdown.converted)
        return plan

    def _plan(self) -> SitePlan:
        content = self.content
        has_case_examples = any(area.case_examples for area in content.areas)  # no page that would say nothing
        pages = [
            self.render("home.md.j2", HOME, content.site.title),
            self.render("review.md.j2", REVIEW, "About the review", share=share_text),  # rounded as the results pages round
            self.render("glossary.md.j2", GLOSSARY, "Glossary"),
            *([self.render("legal-references.md.j2", LEGAL, "Legal and statutory references")] if content.legal_references else []),
            *([self.render("case-examples.md.j2", CASE_EXAMPLES, "Case examples")] if has_case_examples else []),
            self.render("areas-index.md.j2", AREAS_INDEX, "Areas and recommendations"),
            self.render("guidance-index.md.j2", GUIDANCE_INDEX, "Guidance"),
            self.render("checklist-index.md.j2", CHECKLIST_INDEX, "Self-audit checklists"),
            self.render("roles-index.md.j2", ROLES_INDEX, "Your role"),
        ]
        nav = [NavEntry("Home", HOME), NavEntry("About the review", REVIEW)]
        area_entries = []
        for area in content.areas:
            pages.append(self.render("area.md.j2", area_path(area.id), area.title, area=area))
            recommendation_entries = []
            for recommendation in area.recommendations:
                title = f"Recommendation {recommendation.id}"
                pages.append(self.render("recommendation.md.j2", recommendation_path(recommendation), title,
                                         area=area, recommendation=recommendation))
                recommendation_entries.append(NavEntry(title, recommendation_path(recommendation)))
            area_entries.append(NavEntry(area.title, area_path(area.id), listed_in_menu(recommendation_entries)))
        nav.append(NavEntry("Areas and recommendations", AREAS_INDEX, listed_in_menu(area_entries)))
        progress_nav = NavEntry("Progress")
        for template, path, title, values in self._progress_pages():
            pages.append(self.render(template, path, title, **values))
            progress_nav.children.append(NavEntry(title, path))
        nav.append(progress_nav)
        pages += self._matrix_area_pages()  # linked from the matrix page, not the menu
        document_entries = []
        for document in content.guidance:
            pages.append(self.render("guidance.md.j2", guidance_path(document.id), document.title, document=document))
            document_entries.append(NavEntry(document.title, guidance_path(document.id)))
        guidance_nav = NavEntry("Guidance", GUIDANCE_INDEX, listed_in_menu(document_entries))
        pages.append(self.render("my-audits.md.j2", MY_AUDITS, "My audits"))
        pages.append(self.render("answers-kept.md.j2", ANSWERS_KEPT, "Where audit answers are kept",
                                 my_audits=MY_AUDITS, checklist_index=CHECKLIST_INDEX))
        checklist_entries = []
        for checklist in content.checklists:
            pages.append(self.render("checklist.md.j2", checklist_path(checklist.id), checklist.title, checklist=checklist))
            checklist_entries.append(NavEntry(checklist.title, checklist_path(checklist.id)))
        # My audits, where answers are kept and the print packs are not checklists: they stay in the menu however many checklists there are.
        checklists_nav = NavEntry("Self-audit checklists", CHECKLIST_INDEX,
                                  [NavEntry("My audits", MY_AUDITS),
                                   NavEntry("Where audit answers are kept", ANSWERS_KEPT),
                                   *listed_in_menu(checklist_entries)])
        packs = print_packs(content)
        if packs:
            pages.append(self.render("print-packs.md.j2", PRINT_PACKS, "Print packs", packs=packs))
            pack_entries = []
            for pack in packs:
                pages.append(self.render("print-pack.md.j2", pack.path, pack.title, pack=pack))
                pack_entries.append(NavEntry(pack.nav_title, pack.path))
            checklists_nav.children.append(NavEntry("Print packs", PRINT_PACKS, listed_in_menu(pack_entries)))
        role_entries = []
        for audience in content.audiences:
            pages.append(self.render("role.md.j2", role_path(audience.id), audience.title, audience=audience))
            role_entries.append(NavEntry(audience.title, role_path(audience.id)))
        roles_nav = NavEntry("Your role", ROLES_INDEX, listed_in_menu(role_entries))
        nav += [guidance_nav, checklists_nav, roles_nav,
                *([NavEntry("Case examples", CASE_EXAMPLES)] if has_case_examples else []),
                *([NavEntry("Legal and statutory references", LEGAL)] if content.legal_references else []), NavEntry("Glossary", GLOSSARY)]
        return SitePlan(pages, nav, [
            (TONES_STYLESHEET, self.tones.stylesheet().encode("utf-8")),
            (MATRIX_CSV, matrix_csv(content, content.as_of(self.build_date)).encode("utf-8-sig")),  # BOM: spreadsheets read UTF-8
        ])


    def _progress_pages(self):
        """(template, path, title, values) of the pages that track progress."""
        content = self.content
        tone = self.tones.of
        as_of = content.as_of(self.build_date)
        split = self._matrix_is_split()
        area_pages = [(area, matrix_area_path(area.id), sum(r.is_overdue(as_of) for r in area.recommendations))
                      for area in content.areas] if split else None
        yield "matrix.md.j2", MATRIX, "Progress matrix", {
            **matrix_values(content, as_of, tone), "matrix_areas": [] if split else list(content.areas),
            "area_pages": area_pages, "one_area_of_many": False}
        if content.case_audits:
            yield "case-audits.md.j2", CASE_AUDITS, "Case-audit results", case_audit_values(content, tone)
        yield "audit-results.md.j2", AUDIT_RESULTS, "Audit results", audit_results_values(content, self.audits, tone)


    def _matrix_is_split(self) -> bool:
        return sum(len(area.recommendations) for area in self.content.areas) > MATRIX_PAGE_LIMIT

    def _matrix_area_pages(self) -> list[Page]:
        if not self._matrix_is_split():
            return []
        values = matrix_values(self.content, self.content.as_of(self.build_date), self.tones.of)
        return [self.render("matrix.md.j2", matrix_area_path(area.id), f"Progress matrix: {area.title}",
                            **values, matrix_areas=[area], area_pages=None, one_area_of_many=True)
                for area in self.content.areas]




def site_tones(content: Content) -> Tones:
    """The colour of every status, grade and rating option, from its place in its scale."""
    tones = Tones()
    tones.add_scale("status", list(content.statuses), neutral=[NO_STATUS])
    if content.grading:
        tones.add_scale("grade", [grade.id for grade in content.grading.grades])
    for scale in content.scales.values():
        tones.add_scale(f"scale:{scale.id}", [option.id for option in scale.options],
                        neutral=[option.id for option in scale.options if option.not_applicable] + ["not-rated"])
    return tones


def hand_written_pages(plan: SitePlan, docs_dir: Path) -> list[str]:
    """The Markdown pages in docs_dir (relative paths) that are not generated ones: a hand-written page of a
    generated page's path takes its place and is not listed again."""
    generated = {page.path for page in plan.pages}
    pages = (path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md")) if docs_dir.is_dir() else ()
    return sorted(path for path in pages if path not in generated)


def menu_config(plan: SitePlan, hand_written: list[str]) -> list:
    """The menu as an engine's configuration writes it (MkDocs' and Zensical's `nav`): generated sections
    first, then hand-written pages (paths relative to the docs folder) under 'About this site'."""
    menu = [_menu_entry(entry) for entry in plan.nav]
    if hand_written:
        menu.append({"About this site": hand_written})
    return menu


def _menu_entry(entry: NavEntry):
    # Engines treat navigation titles as HTML (the theme prints them unescaped).
    title = str(escape(entry.title))
    if not entry.children:
        return {title: entry.path}
    children = ([entry.path] if entry.path else []) + [_menu_entry(child) for child in entry.children]
    return {title: children}


def plan_site(content: Content, build_date, audits: AuditResults | None = None, pdfs: bool = False,
              cache_folder: Path | None = None, memo: PageMemo | None = None) -> SitePlan:
    """pdfs: the site will hold pdf/<checklist id>.pdf of each blank checklist, so pages link to them.
    cache_folder: keep the content's text converted to HTML there, for the next build to reuse.
    memo: the pages of the last builds of a long-lived process, reused where nothing they read changed."""
    converted = (ConvertedTexts(cache_folder, glossary_abbreviations(content.glossary))
                 if cache_folder is not None else None)
    return SiteRenderer(content, build_date, audits, pdfs, converted, memo).plan()


def write_pages(plan: SitePlan, folder: Path) -> None:
    """Write the pages out as Markdown files (the search rank as Material's front matter), and the files made
    from the content, for tools other than MkDocs."""
    for page in plan.pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_front_matter(page.markdown, search_settings(page)), encoding="utf-8")
    for path, data in plan.assets:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def search_settings(page: Page) -> dict:
    """A page's search settings as Material's (and Zensical's) front matter gives them: its rank as a boost."""
    return {"search": {"boost": page.search_rank}} if page.search_rank != 1.0 else {}


def with_front_matter(markdown: str, settings: dict) -> str:
    """The page with settings added to its front matter (a page's own front matter is kept)."""
    if not settings:
        return markdown
    front = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=10_000)
    body = markdown[len("---\n"):] if markdown.startswith("---\n") else "---\n" + markdown
    return "---\n" + front + body
