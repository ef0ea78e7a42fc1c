"""Guidance and self-audit site generator.

The pipeline is load -> validate -> model -> render, one module (or package) per step:

- ``load``:      read YAML safely, keeping the line and column of every value
                 (``syntax_errors`` explains YAML's own errors in plain words);
- ``validate``:  JSON Schema per kind of file (``schemas/``), then cross-references between files;
- ``model``:     the typed, read-only content model the rest of the code works on;
- ``render``:    Markdown pages (``templates/``), navigation and static assets (``assets/``).

``content`` runs load, validate and model over a content folder; ``problems`` is how every
step reports. ``audits`` holds the rules of audit records and reads and counts their exports.
``build`` builds a whole site (atomically, through MkDocs) and PDFs of it.
``mkdocs_plugin`` and ``cli`` are thin adapters over all of this.
"""
