"""Tools for tree editors: export, translation review, scaffolds, in-place YAML edits."""

# The modules other packages may import; the rest are this package's own.
__all__ = ["export", "review", "scaffold", "validation", "web_page"]
