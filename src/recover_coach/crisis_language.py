"""Crisis language: whether a free-text answer speaks of a crisis, and which kind.

Pure: text and the rules (content/crisis.toml) in, the kinds found out. crisis.py shows the
response; this module only matches.

Three kinds, each with its own help: `self_harm` (suicide, self-harm, wanting to die or not
to wake up, plans or means, goodbye acts, hopelessness: the crisis lines), `danger_from_ex`
(threats, violence or fear of the ex: the emergency number and abuse lines first) and
`harm_to_ex` (a wish to hurt the ex: lines for people worried about their own behaviour).

Crisis matching is a word list, and word lists miss things. It looks for plain statements,
tolerant of curly apostrophes, contractions with or without the apostrophe, some text-speak
("wanna", "cnt"), a few common misspellings the rules list, and word order within a
sentence; it skips common idioms ("dying laughing", "this commute is killing me", "I could
murder a pizza"). It does not understand negation or context: "I don't want to kill myself"
still matches, on purpose, because showing a helpline by mistake costs little and missing
someone costs a lot. It will miss indirect or unusual wording, misspellings it has not been
given, and other languages. It is a safety net, never a judgement about how someone is
doing, and no substitute for a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from recover_coach.content_models import Crisis, CrisisKind, CrisisRule

# Most urgent first. Danger from someone else needs the emergency number before anything.
URGENCY: tuple[CrisisKind, ...] = ("danger_from_ex", "self_harm", "harm_to_ex")

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

# Contractions written without the apostrophe, and text-speak, as people type at night on a
# phone.
_BARE_CONTRACTIONS = {
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "dnt": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "wasnt": "was not",
    "werent": "were not",
    "arent": "are not",
    "cant": "can not",
    "cnt": "can not",
    "cannot": "can not",
    "wont": "will not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "theyll": "they will",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gunna": "going to",
    "imma": "i am going to",
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


@dataclass(frozen=True)
class _Slot:
    """One word of a pattern: any of its words exactly, or any word starting with a prefix."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def fits(self, word: str) -> bool:
        return word in self.exact or word.startswith(self.prefixes)


_Pattern = tuple[_Slot, ...]


def normalise(text: str) -> str:
    """The text as the matcher sees it: lower-case words, contractions spelled out."""
    return " ".join(" ".join(sentence) for sentence in _sentences(text))


def crisis_kinds(text: str, crisis: Crisis) -> tuple[CrisisKind, ...]:
    """The kinds of crisis language in the text, most urgent first; empty when there is none.

    It can miss some: see the module's docstring.
    """
    idioms = [_pattern(idiom) for idiom in crisis.idioms]
    rules = [(rule.kind, _rule(rule)) for rule in crisis.rules]
    found: set[CrisisKind] = set()
    for sentence in _sentences(text):
        words = _without_idioms(sentence, idioms)
        found |= {kind for kind, parts in rules if _all_in(words, parts)}
    return tuple(kind for kind in URGENCY if kind in found)


def problems(crisis: Crisis) -> list[tuple[str, str]]:
    """Rules and idioms that cannot work as written, as (where, what), for `content check`."""
    found: list[tuple[str, str]] = []
    for index, idiom in enumerate(crisis.idioms):
        found += [(f"idioms[{index}]", what) for what in _alternative_problems(idiom)]
    idioms = [(idiom, _pattern(idiom)) for idiom in crisis.idioms]
    for index, rule in enumerate(crisis.rules):
        where = f"rules[{index}]"
        items = [rule.phrase] if rule.phrase else rule.words
        field = "phrase" if rule.phrase else "words"
        bad = [what for item in items for what in _alternative_problems(item)]
        found += [(f"{where}.{field}", what) for what in bad]
        if bad:
            continue
        # The rule's own words, each slot's first choice: a rule they do not match is dead.
        own = [word for sentence in _sentences(_plain(" ".join(items))) for word in sentence]
        parts = _rule(rule)
        if not _all_in(own, parts):
            found.append((where, "this rule does not match its own words"))
            continue
        for idiom, pattern in idioms:
            if not _all_in(_without_idioms(own, [pattern]), parts):
                found.append((where, f"the idiom {idiom!r} hides this rule's own words"))
    return found


def _rule(rule: CrisisRule) -> list[_Pattern]:
    return [_pattern(item) for item in rule.words] if rule.words else [_pattern(rule.phrase or "")]


def _all_in(words: Sequence[str], parts: Sequence[_Pattern]) -> bool:
    return all(_find(words, part) is not None for part in parts)


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


def _pattern(text: str) -> _Pattern:
    """A rule item, phrase or idiom as slots, normalised like answers.

    "a|b" is one slot taking either word; a trailing `*` makes a word a prefix.
    """
    slots: list[_Slot] = []
    for raw in text.split():
        if "|" in raw:
            choices = [_one_word(choice) for choice in raw.split("|")]
            slots.append(_slot([choice for choice in choices if choice]))
            continue
        words = normalise(raw.rstrip("*")).split()
        if words and raw.endswith("*"):
            words[-1] += "*"
        slots += [_slot([word]) for word in words]
    return tuple(slots)


def _one_word(choice: str) -> str:
    """A choice of a slot, normalised; "" when it is not exactly one word (a content error)."""
    words = normalise(choice.rstrip("*")).split()
    if len(words) != 1:
        return ""
    return words[0] + ("*" if choice.endswith("*") else "")


def _slot(choices: Iterable[str]) -> _Slot:
    chosen = list(choices)
    return _Slot(
        exact=frozenset(choice for choice in chosen if not choice.endswith("*")),
        prefixes=tuple(choice[:-1] for choice in chosen if choice.endswith("*")),
    )


def _alternative_problems(text: str) -> list[str]:
    found = []
    for raw in text.split():
        choices = raw.split("|")
        for choice in choices:
            if not choice.rstrip("*"):
                found.append(f"{raw!r} has an empty choice or a `*` with nothing before it")
            elif len(choices) > 1 and not _one_word(choice):
                read = normalise(choice.rstrip("*"))
                found.append(f"{choice!r} in {raw!r} reads as {read!r}: each choice is one word")
    return found


def _plain(text: str) -> str:
    """Text the item itself would match: each slot's first choice, without its `*`."""
    return " ".join(raw.split("|")[0].rstrip("*") for raw in text.split())


def _find(words: Sequence[str], pattern: _Pattern) -> int | None:
    """Where `pattern` starts in `words`, or None."""
    size = len(pattern)
    if not size:
        return None
    first = pattern[0]
    if not first.prefixes and first.exact.isdisjoint(words):
        return None  # the quick no, for most rules in most sentences
    for start in range(len(words) - size + 1):
        if all(pattern[i].fits(words[start + i]) for i in range(size)):
            return start
    return None


def _without_idioms(words: list[str], idioms: Iterable[_Pattern]) -> list[str]:
    for idiom in idioms:
        while (start := _find(words, idiom)) is not None:
            words = [*words[:start], _BREAK, *words[start + len(idiom) :]]
    return words
