"""What a checklist page's script needs beyond its form: the rating rule and the personal-data patterns.

Emitted into the page as JSON in data-* attributes, so the script reads data, never code.
"""
from __future__ import annotations

from ..audits.rules import BUILT_IN_PERSONAL_DATA_PATTERNS, OTHERWISE_EXPLAIN
from ..model import Checklist, Content


def rating_data(content: Content, checklist: Checklist) -> dict | None:
    rule_set = checklist.rating
    if rule_set is None:
        return None
    labels = {option.id: option.label for option in content.scales[rule_set.scale].options}
    rules = []
    for rule in rule_set.rules:
        when = {"answers": list(rule.when.answers), "at_least": rule.when.at_least}
        if rule.when.critical is not None:
            when["critical"] = rule.when.critical
        if rule.when.items:
            when["items"] = list(rule.when.items)
        rules.append({"id": rule.rating, "label": labels[rule.rating], "explain": rule.explain, "when": when})
    return {
        "scale": rule_set.scale,
        "rules": rules,
        "otherwise": {"id": rule_set.otherwise, "label": labels[rule_set.otherwise], "explain": OTHERWISE_EXPLAIN},
    }


def personal_data_patterns(content: Content) -> list[dict]:
    return [{"label": pattern.label, "pattern": pattern.pattern}
            for pattern in BUILT_IN_PERSONAL_DATA_PATTERNS + content.personal_data_patterns]
