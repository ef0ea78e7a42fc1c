"""MkDocs adapter: load the content, add the generated pages, navigation and assets.

All the work is done by the core (``content``, ``render``); this file only translates
between it and MkDocs' events, so the core can move to another site tool.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
import jinja2.bccache
import markdown
from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory

from .content_cache import default_folder
from .build.html_blocks import GeneratedHtmlBlocks, anchor_ids
from .build.partial import BuiltSite, Rebuild, RebuildMemory, digest, merge_search_entries, site_signature
from .build.pdf import NoBrowser, checklist_pdfs, find_browser, print_pages
from .build.plan_cache import plan_folders
from .build.save_watch import look_often
from .problems import ContentError, told_in_order
from .render.page_memo import PageMemo
from .render import assets as site_assets
from .render.csp import add_content_security_policy
from .render.markdown import glossary_abbreviations
from .render.search_terms import SearchAbbreviations
from .render.problems_page import TITLE as PROBLEMS_TITLE, problems_page
from .render.site import hand_written_pages, menu_config

log = logging.getLogger("mkdocs.plugins.guidance")
pdf_log = logging.getLogger("mkdocs.plugins.guidance.pdf")  # its warnings mean a PDF asked for is missing


class GuidancePluginConfig(Config):
    content_dir = c.Type(str, default="checklists")
    """The folder of YAML content, relative to mkdocs.yml."""
    offline = c.Type(bool, default=True)
    """Make the site work opened from a folder (file://), search included, with nothing from a CDN."""
    audits_dir = c.Type(str, default="audits")
    """The folder of audit exports (JSON) counted into the 'Audit results' page, relative to mkdocs.yml."""
    content_security_policy = c.Type(bool, default=True)
    """Add a Content-Security-Policy to every page (not under `mkdocs serve`, whose live reload is an inline script)."""
    pdf = c.Type(bool, default=False)
    """Also print each blank checklist to pdf/<checklist id>.pdf in the site, with headless Chromium.

    Not under `mkdocs serve`. Without a browser: a warning that says what to install; the site is built."""
    cache = c.Type(bool, default=True)
    """Keep content files that passed their checks in .cache/guidance/ beside mkdocs.yml, so that a rebuild
    parses and checks again only the files that changed."""


class _GeneratedFile(File):
    """A generated file that a partial rebuild may leave as the last build wrote it."""
    unchanged = False

    def is_modified(self) -> bool:
        # MkDocs asks this only in a dirty build; a generated file is otherwise always "modified".
        if self.unchanged and Path(self.abs_dest_path).is_file():
            return False
        return super().is_modified()


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory across rebuilds; Jinja checks each against its source."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class _ThemeListing:
    """Under `mkdocs serve`: the theme's files listed once, not at every rebuild. To find the few files it copies
    (43 of Material's), MkDocs lists and filters every file of the theme at every build, some 14,500 with
    Material's icons, which costs more than rebuilding a page. The overrides folder (custom_dir), which may
    change while serving, is still listed each time; the installed theme does not change while serving."""

    def __init__(self) -> None:
        self.listed: dict[tuple, list[str]] = {}

    def get_env(self, theme):
        """theme.get_env, making environments whose listing of the theme's files is kept from the last build."""
        make_env = theme.get_env

        def get_env():
            env = make_env()
            list_templates = env.list_templates

            def listing(extensions=None, filter_func=None):
                if extensions is not None or filter_func is None:  # not the listing of files to copy
                    return list_templates(extensions, filter_func)
                installed = [folder for folder in theme.dirs if folder != theme.custom_dir]
                key = (filter_func.__code__, tuple(sorted(theme.static_templates)), tuple(installed))
                if key not in self.listed:
                    self.listed[key] = list(filter(filter_func, jinja2.FileSystemLoader(installed).list_templates()))
                overrides = jinja2.FileSystemLoader([theme.custom_dir]).list_templates() if theme.custom_dir else []
                return sorted({*self.listed[key], *filter(filter_func, overrides)})
            env.list_templates = listing
            return env
        return get_env


class _DirtyBuildWarning(logging.Filter):
    """MkDocs warns at every dirty build that the menu and links may be wrong; the plugin's partial
    rebuilds redo every page whenever anything every page shows changes, so it does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class GuidancePlugin(BasePlugin[GuidancePluginConfig]):
    serving = False
    partial_rebuilds = False  # `mkdocs serve --dirty`: see generator/build/partial.py
    # Under `mkdocs serve` MkDocs keeps this instance from one rebuild to the next (it has on_startup):
    # the pages of the last good build, where the browser may be, show the content's problems meanwhile.
    last_good_pages: frozenset[str] = frozenset()
    problems: list | None = None
    rebuild: Rebuild | None = None  # this build's, when partial rebuilds are on
    memory: RebuildMemory | None = None
    page_memo: PageMemo | None = None  # under `mkdocs serve`: pages reused while what they read is unchanged
    html_blocks: GeneratedHtmlBlocks | None = None

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        self.partial_rebuilds = self.serving and dirty
        self.memory = RebuildMemory()
        self.page_memo = PageMemo() if self.serving else None
        self.compiled_theme_templates = _CompiledTemplates()
        self.theme_listing = _ThemeListing()
        if self.partial_rebuilds:
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildWarning())

    def on_config(self, config):
        if self.serving:
            config.theme.get_env = self.theme_listing.get_env(config.theme)
        base = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = (base / self.config.content_dir).resolve()
        self.audits_dir = (base / self.config.audits_dir).resolve()
        # Pages link to the PDFs only when they will be made: never under `mkdocs serve`, nor without a browser.
        with_pdfs = self.config.pdf and not self.serving and find_browser() is not None
        try:
            planned = plan_folders(self.content_dir, self.audits_dir, self.config.audits_dir, pdfs=with_pdfs,
                                   cache_folder=default_folder(base) if self.config.cache else None,
                                   memo=self.page_memo)
        except ContentError as error:
            for _, line in told_in_order(error.problems):
                log.error(line)
            if not self.serving:
                raise PluginError(f"The content in {self.config.content_dir}/ has {len(error.problems)} problem(s); "
                                  "nothing was built and the previous site is untouched.") from None
            # A failed build would leave MkDocs holding every request and the browser on the old page:
            # instead the site becomes the list of problems, and the fix reloads the page as usual.
            log.error(f"The content in {self.config.content_dir}/ has {len(error.problems)} problem(s); the browser "
                      "shows them in place of the site until they are fixed.")
            self.problems = error.problems
            return self._problems_config(config)
        self.problems = None
        content, self.plan = planned.content, planned.plan
        for problem in planned.audits.problems:  # the page lists them too; the build goes on without them
            log.warning(f"{planned.audits.told_to_builder(problem)} (file skipped)")
        self.pdf_sources = checklist_pdfs(content)
        self.titles = {page.path: page.title for page in self.plan.pages}
        self.search_ranks = {page.path: page.search_rank for page in self.plan.pages if page.search_rank != 1.0}
        self.search_abbreviations = SearchAbbreviations(content.glossary)
        self.last_good_pages = frozenset(self.titles)
        # The header shows the content's title, not mkdocs.yml's placeholder. The theme prints it
        # unescaped in places and escaped in others: Markup is escaped once and never twice.
        config.site_name = escape(content.site.title)

        self._watch(config, self.content_dir)  # `mkdocs serve` rebuilds when content changes
        if self.audits_dir.is_dir():
            self._watch(config, self.audits_dir)  # ... and when an export is dropped in
        # Glossary terms are marked up on every page, hand-written ones included.
        for extension in ("abbr", "attr_list"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # Generated pages' HTML is set aside before Markdown reads it (build/html_blocks.py).
        self.html_blocks = self.html_blocks or GeneratedHtmlBlocks()
        config.markdown_extensions.append(self.html_blocks)
        abbr = config.mdx_configs.setdefault("abbr", {})
        abbr["glossary"] = {**glossary_abbreviations(content.glossary), **abbr.get("glossary", {})}
        config.extra_css = [*site_assets.LINKED_STYLESHEETS, *config.extra_css]
        config.extra_javascript = [*site_assets.SCRIPTS, *config.extra_javascript]
        if self.config.offline:
            # Pages as .html files, not folders, so links work from file://.
            config.use_directory_urls = False
            config.extra["polyfills"] = [site_assets.FILE_URL_WORKER_SHIM]
            features = config.theme.get("features") or []
            if "navigation.instant" in features and not config.site_url:
                # Material navigates instantly only to pages listed in sitemap.xml, which MkDocs fills
                # only when site_url is set (`mkdocs serve` sets it): without it the feature does
                # nothing on a server, and opened from a folder it ends Material's document$ before
                # the first page, so no script waiting for a page runs, ours or the theme's own.
                config.theme["features"] = [feature for feature in features if feature != "navigation.instant"]
        if not config.copyright:
            config.copyright = site_assets.citation(content)
        if config.nav is None:
            config.nav = self._nav(config)
        return config

    def _problems_config(self, config):
        """The configuration of a site made of the problems page alone (see on_files)."""
        self._watch(config, self.content_dir)
        config.extra_css = [site_assets.SITE_STYLESHEET, *config.extra_css]  # no content, so no tones.css
        config.extra_javascript = [*site_assets.SCRIPTS, *config.extra_javascript]
        config.nav = [{PROBLEMS_TITLE: "index.md"}]
        if self.config.offline:
            config.use_directory_urls = False  # the pages at the addresses the good build had
        return config

    def _problems_files(self, files: Files, config) -> Files:
        """Every page the browser may be on (the last good build's and the hand-written ones) lists the problems.

        The pages are virtual: nothing is written into the content or docs folders."""
        markdown = problems_page(self.problems, self.config.content_dir)
        paths = {"index.md", *self.last_good_pages}
        for file in list(files.documentation_pages()):
            paths.add(file.src_uri)
            files.remove(file)
        for path in sorted(paths):
            inclusion = InclusionLevel.INCLUDED if path == "index.md" else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
        for destination, content in site_assets.files():
            files.append(File.generated(config, destination, content=content))
        return files

    def on_pre_template(self, template, template_name: str, config):
        """While the content has problems, the theme's 404 page (which MkDocs sends for any other address,
        with links that work from any address) lists them too, in place of "Not found"."""
        if self.problems is None or template_name != "404.html":
            return template
        listed = markdown.Markdown(extensions=["attr_list"]).convert(
            problems_page(self.problems, self.config.content_dir))
        return template.environment.from_string(
            '{% extends "main.html" %}{% block content %}{{ gs_problems }}{% endblock %}',
            globals={"gs_problems": Markup(listed)})

    @staticmethod
    def _watch(config, folder: Path) -> None:
        if str(folder) not in map(str, config.watch):
            config.watch.append(str(folder))

    def on_files(self, files: Files, config) -> Files:
        self.rebuild = None
        if self.problems is not None:
            if self.partial_rebuilds:  # the problems site replaces the whole site, as a full build's would
                self.memory.forget()
                clean_directory(config.site_dir)
            return self._problems_files(files, config)
        hand_written = list(files.documentation_pages())
        in_menu = self.plan.menu_paths()
        generated: list[_GeneratedFile] = []
        for page in self.plan.pages:
            if files.get_file_from_path(page.path) is None:  # a hand-written page of the same path wins
                # Pages a long section leaves out of the menu are listed on its index page: said so, MkDocs
                # neither lists each of them at every build nor fails a strict build that checks the menu.
                inclusion = InclusionLevel.INCLUDED if page.path in in_menu else InclusionLevel.NOT_IN_NAV
                generated.append(_GeneratedFile.generated(config, page.path, content=page.markdown, inclusion=inclusion))
        for destination, content in [*site_assets.files(), *self.plan.assets]:
            generated.append(_GeneratedFile.generated(config, destination, content=content))
        for file in generated:
            files.append(file)
        self.pdf_pages = {files.get_file_from_path(page).dest_uri: target for page, target in self.pdf_sources.items()}
        if self.partial_rebuilds:
            self._plan_rebuild(files, generated, hand_written, config)
        return files

    def _plan_rebuild(self, files: Files, generated: list[_GeneratedFile], hand_written: list[File], config) -> None:
        """Mark what this rebuild leaves as it is, and delete what the site no longer has."""
        self.sources = {file.src_uri: digest(file.content_bytes) for file in generated}
        self.outputs = frozenset(file.dest_uri for file in files)
        self.page_paths = frozenset(file.src_uri for file in files.documentation_pages())
        self.signature = self._signature(config, hand_written)
        self.rebuild = self.memory.plan(self.signature, self.sources, self.outputs, self.page_paths)
        site_dir = Path(config.site_dir)
        if self.rebuild.full:
            if self.memory.last is not None:  # says why this save takes longer than the last ones
                log.info("Full rebuild: the menu, the glossary, a hand-written page or a setting every page shows changed.")
            clean_directory(config.site_dir)  # as a build without --dirty starts
            return
        for file in generated:
            file.unchanged = file.src_uri in self.rebuild.unchanged
        for output in self.rebuild.stale_outputs:
            (site_dir / output).unlink(missing_ok=True)
        if self.rebuild.pages_added_or_removed:
            for file in hand_written:  # an output older than its source is rebuilt
                Path(file.abs_dest_path).unlink(missing_ok=True)
        log.info(f"Partial rebuild: {sum(file.is_modified() for file in files.documentation_pages())} of "
                 f"{len(self.page_paths)} pages changed; the settings every page shows did not.")

    def _signature(self, config, hand_written: list[File]) -> str:
        """Everything every page is rendered with, beside its own Markdown: the whole configuration as the
        plugins left it (menu, site title, glossary abbreviations, footer, stylesheets and scripts, ...).
        A hand-written page's title, from its text, is in every page's menu: its edit counts as site-wide."""
        settings = {key: value for key, value in config.items() if key not in ("plugins", "theme")}
        # MkDocs names the file as given on the command line at the first build, by its full path after.
        settings["config_file_path"] = os.path.abspath(config.config_file_path or "")
        settings["hand_written"] = {file.src_uri: os.stat(file.abs_src_path).st_mtime_ns for file in hand_written}
        settings["theme"] = {"name": config.theme.name, "dirs": config.theme.dirs, **dict(config.theme.items())}
        settings["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
        # Overridden theme templates and hooks shape every page too (`--watch-theme`, `watch:`): their edits also count.
        overrides = [path for path in Path(config.theme.custom_dir).rglob("*") if path.is_file()] \
            if config.theme.custom_dir else []
        settings["overrides"] = {str(path): path.stat().st_mtime_ns
                                 for path in sorted([*overrides, *map(Path, config.get("hooks") or [])]) if path.exists()}
        return site_signature(settings)

    def on_env(self, env, config, files):
        if self.serving:  # the theme's templates are compiled once, not at every rebuild
            env.bytecode_cache = self.compiled_theme_templates
        # A page left as it was is not read again: in the menu of the pages that are rebuilt it keeps
        # the title it had when read (a full build reads every page before writing any).
        if self.rebuild is not None and not self.rebuild.full:
            for file in files.documentation_pages():
                if file.page is not None and not file.is_modified() and file.src_uri in self.memory.last.titles:
                    file.page.title = self.memory.last.titles[file.src_uri]
        self.built_pages: dict[str, str] = {}  # page -> its URL, for the pages this build writes
        self.search_entries: dict[str, list] = {}  # page URL -> its entries, once merged (no search plugin: none)
        self.page_urls = [file.url for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)]
        self.built_titles: dict[str, str] = {}
        return env

    def on_page_context(self, context, page, config, nav):
        if self.rebuild is not None:
            self.built_pages[page.file.src_uri] = page.url
            self.built_titles[page.file.src_uri] = page.title
        return context

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if self.problems is not None:
            page.meta["title"] = PROBLEMS_TITLE
            return markdown
        # Material prints page.title into <title> through `striptags`, which unescapes it, so a
        # title holding "</title><script>" would end the element and run. It prints a meta title
        # as it is: an escaped one keeps a generated page's title text, in the tab and the header.
        # (The home page's <title> is the site name alone; the theme does not print its title.)
        if page.file.generated_by and page.file.src_uri in self.titles and not page.is_homepage:
            page.meta["title"] = str(escape(self.titles[page.file.src_uri]))
        if self.html_blocks is not None:
            self.html_blocks.enabled = bool(page.file.generated_by)
        if page.file.generated_by and page.file.src_uri in self.search_ranks:
            # Material's per-page search boost (its search plugin reads page.meta when it indexes the page).
            page.meta.setdefault("search", {}).setdefault("boost", self.search_ranks[page.file.src_uri])
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        if self.html_blocks is None:
            return html
        if self.html_blocks.enabled and page.present_anchor_ids is not None:
            # MkDocs found the ids of the HTML it parsed; those of the blocks set aside are added, for its link checks.
            page.present_anchor_ids |= anchor_ids(self.html_blocks.set_aside)
        self.html_blocks.enabled = False
        return html

    @event_priority(-100)  # last, so the policy sees every inline script the page ends up with
    def on_post_page(self, output: str, page, config) -> str:
        return self._finished(output)

    @event_priority(-100)
    def on_post_template(self, output: str, template_name: str, config) -> str:
        # The 404 page is a theme template, not a page: it is finished here.
        return self._finished(output) if template_name.endswith(".html") else output

    def _finished(self, output: str) -> str:
        """A finished HTML page with print.css linked for print, and its policy."""
        output = site_assets.with_print_stylesheet(output)
        if self.config.content_security_policy and not self.serving:
            return add_content_security_policy(output)
        return output

    @event_priority(60)  # before the entries kept from the last build join them: those have the terms already
    def _add_abbreviations_to_search(self, config) -> None:
        """Each entry that spells out a glossary term's meaning gets the term (render/search_terms.py)."""
        search = self._search_plugin(config)
        if search is None or self.problems is not None:
            return
        self.search_abbreviations.add_to_entries(search.search_index.entries)

    @event_priority(50)  # before the search plugin writes its index
    def _complete_search_index(self, config) -> None:
        """In a partial rebuild the search plugin indexes only the pages rebuilt: the others' entries are
        the last build's. (Material's own dirty merge keeps one rebuilt page's entries and every removed page's.)"""
        search = self._search_plugin(config)
        if search is None or not self.partial_rebuilds:
            return
        search.search_index_prev = None  # the problems site too has only its own pages' entries
        if self.rebuild is None:
            return
        previous = {} if self.rebuild.full else self.memory.last.search_entries
        self.search_entries = merge_search_entries(
            self.page_urls, self.built_pages.values(), search.search_index.entries, previous)
        search.search_index.entries = [entry for entries in self.search_entries.values() for entry in entries]

    @staticmethod
    def _search_plugin(config):
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index") and hasattr(plugin, "search_index_prev"):
                return plugin
        return None

    @event_priority(-100)  # after the search plugin has written its index
    def _finish_site(self, config) -> None:
        if self.problems is not None:
            return
        site_assets.read_queries_as_meant(Path(config.site_dir))
        if self.config.offline:
            site_assets.write_search_index_script(Path(config.site_dir))
        if self.config.pdf:
            self._write_pdfs(Path(config.site_dir))
        if self.rebuild is not None:
            titles = {} if self.rebuild.full else dict(self.memory.last.titles)
            self.memory.remember(BuiltSite(
                signature=self.signature, sources=self.sources, outputs=self.outputs,
                page_paths=self.page_paths, titles={**titles, **self.built_titles},
                search_entries=self.search_entries))

    on_post_build = CombinedEvent(_add_abbreviations_to_search, _complete_search_index, _finish_site)

    def on_serve(self, server, config, builder):
        look_often(server, config)  # a save is seen within a tenth of a second, not MkDocs's half, where files are few
        return server

    def on_build_error(self, error) -> None:
        if self.memory is not None:  # the site is half written: the next build starts from an empty one
            self.memory.forget()

    def _write_pdfs(self, site_dir: Path) -> None:
        if self.serving:
            pdf_log.info("PDFs of the checklists are not made under `mkdocs serve`: build the site to make them.")
            return
        try:
            result = print_pages(site_dir, self.pdf_pages)
        except NoBrowser as error:
            pdf_log.warning(str(error))
            return
        for problem in result.problems:
            pdf_log.warning(f"No PDF of {problem}")
        if result.written:
            pdf_log.info(f"PDFs of {len(result.written)} blank checklists written to pdf/")

    def _nav(self, config) -> list:
        return menu_config(self.plan, hand_written_pages(self.plan, Path(config.docs_dir)))
