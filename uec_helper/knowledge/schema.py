"""The tree format, read off the model's type hints.

Two things come from the same hints, so they cannot drift apart:
``Converter`` turns composed YAML nodes into model objects (reporting every
type error, unknown key and missing field with its location), and
``json_schema`` describes the format for editors.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from typing import Any

import yaml

from uec_helper.errors import DiagnosticCode
from uec_helper.knowledge import model
from uec_helper.knowledge.addresses import PATTERNS, address_problem
from uec_helper.knowledge.diagnostics import Diagnostic, did_you_mean, error
from uec_helper.knowledge.model import LANGS, Location, Text, file_fields

ID_SYNTAX = "[a-z0-9][a-z0-9-]*"
# \Z, not $: "$" also matches before a final newline, so "evil\n" would pass.
ID_PATTERN = re.compile(rf"\A{ID_SYNTAX}\Z")
ID_FIELD = "id"
# Far above any sensible question (validate warns above 9 choices); a longer
# list of choices is refused unconverted.
MAX_CHOICES = 100
# What must never reach a terminal from a tree text: C0 controls but tab and
# newline (ESC starts screen-clearing, title-setting and hyperlink sequences),
# DEL, C1 controls (U+009B is a one-character CSI) and the bidi overrides
# and isolates that make a text read differently from what it is.
UNSAFE_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Invalid:
    """Marks a value that could not be converted; its diagnostic is already out."""


INVALID = Invalid()


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _is_required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _optional_inner(tp: Any) -> Any | None:
    """``X`` for ``X | None``, else None."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return None


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "nothing"
    return f"'{node.value}'"


def _expected(tp: Any) -> str:
    if tp is str:
        return "a text"
    if typing.get_origin(tp) is list:
        return "a list"
    if tp is Text:
        return "a mapping with 'en' and 'ja' texts"
    return "a mapping"


class Converter:
    """Converts the nodes of one file, collecting diagnostics as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        # Ids of definitions dropped for errors already reported, so that
        # references to them are not reported a second time.
        self.unusable_ids: set[str] = set()

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _error(self, node: yaml.Node, code: DiagnosticCode, message: str, hint: str = "") -> Invalid:
        self.diagnostics.append(error(self.where(node), code, message, hint))
        return INVALID

    def convert(self, node: yaml.Node, tp: Any, name: str) -> Any:
        inner = _optional_inner(tp)
        if inner is not None:
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
                return None
            tp = inner
        if tp is str:
            return self._scalar(node, name)
        if typing.get_origin(tp) is typing.Literal:
            return self._choice(node, typing.get_args(tp), name)
        if typing.get_origin(tp) is list:
            return self._list(node, typing.get_args(tp)[0], name)
        if dataclasses.is_dataclass(tp):
            return self._dataclass(node, typing.cast(type, tp), name)
        raise TypeError(f"unsupported type in the model: {tp!r}")  # a bug, not bad input

    def _scalar(self, node: yaml.Node, name: str) -> str | Invalid:
        if not isinstance(node, yaml.ScalarNode):
            return self._error(node, "type", f"'{name}' must be a text, found {_describe(node)}")
        if node.tag.endswith(":null") and not node.value:
            return self._error(node, "empty", f"'{name}' is empty", "write a value or remove the key")
        # The raw scalar text is kept, so `yes`, `no` and `5862` stay texts.
        value: str = node.value
        unsafe = UNSAFE_CHARACTER.search(value)
        if unsafe is not None:  # kept, but the file has an error: diagnose refuses it
            self._error(node, "control-character", *_unsafe_message(name, unsafe.group()))
        return value

    def _choice(self, node: yaml.Node, allowed: tuple[str, ...], name: str) -> str | Invalid:
        value = self._scalar(node, name)
        if isinstance(value, Invalid) or value in allowed:
            return value
        return self._error(node, "type", f"unknown {name} '{value}'", did_you_mean(value, allowed))

    def _list(self, node: yaml.Node, item_type: Any, name: str) -> list[Any] | Invalid:
        if not isinstance(node, yaml.SequenceNode):
            return self._error(
                node,
                "type",
                f"'{name}' must be a list, found {_describe(node)}",
                "start each item with '- '",
            )
        if name == "choices" and len(node.value) > MAX_CHOICES:  # unconverted: 100,000 must not cost minutes
            return self._error(
                node,
                "too-many-items",
                f"'{name}' has {len(node.value)} items; a question has at most {MAX_CHOICES}",
                "group them under a first question",
            )
        items = [self.convert(item, item_type, name) for item in node.value]
        return [item for item in items if not isinstance(item, Invalid)]

    def _dataclass(self, node: yaml.Node, cls: type, name: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self._error(
                node,
                "type",
                f"'{name}' must be {_expected(cls)}, found {_describe(node)}",
            )
        fields = {f.name: f for f in file_fields(cls)}
        hints = _hints(cls)
        values: dict[str, Any] = {}
        spans: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or key not in fields:
                self._error(
                    key_node,
                    "unknown-key",
                    f"unknown key '{key}' in {_label(node, cls)}",
                    did_you_mean(str(key), fields),
                )
                continue
            if key in spans:
                self._error(
                    key_node,
                    "duplicate-key",
                    f"duplicate key '{key}' in {_label(node, cls)}",
                    f"it is already set on line {spans[key].line}; keep one",
                )
                continue
            spans[key] = self.where(value_node)
            value = self.convert(value_node, hints[key], key)
            if isinstance(value, Invalid):
                continue
            if key == ID_FIELD and not ID_PATTERN.match(value):
                self._error(
                    value_node,
                    "id",
                    f"id '{value}' must use lower-case letters, digits and '-'",
                    f"for example '{_slug(value)}'",
                )
                continue
            kind = fields[key].metadata.get("address")
            # A value with a control character has its error already.
            if kind is not None and isinstance(value, str) and not UNSAFE_CHARACTER.search(value):
                problem = address_problem(kind, key, value)
                if problem is not None:  # dropped: no view may offer it as a way to act
                    self._error(value_node, problem.code, problem.message, problem.hint)
                    continue
            values[key] = value
        missing = [f for f in fields.values() if _is_required(f) and f.name not in spans]
        for f in missing:
            self._error(node, "missing-key", f"{_label(node, cls)} is missing '{f.name}'", f"add '{f.name}:'")
        if missing or any(f not in values for f in spans if _is_required(fields[f])):
            id_node = next((v for k, v in node.value if k.value == ID_FIELD), None)
            if isinstance(id_node, yaml.ScalarNode):
                self.unusable_ids.add(id_node.value)
            return INVALID
        all_fields = {f.name for f in dataclasses.fields(cls)}
        if "origin" in all_fields:
            values["origin"] = self.where(node)
        if "spans" in all_fields:
            values["spans"] = spans
        return cls(**values)


def _unsafe_message(name: str, character: str) -> tuple[str, str]:
    code = f"U+{ord(character):04X}"
    if character >= "\u202a":
        return f"'{name}' contains the bidirectional control {code}", "remove it: it reorders how the text reads"
    return f"'{name}' contains the control character {code}", "remove it: terminals run it as a command"


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-id"


def _label(node: yaml.MappingNode, cls: type) -> str:
    """How a message names a mapping: "outcome 'fixed'", or "see also"."""
    kind = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    id_node = next((v for k, v in node.value if k.value == ID_FIELD), None)
    if isinstance(id_node, yaml.ScalarNode) and id_node.value:
        return f"{kind} '{id_node.value}'"
    return "the file" if cls is model.TreeFile else kind


def find_alias(root: yaml.Node) -> yaml.Node | None:
    """The first node reached twice, i.e. through an alias (*name)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack += (value, key)
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
    return None


@dataclasses.dataclass
class Converted:
    tree_file: model.TreeFile | None
    diagnostics: list[Diagnostic]
    unusable_ids: set[str] = dataclasses.field(default_factory=set)


def convert_file(node: yaml.Node, file: str) -> Converted:
    converter = Converter(file)
    # An alias makes two places share one node: refusing aliases caps their
    # expansion ("billion laughs") and keeps every value at one location.
    alias = find_alias(node)
    if alias is not None:
        converter._error(
            alias,
            "alias",
            "this file uses a YAML anchor and alias (&name / *name)",
            "aliases are not allowed in tree files; write the value out",
        )
        return Converted(None, converter.diagnostics)
    if not isinstance(node, yaml.MappingNode):
        converter._error(
            node,
            "top-level",
            f"a tree file must be a mapping with 'tree', 'outcomes' or 'contacts', found {_describe(node)}",
            "see README.md, 'Writing a tree'",
        )
        return Converted(None, converter.diagnostics)
    result = converter.convert(node, model.TreeFile, "file")
    tree_file = None if isinstance(result, Invalid) else result
    return Converted(tree_file, converter.diagnostics, converter.unusable_ids)


# --- JSON Schema -----------------------------------------------------------

SCHEMA_ID = "urn:uec-helper:tree-file"


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    inner = _optional_inner(tp)
    if inner is not None:
        return {"anyOf": [_schema_for(inner, defs), {"type": "null"}]}
    if tp is str:
        return {"type": "string", "minLength": 1}
    if typing.get_origin(tp) is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if typing.get_origin(tp) is list:
        return {"type": "array", "items": _schema_for(typing.get_args(tp)[0], defs)}
    name = tp.__name__
    if name not in defs:
        defs[name] = {}  # placeholder first: the model is recursive-safe
        hints = _hints(tp)
        properties: dict[str, Any] = {}
        for f in file_fields(tp):
            prop = _schema_for(hints[f.name], defs)
            if f.name == ID_FIELD:
                prop = {**prop, "pattern": f"^{ID_SYNTAX}$"}  # ECMA-262: "$" is the very end
            if "address" in f.metadata:
                prop = {**prop, "pattern": f"^(?:{PATTERNS[f.metadata['address']]})$"}
            if "doc" in f.metadata:
                prop = {**prop, "description": f.metadata["doc"]}
            properties[f.name] = prop
        required = [f.name for f in file_fields(tp) if _is_required(f)]
        if tp is Text:
            required = list(LANGS)
        definition: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        doc = _written_doc(tp)
        if doc:
            definition["description"] = doc
        if required:
            definition["required"] = required
        defs[name] = definition
    return {"$ref": f"#/$defs/{name}"}


def json_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _schema_for(model.TreeFile, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "uec-helper tree file",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _written_doc(tp: type) -> str | None:
    """The class's own docstring; not the signature `dataclass` makes up for a
    class without one, which would show internal fields as editor hover text."""
    doc = tp.__doc__
    if not doc or doc.startswith(f"{tp.__name__}("):
        return None
    return " ".join(doc.split())
