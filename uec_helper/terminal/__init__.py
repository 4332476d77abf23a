"""The terminal interface: questionary prompts, rich rendering, Japanese line breaking."""
