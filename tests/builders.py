"""Tree files written by tests that need shapes no fixture has (long chains)."""

from __future__ import annotations

DONE_OUTCOME = (
    "outcomes:\n  - {id: done, title: {en: Done, ja: 完了}, body: {en: B, ja: B},"
    " see_also: [{title: {en: Guide, ja: 案内}, url: https://example.org/guide}]}\n"
)


def chain_tree(tree_id: str, questions: int, last: str) -> str:
    """A tree of `questions` questions in a row; the last one's first choice is `last`."""
    lines = [
        f"tree:\n  id: {tree_id}\n  title: {{en: {tree_id}, ja: {tree_id}}}\n"
        f"  summary: {{en: S, ja: S}}\n  start: {tree_id}-0\n  questions:"
    ]
    for n in range(questions):
        onward = f"next: {tree_id}-{n + 1}" if n < questions - 1 else last
        lines.append(
            f"    - {{id: {tree_id}-{n}, text: {{en: Q, ja: Q}}, choices: ["
            f"{{id: on, label: {{en: On, ja: 次}}, {onward}}}, "
            f"{{id: off, label: {{en: Off, ja: 止}}, outcome: done}}]}}"
        )
    return "\n".join(lines) + "\n"
