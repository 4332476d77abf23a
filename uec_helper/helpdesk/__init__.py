"""Helpdesk mode: the agent's prompts, ticket notes, masking, the session log and stats."""

# The modules other packages may import; the rest are this package's own.
__all__ = ["agent", "callscript", "log", "log_files", "recorder", "request", "stats", "stats_view", "ticket"]
