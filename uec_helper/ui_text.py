"""Every text of the tool itself (not of the trees), in both languages."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from uec_helper.knowledge.model import LANGS, Lang

UI: dict[str, tuple[str, str]] = {
    # key: (English, Japanese)
    "pick-tree": ("What is your problem?", "どのようなお困りごとですか?"),
    "back": ("← Back", "← 戻る"),
    "start-over": ("↺ Start over", "↺ 最初からやり直す"),
    "use-arrow-keys": ("(Arrow keys or number keys, then Enter)", "(矢印キーか番号キーで選び、Enter)"),
    # The error when the input ends at a menu (a text prompt takes it as Enter alone).
    "no-input": ("the terminal closed before an answer was given", "回答を選ぶ前に端末の入力が終わりました"),
    # The plain mode: plain.py.
    "quit": ("Quit", "終了"),
    "plain-prompt": ("Type 1-{last} or a letter, then Enter: ", "1〜{last} の番号か英字を入力して Enter: "),
    "plain-again": (
        "Please type a number from 1 to {last}, or one of the letters shown.",
        "1〜{last} の番号か、表示された英字を入力してください。",
    ),
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
    "trees": ("Troubleshooting trees", "トラブルシューティング一覧"),
    # The web page: authoring/web_page.py (labels the page's JavaScript shows are in its data).
    "page-title": ("UEC account help", "UEC アカウント ヘルプ"),
    "page-intro": (
        "Answer a few questions to find what to do and whom to contact.",
        "いくつかの質問に答えると、対処方法と問い合わせ先がわかります。",
    ),
    "begin": ("Start", "はじめる"),
    "all-problems": ("All problems", "お困りごと一覧"),
    "search": ("Search", "検索"),
    "leads-here": ("Answers that lead here", "ここに至る回答"),
    "copy": ("Copy", "コピー"),
    "copied": ("Copied", "コピーしました"),
    "web-search-none": (
        "Nothing matched. Try other words, or pick a problem from the list.",
        "一致するものがありませんでした。別の言葉で試すか、一覧から選んでください。",
    ),
    "bad-link": (
        "The link's answer “{answer}” does not fit here. Please choose an answer.",
        "リンクの回答「{answer}」はここでは選べません。回答を選んでください。",
    ),
    # Tools for tree editors: export.py, translations.py, scaffold.py.
    "shared": ("shared", "共有"),
    "scaffold-written": (
        "Wrote {file}: replace every TODO, then run `{command}`.",
        "{file} に書き込みました。TODO をすべて書き換えてから `{command}` を実行してください。",
    ),
    "marked-reviewed": (
        "Marked {count} Japanese text(s) as reviewed in {files} file(s) of {where}.",
        "{where} の {files} 個のファイルで {count} 件の日本語テキストをレビュー済みにしました。",
    ),
    # Helpdesk mode: agent.py, callscript.py, ticket.py, stats.py.
    "ask-caller": ("Ask the caller:", "問い合わせ者に確認:"),
    "read-out": ("Read out:", "読み上げ:"),
    "interrupted": ("interrupted", "中断しました"),
    "switch-tree": ("⇄ Switch tree", "⇄ 別のツリーに切り替える"),
    "lang-en": ("English", "英語"),
    "lang-ja": ("Japanese", "日本語"),
    "say-this": ("Say this to the caller ({lang})", "問い合わせ者へのご案内 ({lang})"),
    "say-steps": ("Please do the following:", "次の手順をお試しください。"),
    "say-warnings": ("Please note:", "ご注意ください。"),
    "say-contacts": ("If that does not help, please contact:", "解決しない場合は、次の窓口にお問い合わせください。"),
    "say-see-also": ("You can read more in:", "詳しくは次の資料をご覧ください。"),
    "did-it-solve": ("Did this solve it?", "解決しましたか?"),
    "resolution-yes": ("Yes, solved", "解決した"),
    "resolution-no": ("No, not solved", "解決しなかった"),
    "resolution-escalated": ("Escalated", "エスカレーションした"),
    "escalated-to": ("Escalated to:", "エスカレーション先:"),
    "escalated-to-whom": ("to {name}", "{name} へ"),
    "escalated-other": ("Someone else (type the name)", "その他 (名前を入力)"),
    "escalated-to-name": ("Escalated to (name or office):", "エスカレーション先 (名前または部署):"),
    "agent-pick-tree": ("Which problem does the caller have?", "問い合わせ者のお困りごとはどれですか?"),
    "agent-note": ("Agent note (optional, Enter to skip):", "担当者メモ (任意、Enter で省略):"),
    "privacy-warning": (
        "{field} looks like it holds {what}; it is masked. Never ask callers for passwords, "
        "authentication codes or student numbers.",
        "{field}に{what}らしきものが含まれていたため伏せました。パスワード・認証コード・学籍番号は決して聞かないでください。",
    ),
    "privacy-note": ("The note", "メモ"),
    "privacy-escalated-to": ("The name escalated to", "エスカレーション先"),
    "secret-password": ("a password", "パスワード"),
    "secret-one-time-code": ("an authentication code", "認証コード"),
    "secret-id-number": ("a student or staff number", "学籍番号・職員番号"),
    "ticket": ("Ticket note", "チケット用メモ"),
    "ticket-head": ("UEC account helpdesk call", "UEC アカウント ヘルプデスク対応記録"),
    "ticket-time": ("Date", "日時"),
    "ticket-tree": ("Tree", "ツリー"),
    "ticket-caller-lang": ("Caller's language", "問い合わせ者の言語"),
    "ticket-duration": ("Duration", "所要時間"),
    "ticket-path": ("Questions and answers", "質問と回答"),
    "ticket-outcome": ("Outcome", "結果"),
    "ticket-contacts": ("Contacts given", "案内した窓口"),
    "ticket-resolution": ("Resolution", "解決状況"),
    "ticket-note": ("Agent note", "担当者メモ"),
    "ticket-replay": ("Replay", "再現コマンド"),
    "ticket-written": ("Ticket note written to {file}", "チケット用メモを {file} に保存しました"),
    "none": ("(none)", "(なし)"),
    "not-recorded": ("(not recorded)", "(未記録)"),
    "duration": ("{m} min {s} s", "{m}分{s}秒"),
    "stats-summary": ("Summary", "概要"),
    "stats-sessions": ("Sessions", "セッション数"),
    "stats-finished": ("Reached an outcome", "結果まで到達"),
    "stats-abandoned": ("Abandoned", "中断"),
    "stats-with-resolution": ("With a resolution", "解決状況の記録あり"),
    "stats-unresolved-rate": ("Unresolved (of those)", "未解決 (そのうち)"),
    "stats-escalated-rate": ("Escalated (of those)", "エスカレーション (そのうち)"),
    "stats-median-duration": ("Median duration", "所要時間の中央値"),
    "stats-trees": ("Problems callers have most", "多いお問い合わせ"),
    "stats-outcomes": ("Most common outcomes", "多い結果"),
    "stats-abandoned-at": ("Abandoned at", "中断した質問"),
    "stats-empty": ("No sessions in the log.", "ログにセッションがありません。"),
    "stats-unmatched": ("Searches that found nothing", "検索で何も見つからなかった"),
    "stats-searches": ("Searches", "検索数"),
    "stats-top-chosen-rate": ("Top search result taken", "検索の1位を選択"),
    "stats-unmatched-queries": ("Most frequent unmatched searches", "見つからなかった検索語 (多い順)"),
    "stats-abandoned-queries": ("Searches that led to abandoned walks", "中断につながった検索語"),
    "stats-outcome-resolution": ("Resolution rate per outcome", "結果ごとの解決率"),
    "stats-resolved": ("Resolved", "解決"),
    "stats-caller-langs": ("Callers' languages", "相談者の言語"),
    "stats-duplicate-log": (
        "{file}: the same log as {same}; counted once",
        "{file}: {same} と同じログのため、1回だけ数えます",
    ),
    "lang-name-en": ("English", "英語"),
    "lang-name-ja": ("Japanese", "日本語"),
    # Search and the smart start: search_views.py, search_render.py, prompts.py.
    "describe-problem": ("Describe your problem in your own words", "自分の言葉で問題を説明する"),
    "describe-prompt": ("Describe your problem:", "お困りごとを入力してください:"),
    "pick-match": ("Which of these matches your problem?", "どれがお困りごとに近いですか?"),
    "no-match": (
        "Nothing matched “{query}”. What is your problem?",
        "「{query}」に合うものがありませんでした。どのようなお困りごとですか?",
    ),
    "search-results": ("Results for “{query}”", "「{query}」の検索結果"),
    "kind-tree": ("questions", "質問から"),
    "kind-outcome": ("answer", "回答"),
    "search-none": (
        "Nothing matched “{query}”. Try other words, or see `uec-helper list`.",
        "「{query}」に合うものがありませんでした。別の言葉で試すか、`uec-helper list` をご覧ください。",
    ),
    # {switch}: how to switch back, which only the CLI has (search-lang-switch);
    # the web page says the same without it.
    "search-lang-followed": (
        "Results in English, the query's language{switch}.",
        "検索語が日本語なので、日本語で表示しています{switch}。",
    ),
    "search-lang-switch": (" (--lang ja shows them in Japanese)", "(英語は --lang en)"),
    "search-lang-hint": (
        "The query looks Japanese: --lang ja shows the results in Japanese.",
        "検索語は英語のようです:--lang en で英語の結果を表示します。",
    ),
    # The same for `diagnose --query`: the walk's questions follow the query.
    "diagnose-lang-followed": (
        "Asking in English, the query's language{switch}.",
        "検索語が日本語なので、日本語で質問します{switch}。",
    ),
    "diagnose-lang-switch": (" (--lang ja asks in Japanese)", "(英語は --lang en)"),
    "diagnose-lang-hint": (
        "The query looks Japanese: --lang ja asks in Japanese.",
        "検索語は英語のようです:--lang en で英語で質問します。",
    ),
    # The same for the problem menu's description, where the switch is the menu entry.
    "menu-lang-switch": (" (“日本語 / English” asks in Japanese)", "(英語は「日本語 / English」)"),
    "menu-lang-hint": (
        "The query looks Japanese: “日本語 / English” asks in Japanese.",
        "検索語は英語のようです:「日本語 / English」で英語で質問します。",
    ),
    "why-keyword": ("matches the keyword “{text}”", "キーワード「{text}」に一致"),
    "why-title": ("matches the title “{text}”", "タイトル「{text}」に一致"),
    "why-summary": ("matches the summary “{text}”", "概要「{text}」に一致"),
    "why-answer": ("matches the answer “{text}”", "回答「{text}」に一致"),
    "why-path": ("on the way: “{text}”", "途中の回答「{text}」に一致"),
    "why-body": ("matches the text “{text}”", "本文「{text}」に一致"),
    "why-step": ("matches a step: “{text}”", "手順「{text}」に一致"),
    "why-tree": ("in the tree “{text}”", "ツリー「{text}」に一致"),
    "why-question": ("matches the question “{text}”", "質問「{text}」に一致"),
}


def ui(key: str, lang: Lang) -> str:
    en, ja = UI[key]
    return ja if lang == "ja" else en


@dataclass
class Language:
    """The language in force: --lang, or the language of a query clearly in
    the other one (diagnose --query, the problem menu's description), until
    the person picks 日本語 / English."""

    current: Lang
    chosen: bool = False  # by --lang or the switch: a description in the other language keeps it

    def switch(self) -> None:
        self.current = "en" if self.current == "ja" else "ja"
        self.chosen = True


class LanguageError(ValueError):
    pass


# A language code, or a locale or language tag read by its language part:
# "ja", "JA", "ja_JP", "ja_JP.UTF-8", "en-GB", "en_US.UTF-8@euro". ASCII
# letters only: IGNORECASE would let the Kelvin sign pass for a "k".
_LANGUAGE_TAG = re.compile(r"([A-Za-z]+)(?:[_-][A-Za-z0-9]+)*(?:\.[A-Za-z0-9_-]+)?(?:@[A-Za-z0-9_-]+)?")


def parse_lang(value: str, source: str) -> Lang:
    """--lang, --caller-lang and UEC_HELPER_LANG alike: en or ja in any case,
    or a locale name by its language part (ja_JP.UTF-8 is ja)."""
    tag = _LANGUAGE_TAG.fullmatch(value)
    part = tag.group(1).lower() if tag else None
    for lang in LANGS:
        if part == lang:
            return lang
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
