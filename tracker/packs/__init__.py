"""Content packs: the YAML format of a learning path, its schema, loading and validation."""
