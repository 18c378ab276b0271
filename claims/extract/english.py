"""English claims: a light regex pipeline over razdel sentences."""

from __future__ import annotations

import re

from .layout import _CLOSERS, _Discourse, _Features, _Raw, _add_entity

# ---------------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------------

_EN_SPEECH = (
    r"said|says|told|tells|added|adds|noted|notes|stressed|stresses|warned|warns|announced|"
    r"announces|stated|states|claimed|claims|confirmed|confirms|reported|reports|argued|"
    r"argues|insisted|insists|emphasi[sz]ed|explained|wrote|writes|denied|denies|promised|"
    r"pledged|urged|believes|believed|thinks|thought"
)
_EN_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|al|bin|de|van|von|der|la))*"
_EN_SUBJ_SAID = re.compile(
    rf"(?P<src>{_EN_NAME}|\b(?:[Hh]e|[Ss]he)\b|\b[Tt]he\s+(?:\w+\s+)?(?:\w+))\s+"
    rf"(?:also\s+|later\s+|has\s+|had\s+)?(?:{_EN_SPEECH})\b"
)
_EN_SAID_SUBJ = re.compile(rf"\b(?:said|says|told|added|wrote|noted)\s+(?P<src>{_EN_NAME})")
_EN_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?:the\s+)?(?P<src>[^,.;:!?()]+)")
_EN_TITLES = frozenset(
    """
    foreign minister deputy prime president secretary general state defense defence chief
    mr mrs ms dr sir lord chancellor ambassador spokesman spokeswoman spokesperson senator
    governor mayor leader russian american north south korean chinese japanese ukrainian
    british french german top official envoy premier vice former us u.s. un
    """.split()
)
_EN_ROLE_NOUNS = frozenset(
    "minister diplomat president leader official spokesman spokeswoman envoy ambassador "
    "secretary chancellor premier senator governor mayor".split()
)
_EN_COUNTRIES = frozenset(
    """
    Russia Ukraine China Japan India Iran Israel Turkey Germany France Italy Poland Belarus
    Georgia Kazakhstan Korea Britain England Canada Mexico Brazil Syria Iraq Afghanistan
    Moscow Pyongyang Seoul Beijing Tokyo Kyiv Kiev Washington London Paris Berlin Wonsan
    Europe Asia Africa America Crimea Donbas
    """.split()
)
_EN_MULTI_LOC = ("North Korea", "South Korea", "United States", "United Kingdom",
                 "Korean Peninsula", "Korean peninsula", "European Union")
_EN_ADJ = {
    "Russian": "Russia", "North Korean": "North Korea", "South Korean": "South Korea",
    "American": "United States", "Chinese": "China", "Japanese": "Japan",
    "Ukrainian": "Ukraine", "British": "United Kingdom", "French": "France",
    "German": "Germany", "Iranian": "Iran", "Israeli": "Israel", "Turkish": "Turkey",
}
_EN_ORG_WORDS = frozenset(
    "Ministry Organization Organisation Agency Council Union Party Committee Bank Court "
    "Service Office Army Navy Forces Parliament Congress Senate Government Inc Corp Ltd "
    "University Institute Cooperation Intelligence Kremlin Pentagon".split()
)
_EN_LOC_ACRONYMS = frozenset("US USA UK DPRK ROK UAE EU".split())
_EN_STOP_CAPS = frozenset(
    """
    The A An In On At By For From To Of And But Or It Its He She They We I This That These
    Those His Her Their Our My Your After Before During While When Where As If Since Also
    According There Here However Meanwhile Last Next On Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September
    October November December Earlier Later Today Yesterday Both Such Some
    """.split()
)
_EN_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_EN_TIME = re.compile(
    rf"\b(?:(?:19|20)\d{{2}}|{_EN_MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|yesterday|today|tomorrow|tonight|(?:last|next|this|previous|coming|past)\s+"
    r"(?:week|month|year|summer|winter|spring|autumn|fall|weekend|decade|days|years|months)|"
    r"earlier\s+this\s+\w+|recently)\b"
)
_EN_NUMBER = re.compile(
    r"\d|%|\b(?:hundred|thousand|million|billion|trillion|percent|per\s+cent|dozens?|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\b",
    re.I,
)
_EN_IRREGULAR_PAST = frozenset(
    """
    said met went was were had made took gave sent told held began came saw found won lost led
    left fought struck built paid sold bought brought spoke wrote rose fell grew knew became hit
    cut put set shot ran flew drove stood sought chose meant kept got did shut spent
    """.split()
)
_EN_OPINION = re.compile(
    r"\b(?:I|we)\s+(?:think|believe|feel|guess|suppose|reckon)\b|\bin\s+(?:my|our|his|her|their)\s+"
    r"(?:opinion|view)\b|\bpersonally\b|\bto\s+me\b|\b(?:thinks|believes)\b",
    re.I,
)
_EN_HEDGE = re.compile(
    r"\b(?:probably|perhaps|maybe|possibly|likely|unlikely|apparently|allegedly|seems?|"
    r"appears?\s+to|might|could|(?-i:may))\b",
    re.I,
)
_EN_PREDICTION = re.compile(r"\b(?:will|would|shall|going\s+to|expected\s+to|forecast\w*)\b", re.I)
_EN_NORMATIVE = re.compile(r"\b(?:should|ought\s+to|must|need\s+to)\b", re.I)
_EN_SCHEDULED = re.compile(r"\b(?:scheduled|planned|due\s+to|set\s+to)\b", re.I)
_EN_EVALUATION = re.compile(
    r"\b(?:important|historic|unprecedented|unique|huge|great|terrible|excellent|best|worst|"
    r"successful|disastrous|shameful|clearly|obviously|undoubtedly)\b",
    re.I,
)
_EN_PRONOUNS = frozenset(("he", "she"))


def _english_candidates(blocks: list[tuple[str, bool]]) -> list[_Raw]:
    from razdel import sentenize

    disc = _Discourse()
    out: list[_Raw] = []
    for line, heading in blocks:
        for s in sentenize(line):
            text = s.text.strip()
            entities = _en_entities(text, disc.full)
            raw = None
            if not heading:
                speaker = _en_speaker(text, disc.full, lambda: disc.resolve(None))
                if speaker and speaker in disc.names:
                    # "He also said …" → "Sergei Lavrov also said …", only when "He" is the one
                    # who said it ("He visited Pyongyang, Lavrov said" keeps its "He")
                    lead = _EN_SUBJ_SAID.match(text)
                    if lead and lead.group("src") in ("He", "She"):
                        text = speaker + text[lead.end("src"):]
                f = _en_features(text, entities)
                f.source = speaker is not None
                raw = _Raw(text, speaker, entities, f)
                out.append(raw)
            for e in entities:
                if e["type"] == "PER":
                    disc.mention(e["text"], None)
            if raw is not None and raw.speaker:
                disc.spoke(raw.speaker)
    return out


def _strip_titles(name: str) -> str:
    """'Russian Foreign Minister Sergei Lavrov' -> 'Sergei Lavrov'; '' if only a title."""
    parts = name.split()
    while parts and (parts[0].lower().strip(".") in _EN_TITLES or parts[0] in _EN_STOP_CAPS):
        parts.pop(0)
    return " ".join(parts)


def _en_speaker(text: str, full, resolve) -> str | None:
    m = _EN_ACCORDING.search(text)
    if m:
        src = m.group("src").strip()
        if src.lower() in ("him", "her", "he", "she"):
            return resolve()
        words = src.split()
        if all(w[:1].isupper() for w in words) and not any(w in _EN_ORG_WORDS for w in words):
            person = _strip_titles(src)
            if person:
                return full(person)
        return src or None
    for rx in (_EN_SUBJ_SAID, _EN_SAID_SUBJ):
        for m in rx.finditer(text):
            src = m.group("src").strip()
            low = src.lower()
            if low in _EN_PRONOUNS:
                return resolve()
            if low.startswith("the "):
                if low.split()[-1] in _EN_ROLE_NOUNS:
                    return resolve() or src
                continue
            words = src.split()
            if any(w in _EN_ORG_WORDS for w in words):
                while words and words[0] in _EN_STOP_CAPS:
                    words.pop(0)
                return " ".join(words) or None
            person = _strip_titles(src)
            if person:
                return full(person)
            if words[-1].lower() in _EN_ROLE_NOUNS:
                return resolve() or src
    return None


_EN_CAPSEQ = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _en_entities(text: str, full) -> list[dict]:
    """Capitalised runs, with country adjectives and titles peeled off the front."""
    entities: list[dict] = []
    for m in _EN_CAPSEQ.finditer(text):
        words = [re.sub(r"['’]s$", "", w) for w in m.group().split()]
        before = text[: m.start()].rstrip()
        sentence_initial = not before or before.endswith(("\"", "“", "'", "‘"))
        prev_word = (before.split() or [""])[-1].lower()
        i = 0
        while i < len(words):
            two = " ".join(words[i : i + 2])
            if two in _EN_ADJ:
                _add_entity(entities, _EN_ADJ[two], "LOC")
                i += 2
            elif two in _EN_MULTI_LOC:
                _add_entity(entities, two, "LOC")
                i += 2
            elif words[i] in _EN_ADJ:
                _add_entity(entities, _EN_ADJ[words[i]], "LOC")
                i += 1
            elif words[i] in _EN_STOP_CAPS or words[i].lower() in _EN_TITLES:
                i += 1
            else:
                break
        else:
            continue
        if i:
            sentence_initial = False
        rest = words[i:]
        phrase = " ".join(rest)
        if any(w in _EN_ORG_WORDS for w in rest):
            _add_entity(entities, phrase, "ORG")
        elif phrase in _EN_LOC_ACRONYMS or phrase in _EN_COUNTRIES or phrase in _EN_MULTI_LOC:
            _add_entity(entities, phrase, "LOC")
        elif phrase.isupper() and len(phrase) > 1:
            _add_entity(entities, phrase, "ORG")
        elif len(rest) > 1:
            _add_entity(entities, phrase, "PER")
        elif full(phrase) != phrase:
            _add_entity(entities, full(phrase), "PER")
        elif prev_word in ("in", "at", "from", "to", "near", "into", "across"):
            _add_entity(entities, phrase, "LOC")
        elif sentence_initial:
            continue
    return entities


def _en_features(text: str, entities: list[dict]) -> _Features:
    words = re.findall(r"[A-Za-z'’]+", text)
    f = _Features(n_entities=len(entities), n_words=len(words))
    f.time = bool(_EN_TIME.search(text))
    f.number = bool(_EN_NUMBER.search(_EN_TIME.sub(" ", text)))
    f.past = any(
        w.lower() in _EN_IRREGULAR_PAST or (len(w) > 4 and w.lower().endswith("ed")) for w in words
    )
    f.opinion = bool(_EN_OPINION.search(text)) or bool(_EN_NORMATIVE.search(text))
    f.hedge = bool(_EN_HEDGE.search(text))
    f.prediction = bool(_EN_PREDICTION.search(text))
    f.scheduled = bool(_EN_SCHEDULED.search(text))
    f.evaluation = bool(_EN_EVALUATION.search(text))
    f.question = text.rstrip(_CLOSERS + " ").endswith("?")
    return f

