"""Spreadsheets in and out: reading a sheet (.csv, .xlsx, .xls, .ods: `sheets`, `biff`,
`cells`), matching its rows to targets (`importing`), writing the export and template
sheet (`exporting`), and editing actuals YAML in place (`yamledit`).

The commands that drive them (`hitrack import`, `hitrack export`) are in `hitrack.commands`.
May import: `hitrack.core`, `hitrack.i18n`, `hitrack.load`, `hitrack.engine`,
`hitrack.render` and `hitrack.interchange`. Not the commands or the CLI
(tests/test_layers.py).
"""
