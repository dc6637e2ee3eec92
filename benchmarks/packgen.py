"""Synthetic content packs of any size, from a seeded generator, for benchmarks and search tests.

The text is made of real words in a skewed (Zipf-like) frequency, so full-text indexes and
filters see something like a real catalog: short titles, a provider, a few tags and a
paragraph of description. A few words carry accents, so matching beyond ASCII is exercised.
Nothing here is shipped content: the URLs point at example.org.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TOPICS = _words(
    "flask blueprints jinja templates sqlalchemy orm migrations alembic rest api "
    "authentication authorization testing pytest deployment docker gunicorn nginx celery "
    "redis websockets forms wtforms security csrf sessions cookies caching logging "
    "configuration routing views models werkzeug wsgi asyncio graphql json serialization "
    "pagination uploads email admin dashboards extensions factories contexts signals cli "
    "debugging profiling postgres sqlite mysql oauth jwt cors htmx javascript css html "
    "bootstrap tailwind typing pydantic marshmallow swagger openapi kubernetes heroku aws "
    "azure linux git github ci monitoring sentry internationalization"
)
WORDS = _words(
    "the a of and to in for with on how your from by build learn guide using first complete "
    "modern practical beginner advanced quick deep dive into introduction understanding "
    "project real world step application apps web python developer course tutorial book "
    "video series workshop notes handbook patterns best practices tips tricks mistakes avoid "
    "production scale fast simple small large data user users server client request response "
    "error errors handling design structure code example examples chapter part lesson "
    "exercises solutions explained covers shows teaches walks through each every topic "
    "including also then finally you will write test deploy secure configure connect query "
    "store render send receive manage café naïve résumé über façade jalapeño smörgåsbord"
)
PROVIDER_PARTS = _words(
    "Code Academy Labs School Press Learning Studio Institute Works Guild Hub Campus Academy "
    "Pixel Byte Stack Cloud Open North River Summit Bright Clear Solid Quick Deep Blue Green"
)
KINDS = ("documentation", "tutorial", "video", "course", "book", "article", "project", "repository")
LEVELS = ("beginner", "intermediate", "advanced", "all")
TITLE_PATTERNS = (
    "{Topic} with {Topic2}: a {adjective} guide",
    "Learn {Topic} in {n} steps",
    "{Topic} for beginners",
    "Building {topic} and {topic2} apps with Flask",
    "The {adjective} {Topic} handbook",
    "{Topic} {noun}: {topic2} explained",
    "Mastering {Topic} and {Topic2}",
    "Flask {topic} {noun} #{n}",
)
ADJECTIVES = ("complete", "practical", "modern", "quick", "definitive", "gentle", "hands-on")
NOUNS = ("tutorial", "course", "workshop", "series", "notes", "cookbook", "deep dive")


def _zipf_weights(count: int) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(count)]


class CatalogGenerator:
    """Deterministic resources for a seed: the same seed gives the same catalog."""

    def __init__(self, seed: int = 8) -> None:
        self._rng = random.Random(seed)
        self._vocabulary = [*WORDS, *TOPICS]
        self._weights = _zipf_weights(len(self._vocabulary))
        self._rng.shuffle(self._vocabulary)
        self._providers = [f"{a} {b}" for a in PROVIDER_PARTS for b in PROVIDER_PARTS if a != b]

    def _title(self) -> str:
        rng = self._rng
        topic, topic2 = rng.sample(TOPICS, 2)
        return rng.choice(TITLE_PATTERNS).format(
            Topic=topic.capitalize(),
            Topic2=topic2.capitalize(),
            topic=topic,
            topic2=topic2,
            adjective=rng.choice(ADJECTIVES),
            noun=rng.choice(NOUNS),
            n=rng.randint(3, 30),
        )

    def _description(self) -> str:
        rng = self._rng
        words = rng.choices(self._vocabulary, self._weights, k=rng.randint(18, 34))
        sentences = []
        while words:
            cut = rng.randint(6, 14)
            sentence, words = words[:cut], words[cut:]
            sentences.append(" ".join(sentence).capitalize() + ".")
        return " ".join(sentences)

    def resource(self, index: int) -> dict[str, Any]:
        """One resource as a pack writes it (the index makes its slug unique)."""
        rng = self._rng
        title = self._title()
        cost = rng.choice((0.0, 0.0, 0.0, 9.99, 19.0, 39.0, 129.0, None))
        resource: dict[str, Any] = {
            "slug": f"resource-{index}",
            "title": title,
            "kind": rng.choice(KINDS),
            "url": f"https://example.org/catalog/{index}",
            "provider": rng.choice(self._providers),
            "cost": cost,
            "level": rng.choice(LEVELS),
            "tags": rng.sample(TOPICS, rng.randint(1, 5)),
            "description": self._description(),
        }
        if rng.random() < 0.5:
            resource["duration_hours"] = float(rng.randint(1, 60))
        return resource

    def note(self) -> str:
        """A learner's note, in the same words."""
        return self._description()


def pack_dict(size: int, *, seed: int = 8, slug: str = "bench") -> dict[str, Any]:
    """A format-1 pack with ``size`` resources and two prerequisites."""
    generator = CatalogGenerator(seed)
    return {
        "format": 1,
        "slug": slug,
        "version": f"1.0.{size}",
        "title": f"Benchmark path ({size:,} resources)",
        "summary": "Synthetic catalog for measuring speed.",
        "prerequisites": [
            {
                "slug": "python-basics",
                "title": "Python basics",
                "children": [
                    {"slug": "python-functions", "title": "Functions"},
                    {"slug": "python-classes", "title": "Classes"},
                ],
            },
            {"slug": "web-basics", "title": "Web basics", "required": False},
        ],
        "resources": [generator.resource(index) for index in range(size)],
    }


def write_json_pack(folder: Path, size: int, *, seed: int = 8, slug: str = "bench") -> Path:
    """Write a JSON pack of ``size`` resources into ``folder``; return its path."""
    file = folder / f"{slug}-{size}.json"
    file.write_text(
        json.dumps(pack_dict(size, seed=seed, slug=slug), ensure_ascii=False), encoding="utf-8"
    )
    return file
