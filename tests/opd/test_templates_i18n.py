"""Every interface string of the templates goes through {% translate %} or
{% blocktranslate %}: text left outside them cannot be translated."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Words that are names or formats, the same in every language.
NOT_TRANSLATED = {"Rakor", "SHA", "xlsx", "csv", "OPD"}

BLOCK = re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S)
COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
HTML_TAG = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]*>", re.S)


def untranslated_words(text: str) -> list[str]:
    for pattern in (COMMENT, BLOCK, TEMPLATE_TAG):
        text = pattern.sub(" ", text)
    text = HTML_TAG.sub(" ", text)
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in NOT_TRANSLATED]


def test_the_check_finds_a_bare_word():
    assert untranslated_words("<p>{% translate 'Simpan' %} Batal</p>") == ["Batal"]


def test_every_template_string_is_marked_for_translation():
    found = {
        str(path.relative_to(ROOT)): words
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if (words := untranslated_words(path.read_text()))
    }
    assert found == {}
