"""Language routing: English or French, with the document's own ``lang`` winning.

Detection uses py3langid on a dedicated :class:`LanguageIdentifier` restricted to ``en`` and ``fr``
(the module-level identifier of py3langid is left untouched). The model is loaded on first use.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["SUPPORTED_LANGUAGES", "detect_language", "document_language"]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(list(SUPPORTED_LANGUAGES))
    return ident


def detect_language(text: str) -> str:
    """``"en"`` or ``"fr"``: the more likely of the two for ``text`` (English when empty)."""
    if not text.strip():
        return "en"
    lang, _score = _identifier().classify(text[:2000])
    return str(lang)


def document_language(text: str, declared: str = "") -> str:
    """The language to process a document in: ``declared`` when it is en/fr, else detected."""
    declared = (declared or "").strip().lower()[:2]
    if declared in SUPPORTED_LANGUAGES:
        return declared
    return detect_language(text)
