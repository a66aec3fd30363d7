"""coursestack: where I start, where I want to go — a learning-path advisor."""

__version__ = "0.1.0"
