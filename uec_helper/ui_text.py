"""Every text of the tool itself (not of the trees), in both languages."""

from __future__ import annotations

import os

from .model import LANGS, Lang

UI: dict[str, tuple[str, str]] = {
    # key: (English, Japanese)
    "pick-tree": ("What is your problem?", "どのようなお困りごとですか?"),
    "back": ("← Back", "← 戻る"),
    "start-over": ("↺ Start over", "↺ 最初からやり直す"),
    "steps": ("What to do", "対処方法"),
    "warnings": ("Please note", "ご注意ください"),
    "contacts": ("Contact", "お問い合わせ先"),
    "see-also": ("See also", "参考資料"),
    "path": ("How you got here", "これまでの回答"),
    "replay": ("Reproduce this answer with", "この回答を再現するコマンド"),
    "name": ("Name", "名称"),
    "email": ("E-mail", "メール"),
    "phone": ("Phone", "電話"),
    "extension": ("Ext.", "内線"),
    "location": ("Location", "場所"),
    "url": ("Web", "Web"),
    "help": ("Help", "ヘルプ"),
    "trees": ("Troubleshooting trees", "トラブルシューティング一覧"),
    "outcome": ("Answer", "回答"),
    "goes-to": ("→", "→"),
}


def ui(key: str, lang: Lang) -> str:
    en, ja = UI[key]
    return ja if lang == "ja" else en


class LanguageError(ValueError):
    pass


def parse_lang(value: str, source: str) -> Lang:
    if value in LANGS:
        return value  # type: ignore[return-value]
    raise LanguageError(f"{source}: unknown language '{value}'; use 'en' or 'ja'")


def default_lang() -> Lang:
    """UEC_HELPER_LANG, else Japanese under a Japanese locale, else English."""
    chosen = os.environ.get("UEC_HELPER_LANG")
    if chosen:
        return parse_lang(chosen, "UEC_HELPER_LANG")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
