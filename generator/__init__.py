"""Guidance and self-audit site generator.

The pipeline is load -> validate -> model -> render, one module (or package) per step:

- ``load``:      read YAML safely, keeping the line and column of every value;
- ``validate``:  JSON Schema per kind of file, then cross-references between files;
- ``model``:     the typed, read-only content model the rest of the code works on;
- ``render``:    Markdown pages, assets and data files for a static site.

``content`` ties the first three together. ``mkdocs_plugin`` and ``cli`` are thin adapters.
"""
