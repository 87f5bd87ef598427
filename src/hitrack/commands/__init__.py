"""The commands: one module per `hitrack` command, each a function from options to an
`Outcome` (stdout, stderr, exit code) that it does not print; `common` holds what several
share (loading and checking, the problems outcome, writing an outcome).

A command loads through `hitrack.load`, judges through `hitrack.engine`, words and formats
through `hitrack.render` and `hitrack.interchange`, and imports each inside the function
that needs it, so that `hitrack --help` stays fast.
May import: every layer but the edge (`hitrack.cli`, `hitrack.entry`, `hitrack.memo`,
`hitrack.streams`; tests/test_layers.py).
"""
