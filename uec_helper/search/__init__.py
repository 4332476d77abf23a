"""Free-text search over the trees: the index, text features, and its views."""
