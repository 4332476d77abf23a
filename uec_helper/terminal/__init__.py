"""The terminal interface: questionary prompts, rich rendering, Japanese line breaking."""

# The modules other packages may import; the rest are this package's own.
__all__ = [
    "call_screen",
    "choosers",
    "linebreak",
    "listings",
    "menus",
    "output",
    "plain",
    "prompts",
    "render",
    "screen",
]
