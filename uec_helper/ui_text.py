"""Every text of the tool itself (not of the trees), in both languages."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass

from uec_helper.errors import Message, MessageError
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
    "escalated-to-name": (
        "Escalated to (name or office; Enter alone to go back):",
        "エスカレーション先 (名前または部署、Enter だけで戻る):",
    ),
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
    "describe-prompt": (
        "Describe your problem (Enter alone to go back):",
        "お困りごとを入力してください (Enter だけで戻る):",
    ),
    "pick-match": ("Which of these matches your problem?", "どれがお困りごとに近いですか?"),
    "no-match": (
        "Nothing matched “{query}”. What is your problem?",
        "「{query}」に合うものがありませんでした。どのようなお困りごとですか?",
    ),
    # The same for the helpdesk agent, who is asked about the caller's problem (menus.py).
    "agent-describe-problem": (
        "Describe the caller's problem in your own words",
        "問い合わせ者のお困りごとを自分の言葉で説明する",
    ),
    "agent-describe-prompt": (
        "Describe the caller's problem (Enter alone to go back):",
        "問い合わせ者のお困りごとを入力してください (Enter だけで戻る):",
    ),
    "agent-pick-match": ("Which of these matches the caller's problem?", "どれが問い合わせ者のお困りごとに近いですか?"),
    "agent-no-match": (
        "Nothing matched “{query}”. Which problem does the caller have?",
        "「{query}」に合うものがありませんでした。問い合わせ者のお困りごとはどれですか?",
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
    # Errors a user of diagnose, search, show, list and stats meets (errors.py;
    # ui_message), one line each: the English is what scripts match. A path
    # and the system's reason for a failure are quoted as they are.
    "err-invalid-lang": (
        "{source}: unknown language '{value}'; use 'en' or 'ja'",
        "{source}: '{value}' は使えない言語です。'en' か 'ja' を指定してください",
    ),
    "err-output-encoding": (
        "cannot show the text in the output's encoding ({encoding}); use a UTF-8 locale or PYTHONIOENCODING=utf-8",
        "出力の文字コード ({encoding}) では表示できません。UTF-8 のロケールか PYTHONIOENCODING=utf-8 を使ってください",
    ),
    "err-output": ("cannot write the output: {reason}", "出力を書き込めません: {reason}"),
    "err-trees-not-found": (
        "{folder}: trees folder not found; pass --trees DIR or set UEC_HELPER_TREES",
        "{folder}: ツリーのフォルダーが見つかりません。--trees DIR を指定するか UEC_HELPER_TREES を設定してください",
    ),
    "err-trees-not-a-folder": (
        "{folder}: not a folder; pass the folder that holds the tree files",
        "{folder}: フォルダーではありません。ツリーファイルのあるフォルダーを指定してください",
    ),
    "err-no-tree-files": (
        "{folder}: no tree files (*.yaml) found; pass --trees DIR",
        "{folder}: ツリーファイル (*.yaml) が見つかりません。--trees DIR を指定してください",
    ),
    "err-did-you-mean": ("did you mean '{close}'?", "'{close}' のことですか?"),
    "err-expected-one-of": ("expected one of: {choices}", "次のいずれかを指定してください: {choices}"),
    "err-hint": ("; {hint}", "。{hint}"),
    "err-unknown-tree": ("unknown tree '{tree}'", "ツリー '{tree}' はありません"),
    "err-broken-files": (
        " ({count} tree file(s) have errors: run `uec-helper validate`)",
        " ({count} 個のツリーファイルにエラーがあります。`uec-helper validate` を実行してください)",
    ),
    "err-missing-tree": (
        "no tree given; pass one of: {trees}",
        "ツリーが指定されていません。次のいずれかを指定してください: {trees}",
    ),
    "err-broken-tree": (
        "tree '{tree}' has errors and cannot be used; run `{command}` (first: {first})",
        "ツリー '{tree}' にはエラーがあるため使えません。`{command}` を実行してください (最初のエラー: {first})",
    ),
    "err-missing-answer": (
        "no answer for question '{question}' ({text}); pass --answer {question}=CHOICE with CHOICE one of: {choices}",
        "質問 '{question}' ({text}) の回答がありません。--answer {question}=CHOICE で答えてください "
        "(CHOICE は次のいずれか: {choices})",
    ),
    "err-invalid-answer": (
        "'{answer}' is not a choice of question '{question}'; {close}valid choices: {choices}",
        "'{answer}' は質問 '{question}' の選択肢ではありません。{close}選択肢: {choices}",
    ),
    "err-close-answer": ("did you mean '{close}'? ", "'{close}' のことですか? "),
    "err-empty-query": (
        "the query is empty; describe the problem, e.g. 'forgot my password'",
        "検索語が空です。お困りごとを入力してください (例: 'パスワードを忘れた')",
    ),
    "err-no-match": (
        "nothing matches '{query}'; try other words, or pass a TREE (see `uec-helper list`)",
        "「{query}」に合うものがありません。別の言葉で試すか、TREE を指定してください (`uec-helper list` を参照)",
    ),
    "err-no-match-in-tree": (
        "nothing matches '{query}' in tree '{tree}'; try other words, or pass a TREE (see `uec-helper list`)",
        "ツリー '{tree}' には「{query}」に合うものがありません。別の言葉で試すか、TREE を指定してください "
        "(`uec-helper list` を参照)",
    ),
    "err-malformed-answer": (
        "--answer '{flag}': expected QUESTION=CHOICE, e.g. --answer cause=forgot-password",
        "--answer '{flag}': QUESTION=CHOICE の形で指定してください (例: --answer cause=forgot-password)",
    ),
    "err-answered-by-two-flags": (
        "--answer '{flag}': question '{question}' is already answered by --answer '{first}'; "
        "give each question one --answer",
        "--answer '{flag}': 質問 '{question}' には --answer '{first}' で回答済みです。"
        "--answer は 1 つの質問に 1 つにしてください",
    ),
    "err-answered-twice": (
        "{where}: question '{question}' is answered twice (first on line {line}); keep one answer",
        "{where}: 質問 '{question}' に 2 回回答しています (最初は {line} 行目)。回答を 1 つにしてください",
    ),
    "err-answers-file": (
        "{path}: cannot read the answers file: {reason}",
        "{path}: 回答ファイルを読み込めません: {reason}",
    ),
    "err-not-utf8": ("not UTF-8 text", "UTF-8 のテキストではありません"),
    "err-answers-yaml": (
        "{where}: invalid YAML in the answers file",
        "{where}: 回答ファイルの YAML が正しくありません",
    ),
    "err-answers-mapping": (
        "{where}: the answers file must be a mapping of QUESTION: CHOICE, e.g. 'cause: forgot-password'",
        "{where}: 回答ファイルは QUESTION: CHOICE の組にしてください (例: 'cause: forgot-password')",
    ),
    "err-unknown-question": (
        "tree '{tree}' has no question '{question}'",
        "ツリー '{tree}' に質問 '{question}' はありません",
    ),
    "err-invalid-resolution": (
        "--resolution: unknown value '{value}'; use one of: {choices}",
        "--resolution: '{value}' は使えない値です。次のいずれかを指定してください: {choices}",
    ),
    "err-agent-only": (
        "{flags}: only in helpdesk mode; add --agent",
        "{flags}: ヘルプデスクモード専用です。--agent を付けてください",
    ),
    "err-escalated-only": (
        "{flags}: only for an escalated call; add --resolution escalated",
        "{flags}: エスカレーションした対応専用です。--resolution escalated を付けてください",
    ),
    "err-unknown-contact": (
        "--escalated-to: no contact '{given}'; did you mean '{close}'? "
        "(a name is recorded as typed: write it with a space or a capital letter)",
        "--escalated-to: 問い合わせ先 '{given}' はありません。'{close}' のことですか? "
        "(名前は入力どおりに記録されます。空白か大文字を含めて書いてください)",
    ),
    "err-note-file-exists": (
        "{path}: already exists; choose another --note-file, or add --force to replace it",
        "{path}: すでに存在します。別の --note-file を指定するか、--force を付けて置き換えてください",
    ),
    "err-note-file": (
        "{path}: cannot write the ticket note: {reason}",
        "{path}: チケット用メモを書き込めません: {reason}",
    ),
    "err-log-write": (
        "{path}: cannot write the session log: {reason}",
        "{path}: セッションログに書き込めません: {reason}",
    ),
    "err-log-read": (
        "{path}: cannot read the session log: {reason}",
        "{path}: セッションログを読み込めません: {reason}",
    ),
    # Why a file was refused (file_errors.py, knowledge/files.py, safe_write.py):
    # the reason inside err-answers-file, err-note-file, err-log-write, ….
    "reason-not-a-file": ("{kind}, not a regular file", "{kind}であり、通常のファイルではありません"),
    "kind-folder": ("a folder", "フォルダー"),
    "kind-fifo": ("a FIFO (named pipe)", "FIFO (名前付きパイプ)"),
    "kind-device": ("a device", "デバイス"),
    "kind-socket": ("a socket", "ソケット"),
    "kind-special": ("a special file", "特殊ファイル"),
    "kind-terminal": ("a terminal", "端末"),
    "kind-symlink": ("a symbolic link to {target}", "{target} へのシンボリックリンク"),
    "hint-name-a-file": (
        "name a regular file or a new one",
        "通常のファイルか、まだないファイルの名前を指定してください",
    ),
    "hint-read-stdin": (
        "name a regular file, or pass - and pipe it into standard input",
        "通常のファイルを指定するか、- を指定して標準入力にパイプで渡してください",
    ),
    "hint-symlink": (
        "name that file itself (a link is neither written through nor replaced), or remove the link",
        "リンク先のファイルそのものを指定するか (リンクを通して書き込むことも、リンクを置き換えることもしません)、"
        "リンクを削除してください",
    ),
    "reason-stdin": (
        "standard input is {kind}; pipe the file into it (`… | uec-helper …` or `< FILE`)",
        "標準入力が{kind}です。ファイルをパイプで渡してください (`… | uec-helper …` か `< FILE`)",
    ),
    "reason-too-large": (
        "file is too large ({size}; the limit is {limit})",
        "ファイルが大きすぎます ({size}、上限は {limit})",
    ),
    "reason-no-folder": ("no folder {folder}", "フォルダー {folder} がありません"),
    "reason-cut-short": (
        "only {written} of {total} bytes written",
        "{total} バイトのうち {written} バイトしか書き込めませんでした",
    ),
    "hint-choose-another": ("; choose another {option}", "。別の {option} を指定してください"),
    # stats: the warnings on log lines it skipped (helpdesk/log.py).
    "stats-more-skipped": ("{files}: {count} more lines skipped", "{files}: ほかに {count} 行を読み飛ばしました"),
    "log-not-a-record": (
        "skipped a line that is not a whole session record",
        "セッション記録として完全でない行を読み飛ばしました",
    ),
    "log-cut-short": (
        "a crash or a full disk may have cut it short",
        "異常終了かディスクの空き不足で途中で切れた可能性があります",
    ),
    "log-line-too-long": ("skipped a line longer than {limit} bytes", "{limit} バイトを超える行を読み飛ばしました"),
    "log-no-record-so-long": ("no session record is that long", "セッション記録がそれほど長くなることはありません"),
}

# The system's reasons a user meets, in Japanese by errno (file_errors.reason_of);
# in English, and for any other errno, the system's own text is shown.
SYSTEM_REASONS_JA: dict[int, str] = {
    errno.ENOENT: "ファイルまたはフォルダーがありません",
    errno.EACCES: "アクセス権がありません",
    errno.EPERM: "操作が許可されていません",
    errno.EISDIR: "フォルダーです",
    errno.ENOTDIR: "パスの途中にフォルダーでないものがあります",
    errno.ENOSPC: "ディスクの空きがありません",
    errno.EROFS: "読み取り専用のファイルシステムです",
    errno.EEXIST: "すでに存在します",
}


def ui(key: str, lang: Lang) -> str:
    en, ja = UI[key]
    return ja if lang == "ja" else en


def ui_message(key: str, **fields: object) -> Message:
    """An error's words in both languages; a field that is a Message goes in
    in each language, any other as it is."""
    en, ja = UI[key]

    def filled(template: str, lang: Lang) -> str:
        values = {name: value.get(lang) if isinstance(value, Message) else value for name, value in fields.items()}
        return template.format(**values)

    return Message(filled(en, "en"), filled(ja, "ja"))


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


class LanguageError(MessageError):
    """A language that is neither en nor ja."""


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
    raise LanguageError(ui_message("err-invalid-lang", source=source, value=value))


def default_lang() -> Lang:
    """UEC_HELPER_LANG, else Japanese under a Japanese locale, else English."""
    chosen = os.environ.get("UEC_HELPER_LANG")
    if chosen:
        return parse_lang(chosen, "UEC_HELPER_LANG")
    return _locale_lang()


def fallback_lang() -> Lang:
    """The language of a message before a command has its own: the default,
    or the locale's when UEC_HELPER_LANG is no language (that error must be
    read as well)."""
    try:
        return default_lang()
    except LanguageError:
        return _locale_lang()


def _locale_lang() -> Lang:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
