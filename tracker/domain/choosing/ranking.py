"""The ranking: weighed fits, penalties for broken limits, reasons and a one-line summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker import formatting
from tracker.domain.choosing.rules import clamp, fits, join
from tracker.domain.choosing.values import (
    DEFAULT_WEIGHT,
    LIMIT_PENALTY,
    MAX_SCORE,
    MAX_WEIGHT,
    MIN_WEIGHT,
    Criterion,
    CriterionScore,
    Option,
    RankedOption,
    Readiness,
    Recommendation,
    Situation,
    Violation,
)
from tracker.wording import QT_TRANSLATE_NOOP, say

EVERY_WEIGHT_IS_ZERO_REASON = QT_TRANSLATE_NOOP(
    "Choosing", "every weight is 0: set at least one to rank the options"
)
AHEAD_OF = QT_TRANSLATE_NOOP("Choosing", "ahead of {title} on {gains}")
TIED_WITH = QT_TRANSLATE_NOOP("Choosing", "tied with {title}; listed first by name")
BEHIND = QT_TRANSLATE_NOOP("Choosing", "behind {title} on {gains}")
GAIN = QT_TRANSLATE_NOOP("Choosing", "{criterion} (+{gain})")
STRONG_ON = QT_TRANSLATE_NOOP("Choosing", "{criterion} {score}/10: {reason}")
WEAK_ON = QT_TRANSLATE_NOOP("Choosing", "weak on {criterion} ({score}/10): {reason}")
UNKNOWN_COUNTED_AS_NEUTRAL = QT_TRANSLATE_NOOP(
    "Choosing", "unknown, counted as neutral 5/10: {criteria}"
)
POINTS_OFF = QT_TRANSLATE_NOOP("Choosing", "{points} points off for {limits}")
NOT_PENALISED = QT_TRANSLATE_NOOP("Choosing", "not penalised, as you weigh {criteria} at 0")

NO_OPTIONS = QT_TRANSLATE_NOOP("Choosing", "No options to compare yet: add an offer.")
EVERY_WEIGHT_IS_ZERO = QT_TRANSLATE_NOOP(
    "Choosing", "Every weight is 0: set at least one to rank the options."
)
FITS_BEST = QT_TRANSLATE_NOOP("Choosing", "{best} fits you best ({score}/100).")
FITS_BEST_AHEAD = QT_TRANSLATE_NOOP(
    "Choosing", "{best} fits you best ({score}/100), ahead of {runner_up} ({runner_up_score}/100)."
)
FITS_BEST_AHEAD_MAINLY_ON = QT_TRANSLATE_NOOP(
    "Choosing",
    "{best} fits you best ({score}/100), ahead of {runner_up} ({runner_up_score}/100), "
    "mainly on {criteria}.",
)
STILL_BREAKS_A_LIMIT = QT_TRANSLATE_NOOP("Choosing", "It still breaks a limit: {limits}.")

# --- the ranking -------------------------------------------------------------------------------


def normalise_weights(weights: Mapping[Criterion, int] | None) -> dict[Criterion, int]:
    """Every criterion with a weight from 0 to 10 (missing ones at the default)."""
    given = dict(weights or {})
    return {
        criterion: max(MIN_WEIGHT, min(MAX_WEIGHT, int(given.get(criterion, DEFAULT_WEIGHT))))
        for criterion in Criterion
    }


@dataclass(frozen=True)
class _Scored:
    option: Option
    weighted: float
    penalty: float
    criteria: tuple[CriterionScore, ...]
    violations: tuple[Violation, ...]

    @property
    def score(self) -> float:
        return max(0.0, self.weighted - self.penalty)


def _score(
    option: Option,
    situation: Situation,
    readiness: Readiness,
    weights: Mapping[Criterion, int],
    today: date,
) -> _Scored:
    fitted = fits(option, situation, readiness, today)
    total_weight = sum(weights.values())
    criteria = tuple(
        CriterionScore(
            criterion,
            fit.value,
            round(clamp(fit.score), 2),
            fit.reason,
            weights[criterion],
            fit.known,
        )
        for criterion, fit in fitted.items()
    )
    weighted = (
        sum(entry.points for entry in criteria) / (MAX_SCORE * total_weight) * 100
        if total_weight
        else 0.0
    )
    violations = tuple(
        Violation(criterion, fit.violation, penalised=weights[criterion] > 0)
        for criterion, fit in fitted.items()
        if fit.violation is not None
    )
    penalty = LIMIT_PENALTY * sum(1 for violation in violations if violation.penalised)
    return _Scored(option, round(weighted, 2), penalty, criteria, violations)


def _points(entry: CriterionScore, total_weight: int) -> float:
    return entry.points / (MAX_SCORE * total_weight) * 100 if total_weight else 0.0


def _lead(
    winner: _Scored, other: _Scored, total_weight: int, count: int = 2
) -> list[tuple[Criterion, float]]:
    """The criteria on which ``winner`` gains most over ``other``, in points of 100."""
    gains = []
    for mine, theirs in zip(winner.criteria, other.criteria, strict=True):
        gain = _points(mine, total_weight) - _points(theirs, total_weight)
        if gain > 0.05:
            gains.append((mine.criterion, gain))
    gains.sort(key=lambda pair: (-pair[1], list(Criterion).index(pair[0])))
    return gains[:count]


def _gains_text(gains: Iterable[tuple[Criterion, float]]) -> str:
    return join(
        [say(GAIN, criterion=criterion.noun, gain=f"{gain:.1f}") for criterion, gain in gains]
    )


def _reasons(
    scored: _Scored, rank: int, ranking: Sequence[_Scored], total_weight: int
) -> tuple[str, ...]:
    reasons: list[str] = []
    if total_weight == 0:
        return (say(EVERY_WEIGHT_IS_ZERO_REASON),)
    if rank == 1 and len(ranking) > 1:
        runner_up = ranking[1]
        gains = _lead(scored, runner_up, total_weight)
        if gains:
            reasons.append(say(AHEAD_OF, title=runner_up.option.title, gains=_gains_text(gains)))
        elif scored.score == runner_up.score:
            reasons.append(say(TIED_WITH, title=runner_up.option.title))
    elif rank > 1:
        leader = ranking[0]
        gains = _lead(leader, scored, total_weight)
        if gains:
            reasons.append(say(BEHIND, title=leader.option.title, gains=_gains_text(gains)))
    strong = sorted(
        (entry for entry in scored.criteria if entry.weight and entry.score >= 7.5 and entry.known),
        key=lambda entry: (-entry.points, list(Criterion).index(entry.criterion)),
    )
    for entry in strong[:3]:
        reasons.append(
            say(
                STRONG_ON,
                criterion=entry.criterion.label,
                score=f"{entry.score:.0f}",
                reason=entry.reason,
            )
        )
    weak = sorted(
        (
            entry
            for entry in scored.criteria
            if entry.weight
            and entry.score <= 3
            and entry.known
            and not any(v.criterion is entry.criterion for v in scored.violations)
        ),
        key=lambda entry: (
            entry.points - MAX_SCORE * entry.weight,
            list(Criterion).index(entry.criterion),
        ),
    )
    for entry in weak[:2]:
        reasons.append(
            say(
                WEAK_ON,
                criterion=entry.criterion.noun,
                score=f"{entry.score:.0f}",
                reason=entry.reason,
            )
        )
    unknown = [entry.criterion.noun for entry in scored.criteria if not entry.known]
    if unknown:
        reasons.append(say(UNKNOWN_COUNTED_AS_NEUTRAL, criteria=join(unknown)))
    if scored.penalty:
        count = sum(1 for violation in scored.violations if violation.penalised)
        limits = formatting.counted(count, "broken limit")
        reasons.append(say(POINTS_OFF, points=f"{scored.penalty:.0f}", limits=limits))
    unpenalised = [v for v in scored.violations if not v.penalised]
    if unpenalised:
        reasons.append(say(NOT_PENALISED, criteria=join([v.criterion.noun for v in unpenalised])))
    return tuple(reasons)


def rank_options(
    options: Iterable[Option],
    situation: Situation,
    readiness: Readiness,
    weights: Mapping[Criterion, int] | None,
    today: date,
) -> Recommendation:
    """Rank ``options`` for this learner, best first, each with its reasons and broken limits."""
    weights = normalise_weights(weights)
    total_weight = sum(weights.values())
    scored = [_score(option, situation, readiness, weights, today) for option in options]
    scored.sort(
        key=lambda entry: (-round(entry.score, 2), len(entry.violations), entry.option.slug)
    )
    ranking = tuple(
        RankedOption(
            rank=index,
            option=entry.option,
            score=round(entry.score, 1),
            weighted=round(entry.weighted, 1),
            penalty=entry.penalty,
            criteria=entry.criteria,
            reasons=_reasons(entry, index, scored, total_weight),
            violations=entry.violations,
        )
        for index, entry in enumerate(scored, start=1)
    )
    return Recommendation(ranking, _summary(scored, total_weight), weights)


def _summary(scored: Sequence[_Scored], total_weight: int) -> str:
    if not scored:
        return say(NO_OPTIONS)
    if total_weight == 0:
        return say(EVERY_WEIGHT_IS_ZERO)
    best = scored[0]
    values = {"best": best.option.title, "score": f"{round(best.score, 1):.0f}"}
    if len(scored) == 1:
        text = say(FITS_BEST, **values)
    else:
        runner_up = scored[1]
        values |= {
            "runner_up": runner_up.option.title,
            "runner_up_score": f"{round(runner_up.score, 1):.0f}",
        }
        gains = _lead(best, runner_up, total_weight)
        if gains:
            criteria = join([criterion.noun for criterion, _ in gains])
            text = say(FITS_BEST_AHEAD_MAINLY_ON, criteria=criteria, **values)
        else:
            text = say(FITS_BEST_AHEAD, **values)
    if best.violations:
        limits = "; ".join(violation.message for violation in best.violations)
        text = f"{text} {say(STILL_BREAKS_A_LIMIT, limits=limits)}"
    return text
