"""Walking a tree: the pure engine, scripted answers, and a diagnose session."""
