"""The report's words in one language: labels of categories, dimensions, units and the
headers and notes of the report, from [labels.en] / [labels.lo] in the config."""

from __future__ import annotations

from ..config import LANGUAGES, Config, Indicator
from ..errors import UsageError
from ..text import one_of


def check_lang(lang: str) -> str:
    """The language code, or a usage error listing those the report speaks."""
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}", hint=one_of(lang, LANGUAGES))
    return lang


class Words:
    """Labels for one language; a word missing in Lao falls back to English, a category
    without a label is shown with its underscores as spaces."""

    def __init__(self, config: Config, lang: str = "en"):
        self.lang = check_lang(lang)
        self._own = config.labels.get(lang, {})
        self._english = config.labels.get("en", {})

    def _word(self, group: str, key: str) -> str | None:
        for table in (self._own, self._english):
            word = table.get(group, {}).get(key)
            if word:
                return word
        return None

    def term(self, key: str, **values) -> str:
        """A header, title or note of the report, with `{placeholders}` filled in."""
        word = self._word("report", key) or key.replace("_", " ")
        return word.format(**values) if values else word

    def category(self, dimension: str, value) -> str:
        """A category as the report shows it: 'local_structure' → 'Local structure'."""
        text = str(value)
        word = self._word(dimension, text) or (self._word("category", text)
                                               if text in ("unknown", "undated", "total")
                                               else None)
        if word:
            return word
        if text.islower() and text.replace("_", "").isascii() and text.replace("_", "").isalpha():
            # A code ("local_structure", "other"): shown as words.
            text = text.replace("_", " ")
            return text[:1].upper() + text[1:]
        return text

    def dimension(self, dimension: str) -> str:
        word = self._word("dimension", dimension)
        if word:
            return word
        text = dimension.replace("_", " ")
        return text[:1].upper() + text[1:]

    def unit(self, unit: str) -> str:
        return self._word("unit", unit) or unit.capitalize()

    def indicator_name(self, ind: Indicator) -> str:
        return (ind.name_lo or ind.name) if self.lang == "lo" else ind.name

    def counts(self, errors: int | None, warnings: int, infos: int) -> str:
        """'1 error, 2 warnings, 3 notes' (each noun as the language writes it); without
        the errors when `errors` is None."""
        parts = []
        for n, one, many in ((errors, "error", "errors"), (warnings, "warning", "warnings"),
                             (infos, "info", "infos")):
            if n is not None:
                parts.append(f"{n:,} {self.term(one if n == 1 else many)}")
        return ", ".join(parts)


__all__ = ["Words", "check_lang"]
