"""Commands on the resource catalog: a resource's status, rating and notes, search, pack import."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from tracker import arguments, formatting
from tracker.cli.common import EXIT_OK, Command, path_of

if TYPE_CHECKING:
    from tracker.wiring import Services


def register(commands: Any) -> dict[str, Command]:
    """Add these commands to the parser; return their handlers."""
    resource = commands.add_parser("resource", help="set your status on a catalog resource")
    resource.add_argument("slug")
    resource.add_argument("--path", metavar="SLUG")
    resource.add_argument("--status", choices=["planned", "in-progress", "done", "skipped", "none"])
    resource.add_argument(
        "--rating", type=arguments.whole_number(0, 5), metavar="0-5", help="stars, 0 to clear"
    )
    resource.add_argument("--notes", help="replace your notes")

    search = commands.add_parser(
        "search", help="find resources by words in their title, tags, description or your notes"
    )
    search.add_argument("words", nargs="+", help="every word must match; the last may be partial")
    search.add_argument("--path", metavar="SLUG", help="learning path (default: the first)")

    importer = commands.add_parser("import", help="import or update a learning-path pack")
    importer.add_argument("file", type=arguments.file_path)
    return {
        "resource": cmd_resource,
        "search": cmd_search,
        "import": cmd_import,
    }


def cmd_resource(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    catalog = services.catalog
    if args.status is None and args.rating is None and args.notes is None:
        view = catalog.resource(path_slug, args.slug)
        print(
            f"{view.title}\n  status: {view.status or '-'}\n  rating: {view.rating or '-'}\n"
            f"  notes: {view.notes or '-'}\n  url: {view.url or '-'}"
        )
        return EXIT_OK
    if args.status is not None:
        catalog.set_status(path_slug, args.slug, None if args.status == "none" else args.status)
    if args.rating is not None:
        catalog.set_rating(path_slug, args.slug, args.rating or None)
    if args.notes is not None:
        catalog.set_notes(path_slug, args.slug, args.notes)
    print(f"Saved {args.slug}.")
    return EXIT_OK


def cmd_search(services: Services, args: argparse.Namespace) -> int:
    path_slug = path_of(services, args)
    slugs = services.catalog.search(path_slug, " ".join(args.words))
    titles = {view.slug: view.title for view in services.catalog.resources(path_slug)}
    for slug in slugs:
        print(f"{slug}\t{titles[slug]}")
    matched = "matches" if len(titles) == 1 else "match"
    print(
        f"{len(slugs):,} of {formatting.counted(len(titles), 'resource')} {matched}.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_import(services: Services, args: argparse.Namespace) -> int:
    report = services.packs.import_file(args.file).value
    print("\n".join(report.lines()))
    return EXIT_OK
