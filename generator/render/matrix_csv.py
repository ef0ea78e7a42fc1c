"""The progress matrix as a CSV table, for a spreadsheet: one row per recommendation.

In the site's own words: each review's status and the status now by label (and id), who gave each,
and whether it is overdue. Made at build time from the same model as the matrix page.
"""
from __future__ import annotations

import csv
import io

from ..audits.aggregate import _cell as spreadsheet_cell  # text a spreadsheet will not run as a formula
from ..model import Content, PartialDate

MATRIX_CSV = "progress/matrix.csv"


def matrix_csv(content: Content, as_of: PartialDate) -> str:
    columns = ["area", "recommendation", "timescale", "due"]
    for review in content.reviews:
        columns += [f"{review.title} ({review.date})", f"{review.title}: status id", f"{review.title}: given by"]
    columns += ["status now", "status now: id", "status now: given by", f"overdue at {as_of}"]
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    for area in content.areas:
        for recommendation in area.recommendations:
            row = [area.title, recommendation.id, recommendation.timescale.text, recommendation.due.iso()]
            for review in content.reviews:
                finding = recommendation.finding_for(review.id)
                row += ([content.statuses[finding.status].label, finding.status, _assessor(content, finding.assessed_by)]
                        if finding else ["", "", ""])
            entry = recommendation.history[-1] if recommendation.history else None
            row += ([content.statuses[entry.status].label, entry.status, _assessor(content, entry.assessed_by)]
                    if entry else ["", "", ""])
            row.append("yes" if recommendation.is_overdue(as_of) else "no")
            writer.writerow([spreadsheet_cell(value) for value in row])
    return stream.getvalue()


def _assessor(content: Content, assessor_id: str | None) -> str:
    return content.assessors[assessor_id].label if assessor_id else ""
