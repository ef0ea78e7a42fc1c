"""Command line: guidance validate, build, serve, aggregate and new.

Exit status: 0 when all is well, 1 when the content has problems or the build failed,
2 for a wrong command line. Problems are printed, never a Python traceback.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .content import build_model, check_content, load_content
from .content_cache import ContentCache, default_folder
from .problems import ContentError, format_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guidance", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check the YAML content and print every problem")
    validate.add_argument("folder", nargs="?", type=Path, help="content folder, the same as --content")
    validate.add_argument("--content", type=Path, default=Path("checklists"), help="content folder (default: checklists)")
    _add_no_cache(validate)

    build = commands.add_parser("build", help="validate, then build the site; the previous site is replaced only on success")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: from the configuration)")
    build.add_argument("--content", type=Path, default=None, help="content folder (default: from the configuration)")
    build.add_argument("--pdf", action="store_true",
                       help="also print each blank checklist to pdf/<checklist id>.pdf in the site (needs Chromium or Chrome)")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="the site engine: mkdocs (MkDocs with Material, the default) or zensical (Material's successor)")
    _add_no_cache(build)

    serve = commands.add_parser("serve", help="build and serve the site, rebuilding when the content changes")
    serve.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    serve.add_argument("--content", type=Path, default=None, help="content folder (default: from the configuration)")
    serve.add_argument("--engine", choices=ENGINES, default="mkdocs", help="the site engine (default: mkdocs)")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")

    aggregate = commands.add_parser(
        "aggregate", help="count a folder of audit exports (JSON) into one CSV table; files that cannot be counted are "
                          "listed and skipped, and the exit status is then 1")
    aggregate.add_argument("--audits", type=Path, default=Path("audits"), help="folder of exports (default: audits)")
    aggregate.add_argument("--content", type=Path, default=Path("checklists"), help="content folder (default: checklists)")
    aggregate.add_argument("--out", type=Path, default=None, help="CSV file to write (default: print it)")
    _add_no_cache(aggregate)

    new = commands.add_parser(
        "new", help="start the site of another inspection or force: a folder with mkdocs.yml and minimal content "
                    "whose comments explain the format; a folder that is not empty is left alone")
    new.add_argument("folder", type=Path, help="the folder to make (new, or empty)")

    arguments = parser.parse_args(argv)
    if arguments.command == "new":
        return _new(arguments.folder)
    if arguments.command == "validate":
        return _validate(arguments.folder or arguments.content, arguments.cache)
    if arguments.command == "aggregate":
        return _aggregate(arguments.audits, arguments.content, arguments.out, arguments.cache)
    if arguments.command == "serve":
        return _serve(arguments.config, arguments.content, arguments.engine, arguments.dev_addr)
    if arguments.engine == "zensical":
        if arguments.pdf:
            print("PDFs are made only with the mkdocs engine for now: build without --pdf, or with --engine mkdocs.",
                  file=sys.stderr)
            return 2
        return _build_with_zensical(arguments.config, arguments.site_dir, arguments.content, arguments.cache)
    return _build(arguments.config, arguments.site_dir, arguments.content, arguments.pdf, arguments.cache)


ENGINES = ("mkdocs", "zensical")


def _add_no_cache(command: argparse.ArgumentParser) -> None:
    command.add_argument("--no-cache", dest="cache", action="store_false",
                        help="neither read nor write .cache/guidance/, where content files that passed their checks "
                             "are kept so that only changed files are checked again")


def _cache_beside(content_dir: Path, cache: bool) -> ContentCache | None:
    """The cache of the project the content folder is in (where mkdocs.yml normally is), or None."""
    return ContentCache(default_folder(content_dir.resolve().parent)) if cache else None


def _validate(content_dir: Path, cache: bool = True) -> int:
    files_by_kind, problems = check_content(content_dir, _cache_beside(content_dir, cache))
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    build_model(files_by_kind)  # building the model must succeed too
    count = sum(len(files) for files in files_by_kind.values())
    print(f"{content_dir}: {count} files, no problems found.")
    return 0


def _new(folder: Path) -> int:
    from .new import CONTENT, PAGES, FolderNotEmpty, make_new_site

    try:
        make_new_site(folder)
    except FolderNotEmpty as error:
        print(str(error), file=sys.stderr)
        return 1
    here = Path(sys.argv[0]).resolve()  # the command is named as it was called: often by its full path
    command = here if here.name == "guidance" else "guidance"
    print(f"""Made {folder}/: the site's settings in mkdocs.yml and its content in {CONTENT}/ (a site, one area with
one recommendation, one guidance document, one checklist and a glossary), each file explained in its comments.
Hand-written pages, if you want any, go in {PAGES}/ as Markdown.

Next, in {folder}/:
  {command} validate        check the content: every mistake with its file, line and field
  {command} build           build the site into site/ (open site/index.html)
  {command} serve           see the site while you edit (http://127.0.0.1:8000): a save rebuilds what it changes""")
    return 0


def _aggregate(audits_dir: Path, content_dir: Path, out: Path | None, cache: bool = True) -> int:
    from .audits.aggregate import read_audits, write_csv

    try:
        content = load_content(content_dir, _cache_beside(content_dir, cache))
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return 1
    if not audits_dir.is_dir():
        print(f"{audits_dir}: the folder of audit exports does not exist", file=sys.stderr)
        return 1
    results = read_audits(audits_dir, content, audits_dir.as_posix())
    for problem in results.problems:
        print(f"{results.told_to_builder(problem)} (skipped)", file=sys.stderr)
    for notice in results.notices:
        print(results.told_to_builder(notice), file=sys.stderr)
    if out is None:
        write_csv(results, sys.stdout)
    else:
        with open(out, "w", encoding="utf-8-sig", newline="") as stream:  # the BOM tells spreadsheets it is UTF-8
            write_csv(results, stream)
    skipped = len(results.problems)
    print(f"{results.records} records from {len(results.files_read)} files counted"
          + (f"; {skipped} file{'s' if skipped != 1 else ''} skipped" if skipped else "")
          + (f"; written to {out}" if out else "."), file=sys.stderr)
    return 1 if skipped else 0


def _build(config_file: Path, site_dir: Path | None, content_dir: Path | None, pdf: bool = False,
           cache: bool = True) -> int:
    from .build.site import BuildFailed, build_site  # MkDocs is imported only when building

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(format="%(levelname)-7s - %(message)s", level=logging.INFO)
    missing_pdfs = _WarningCount()
    logging.getLogger("mkdocs.plugins.guidance.pdf").addHandler(missing_pdfs)
    try:
        written = build_site(config_file, site_dir, content_dir, pdf, cache)
    except BuildFailed as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        logging.getLogger("mkdocs.plugins.guidance.pdf").removeHandler(missing_pdfs)
    print(f"Site built in {written}")
    if missing_pdfs.count:
        print("Not every PDF asked for was made: see the warning above.", file=sys.stderr)
        return 1
    return 0


def _build_with_zensical(config_file: Path, site_dir: Path | None, content_dir: Path | None, cache: bool) -> int:
    from .build.atomic import BuildFailed
    from .build.zensical import build_with_zensical

    try:
        written = build_with_zensical(config_file, site_dir, content_dir, cache)
    except BuildFailed as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"Site built by Zensical in {written}")
    return 0


def _serve(config_file: Path, content_dir: Path | None, engine: str, address: str) -> int:
    if engine == "mkdocs":
        from mkdocs.commands.serve import serve as mkdocs_serve

        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        logging.basicConfig(format="%(levelname)-7s - %(message)s", level=logging.INFO)
        if content_dir is not None:
            print("--content is read from the configuration under the mkdocs engine; set content_dir in mkdocs.yml.",
                  file=sys.stderr)
            return 2
        # Dirty: a save rebuilds only the pages it changes (see generator/build/partial.py), as `make serve` does.
        mkdocs_serve(str(config_file), dev_addr=address, build_type="dirty")
        return 0
    from .build.atomic import BuildFailed
    from .build.zensical import serve_with_zensical

    try:
        return serve_with_zensical(config_file, content_dir, address)
    except BuildFailed as error:
        print(str(error), file=sys.stderr)
        return 1


class _WarningCount(logging.Handler):
    """Counts warnings: the PDF step reports a PDF it could not make as one."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


if __name__ == "__main__":
    sys.exit(main())
