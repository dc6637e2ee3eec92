"""Storage: SQLAlchemy tables, engine setup and migrations. No Qt."""
