"""Romaji typed without an IME, turned into the Japanese the trees are written in (pure).

Callers on a machine without Japanese input type Hepburn (or wapuro)
romaji: "pasuwaado wasureta", "sotsugyou go no akaunto", "kyugaku". Long
vowels are written every way ("uu", "ou", "u", "ū"), so every romaji string
is first folded to short vowels. A short reading list (READINGS) turns the
words the trees use into their kanji or katakana spelling (sotsugyo ->
卒業, pasuwado -> パスワード); the syllables between them become hiragana
(wasure + ta -> 忘れた). The result is searched like any Japanese text.

A run of romaji counts only when it contains a word of the reading list:
English words that happen to spell syllables ("made", "name") give nothing.

Callers on a phone often leave a word in hiragana, unconverted ("ぱすわーど
わすれた"): such a run is read back into romaji (kana_to_romaji) and spelled
through the same reading list (ぱすわーど -> パスワード, わすれた -> 忘れた).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Romaji syllable -> hiragana; Hepburn and the wapuro spellings (si, tu, zi).
_VOWELS = {"a": "あ", "i": "い", "u": "う", "e": "え", "o": "お"}
_ROWS = {
    "k": "かきくけこ", "g": "がぎぐげご", "s": "さしすせそ", "z": "ざじずぜぞ", "t": "たちつてと",
    "d": "だぢづでど", "n": "なにぬねの", "h": "はひふへほ", "b": "ばびぶべぼ", "p": "ぱぴぷぺぽ",
    "m": "まみむめも", "r": "らりるれろ",
}  # fmt: skip
_YOON = {
    "ky": "き", "gy": "ぎ", "sh": "し", "sy": "し", "j": "じ", "zy": "じ", "jy": "じ", "ch": "ち",
    "ty": "ち", "cy": "ち", "ny": "に", "hy": "ひ", "by": "び", "py": "ぴ", "my": "み", "ry": "り",
}  # fmt: skip
_SMALL = {"a": "ゃ", "u": "ゅ", "o": "ょ", "e": "ぇ"}
_OTHER = {
    "shi": "し", "chi": "ち", "tsu": "つ", "fu": "ふ", "ji": "じ", "ya": "や", "yu": "ゆ", "yo": "よ",
    "wa": "わ", "wo": "を", "wi": "うぃ", "we": "うぇ", "fa": "ふぁ", "fi": "ふぃ", "fe": "ふぇ",
    "fo": "ふぉ", "ti": "てぃ", "di": "でぃ", "va": "ゔぁ", "vi": "ゔぃ", "vu": "ゔ", "ve": "ゔぇ", "vo": "ゔぉ",
    "si": "し", "zi": "じ", "tu": "つ", "hu": "ふ", "she": "しぇ", "je": "じぇ", "che": "ちぇ",
}  # fmt: skip


def _syllables() -> dict[str, str]:
    table = dict(_VOWELS)
    for consonant, kana in _ROWS.items():
        table.update({consonant + vowel: kana[i] for i, vowel in enumerate("aiueo")})
    for onset, kana in _YOON.items():
        table.update({onset + vowel: kana + small for vowel, small in _SMALL.items()})
        table[onset + "i"] = kana
    table.update(_OTHER)
    return table


SYLLABLES = _syllables()
LONGEST_SYLLABLE = max(map(len, SYLLABLES))

# Readings of the words the trees use, as callers type them (before folding).
# Kanji words carry only their kanji part: the okurigana follow as syllables.
# A word with ん before a vowel also has its n' spelling, the one its
# hiragana reads back as (さいんいん -> sain'in).
READINGS = {
    "pasuwaado": "パスワード", "akaunto": "アカウント", "roguin": "ログイン", "meeru": "メール",
    "adoresu": "アドレス", "webukurasu": "ウェブクラス", "uebukurasu": "ウェブクラス", "koodo": "コード",
    "eraa": "エラー", "messeeji": "メッセージ", "saabaa": "サーバ", "yuuzaa": "ユーザ",
    "fisshingu": "フィッシング", "saito": "サイト", "sumaho": "スマホ", "sumaatofon": "スマートフォン",
    "apuri": "アプリ", "nettowaaku": "ネットワーク", "wantaimu": "ワンタイム", "shisutemu": "システム",
    "sentaa": "センター", "sainin": "サインイン", "sain'in": "サインイン", "purokishi": "プロキシ",
    "wasure": "忘れ", "kigen": "期限", "kire": "切れ", "gire": "切れ", "yuukou": "有効", "ninshou": "認証",
    "nidankai": "2段階", "niyouso": "2要素", "youso": "要素", "dankai": "段階",
    "settei": "設定", "sotsugyou": "卒業", "shuuryou": "修了", "taishoku": "退職", "kyuugaku": "休学",
    "chuu": "中", "ryuugaku": "留学", "daigakuin": "大学院", "daigaku": "大学", "gakubu": "学部",
    "nyuugaku": "入学", "shinnyuusei": "新入生", "gakusei": "学生", "kyouin": "教員", "shokuin": "職員",
    "kyoushokuin": "教職員", "chakunin": "着任", "tsuuchi": "通知", "todo": "届", "mojibake": "文字化け",
    "yome": "読め", "uketo": "受け取", "hakkou": "発行", "saihakkou": "再発行", "koufu": "交付",
    "gakumu": "学務", "jouhou": "情報", "rishuu": "履修", "touroku": "登録", "seiseki": "成績",
    "seiyakusho": "誓約書", "rinri": "倫理", "kyouiku": "教育", "sakujo": "削除", "riyou": "利用",
    "tsuka": "使", "gakugai": "学外", "gakunai": "学内", "jitaku": "自宅", "setsuzoku": "接続",
    "henkou": "変更", "shippai": "失敗", "hyouji": "表示", "kanrisha": "管理者", "toiawase": "問い合わせ",
    "renraku": "連絡", "sagi": "詐欺", "fushin": "不審", "ayashii": "怪しい", "nise": "偽",
    "rouei": "漏洩", "nyuuryoku": "入力", "kishuhenkou": "機種変更", "keitai": "携帯",
    "mibunshou": "身分証", "jimushitsu": "事務室", "kiban": "基盤", "ryohi": "旅費", "shucchou": "出張",
    "kenkyuuin": "研究員", "gakushin": "学振", "kakunin": "確認", "haire": "入れ", "hairanai": "入らない",
    "soushin": "送信", "kikan": "期間", "shiyou": "使用", "kaigai": "海外",
    "mitsukara": "見つから", "kinou": "機能", "guuguru": "Google", "buiipiienu": "VPN",
}  # fmt: skip


def _romaji_of_kana() -> dict[str, str]:
    """Hiragana -> its Hepburn romaji (し -> shi, not si), as READINGS is written."""
    spelled: dict[str, list[str]] = {}
    for romaji, kana in SYLLABLES.items():
        spelled.setdefault(kana, []).append(romaji)

    def hepburn_first(romaji: str) -> tuple[bool, int]:
        return not romaji.startswith(("sh", "ch", "ts", "f", "j")), len(romaji)

    return {kana: min(spellings, key=hepburn_first) for kana, spellings in spelled.items()} | {"ん": "n"}


ROMAJI_OF_KANA = _romaji_of_kana()
# Hepburn writes ん before a vowel or y as n' (or n-, or a phone's n’): "kin'en"
# is きんえん, "kinen" きねん. fold writes each as N_MARK, as READINGS has it
# ("sain-in" is "sain'in") and kana_to_romaji writes it.
N_MARK = "'"
_HIRAGANA_RUN = re.compile("[\u3041-\u309f\u30fc]{2,}")

_FOLDED_LETTERS = str.maketrans(
    {"â": "a", "î": "i", "û": "u", "ê": "e", "ô": "o", "ā": "a", "ī": "i", "ū": "u", "ē": "e", "ō": "o"}
    | {"’": N_MARK, "-": N_MARK}
)
_LONG = re.compile(r"(?<=a)a|(?<=i)i|(?<=u)u|(?<=e)[ei]|(?<=o)[ou]")


def fold(romaji: str) -> str:
    """Romaji with macrons and long vowels shortened, n-, n’ as n': "sotsugyou" -> "sotsugyo"."""
    return _LONG.sub("", romaji.lower().translate(_FOLDED_LETTERS))


@functools.cache
def folded_readings() -> dict[str, str]:
    """READINGS keyed by their folded romaji, as queries are looked up."""
    return {fold(romaji): spelling for romaji, spelling in READINGS.items()}


@functools.cache
def _longest_reading() -> int:
    return max(map(len, folded_readings()))


@dataclass(frozen=True)
class Conversion:
    """Japanese text for a run of romaji, and whether a known word was in it."""

    japanese: str
    known: bool


def _kana(folded: str, at: int) -> tuple[str, int] | None:
    """The hiragana at a position and the position after it, or None."""
    letter, following, third = folded[at], folded[at + 1 : at + 2], folded[at + 2 : at + 3]
    if letter == N_MARK and folded[at - 1 : at] == "n":  # "kin'en": the n before it was ん
        return "", at + 1
    if letter == "n" and not (following and following in "aiueoy"):
        doubled = following == "n" and not (third and third in "aiueoy")  # "nn" is one ん
        return "ん", at + 2 if doubled else at + 1
    if (letter == following and letter not in "aiueon") or folded.startswith("tch", at):
        return "っ", at + 1
    for size in range(LONGEST_SYLLABLE, 0, -1):
        kana = SYLLABLES.get(folded[at : at + size])
        if kana:
            return kana, at + size
    return None


@functools.lru_cache(maxsize=4096)
def to_japanese(romaji: str) -> Conversion | None:
    """Japanese for one romaji word, or None when it is not romaji. Known
    readings are taken longest first; the letters between them by syllable."""
    folded, at, known = fold(romaji), 0, False
    parts: list[str] = []
    readings = folded_readings()
    while at < len(folded):
        for size in range(min(_longest_reading(), len(folded) - at), 2, -1):
            spelling = readings.get(folded[at : at + size])
            if spelling:
                parts.append(spelling)
                at, known = at + size, True
                break
        else:
            kana = _kana(folded, at)
            if kana is None:
                return None
            parts.append(kana[0])
            at = kana[1]
    return Conversion("".join(parts), known)


def kana_to_romaji(kana: str) -> str | None:
    """The romaji a hiragana word is typed as ("ぱすわーど" -> "pasuwado"),
    longest kana first; a small っ doubles the next consonant; the long-vowel
    mark is dropped (romaji is folded to short vowels anyway); ん before a
    vowel or y is "n'" ("きんえん" -> "kin'en", as "kinen" is きねん). None
    when a character has no romaji."""
    romaji: list[str] = []
    double, at = False, 0
    while at < len(kana):
        if kana[at] in "ーっ":
            double = double or kana[at] == "っ"
            at += 1
            continue
        for size in (2, 1):
            syllable = ROMAJI_OF_KANA.get(kana[at : at + size])
            if syllable is not None:
                if syllable[0] in "aiueoy" and romaji and romaji[-1] == ROMAJI_OF_KANA["ん"]:
                    romaji.append(N_MARK)
                romaji.append(syllable[0] + syllable if double and syllable[0] not in "aiueon" else syllable)
                double, at = False, at + size
                break
        else:
            return None
    return "".join(romaji)


def hiragana_words(text: str) -> list[str]:
    """The runs of two or more hiragana (and long-vowel marks) in a text."""
    return _HIRAGANA_RUN.findall(text)
