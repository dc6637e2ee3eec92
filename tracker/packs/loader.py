"""Read a pack file safely and validate it, answering every problem with a located message."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path
from types import GenericAlias
from typing import Annotated, Any, NotRequired

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, with_config
from pydantic_core import ErrorDetails
from typing_extensions import TypedDict

from tracker.errors import PackError, PackIssue
from tracker.packs.schema import (
    ComparisonSpec,
    FactSpec,
    OfferSpec,
    PackSpec,
    PrerequisiteSpec,
    ResourceSpec,
)
from tracker.packs.untrusted import MAX_INT_DIGITS, UntrustedDataError, check_tree, load_json
from tracker.perf import collector_paused

MAX_PACK_BYTES = 64 * 1024 * 1024
"""Packs larger than this are refused before parsing (a 100k-resource pack is about 40 MB)."""
MAX_PACK_DEPTH = 64
"""Deepest nesting of lists and mappings a pack may have (a skill tree some 30 levels deep)."""

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PackYamlLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe YAML that also refuses aliases (no shared or recursive nodes) and duplicate keys."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "aliases (*name) and merge keys are not allowed in packs; this node is reused",
                node.start_mark,
            )
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:  # a date that does not exist, a huge number
            raise yaml.constructor.ConstructorError(
                None, None, f"{_scalar_problem(node, exc)}", node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


def _scalar_problem(node: yaml.Node, exc: Exception) -> str:
    """Why a YAML value could not be read, in words (Python's own are about its internals)."""
    if "digits" in str(exc):
        return f"a number with more than {MAX_INT_DIGITS:,} digits"
    value = str(node.value)[:40] if isinstance(node, yaml.ScalarNode) else ""
    kind = node.tag.rsplit(":", 1)[-1]
    return f"{value!r} is not a valid {_KINDS.get(kind, kind)}"


_KINDS = {"timestamp": "date or time (the day must exist, a zone is -23:59 to +23:59)"}


ResourceRow = dict[str, Any]
"""A validated resource as the database stores it: every field of ResourceSpec, JSON values."""


def _annotated(base: Any, metadata: Sequence[Any]) -> Any:
    """``Annotated[base, *metadata]``, built at run time."""
    return Annotated[(base, *metadata)] if metadata else base


def _row_type(model: type[BaseModel]) -> Any:
    """A TypedDict with the fields and constraints of ``model``, for validating many rows fast.

    Validating into plain dicts skips building a model instance per row (at 100k resources,
    about a third of the time); the constraints are the model's own, so the answers and the
    error messages are the same.
    """
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation = _annotated(info.annotation, info.metadata)
        fields[name] = annotation if info.is_required() else NotRequired[annotation]
    row_type: Any = TypedDict(f"{model.__name__}Row", fields)  # type: ignore[misc]
    return with_config(ConfigDict(extra="forbid", use_enum_values=True, allow_inf_nan=False))(
        row_type
    )


def _json_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


_RESOURCES_FIELD = PackSpec.model_fields["resources"]
_RESOURCE_ROWS: TypeAdapter[list[dict[str, Any]]] = TypeAdapter(
    _annotated(GenericAlias(list, (_row_type(ResourceSpec),)), _RESOURCES_FIELD.metadata)
)
_RESOURCE_DEFAULTS = {
    name: info for name, info in ResourceSpec.model_fields.items() if not info.is_required()
}
_PACK_FIELD_ORDER = {name: index for index, name in enumerate(PackSpec.model_fields)}


def _resource_rows(validated: list[dict[str, Any]]) -> tuple[ResourceRow, ...]:
    """Rows with every default filled in, as ``ResourceSpec.model_dump(mode="json")`` gives."""
    constant = {
        name: _json_value(info.default)
        for name, info in _RESOURCE_DEFAULTS.items()
        if info.default_factory is None
    }
    factories: dict[str, Callable[[], Any]] = {
        name: info.default_factory  # type: ignore[misc]
        for name, info in _RESOURCE_DEFAULTS.items()
        if info.default_factory is not None
    }
    order = list(ResourceSpec.model_fields)
    rows = []
    for row in validated:
        full = constant | row
        for name, factory in factories.items():
            if name not in row:
                full[name] = factory()
        rows.append({name: full[name] for name in order})
    return tuple(rows)


@dataclass(frozen=True)
class FlatPrerequisite:
    """A prerequisite with its place in the tree, ready to store."""

    spec: PrerequisiteSpec
    parent_slug: str | None
    position: int


@dataclass(frozen=True)
class LoadedPack:
    """A validated pack and where it came from.

    The resources are kept as validated rows (``resource_rows``), ready to store; ``spec``
    builds the full PackSpec with ResourceSpec objects only when something asks for it.
    """

    header: PackSpec
    resource_rows: tuple[ResourceRow, ...]
    origin: str

    @cached_property
    def spec(self) -> PackSpec:
        resources = [ResourceSpec.model_validate(row) for row in self.resource_rows]
        return self.header.model_copy(update={"resources": resources})

    def flat_prerequisites(self) -> list[FlatPrerequisite]:
        return list(_flatten(self.header.prerequisites, None))


def _flatten(items: Iterable[PrerequisiteSpec], parent: str | None) -> Iterator[FlatPrerequisite]:
    for position, item in enumerate(items):
        yield FlatPrerequisite(item, item.parent or parent, position)
        yield from _flatten(item.children, item.slug)


def read_pack_bytes(path: Path) -> bytes:
    """The bytes of a pack file, refusing unreadable and oversized files with a located message."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise PackError(
                [
                    PackIssue(
                        name, f"file is {size:,} bytes; packs are limited to {MAX_PACK_BYTES:,}"
                    )
                ]
            )
        return path.read_bytes()
    except OSError as exc:
        raise PackError([PackIssue(name, f"cannot read the file: {exc.strerror or exc}")]) from exc


def load_pack_file(path: Path) -> LoadedPack:
    """Load and validate the pack at ``path``; raise PackError with located issues."""
    return load_pack_bytes(read_pack_bytes(path), str(path))


def load_pack_bytes(raw: bytes, name: str = "<pack>") -> LoadedPack:
    """Validate pack content given as bytes (YAML, or JSON which is YAML too)."""
    with collector_paused():  # a big pack is 100k dicts and lists at once
        return _load_pack_bytes(raw, name)


def _load_pack_bytes(raw: bytes, name: str) -> LoadedPack:
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(
            [
                PackIssue(
                    name, f"file is {len(raw):,} bytes; packs are limited to {MAX_PACK_BYTES:,}"
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PackError(
            [
                PackIssue(
                    name, f"not UTF-8 text (byte {exc.start} is {raw[exc.start]:#04x})", "", line
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff")
    data, root = _parse(text, name)
    if not isinstance(data, dict):
        raise PackError(
            [PackIssue(name, "a pack must be a mapping (key: value) at the top", "", 1)]
        )
    header, rows = _validate(data, name, root)
    issues = _check_references(header, [(r["slug"], r["teaches"]) for r in rows], name, root)
    if issues:
        raise PackError(issues)
    return LoadedPack(header, rows, name)


def _validate(
    data: Mapping[str, Any], name: str, root: yaml.Node | None
) -> tuple[PackSpec, tuple[ResourceRow, ...]]:
    """The pack without its resources as a PackSpec, and its resources as validated rows."""
    errors: list[ErrorDetails] = []
    header: PackSpec | None = None
    validated: list[dict[str, Any]] = []
    try:
        header = PackSpec.model_validate({k: v for k, v in data.items() if k != "resources"})
    except ValidationError as exc:
        errors += exc.errors(include_url=False)
    try:
        validated = _RESOURCE_ROWS.validate_python(data.get("resources", []))
    except ValidationError as exc:
        errors += [
            {**error, "loc": ("resources", *error["loc"])}
            for error in exc.errors(include_url=False)
        ]
    if errors or header is None:
        errors.sort(key=lambda error: _PACK_FIELD_ORDER.get(str(error["loc"][0]), 999))
        raise PackError(_validation_issues(errors, name, root))
    return header, _resource_rows(validated)


def _parse(text: str, name: str) -> tuple[Any, yaml.Node | None]:
    """The pack's data and its YAML tree (for line numbers), checked for depth and text."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            return load_json(text, MAX_PACK_DEPTH), None
        except UntrustedDataError as exc:
            issue = PackIssue(name, exc.message, _field_path(exc.path), exc.line)
            raise PackError([issue]) from None
    loader = _PackYamlLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise PackError([PackIssue(name, f"invalid YAML: {problem}", "", line)]) from None
    except (yaml.YAMLError, RecursionError) as exc:
        problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise PackError([PackIssue(name, f"invalid YAML: {problem}")]) from None
    finally:
        loader.dispose()
    try:
        check_tree(data, MAX_PACK_DEPTH)
    except UntrustedDataError as exc:
        issue = PackIssue(name, exc.message, _field_path(exc.path), _line_of(root, exc.path))
        raise PackError([issue]) from None
    return data, root


def _field_path(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _line_of(root: yaml.Node | None, loc: Iterable[int | str]) -> int | None:
    """The line of the deepest node that ``loc`` reaches in the YAML tree."""
    if root is None:
        return None
    node = root
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1


def _validation_issues(
    errors: Iterable[ErrorDetails], name: str, root: yaml.Node | None
) -> list[PackIssue]:
    issues = []
    for error in errors:
        loc = [part for part in error["loc"] if not _is_union_tag(part)]
        message = error["msg"]
        if error["type"] == "missing":
            message = "required field is missing"
        elif error["type"] == "extra_forbidden":
            message = "unknown field (not part of pack format 1)"
        elif error["type"] == "dict_type" and len(loc) == 2 and loc[0] == "resources":
            message = "a resource must be a mapping (key: value)"
        elif error["type"] == "literal_error" and loc == ["format"]:
            message = f"unsupported pack format {error.get('input')!r}; this app reads format 1"
        issues.append(PackIssue(name, message, _field_path(loc), _line_of(root, loc)))
    return issues


def _is_union_tag(part: int | str) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def check_references(spec: PackSpec, name: str, root: yaml.Node | None = None) -> list[PackIssue]:
    """Cross-item rules the schema cannot express: unique slugs, known references, no cycles."""
    return _check_references(spec, [(r.slug, r.teaches) for r in spec.resources], name, root)


def _check_references(
    spec: PackSpec,
    resources: Sequence[tuple[str, Sequence[str]]],
    name: str,
    root: yaml.Node | None = None,
) -> list[PackIssue]:
    """:func:`check_references` with the resources given as (slug, teaches) pairs."""
    issues: list[PackIssue] = []

    def issue(message: str, *loc: int | str) -> None:
        issues.append(PackIssue(name, message, _field_path(loc), _line_of(root, loc)))

    prereq_locs: dict[str, tuple[int | str, ...]] = {}
    parents: dict[str, str | None] = {}

    def walk(
        items: list[PrerequisiteSpec], base: tuple[int | str, ...], parent: str | None
    ) -> None:
        for index, item in enumerate(items):
            loc = (*base, index)
            if item.slug in prereq_locs:
                issue(
                    f"duplicate prerequisite slug {item.slug!r} "
                    f"(first at {_field_path(prereq_locs[item.slug])})",
                    *loc,
                    "slug",
                )
            else:
                prereq_locs[item.slug] = loc
                parents[item.slug] = item.parent or parent
            if item.parent is not None and parent is not None:
                issue("a nested prerequisite cannot also name a parent", *loc, "parent")
            walk(item.children, (*loc, "children"), item.slug)

    walk(spec.prerequisites, ("prerequisites",), None)

    resource_slugs: dict[str, int] = {}
    for index, (slug, teaches) in enumerate(resources):
        if slug in resource_slugs:
            issue(
                f"duplicate resource slug {slug!r} (first at resources[{resource_slugs[slug]}])",
                "resources",
                index,
                "slug",
            )
        else:
            resource_slugs[slug] = index
        for t_index, target in enumerate(teaches):
            if target not in prereq_locs:
                issue(f"unknown prerequisite {target!r}", "resources", index, "teaches", t_index)

    for loc in prereq_locs.values():
        node = _prerequisite_at(spec, loc)
        for r_index, target in enumerate(node.teaches_with):
            if target not in resource_slugs:
                issue(f"unknown resource {target!r}", *loc, "teaches_with", r_index)
        if node.parent is not None and node.parent not in prereq_locs:
            issue(f"unknown parent prerequisite {node.parent!r}", *loc, "parent")

    for slug in _cycle_members(parents):
        issue(
            f"prerequisite {slug!r} is its own ancestor (a cycle in parent links)",
            *prereq_locs[slug],
            "parent",
        )

    keyed: tuple[tuple[str, Sequence[ComparisonSpec | OfferSpec | FactSpec]], ...] = (
        ("comparison", spec.comparisons),
        ("offer", spec.offers),
        ("fact", spec.facts),
    )
    for kind, items in keyed:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.slug in seen:
                issue(f"duplicate {kind} slug {item.slug!r}", f"{kind}s", index, "slug")
            seen[item.slug] = index

    for c_index, comparison in enumerate(spec.comparisons):
        subjects = {subject.slug for subject in comparison.subjects}
        if len(subjects) != len(comparison.subjects):
            issue("duplicate subject slug", "comparisons", c_index, "subjects")
        row_slugs: set[str] = set()
        for r_index, row in enumerate(comparison.rows):
            if row.slug in row_slugs:
                issue(f"duplicate row slug {row.slug!r}", "comparisons", c_index, "rows", r_index)
            row_slugs.add(row.slug)
            for subject in row.cells:
                if subject not in subjects:
                    issue(
                        f"unknown subject {subject!r} (columns are: {', '.join(sorted(subjects))})",
                        "comparisons",
                        c_index,
                        "rows",
                        r_index,
                        "cells",
                        subject,
                    )
    return issues


def _prerequisite_at(spec: PackSpec, loc: tuple[int | str, ...]) -> PrerequisiteSpec:
    items = spec.prerequisites
    node: PrerequisiteSpec | None = None
    for part in loc[1:]:
        if isinstance(part, int):
            node = items[part]
            items = node.children
    assert node is not None
    return node


def _cycle_members(parents: dict[str, str | None]) -> list[str]:
    """Slugs that lie on a cycle of parent links, each reported once."""
    on_cycle: set[str] = set()
    for start in parents:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current in parents and current not in seen:
            seen.append(current)
            current = parents[current]
        if current is not None and current in seen:
            on_cycle.update(seen[seen.index(current) :])
    return sorted(on_cycle)
