"""Crisis language: whether a free-text answer speaks of suicide or self-harm.

Pure: text and the rules (content/crisis.toml) in, an answer out. crisis.py shows the
response; this module only matches.

Crisis matching is a word list, and word lists miss things. It looks for plain statements
of suicide, self-harm and wanting to die or disappear, tolerant of curly apostrophes,
contractions with or without the apostrophe, and word order within a sentence; it skips
common idioms ("dying laughing", "this commute is killing me", "I'd kill for a coffee").
It does not understand negation or context: "I don't want to kill myself" still matches,
on purpose, because showing a helpline by mistake costs little and missing someone costs a
lot. It will miss indirect or unusual wording, misspellings and other languages. It is a
safety net, never a judgement about how someone is doing, and no substitute for a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from recover_coach.content_models import Crisis

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
    }
)
_ELLIPSIS = re.compile(r"\.{2,}")  # a pause, not the end of a sentence
_SENTENCE_END = re.compile(r"[.!?;\n\r]+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_BREAK = "|"  # stands where an idiom was, so words either side never join into a phrase

# Contractions written without the apostrophe, as people type at night on a phone.
_BARE_CONTRACTIONS = {
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "wasnt": "was not",
    "werent": "were not",
    "arent": "are not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
}
_IRREGULAR_NOT = {"can't": "can not", "won't": "will not", "shan't": "shall not", "ain't": "am not"}
_IS_CONTRACTIONS = {
    "it",
    "that",
    "there",
    "here",
    "what",
    "he",
    "she",
    "who",
    "everything",
    "nothing",
    "life",
}
_SUFFIXES = {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}


def normalise(text: str) -> str:
    """The text as the matcher sees it: lower-case words, contractions spelled out."""
    return " ".join(" ".join(sentence) for sentence in _sentences(text))


def crisis_in(text: str, crisis: Crisis) -> bool:
    """True when the text contains suicide or self-harm language (it can miss some)."""
    idioms = [_pattern(idiom) for idiom in crisis.idioms]
    rules = [
        [_pattern(item) for item in rule.words] if rule.words else [_pattern(rule.phrase or "")]
        for rule in crisis.rules
    ]
    for sentence in _sentences(text):
        words = _without_idioms(sentence, idioms)
        if any(all(_find(words, part) is not None for part in rule) for rule in rules):
            return True
    return False


def _sentences(text: str) -> list[list[str]]:
    text = unicodedata.normalize("NFKC", text)
    # Zero-width and other invisible format characters would split a word in two.
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _ELLIPSIS.sub(" ", text.lower().translate(_QUOTES))
    sentences = []
    for chunk in _SENTENCE_END.split(text):
        words = [word for token in _WORD.findall(chunk) for word in _expand(token)]
        if words:
            sentences.append(words)
    return sentences


def _expand(token: str) -> list[str]:
    if "'" not in token:
        return _BARE_CONTRACTIONS.get(token, token).split()
    if token in _IRREGULAR_NOT:
        return _IRREGULAR_NOT[token].split()
    if token.endswith("n't"):
        return [token[:-3], "not"]
    if token.endswith("'s"):
        stem = token[:-2]
        return [stem, "is"] if stem in _IS_CONTRACTIONS else [stem]
    for suffix, word in _SUFFIXES.items():
        if token.endswith(suffix):
            return [token[: -len(suffix)], word]
    return [token.replace("'", "")]


def _pattern(text: str) -> list[str]:
    """A rule, phrase or idiom as words, normalised like answers; a trailing `*` is kept."""
    pattern: list[str] = []
    for raw in text.split():
        words = normalise(raw.rstrip("*")).split()
        if words and raw.endswith("*"):
            words[-1] += "*"
        pattern.extend(words)
    return pattern


def _find(words: Sequence[str], pattern: Sequence[str]) -> int | None:
    """Where `pattern` starts in `words`, or None."""
    size = len(pattern)
    if not size or (not pattern[0].endswith("*") and pattern[0] not in words):
        return None  # the quick no, for most rules in most sentences
    for start in range(len(words) - size + 1):
        if all(_same(words[start + i], pattern[i]) for i in range(size)):
            return start
    return None


def _same(word: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


def _without_idioms(words: list[str], idioms: Iterable[list[str]]) -> list[str]:
    for idiom in idioms:
        while (start := _find(words, idiom)) is not None:
            words = [*words[:start], _BREAK, *words[start + len(idiom) :]]
    return words
