"""Helpers for the customer search index (FTS5 trigram + name bigrams)."""


def name_bigrams(name: str) -> str:
    """'王秀英' -> '王秀 秀英'; a two-character query then matches one token exactly."""
    chars = [c for c in name if not c.isspace()]
    if len(chars) < 2:
        return "".join(chars)
    return " ".join(a + b for a, b in zip(chars, chars[1:]))
