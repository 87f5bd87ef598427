"""hitrack: track a development plan's targets against what was actually achieved."""

__version__ = "0.1.0"
