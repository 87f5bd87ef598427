"""The engine: the rules that judge a loaded dataset (`checks`, `plausible`), the
assessment of every target (`progress`, with the target kinds in `kinds` and the platform
register in `register`), what changed between revisions (`changes`, `datadiff`), and
reading targets out of a plan's text (`phrases`, `draft`).

Pure computation over the model: it returns values (assessments, problems, steps as codes
with parameters) and holds no words of either language and no output format.
May import: `hitrack.core`, `hitrack.load` and `hitrack.engine`. Not i18n, the renderers
or the commands (tests/test_layers.py).
"""
