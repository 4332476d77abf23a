"""uec-helper: a terminal troubleshooter for the UEC account."""

__version__ = "0.1.0"
