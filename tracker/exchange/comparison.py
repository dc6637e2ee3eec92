"""The comparison of options written for other programs: CSV for spreadsheets, Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracker.domain.choosing import CRITERION_TITLES, Criterion, RankedOption, Recommendation
from tracker.errors import NotFoundError
from tracker.exchange.files import csv_text
from tracker.wording import QT_TRANSLATE_NOOP, say

NO_OPTION = QT_TRANSLATE_NOOP("Export", "There is no option {slug} in the {path} path.")


def comparison_csv(ranking: Sequence[RankedOption]) -> str:
    """One row per option, best first: score, limits, and value and fit per criterion."""
    header = ["rank", "option", "slug", "kind", "score"]
    for criterion in Criterion:  # the column names stay as written, for other programs
        title = str(CRITERION_TITLES[criterion])
        header += [title, f"{title} fit (0-10)"]
    header += ["broken limits", "reasons", "link"]
    rows: list[list[Any]] = []
    for entry in ranking:
        row: list[Any] = [
            entry.rank,
            entry.option.title,
            entry.option.slug,
            entry.option.kind_label,
            f"{entry.score:.1f}",
        ]
        for criterion in Criterion:
            cell = entry.criterion(criterion)
            row += [cell.value, f"{cell.score:.1f}"]
        row += [
            "; ".join(v.message for v in entry.violations),
            "; ".join(entry.reasons),
            entry.option.url,
        ]
        rows.append(row)
    return csv_text(header, rows)


def comparison_markdown(recommendation: Recommendation, ranking: Sequence[RankedOption]) -> str:
    """The comparison as the page shows it: criteria as rows, options as columns."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"**{cell(recommendation.summary)}**", ""]
    head = ["Criterion (weight)", *(f"{e.rank}. {e.option.title}" for e in ranking)]
    lines.append("| " + " | ".join(cell(text) for text in head) + " |")
    lines.append("|" + "---|" * len(head))
    for criterion in Criterion:
        weight = recommendation.weights.get(criterion, 0)
        cells = [f"{criterion.label} ({weight})"]
        for entry in ranking:
            score = entry.criterion(criterion)
            cells.append(f"{score.value} · {score.score:.0f}/10")
        lines.append("| " + " | ".join(cell(text) for text in cells) + " |")
    lines.append("| **Score** | " + " | ".join(f"**{e.score:.0f}/100**" for e in ranking) + " |")
    lines.append(
        "| Broken limits | "
        + " | ".join(cell("; ".join(v.message for v in e.violations) or "none") for e in ranking)
        + " |"
    )
    return "\n".join(lines) + "\n"


def selected(
    recommendation: Recommendation, path_slug: str, slugs: Sequence[str] | None
) -> list[RankedOption]:
    """The ranking, or only the options ``slugs`` names (in ranking order)."""
    if not slugs:
        return list(recommendation.ranking)
    unknown = [slug for slug in slugs if recommendation.find(slug) is None]
    if unknown:
        raise NotFoundError(say(NO_OPTION, slug=repr(unknown[0]), path=repr(path_slug)))
    wanted = set(slugs)
    return [entry for entry in recommendation.ranking if entry.option.slug in wanted]
