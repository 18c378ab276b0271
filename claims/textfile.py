"""Decoding text files a desk hands us: UTF-8, or whatever charset-normalizer finds (cp1251 is common)."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InvalidInput

# Encodings a Russian-speaking desk's files come in, tried by charset-normalizer after UTF-8.
CANDIDATES = ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1252", "utf_16"]


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing file, a directory or an unreadable file is InvalidInput."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a directory, not a file") from None
    except OSError as err:
        raise InvalidInput(f"cannot read {path}: {err.strerror}") from None


def decode_text(data: bytes, path: Path | str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used): the given encoding, else UTF-8 (a BOM is dropped), else the one
    charset-normalizer detects among CANDIDATES. Raises InvalidInput naming the file."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InvalidInput(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as err:
            raise InvalidInput(f"{path} is not valid {encoding} (byte {err.start})") from None
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(f"{path} looks binary (it contains NUL bytes); give a text file or --encoding")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        raise InvalidInput(f"cannot tell the encoding of {path}; pass --encoding (e.g. cp1251)")
    return str(best), best.encoding


def decode_upload(data: bytes) -> str:
    """The text of a file sent to the bot: UTF-8 (a BOM is dropped), else what charset-normalizer
    detects among all encodings. Raises InvalidInput when it cannot tell."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InvalidInput("cannot tell the encoding of the file; send UTF-8 text") from None
        return str(best)
