"""Tools for tree editors: export, translation review, scaffolds, in-place YAML edits."""
