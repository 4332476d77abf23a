"""Helpdesk mode: the agent's prompts, ticket notes, masking, the session log and stats."""
