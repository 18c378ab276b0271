"""English claims: a light regex pipeline over razdel sentences."""

from __future__ import annotations

import re

from .kind import en_is_plan
from .discourse import _Discourse
from .layout import _CLOSERS
from .scoring import _Features, _Raw, _add_entity

# ---------------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------------

_EN_SPEECH = (
    r"said|says|told|tells|added|adds|noted|notes|stressed|stresses|warned|warns|announced|"
    r"announces|stated|states|claimed|claims|confirmed|confirms|reported|reports|argued|"
    r"argues|insisted|insists|emphasi[sz]ed|explained|wrote|writes|denied|denies|promised|"
    r"pledged|urged|believes|believed|thinks|thought"
)
_EN_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z][\w'’.-]*|\s+(?:al|bin|de|van|von|der|la))*"
_EN_SUBJ_SAID = re.compile(
    rf"(?P<src>{_EN_NAME}|\b(?:[Hh]e|[Ss]he)\b|\b[Tt]he\s+(?:[\w'’]+\s+){{0,2}}(?:[\w'’]+))\s+"
    rf"(?:also\s+|later\s+|has\s+|had\s+)?(?:{_EN_SPEECH})\b"
)
_EN_SAID_SUBJ = re.compile(rf"\b(?:said|says|told|added|wrote|noted)\s+(?P<src>{_EN_NAME})")
_EN_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?:the\s+)?(?P<src>[^,.;:!?()]+)")
_EN_TITLES = frozenset(
    """
    foreign minister deputy prime president secretary general state defense defence chief
    mr mrs ms dr sir lord chancellor ambassador spokesman spokeswoman spokesperson senator
    governor mayor leader russian american korean chinese japanese ukrainian finance
    health interior economy transport education justice environment opposition executive director
    commissioner minister
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
    "University Institute Cooperation Intelligence Kremlin Pentagon Authority Department Commission "
    "Administration Board Company Corporation Association Foundation Hospital School Museum Airport "
    "Airline Group".split()
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
# 'said the figures were "misleading"', 'called the plan "reckless"': a characterisation, an opinion
_EN_CHARACTERISATION = re.compile(r"\b(?:is|are|was|were|called\s+\w+(?:\s+\w+)?)\s+[\"“‘']\w+[\"”’']", re.I)
_EN_PRONOUNS = frozenset(("he", "she"))
# a news site's call to the reader ("Subscribe to our newsletter", "Follow us on X"), not a claim
_EN_CALL_TO_READER = re.compile(
    r"(?:Subscribe|Follow|Sign\s+up|Click|Read\s+(?:more|also)|Share|Download|Join|Register|Like|Tap|Support|"
    r"Donate|Watch|Listen|Find\s+out|Learn\s+more|Get\s+(?:the|our)|Don[’']t\s+miss)\b"
)


_EN_ORG_NOUNS = frozenset(
    "office ministry department agency authority company council government police court service "
    "commission bank firm operator regulator board committee administration institute utility hospital "
    "university school museum airport airline group".split()
)
_EN_SOURCE_NOUNS = frozenset(
    "officials official aide aides source sources spokesperson spokesman spokeswoman police prosecutors "
    "investigators researchers statement report analysts experts".split()
)
_EN_ACCORDING_PERSON = re.compile(
    rf"\b[Aa]ccording\s+to\s+(?P<who>him|her|the\s+(?:{'|'.join(sorted(_EN_ROLE_NOUNS))}))\s*,"
)
_EN_LEAD_DESCRIPTION = re.compile(r"(?P<desc>[Tt]he\s+(?P<noun>[a-z]+))\b")
_EN_TRAILING_PRONOUN = re.compile(
    rf"(?P<head>[,\"”’]\s*)(?P<pron>he|she)(?P<tail>\s+(?:also\s+)?(?:{_EN_SPEECH})\s*[.!]?)$"
)
_EN_SAID_PRONOUN = re.compile(rf"(?P<head>[,\"”’]\s*(?:{_EN_SPEECH})\s+)(?P<pron>he|she)(?P<tail>\s*[.!]?)$")
# '"…," said chief executive Tom Reilly': the quote's speaker after the verb, titles in lower case
_EN_INVERTED = re.compile(
    rf"[,\"”’]\s*(?:said|says|added|adds|noted|wrote|explained|told\s+\w+)\s+(?:(?:the\s+)?[a-z]+\s+){{0,3}}"
    rf"(?P<src>{_EN_NAME})"
)
# "Health officials: 320 cases …" (a digest item): the source before the colon
_EN_COLON_SOURCE = re.compile(r"^(?P<src>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}):\s+(?=\S)")
# "Minister X spoke to reporters": the occasion of the quotes, no claim of its own
_EN_FRAMING = re.compile(
    r"\b(?:spoke|talked|speaking)\s+(?:to|with)\s+(?:reporters|journalists|the\s+press|the\s+media)\b|"
    r"\b(?:held|gave)\s+a\s+(?:news|press)\s+(?:conference|briefing)\b",
    re.I,
)


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
                speaker = _en_speaker(text, disc)
                text = _name_descriptions(text, speaker, disc)
                f = _en_features(text, entities, attributed=speaker is not None)
                f.source = speaker is not None
                raw = _Raw(text, speaker, entities, f)
                out.append(raw)
            disc.new_sentence()
            for e in entities:
                if e["type"] == "PER":
                    disc.mention(e["text"], None)
                elif e["type"] == "ORG":
                    disc.mention_org(e["text"])
            if raw is not None and raw.speaker:
                disc.spoke(raw.speaker)
    return out


def _name_descriptions(text: str, speaker: str | None, disc: _Discourse) -> str:
    """A claim is read on its own (a search result, a card), where "He" or "the office" names nobody:
    a leading "He"/"She"/"The minister" that is the one who spoke, a leading "The authority"
    standing for the organisation named before, and a trailing '…," he added' get their names.
    ("He visited Pyongyang, Lavrov said" keeps its "He": that is someone else.)"""
    lead = _EN_SUBJ_SAID.match(text)
    if speaker and lead:
        src = lead.group("src")
        noun = src.split()[-1].lower()
        if src in ("He", "She") and speaker in disc.names:
            return speaker + text[lead.end("src"):]
        if src.startswith("The ") and len(src.split()) == 2 and (
                (noun in _EN_ROLE_NOUNS and speaker in disc.names) or noun in _EN_ORG_NOUNS):
            return speaker + text[lead.end("src"):]
    acc = _EN_ACCORDING_PERSON.search(text)
    if speaker and acc and speaker in disc.names:  # "According to the minister," → "According to Sarah Collins,"
        return text[: acc.start("who")] + speaker + text[acc.end("who"):]
    m = _EN_LEAD_DESCRIPTION.match(text)
    if m and m.group("noun") in _EN_ORG_NOUNS and not (lead and lead.start() == 0):
        named = disc.resolve_org(m.group("noun"), _EN_ORG_NOUNS)
        if named:
            return _the(named) + text[m.end("desc"):]
    if speaker and speaker in disc.names:
        for rx in (_EN_TRAILING_PRONOUN, _EN_SAID_PRONOUN):
            t = rx.search(text)
            if t:
                return text[: t.start("pron")] + speaker + t.group("tail")
    return text


def _the(name: str) -> str:
    """'North Valley Health Authority' at the start of a sentence reads 'The North Valley Health Authority'."""
    words = name.split()
    if words and any(w in _EN_ORG_WORDS for w in words) and words[0] not in _EN_STOP_CAPS:
        return "The " + name
    return name[:1].upper() + name[1:]


def _strip_titles(name: str) -> str:
    """'Russian Foreign Minister Sergei Lavrov' -> 'Sergei Lavrov'; '' if only a title."""
    parts = name.split()
    while parts:
        if " ".join(parts[:2]) in _EN_ADJ:  # 'South Korean President …'
            del parts[:2]
        elif parts[0].lower().strip(".") in _EN_TITLES or parts[0] in _EN_STOP_CAPS or parts[0] in _EN_ADJ:
            parts.pop(0)
        else:
            break
    return " ".join(parts)


def _en_speaker(text: str, disc: _Discourse) -> str | None:
    """Who the sentence is attributed to, wherever the attribution stands, or None.

    "according to X", a digest's "X: …", the quote's "…," said X, "X said" (X a name, a pronoun, a
    title or a description). Pronouns and bare descriptions ("he", "the minister", "the office")
    resolve to the person or organisation quoted last.
    """
    m = _EN_ACCORDING.search(text)
    if m:
        return _en_source(m.group("src").strip(), disc, according=True)
    m = _EN_COLON_SOURCE.match(text)
    if m and not _EN_SPEECH_RX.search(m.group("src")) and _looks_like_source(m.group("src")):
        return _en_source(m.group("src"), disc, according=True)
    for rx in (_EN_INVERTED, _EN_SUBJ_SAID, _EN_SAID_SUBJ):
        for m in rx.finditer(text):
            found = _en_source(m.group("src").strip(), disc)
            if found:
                return found
    return None


_EN_SPEECH_RX = re.compile(rf"\b(?:{_EN_SPEECH})\b")


def _looks_like_source(phrase: str) -> bool:
    """'Health officials', 'ONS', 'Office for National Statistics' — not 'Weather' or 'Update'."""
    words = phrase.split()
    last = words[-1].lower()
    return (last in _EN_SOURCE_NOUNS or last in _EN_ORG_NOUNS or last in _EN_ROLE_NOUNS
            or any(w in _EN_ORG_WORDS for w in words) or (words[0].isupper() and len(words[0]) > 1)
            or sum(w[:1].isupper() for w in words) >= 2)


def _en_source(src: str, disc: _Discourse, *, according: bool = False) -> str | None:
    if re.search(r"[a-z]{2}\.$", src):  # the full stop of the sentence, not of "Jr." or "U.S."
        src = src[:-1]
    low = src.lower()
    if low in ("him", "her", "he", "she"):
        return disc.resolve(None)
    words = src.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return None
    last = re.sub(r"['’]s$", "", words[-1].lower())
    capitalised = all(w[:1].isupper() or w in ("of", "for") for w in words)
    if capitalised:
        if any(w in _EN_ORG_WORDS for w in words):
            while words and words[0] in _EN_STOP_CAPS:
                words.pop(0)
            return " ".join(words) or None
        person = _strip_titles(" ".join(words))
        if person:
            return disc.full(person)
        if last in _EN_ROLE_NOUNS:
            return disc.resolve(None) or " ".join(words)
        return " ".join(words) if according else None
    if len(words) == 1 and last in _EN_ROLE_NOUNS:
        return disc.resolve(None) or " ".join(words)
    if len(words) == 1 and last in _EN_ORG_NOUNS:
        return disc.resolve_org(last, _EN_ORG_NOUNS) or " ".join(words)
    if according or last in _EN_ROLE_NOUNS or last in _EN_ORG_NOUNS or last in _EN_SOURCE_NOUNS:
        return " ".join(words)
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
        while i and words[i - 1].lower() in _EN_TITLES and words[i - 1] not in _EN_ADJ and any(
                w in _EN_ORG_WORDS for w in rest):  # 'General Accounting Office' is a name, not a title
            i -= 1
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


def _en_features(text: str, entities: list[dict], *, attributed: bool = False) -> _Features:
    words = re.findall(r"[A-Za-z'’]+", text)
    f = _Features(n_entities=len(entities), n_words=len(words))
    f.time = bool(_EN_TIME.search(text))
    f.number = bool(_EN_NUMBER.search(_EN_TIME.sub(" ", text)))
    f.past = any(
        w.lower() in _EN_IRREGULAR_PAST or (len(w) > 4 and w.lower().endswith("ed")) for w in words
    )
    f.opinion = bool(_EN_OPINION.search(text) or _EN_NORMATIVE.search(text) or _EN_CHARACTERISATION.search(text))
    f.hedge = bool(_EN_HEDGE.search(text))
    f.prediction = bool(_EN_PREDICTION.search(text))
    f.scheduled = bool(_EN_SCHEDULED.search(text))
    f.evaluation = bool(_EN_EVALUATION.search(text))
    f.question = text.rstrip(_CLOSERS + " ").endswith("?") or bool(_EN_CALL_TO_READER.match(text))
    f.framing = bool(_EN_FRAMING.search(text)) and not f.number
    f.plan = en_is_plan(text, hedged=f.hedge, opinion=f.opinion, has_time=f.time, attributed=attributed)
    return f

