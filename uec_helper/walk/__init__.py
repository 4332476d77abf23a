"""Walking a tree: the pure engine, scripted answers, and a diagnose session."""

# The modules other packages may import; the rest are this package's own.
__all__ = ["engine", "session"]
