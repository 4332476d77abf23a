from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from uec_helper.cli import app
from uec_helper.knowledge.schema import json_schema

from .conftest import FIXTURES, SHIPPED_TREES

BROKEN = FIXTURES / "broken"

SHIPPED_SCHEMA = Path(__file__).resolve().parent.parent / "uec_helper" / "tree.schema.json"


def test_shipped_schema_matches_the_model() -> None:
    # Regenerate with: uec-helper schema > uec_helper/tree.schema.json
    assert json.loads(SHIPPED_SCHEMA.read_text("utf-8")) == json_schema()


def test_schema_describes_the_tree_format() -> None:
    schema = json_schema()
    defs = schema["$defs"]
    assert schema["$ref"] == "#/$defs/TreeFile"
    assert set(defs["TreeFile"]["properties"]) == {"tree", "outcomes", "contacts", "menu"}
    assert defs["Text"]["required"] == ["en", "ja"]
    assert defs["Choice"]["required"] == ["id", "label"]
    assert defs["Choice"]["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9-]*$"
    assert defs["Outcome"]["additionalProperties"] is False
    assert "origin" not in defs["Outcome"]["properties"]


def test_schema_command_prints_it() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert json.loads(result.stdout) == json_schema()


def _yaml(path: Path) -> object:
    return yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.mark.parametrize("path", sorted(SHIPPED_TREES.glob("*.yaml")), ids=lambda p: p.name)
def test_editors_schema_accepts_every_shipped_tree_file(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    assert [error.message for error in validator.iter_errors(_yaml(path))] == []


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown-key", "Additional properties are not allowed ('stpes' was unexpected)"),
        ("missing-key", "'body' is a required property"),
        ("missing-language", "'ja' is a required property"),
    ],
)
def test_editors_schema_flags_what_the_validator_flags(case: str, expected: str) -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    assert expected in [error.message for error in validator.iter_errors(_yaml(BROKEN / f"{case}.yaml"))]


def test_editor_hover_texts_never_show_internal_fields() -> None:
    descriptions = [d.get("description", "") for d in json_schema()["$defs"].values()]
    assert descriptions and all("origin" not in d and "spans" not in d for d in descriptions)
    assert json_schema()["$defs"]["Question"]["description"].startswith("One question of a tree")


def test_editors_schema_flags_every_address_the_validator_refuses() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    flagged = [
        "/".join(map(str, error.absolute_path))
        for error in validator.iter_errors(_yaml(BROKEN / "address.yaml"))
        if error.validator == "pattern"
    ]
    refused = (BROKEN / "address.expected").read_text("utf-8").count("[address]")
    assert len(flagged) == refused
    assert "outcomes/0/see_also/0/url" in flagged and "contacts/0/email" in flagged
