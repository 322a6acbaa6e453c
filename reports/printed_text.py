"""Free text as the briefing prints it: shortened and with break chances in long words."""

import re

from django.conf import settings

# WeasyPrint's line breaking grows much faster than the length of a word it cannot break (a
# 200.000-character kendala without a space ran past every time limit; issue 13): long words
# get a break chance (a zero-width space) every BREAK_EVERY characters, and long texts are
# shortened to settings.RAKOR_BRIEF_TEXT_MAX_CHARS on paper (the kendala page shows them whole).
BREAK_EVERY = 20
ZERO_WIDTH_SPACE = "\u200b"
_LONG_WORD = re.compile(rf"\S{{{BREAK_EVERY + 1},}}")


def breakable(text: str) -> str:
    """`text` with a break chance every BREAK_EVERY characters inside longer words."""

    def split(match):
        word = match.group(0)
        return ZERO_WIDTH_SPACE.join(
            word[start : start + BREAK_EVERY] for start in range(0, len(word), BREAK_EVERY)
        )

    return _LONG_WORD.sub(split, text)


def printable(text: str) -> str:
    """Whitespace collapsed, shortened to RAKOR_BRIEF_TEXT_MAX_CHARS with "…", breakable."""
    text = " ".join(text.split())
    limit = settings.RAKOR_BRIEF_TEXT_MAX_CHARS
    if len(text) > limit:
        text = text[:limit].rstrip() + "…"
    return breakable(text)
