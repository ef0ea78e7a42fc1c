"""Validation in two passes: each file against its JSON Schema, then references between files."""
from .references import check_references
from .schema import KINDS, check_schema, schema_path

__all__ = ["KINDS", "check_references", "check_schema", "schema_path"]
