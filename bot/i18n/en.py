"""English catalogue. Values in {braces} are substituted already HTML-escaped."""

TEXTS: dict[str, str] = {
}
