"""The knowledge base: the tree model, reading YAML into it, checking it, caching it."""
