from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.schema import json_schema

SHIPPED_SCHEMA = Path(__file__).resolve().parent.parent / "uec_helper" / "tree.schema.json"


def test_shipped_schema_matches_the_model() -> None:
    # Regenerate with: uec-helper schema > uec_helper/tree.schema.json
    assert json.loads(SHIPPED_SCHEMA.read_text("utf-8")) == json_schema()


def test_schema_describes_the_tree_format() -> None:
    schema = json_schema()
    defs = schema["$defs"]
    assert schema["$ref"] == "#/$defs/TreeFile"
    assert set(defs["TreeFile"]["properties"]) == {"tree", "outcomes", "contacts"}
    assert defs["Text"]["required"] == ["en", "ja"]
    assert defs["Choice"]["required"] == ["id", "label"]
    assert defs["Choice"]["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"
    assert defs["Outcome"]["additionalProperties"] is False
    assert "origin" not in defs["Outcome"]["properties"]


def test_schema_command_prints_it() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert json.loads(result.stdout) == json_schema()
