"""The model layer: what a plan, a target, an actual and a problem are, and the small
vocabularies they are written in (periods, units, tokens, statuses, problem codes).

Pure data and pure functions: nothing here reads a file, prints, or knows a language.
May import: the standard library, pydantic, and `hitrack.core` itself. Nothing else of
hitrack (tests/test_layers.py holds every package to its rule).
"""
