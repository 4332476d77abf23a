"""Free-text search over the trees: the index, text features, and its views."""

# The modules other packages may import; the rest are this package's own.
__all__ = ["index", "language", "lookup", "render", "romaji", "text", "views"]
