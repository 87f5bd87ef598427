"""Every problem in one run: the cross-file rules check the values of a file that parsed,
even when other values of the same file have errors of their own."""

from __future__ import annotations

from pathlib import Path

from conftest import load, target, write_data


def test_an_unknown_target_is_found_beside_a_broken_value(tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        [target()],
        {
            "2019": [
                {"target": "smes", "value": "四十八", "unit": "家"},
                {"target": "smse", "value": 48, "unit": "家"},
                {"target": "smes", "zone": "nowhere", "value": 48, "unit": "家"},
            ]
        },
    )
    _, problems = load(root)
    assert [(p.line, p.code) for p in problems] == [
        (6, "not-a-number"),
        (8, "unknown-target"),
        (12, "unknown-zone"),
    ]
    assert "did you mean 'smes'?" in problems[1].message


def test_a_file_whose_own_fields_are_broken_is_not_checked_further(tmp_path: Path) -> None:
    root = write_data(
        tmp_path, [target()], {"2019": [{"target": "smse", "value": 48, "unit": "家"}]}
    )
    path = root / "actuals" / "2019.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("sample: true", "sample: 3"))
    _, problems = load(root)
    assert [p.code for p in problems] == ["wrong-type"]
