"""Renderers: each turns computed results into a string and never prints."""
