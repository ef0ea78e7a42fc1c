"""Audit records: the rules a checklist page applies (progress, rating, re-check), reading the
JSON exports people bring back, and counting them. Pure: no MkDocs, no browser."""
