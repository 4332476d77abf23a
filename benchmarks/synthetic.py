"""A synthetic knowledge base of N outcomes, written as valid tree files.

    python benchmarks/synthetic.py OUT_DIR --outcomes 10000 [--per-tree 20] [--seed 4]

Each file holds one tree: a first question whose choices lead to questions of
up to five choices, each ending at its own outcome. Texts are English and
Japanese made of helpdesk words, so search and loading see realistic
vocabularies; `uec-helper validate OUT_DIR` accepts the result without errors.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

_EN = """
account password login sign access network wireless campus home vpn proxy code authentication factor phone
mail address notification setting browser cache cookie printer library portal system server message error
warning expired reset reissue forgot student staff faculty office card certificate license software install
update upgrade download upload storage quota backup restore delete deleted graduation retirement leave course
registration grade schedule lecture class report submission deadline form application request approval room
building floor desk window screen keyboard laptop tablet smartphone app token key lock locked blocked timeout
slow crash freeze sync calendar meeting video audio microphone camera share drive folder file document print
scan copy license renewal payment fee travel expense trip research lab project group member guest visitor
"""
_JA = """
アカウント パスワード ログイン ネットワーク 無線 学内 自宅 認証 コード 電話 メール アドレス 通知 設定
ブラウザ プリンタ 図書館 ポータル システム サーバ メッセージ エラー 警告 期限 再発行 学生 教職員 事務室
証明書 ソフトウェア 更新 保存 容量 削除 卒業 退職 休学 履修 成績 講義 授業 提出 締切 申請 承認 建物
画面 端末 スマホ 鍵 停止 遅い 同期 会議 動画 音声 共有 フォルダ 文書 印刷 料金 旅費 出張 研究室 訪問者
"""
JA_PARTICLES = ["の", "を", "が", "に", "で", "と", "は"]
_SYLLABLES = "ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ma mi mu me mo ra ri ru re ro"
EN_WORDS, JA_WORDS, NAME_SYLLABLES = _EN.split(), _JA.split(), _SYLLABLES.split()


DUMPER: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Writer:
    """Deterministic texts from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def name(self) -> str:
        return "".join(self.random.choice(NAME_SYLLABLES) for _ in range(3))

    def english(self, words: int) -> str:
        text = " ".join(self.random.choice(EN_WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def japanese(self, words: int) -> str:
        parts = [self.random.choice(JA_WORDS) + self.random.choice(JA_PARTICLES) for _ in range(words - 1)]
        return "".join(parts) + self.random.choice(JA_WORDS) + "です。"

    def text(self, words: int, name: str = "") -> dict[str, str]:
        prefix = f"{name} " if name else ""
        return {"en": prefix + self.english(words), "ja": prefix + self.japanese(max(words // 2, 2))}

    def keywords(self) -> dict[str, list[str]]:
        return {
            "en": [" ".join(self.random.sample(EN_WORDS, 2)) for _ in range(3)],
            "ja": [self.random.choice(JA_WORDS) + self.random.choice(JA_WORDS) for _ in range(3)],
        }


def group_sizes(count: int, most: int = 5) -> list[int]:
    """Split outcomes into questions of 2..most choices each."""
    if count <= most:
        return [count]
    sizes = [most] * (count // most) + ([count % most] if count % most else [])
    if sizes[-1] == 1:
        sizes[-2:] = [most - 1, 2]
    return sizes


def outcome(writer: Writer, outcome_id: str) -> dict[str, Any]:
    name = writer.name()
    return {
        "id": outcome_id,
        "title": writer.text(5, name),
        "body": writer.text(25),
        "steps": [writer.text(10), writer.text(10)],
        "keywords": writer.keywords(),
    }


def tree_file(writer: Writer, number: int, outcome_ids: list[str]) -> dict[str, Any]:
    tree_id = f"tree-{number:05d}"
    sizes = group_sizes(len(outcome_ids))
    questions: list[dict[str, Any]] = []
    groups: list[list[str]] = []
    for size in sizes:
        groups.append(outcome_ids[:size])
        outcome_ids = outcome_ids[size:]
    for n, group in enumerate(groups):
        choices = [{"id": f"c{m}", "label": writer.text(6), "outcome": o} for m, o in enumerate(group)]
        questions.append({"id": f"q{n}", "text": writer.text(8), "choices": choices})
    if len(groups) > 1:
        start = {
            "id": "start",
            "text": writer.text(8),
            "choices": [{"id": f"c{n}", "label": writer.text(4), "next": f"q{n}"} for n in range(len(groups))],
        }
        questions.insert(0, start)
    tree = {
        "id": tree_id,
        "title": writer.text(5),
        "summary": writer.text(12),
        "keywords": writer.keywords(),
        "start": questions[0]["id"],
        "questions": questions,
    }
    return {"tree": tree, "outcomes": [outcome(writer, o) for group in groups for o in group]}


def write(folder: Path, outcomes: int, per_tree: int, seed: int) -> int:
    """Writes the tree files; returns how many."""
    if outcomes < 2:
        raise SystemExit("--outcomes must be at least 2")
    per_tree = min(max(per_tree, 2), 45)  # at most 9 questions of 5 choices
    writer = Writer(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"outcome-{n:06d}" for n in range(outcomes)]
    chunks = [ids[i : i + per_tree] for i in range(0, outcomes, per_tree)]
    if len(chunks) > 1 and len(chunks[-1]) < 2:
        chunks[-2:] = [chunks[-2][:-1], chunks[-2][-1:] + chunks[-1]]
    for number, chunk in enumerate(chunks):
        data = tree_file(writer, number, chunk)
        text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
        (folder / f"tree-{number:05d}.yaml").write_text(text, encoding="utf-8")
    return len(chunks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--outcomes", type=int, default=10_000)
    parser.add_argument("--per-tree", type=int, default=20, help="outcomes per tree file (2..45)")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    files = write(args.out_dir, args.outcomes, args.per_tree, args.seed)
    print(f"wrote {args.outcomes} outcomes in {files} tree files to {args.out_dir}")


if __name__ == "__main__":
    main()
