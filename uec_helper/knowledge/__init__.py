"""The knowledge base: the tree model, reading YAML into it, checking it, caching it."""

# The modules other packages may import; the rest are this package's own.
__all__ = [
    "addresses",
    "base",
    "cache",
    "diagnostics",
    "files",
    "graph",
    "loader",
    "model",
    "paths",
    "schema",
    "translations",
    "usability",
    "validate",
]
