"""The renderers: one module per view (status, by-zone, period matrix, report, Word report,
charts, site, diff, platforms, problems), each turning engine values into text, JSON,
Markdown, SVG, HTML or a document in either language; `escape` makes hostile data safe
for each of them.

A renderer returns what it made; it does not read the data directory or write files.
May import: `hitrack.core`, `hitrack.i18n`, `hitrack.engine` and `hitrack.render`. Not the
loading layer, interchange or the commands (tests/test_layers.py).
"""
