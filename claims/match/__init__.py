"""Matching messages against stored claims: features, fitted weights (data/weights.json),
contradiction checks, spelling correction, segmentation of long posts, the sentence encoder and
the in-memory matcher. No SQL here: claims/services/match_index.py loads and follows the store."""

from .encoder import SentenceEncoder, load_encoder
from .matcher import MatchHit, Matcher

__all__ = ["MatchHit", "Matcher", "SentenceEncoder", "load_encoder"]
