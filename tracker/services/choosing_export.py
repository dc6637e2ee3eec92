"""The comparison written for other programs: CSV for spreadsheets, a Markdown table."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracker.domain.choosing import Criterion, RankedOption, Recommendation
from tracker.errors import StorageError


def comparison_csv(ranking: Sequence[RankedOption]) -> str:
    """One row per option, best first: score, limits, and value and fit per criterion."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["rank", "option", "slug", "kind", "score"]
    for criterion in Criterion:
        header += [f"{criterion.label}", f"{criterion.label} fit (0-10)"]
    header += ["broken limits", "reasons", "link"]
    writer.writerow(header)
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
        writer.writerow(row)
    return buffer.getvalue()


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


def write_atomically(file: Path, text: str) -> None:
    """Write ``text`` to ``file`` so a crash leaves the old file or the new one, never half."""
    folder = file.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StorageError(f"Could not write {file}: {exc.strerror or exc}.") from None
