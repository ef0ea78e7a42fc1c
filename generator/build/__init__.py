"""Building a whole site: the build date, the atomic MkDocs build, and PDFs of the blank checklists."""
