"""`uec-helper new`: starting points for a tree or an outcome, with TODO
placeholders in both languages that `validate` reports until they are replaced.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

import yaml

from uec_helper.authoring.yaml_edit import apply, compose, insert_lines, read_for_edit, write_edited
from uec_helper.errors import UsageError
from uec_helper.knowledge.loader import FolderError, load_folder
from uec_helper.knowledge.model import KnowledgeBase
from uec_helper.knowledge.paths import validate_command
from uec_helper.knowledge.schema import ID_PATTERN

OUTCOME = """\
- id: {id}
  title:
    en: TODO the remedy, in a few words
    ja: TODO 対処方法を短く
  body:
    en: TODO what the caller needs to know
    ja: TODO 問い合わせ者に伝える説明
  steps:
    - en: TODO the first step
      ja: TODO 最初の手順
  see_also:
    - title:
        en: TODO the page that tells the caller what to do (or list contacts with an address instead)
        ja: TODO 対処方法が載っているページ
      url: TODO its verified address
"""

TREE = """\
# A new tree: replace every TODO in both languages, then run `uec-helper validate`.
tree:
  id: {id}
  title:
    en: TODO the symptom, as a caller says it
    ja: TODO 問い合わせ者の言葉で症状を
  summary:
    en: TODO one sentence on when this tree helps
    ja: TODO このツリーが役立つ場面を一文で
  start: first-question
  questions:
    - id: first-question
      text:
        en: TODO the first question to ask
        ja: TODO 最初の質問
      choices:
        - id: first-answer
          label:
            en: TODO the first answer
            ja: TODO 一つ目の回答
          outcome: {outcome}
        - id: second-answer
          label:
            en: TODO the second answer
            ja: TODO 二つ目の回答
          outcome: {outcome}

"""


def outcome_item(outcome_id: str, indent: int) -> str:
    return textwrap.indent(OUTCOME.format(id=outcome_id), " " * indent)


def outcomes_file(outcome_id: str) -> str:
    return "outcomes:\n" + outcome_item(outcome_id, 2)


def tree_file(tree_id: str) -> str:
    outcome_id = f"{tree_id}-remedy"
    return TREE.format(id=tree_id, outcome=outcome_id) + outcomes_file(outcome_id)


def with_outcome(source: str, outcome_id: str, file: str) -> str:
    """The file's text with the outcome added at the end of its `outcomes` list."""
    node = compose(source)
    if node is None:
        return outcomes_file(outcome_id)
    if not isinstance(node, yaml.MappingNode):
        raise UsageError("scaffold", f"{file}: not a tree file (a mapping with 'tree', 'outcomes' or 'contacts')")
    outcomes = next((value for key, value in node.value if key.value == "outcomes"), None)
    if outcomes is None:
        return apply(source, [insert_lines(source, node, outcomes_file(outcome_id))])
    if not isinstance(outcomes, yaml.SequenceNode) or outcomes.flow_style or not outcomes.value:
        raise UsageError("scaffold", f"{file}: 'outcomes' is not a list of '- ' items; add the outcome by hand")
    return apply(source, [insert_lines(source, outcomes, outcome_item(outcome_id, outcomes.start_mark.column))])


def check_new_id(kind: str, new_id: str, taken: Mapping[str, object]) -> None:
    if not ID_PATTERN.match(new_id):
        raise UsageError("invalid-id", f"{kind} id '{new_id}' must use lower-case letters, digits and '-'")
    if new_id in taken:
        raise UsageError("duplicate-id", f"{kind} id '{new_id}' is already used; choose another")


def knowledge_of(folder: Path) -> KnowledgeBase:
    """The folder's trees, or nothing yet for an empty folder."""
    if not folder.is_dir():
        raise UsageError("trees-folder", f"{folder}: trees folder not found; pass --trees DIR or set UEC_HELPER_TREES")
    try:
        return load_folder(folder).knowledge
    except FolderError:
        return KnowledgeBase({}, {}, {})


def plan_tree(folder: Path, tree_id: str) -> str:
    """The new tree file's text, once its ids are known to be free."""
    kb = knowledge_of(folder)
    check_new_id("tree", tree_id, kb.trees)
    check_new_id("outcome", f"{tree_id}-remedy", kb.outcomes)
    return tree_file(tree_id)


def plan_outcome(folder: Path, outcome_id: str) -> str:
    """A new file holding the outcome, once its id is known to be free."""
    check_new_id("outcome", outcome_id, knowledge_of(folder).outcomes)
    return outcomes_file(outcome_id)


def new_file(path: Path, text: str) -> Path:
    """Writes a new file, refusing to replace one."""
    try:
        with path.open("x", encoding="utf-8", newline="") as out:
            out.write(text)
    except FileExistsError as exc:
        raise UsageError("file-exists", f"{path}: already exists; choose another id or edit that file") from exc
    return path


def add_to_file(path: Path, outcome_id: str) -> Path:
    if not path.exists():
        return new_file(path, outcomes_file(outcome_id))
    source = read_for_edit(path)
    try:
        updated = with_outcome(source, outcome_id, str(path))
    except yaml.YAMLError as exc:
        raise UsageError("scaffold", f"{path}: invalid YAML; run `{validate_command(path.parent)}`") from exc
    write_edited(path, updated)
    return path
