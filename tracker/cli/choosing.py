"""Commands on choosing a way to learn: the ranking, the situation, own offers, the choice."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from tracker import arguments, formatting
from tracker.cli.common import EXIT_OK, Command, path_of
from tracker.domain.enums import (
    Approach,
    Goal,
    Guidance,
    PrerequisiteCoverage,
    ResourceFormat,
    Schedule,
    Support,
)
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.domain.choosing import Criterion, Situation
    from tracker.wiring import Services


def register(commands: Any) -> dict[str, Command]:
    """Add these commands to the parser; return their handlers."""
    from tracker.domain.choosing import SITUATION_FIELDS, Criterion

    compare = commands.add_parser(
        "compare", help="rank the ways to learn a path for your situation, with reasons"
    )
    compare.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")
    compare.add_argument("--json", action="store_true", help="print JSON")

    situation = commands.add_parser(
        "situation", help="show or set your time, budget and goals (what the comparison weighs)"
    )
    situation.add_argument("--hours-per-week", metavar="N", help="hours a week you can study")
    situation.add_argument("--budget", metavar="AMOUNT", help="what you can spend")
    situation.add_argument("--currency", metavar="CODE", help="currency of the budget (USD)")
    situation.add_argument("--target-date", metavar="YYYY-MM-DD", help="when you want to be done")
    situation.add_argument("--goal", choices=[goal.value for goal in Goal])
    situation.add_argument("--guidance", choices=[g.value for g in Guidance])
    situation.add_argument(
        "--format", dest="preferred_format", choices=[f.value for f in ResourceFormat]
    )
    situation.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="CRITERION=N",
        help=f"weight 0-10 of a criterion ({', '.join(c.value for c in Criterion)}); repeatable",
    )
    situation.add_argument(
        "--clear",
        action="append",
        default=[],
        choices=[name.replace("_", "-") for name in SITUATION_FIELDS if name != "currency"],
        help="forget a field (repeatable)",
    )

    offer = commands.add_parser(
        "offer", help="list, add, edit or remove your own offers to compare"
    )
    offer_commands = offer.add_subparsers(dest="offer_command", metavar="ACTION", required=True)
    listing = offer_commands.add_parser("list", help="list the options of a path")
    listing.add_argument("--path", metavar="SLUG")
    add = offer_commands.add_parser("add", help="add an offer (a bootcamp, a class, a course)")
    add.add_argument("--title", required=True)
    add.add_argument("--approach", choices=[a.value for a in Approach], default="bootcamp")
    _offer_fields(add)
    edit = offer_commands.add_parser("edit", help="change fields of one of your own offers")
    edit.add_argument("slug")
    edit.add_argument("--title")
    edit.add_argument("--approach", choices=[a.value for a in Approach])
    _offer_fields(edit)
    remove = offer_commands.add_parser("remove", help="delete one of your own offers")
    remove.add_argument("slug")
    remove.add_argument("--path", metavar="SLUG")

    choose = commands.add_parser("choose", help='record "my choice" of a way to learn')
    choose.add_argument("slug", nargs="?", help="option slug (see 'compare')")
    choose.add_argument("--clear", action="store_true", help="forget your choice")
    choose.add_argument("--path", metavar="SLUG")

    return {
        "compare": cmd_compare,
        "situation": cmd_situation,
        "offer": cmd_offer,
        "choose": cmd_choose,
    }


def _offer_fields(parser: argparse.ArgumentParser) -> None:
    """The options of ``offer add`` and ``offer edit``: every field of an offer but its name."""
    parser.add_argument("--path", metavar="SLUG")
    parser.add_argument("--provider")
    parser.add_argument("--cost", metavar="AMOUNT")
    parser.add_argument("--currency", metavar="CODE")
    parser.add_argument("--weeks-min", metavar="N")
    parser.add_argument("--weeks-max", metavar="N")
    parser.add_argument("--hours-per-week", metavar="N")
    parser.add_argument("--schedule", choices=[s.value for s in Schedule])
    parser.add_argument("--format", choices=[f.value for f in ResourceFormat])
    parser.add_argument("--support", choices=[s.value for s in Support])
    parser.add_argument("--prerequisites", choices=[p.value for p in PrerequisiteCoverage])
    parser.add_argument("--career-services", action="store_true", default=None)
    parser.add_argument("--job-guarantee", action="store_true", default=None)
    parser.add_argument("--outcomes-audited", action="store_true", default=None)
    parser.add_argument("--outcomes-figure")
    parser.add_argument("--rating", metavar="0-5")
    parser.add_argument("--url")
    parser.add_argument("--notes")


def cmd_compare(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    view = services.choosing.view(path_slug)
    recommendation, choice = view.recommendation, view.choice
    if args.json:
        payload = {"ranking": [entry.to_json() for entry in recommendation.ranking]}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"How to learn {view.path_title}, weighed for profile {services.settings.profile!r}")
    print(recommendation.summary)
    for entry in recommendation.ranking:
        mine = "  <- my choice" if choice and choice.option_slug == entry.option.slug else ""
        print(
            f"\n{entry.rank:>2}. {entry.option.title}  [{entry.option.slug}]  "
            f"{entry.score:.0f}/100  ({entry.option.kind_label}){mine}"
        )
        for violation in entry.violations:
            print(f"      ! {violation.message}")
        for reason in entry.reasons:
            print(f"      - {reason}")
    print(
        "\nWeights (0-10): "
        + ", ".join(f"{c.value} {w}" for c, w in recommendation.weights.items())
    )
    return EXIT_OK


def _situation_lines(situation: Situation, weights: dict[Criterion, int]) -> list[str]:
    def shown(value: object) -> str:
        return "-" if value is None else str(value)

    budget = (
        formatting.money(situation.budget, situation.currency)
        if situation.budget is not None
        else "-"
    )
    hours = "-" if situation.hours_per_week is None else formatting.hours(situation.hours_per_week)
    return [
        f"hours per week:   {hours}",
        f"budget:           {budget} ({situation.currency})",
        f"target date:      {shown(situation.target_date)}",
        f"goal:             {shown(situation.goal)}",
        f"guidance wanted:  {shown(situation.guidance)}",
        f"preferred format: {shown(situation.preferred_format)}",
        "weights (0-10):   " + ", ".join(f"{c.value} {w}" for c, w in weights.items()),
    ]


def cmd_situation(services: Services, args: argparse.Namespace) -> int:
    from tracker.domain.choosing import SITUATION_FIELDS

    changes: dict[str, Any] = {
        name: getattr(args, name)
        for name in SITUATION_FIELDS
        if getattr(args, name, None) is not None
    }
    for name in args.clear:
        changes[name.replace("-", "_")] = None
    weights: dict[str, Any] = {}
    for item in args.weight:
        criterion, _, value = item.partition("=")
        try:
            weights[criterion.strip()] = int(value)
        except ValueError:
            raise TrackerError(
                f"--weight {arguments.shown(item)}: use CRITERION=N with N from 0 to 10."
            ) from None
    if changes:
        services.choosing.set_situation(**changes)
    if weights:
        services.choosing.set_weights(weights)
    if changes or weights:
        print("Saved your situation.")
    print("\n".join(_situation_lines(services.choosing.situation(), services.choosing.weights())))
    return EXIT_OK


def cmd_offer(services: Services, args: argparse.Namespace) -> int:
    from tracker.domain.choosing import OFFER_FIELDS
    from tracker.services.choosing import offer_fields

    path_slug = path_of(services, args)
    choosing = services.choosing
    if args.offer_command == "list":
        for option in choosing.options(path_slug):
            cost = (
                "cost unknown"
                if option.cost is None
                else (
                    "free" if option.cost == 0 else formatting.money(option.cost, option.currency)
                )
            )
            print(f"{option.slug}\t{option.title}\t{option.kind_label}\t{cost}")
        return EXIT_OK
    if args.offer_command == "remove":
        old = choosing.delete_offer(path_slug, args.slug).value
        print(f"Removed {old['title']}.")
        return EXIT_OK
    fields = {
        name: getattr(args, name)
        for name in ("title", *OFFER_FIELDS)
        if getattr(args, name, None) is not None
    }
    if args.offer_command == "edit":
        option = choosing.option(path_slug, args.slug)
        if not option.own:
            raise TrackerError(f"{args.slug!r} comes with the path: only your own offers change.")
        choosing.update_offer(path_slug, args.slug, {**offer_fields(option), **fields})
        slug = args.slug
    else:
        slug = choosing.add_offer(path_slug, fields).value
    entry = choosing.rank(path_slug).find(slug)
    assert entry is not None
    verb = "Changed" if args.offer_command == "edit" else "Added"
    print(f"{verb} {entry.option.title} [{slug}]: {entry.score:.0f}/100, rank {entry.rank}.")
    for violation in entry.violations:
        print(f"  ! {violation.message}")
    return EXIT_OK


def cmd_choose(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    if args.clear:
        previous = services.choosing.clear_choice(path_slug).value
        print("Cleared your choice." if previous else "There was no choice to clear.")
        return EXIT_OK
    if not args.slug:
        raise TrackerError("Name the option to choose (see 'compare'), or use --clear.")
    choice = services.choosing.choose(path_slug, args.slug).value
    print(f"Recorded your choice: {choice.option_title}.")
    return EXIT_OK
