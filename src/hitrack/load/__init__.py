"""The loading layer: finding a data directory (a folder, a git revision, the bundled plan),
reading its files strictly (YAML, CSV, source documents), validating them into the model,
the dataset cache, and writing files atomically under a lock.

Bad data comes back as `core.problems.Problem` values with file and line, never raised.
May import: `hitrack.core` and `hitrack.load`. Not the engine, the renderers, i18n or the
commands (tests/test_layers.py).
"""
