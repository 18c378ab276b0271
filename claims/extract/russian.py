"""Russian claims: natasha (syntax + NER), because attribution in Russian news hangs on grammar
(the case of the source after «по словам», the subject of «заявил»)."""

from __future__ import annotations

import re

from claims.nlp import NLP

from .discourse import _Discourse
from .kind import ru_is_plan
from .layout import _CLOSERS, _as_sentence
from .scoring import _Features, _Raw, _add_entity

# ---------------------------------------------------------------------------------------
# Russian
# ---------------------------------------------------------------------------------------

_RU_SPEECH_VERBS = frozenset(
    """
    сообщить сообщать отметить отмечать подчеркнуть подчёркивать подчеркивать заявить заявлять
    предупредить предупреждать сказать говорить добавить добавлять пояснить пояснять указать
    указывать заметить замечать напомнить напоминать подтвердить подтверждать уточнить уточнять
    объявить объявлять рассказать рассказывать заверить заверять признать признавать
    констатировать утверждать настаивать отрицать опровергнуть опровергать написать писать
    передать передавать предостеречь предостерегать призвать призывать пообещать обещать
    сообщаться заявляться обвинить обвинять раскритиковать критиковать считать полагать думать
    """.split()
)
_RU_OPINION_VERBS = frozenset("считать полагать думать казаться надеяться".split())
_RU_ROLE_NOUNS = frozenset(
    """
    дипломат министр глава замминистра заместитель политик президент премьер премьер-министр
    представитель посол спикер пресс-секретарь чиновник лидер руководитель сенатор депутат
    генсек канцлер губернатор мэр советник собеседник директор председатель командующий
    """.split()
)
_RU_SOURCE_NOUNS = frozenset(
    """
    разведка министерство минобороны мид ведомство агентство издание газета служба
    пресс-служба правительство кремль штаб командование источник администрация миссия
    посольство комитет совет парламент суд прокуратура полиция армия телеканал портал
    """.split()
)
_RU_COUNTRY_ADJ = {
    "российский": "Россия",
    "северокорейский": "Северная Корея",
    "южнокорейский": "Южная Корея",
    "американский": "США",
    "японский": "Япония",
    "китайский": "Китай",
    "украинский": "Украина",
    "белорусский": "Беларусь",
    "британский": "Великобритания",
    "французский": "Франция",
    "немецкий": "Германия",
    "германский": "Германия",
    "итальянский": "Италия",
    "турецкий": "Турция",
    "иранский": "Иран",
    "израильский": "Израиль",
    "индийский": "Индия",
    "казахстанский": "Казахстан",
    "грузинский": "Грузия",
    "польский": "Польша",
    "советский": "СССР",
}
_RU_LEADIN = re.compile(
    r"\b[Пп]о\s+(?P<kind>словам|данным|информации|сведениям|оценк[еаи]м?|утверждению|"
    r"заявлению|мнению|версии|подсч[её]там|прогноз[уа]м?|убеждению)\s+"
    r"(?P<src>[^,.;:!?()«»—]+)"
)
# «…, сообщили в пресс-службе правительства области», «Об этом говорится в отчёте ведомства»:
# attribution to a body, anywhere in the sentence.
_RU_REPORTED_IN = re.compile(
    r"\b(?:сообщили|уточнили|заявили|рассказали|отметили|пояснили|добавили|подтвердили|сообщают|"
    r"заявляют|говорится|сообщается|указывается|отмечается|информируют)\s+(?:также\s+)?(?:в|во)\s+"
    r"(?P<src>[^,.;:!?()«»—]+)"
)
# «в сообщении компании», «в отчёте ведомства»: the document is not the source, its author is
_RU_DOCUMENT_NOUNS = frozenset(
    "отчёт отчет сообщение заявление пресс-релиз релиз доклад публикация документ письмо материал "
    "ответ канал telegram-канал телеграм-канал сводка бюллетень справка обзор".split()
)
# A bare description that stands for the organisation named before («ведомство сообщило»)
_RU_ORG_DESCRIPTIONS = frozenset(
    "ведомство министерство компания организация управление учреждение предприятие служба "
    "концерн холдинг корпорация банк фонд регулятор".split()
)
# «Об этом сообщил губернатор»: attributes the sentence before it and is no claim itself
_RU_ABOUT_THIS = re.compile(r"^\s*(?:Об\s+этом|О\s+том\s+же|Об\s+этом\s+же)\b")
_RU_TRAILING_PRONOUN = re.compile(r"(?P<head>[—–-]\s*\w+(?:\s+\w+)?\s+)(?P<pron>он|она)(?P<tail>\s*[.!…]?)$")
# «По его словам, в школах введён карантин»: read on its own, «его» names nobody
_RU_LEADING_PRON_LEADIN = re.compile(
    r"^[Пп]о\s+(?:его|ее|её)\s+(?:словам|данным|информации|сведениям|подсч[её]там),\s+(?P<rest>\S)"
)
_RU_LEADIN_PRON = re.compile(
    r"\b[Пп]о\s+(?P<pron>его|ее|её|их)\s+(?P<kind>словам|данным|информации|сведениям|"
    r"оценк[еа]м?|утверждению|заявлению|мнению|версии|подсч[её]там|прогноз[уа]м?|убеждению)\b"
)
_RU_SOGLASNO = re.compile(
    r"\b[Сс]огласно\s+(?:(?:данным|информации|сведениям|заявлению|оценкам|отч[её]ту|докладу)\s+)?"
    r"(?P<src>[^,.;:!?()«»—]+)"
)
_RU_OPINION = re.compile(
    r"\bпо\s+(?:\w+\s+){0,2}(?:мнению|убеждению)\b|\bна\s+\w+\s+взгляд\b|\bпо-моему\b|"
    r"\bкак\s+(?:мне|нам|ему|ей|им)\s+кажется\b|\bя\s+(?:думаю|считаю|уверен|уверена)\b|"
    r"\bвыра\w+\s+(?:надежд|уверенност|сожалени|обеспокоенност|озабоченност)",
    re.I,
)
_RU_HEDGE = re.compile(
    r"\b(?:вероятно|возможно|видимо|наверное|пожалуй|скорее\s+всего|по-видимому|якобы)\b", re.I
)
_RU_PREDICTION = re.compile(r"\bв\s+будущем\b|\bпрогноз\w*|\bожида\w+", re.I)
_RU_SCHEDULED = re.compile(r"запланирован|намечен|планиру|назначен\w*\s+на|состоится", re.I)
_RU_EVALUATION_LEMMAS = frozenset(
    """
    важный серьёзный серьезный исторический беспрецедентный уникальный огромный колоссальный
    ужасный прекрасный отличный лучший худший успешный провальный позорный свидетельствовать
    безусловно несомненно очевидно назвать называть
    """.split()
)
_RU_NUMBER = re.compile(
    r"\d|%|\b(?:тысяч\w*|млн|млрд|трлн|миллион\w*|миллиард\w*|триллион\w*|процент\w*|сотн[иям]\w*|"
    r"десятк\w*)\b",
    re.I,
)
_RU_VAGUE_NUM = frozenset("оба один много мало несколько немного сколько столько".split())
_RU_TIME = re.compile(
    r"\b(?:(?:19|20)\d{2}|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|"
    r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|понедельник\w*|вторник\w*|"
    r"(?:в|во|к|по|до|с|на|со)\s+сред[уы]|четверг\w*|пятниц\w*|суббот\w*|воскресень\w*|"
    r"вчера|сегодня|завтра|позавчера|накануне|ранее|недавно|летом|зимой|весной|осенью|"
    r"(?:прошл|следующ|нынешн|текущ|эт|будущ|минувш|последн|ближайш|предыдущ)\w*\s+"
    r"(?:год\w*|недел\w*|месяц\w*|лет\w*|зим\w*|весн\w*|осен\w*|сутк\w*|дн\w*|день|врем\w*|"
    r"выходн\w*))\b",
    re.I,
)
_RU_PRONOUN_GENDER = {"он": "Masc", "его": "Masc", "него": "Masc", "она": "Fem", "ее": "Fem",
                      "её": "Fem", "нее": "Fem", "неё": "Fem"}



_RU_LEADING_PRONOUN = re.compile(r"(?:Он|Она)(?=\s)")


class _RussianExtractor:
    def __init__(self, nlp: NLP) -> None:
        self.nat = nlp.natasha
        self.morph = nlp.morph
        self.disc = _Discourse()

    def run(self, blocks: list[tuple[str, bool]]) -> list[_Raw]:
        from natasha import Doc

        out: list[_Raw] = []
        carried: str | None = None
        for line, heading in blocks:
            doc = Doc(line)
            doc.segment(self.nat.segmenter)
            doc.tag_morph(self.nat.morph_tagger)
            doc.parse_syntax(self.nat.syntax_parser)
            doc.tag_ner(self.nat.ner_tagger)
            for token in doc.tokens:
                token.lemmatize(self.nat.morph_vocab)
            for span in doc.spans:
                span.normalize(self.nat.morph_vocab)
            found = []
            for sent in doc.sents:
                if heading:
                    self._register(sent)
                    continue
                results = self._sentence(line, sent)
                if _RU_ABOUT_THIS.match(sent.text):
                    self._attribute_back(found or out, results)
                    continue
                found.extend(results)
            if carried is not None:
                for raw in found:
                    if raw.speaker is None:
                        raw.speaker = carried
                        raw.features.source = True
            carried = None
            if found and line.endswith(":"):
                # «Лавров заявил:» is no claim itself; it attributes the next paragraph
                carried = found.pop().speaker
            out.extend(found)
        return out

    def _attribute_back(self, before: list[_Raw], about: list[_Raw]) -> None:
        """«Об этом сообщил X»: X becomes the speaker of the previous sentence's claims that had none."""
        speaker = next((r.speaker for r in about if r.speaker), None)
        if speaker is None or not before:
            return
        last = before[-1]
        for raw in reversed(before):
            if raw.sentence is not last.sentence:
                break
            if raw.speaker is None:
                raw.speaker = speaker
                raw.features.source = True
        self.disc.spoke(speaker)

    # -- persons ------------------------------------------------------------------------

    def _register(self, sent) -> None:
        self.disc.new_sentence()
        for span in sent.spans:
            if span.type == "PER":
                self.disc.mention(span.normal, _span_gender(span))
            elif span.type == "ORG":
                self.disc.mention_org(span.normal)

    def _person(self, span) -> str:
        return self.disc.full(span.normal)

    # -- one sentence -------------------------------------------------------------------

    def _sentence(self, line: str, sent) -> list[_Raw]:
        tokens = sent.tokens
        by_id = {t.id: t for t in tokens}
        children: dict[str, list] = {}
        for t in tokens:
            children.setdefault(t.head_id, []).append(t)

        speaker, opinion_leadin = self._leadin_speaker(sent)
        verb_speaker, verb = None, None
        if speaker is None:
            verb_speaker, verb = self._speech_verb_speaker(sent.tokens, sent, children)
        if speaker is None and verb_speaker is None:
            speaker = self._colon_speaker(sent)

        clauses = self._split(line, sent, by_id, children)
        results = []
        for ranges, text in clauses:
            ctoks = [t for t in tokens if any(a <= t.start and t.stop <= b for a, b in ranges)]
            cspans = [s for s in sent.spans if any(a <= s.start and s.stop <= b for a, b in ranges)]
            clause_speaker = speaker
            if clause_speaker is None and len(clauses) == 1:
                clause_speaker = verb_speaker
            elif clause_speaker is None:
                # a split sentence: the clause's own speech verb, else a root one that
                # governs both clauses («Лавров заявил, что X, а Y»)
                clause_speaker = self._speech_verb_speaker(ctoks, sent, children)[0]
                if clause_speaker is None and verb is not None and verb.rel == "root":
                    clause_speaker = verb_speaker
            entities = self._entities(ctoks, cspans)
            feats = self._features(text, ctoks, entities)
            feats.source = clause_speaker is not None and not opinion_leadin
            feats.opinion = feats.opinion or opinion_leadin
            if clause_speaker is not None and not feats.plan:
                feats.plan = ru_is_plan(text, ctoks, hedged=feats.hedge, opinion=feats.opinion,
                                        has_time=feats.time, attributed=True)
            feats.plan = feats.plan and not feats.opinion
            results.append(_Raw(text, clause_speaker, entities, feats, sentence=sent))

        self._register(sent)
        if verb is not None and verb_speaker in self.disc.names and verb.feats.get("Gender"):
            self.disc.verb_gender[verb_speaker] = verb.feats["Gender"]
        if results and tokens and tokens[0].lemma in _RU_ORG_DESCRIPTIONS and not children.get(tokens[0].id) \
                and tokens[0].rel in ("nsubj", "nsubj:pass") and results[0].text.startswith(tokens[0].text):
            named = self.disc.resolve_org()  # «Ведомство закупило …» read on its own names the body
            if named:
                results[0].text = named[:1].upper() + named[1:] + results[0].text[len(tokens[0].text):]
        if results and results[0].speaker in self.disc.names:
            m = _RU_LEADING_PRON_LEADIN.match(results[0].text)
            if m:  # «Игорь Руденя: в прошлом году …» (the digest's way of naming a source)
                results[0].text = f"{results[0].speaker}: {results[0].text[m.start('rest'):]}"
        if results and verb is not None and verb_speaker == results[0].speaker:
            results[0].text = self._name_the_pronoun(results[0].text, verb_speaker, verb, tokens, children)
            results[-1].text = self._name_trailing_pronoun(results[-1].text, verb_speaker, verb, children)
        for r in results:
            if r.speaker:
                self.disc.spoke(r.speaker)
        return results

    def _name_the_pronoun(self, text: str, speaker: str, verb, tokens, children) -> str:
        """«Он также сообщил, что …» → «Сергей Лавров также сообщил, что …»: a claim is read on
        its own (a search result, a forwarded card), where «он» names nobody. Only a leading
        «он»/«она» that is itself the subject of the speech verb, resolved to a person, is
        replaced («Он посетил Пхеньян, сообщил Лавров» keeps its «он»: that is someone else)."""
        m = _RU_LEADING_PRONOUN.match(text)
        subj = _subject(verb, children)
        if subj is None or not tokens or subj.id != tokens[0].id or children.get(subj.id):
            return text
        if m and speaker in self.disc.names and subj.text == m.group():
            return speaker + text[m.end():]
        # «Ведомство также сообщило …», «Министр пообещал …»: the description, named
        described = subj.lemma in _RU_ORG_DESCRIPTIONS or (
            subj.lemma in _RU_ROLE_NOUNS and speaker in self.disc.names)
        if described and text.startswith(subj.text) and speaker.lower() != subj.text.lower():
            return speaker[:1].upper() + speaker[1:] + text[len(subj.text):]
        return text

    def _name_trailing_pronoun(self, text: str, speaker: str, verb, children) -> str:
        """«"…", — подчеркнул он.» → «"…", — подчеркнул Андрей Карлов.» (the quote's speaker, named)."""
        m = _RU_TRAILING_PRONOUN.search(text)
        subj = _subject(verb, children)
        if m and speaker in self.disc.names and subj is not None and subj.text == m.group("pron"):
            return text[: m.start("pron")] + speaker + m.group("tail")
        return text

    def _split(self, line, sent, by_id, children) -> list[tuple[list[tuple[int, int]], str]]:
        """Clauses that are separate claims, each as (character ranges, standalone text).

        Two main clauses joined by «, а» / «, но» / «;» are two claims. So is a second
        predicate of a speech verb's subject («Лавров отметил, что A, и выразил надежду
        на B»); that part gets the subject prepended so it reads on its own.
        """
        cuts = []  # (end of first part, start of second part, prefix range or None)
        toks = sent.tokens
        for i, t in enumerate(toks):
            low = t.text.lower()
            if low in ("а", "но") and i > 0 and toks[i - 1].text == ",":
                head = by_id.get(t.head_id)
                if (
                    head is not None
                    and head.pos in ("VERB", "AUX")
                    and head.rel == "conj"
                    and _subject(head, children) is not None
                ):
                    cuts.append((toks[i - 1].start, t.stop, None))
            elif low == "и" and t.rel == "cc":
                subj = self._shared_subject(by_id.get(t.head_id), by_id, children)
                if subj is not None:
                    cut = toks[i - 1].start if i > 0 and toks[i - 1].text == "," else t.start
                    cuts.append((cut, t.stop, subj))
            elif t.text == ";":
                left = [x for x in toks[:i] if x.feats.get("VerbForm") == "Fin"]
                right = [x for x in toks[i + 1 :] if x.feats.get("VerbForm") == "Fin"]
                if left and right:
                    cuts.append((t.start, t.stop, None))
        if not cuts:
            text = sent.text.strip()
            if text.endswith((";", ",")):  # razdel ends a sentence at «;» too
                text = _as_sentence(text)
            return [([(sent.start, sent.stop)], text)]
        out, pos, prefix = [], sent.start, None
        for end, nxt, next_prefix in cuts + [(sent.stop, None, None)]:
            body = line[pos:end]
            if body.strip(" ,;—–-"):
                ranges = [(pos, end)]
                text = body
                if prefix is not None:
                    ranges.insert(0, prefix)
                    text = line[prefix[0] : prefix[1]] + " " + body.strip()
                out.append((ranges, _as_sentence(text)))
            pos, prefix = nxt, next_prefix
        return out

    def _shared_subject(self, verb, by_id, children) -> tuple[int, int] | None:
        """Character range of the subject a subjectless conj verb really belongs to.

        The parser tends to attach «и выразил» to the verb of the «что»-clause; agreement
        shows it belongs to the speech verb above («Лавров отметил, что встреча стала ...
        и выразил ...»).
        """
        if verb is None or verb.pos != "VERB" or verb.rel != "conj":
            return None
        if verb.feats.get("VerbForm") != "Fin" or _subject(verb, children) is not None:
            return None
        inner = by_id.get(verb.head_id)
        if inner is None or inner.rel != "ccomp":
            return None
        inner_subj = _subject(inner, children)
        outer = by_id.get(inner.head_id)
        if inner_subj is None or outer is None or outer.lemma not in _RU_SPEECH_VERBS:
            return None
        outer_subj = _subject(outer, children)
        if outer_subj is None or _agrees(verb, inner_subj) or not _agrees(verb, outer_subj):
            return None
        sub = _cut_at_comma(_subtree(outer_subj, children))
        return (sub[0].start, sub[-1].stop) if sub else None

    # -- speakers -----------------------------------------------------------------------

    def _leadin_speaker(self, sent) -> tuple[str | None, bool]:
        """Speaker of «По словам X», «По данным X», «по его мнению»; True for opinions."""
        m = _RU_LEADIN_PRON.search(sent.text)
        if m:
            kind = m.group("kind")
            pron = m.group("pron").lower()
            name = None if pron == "их" else self.disc.resolve(_RU_PRONOUN_GENDER[pron])
            if name:
                return name, _is_opinion_lead(kind)
        for rx in (_RU_LEADIN, _RU_SOGLASNO, _RU_REPORTED_IN):
            m = rx.search(sent.text)
            if not m:
                continue
            kind = m.groupdict().get("kind") or ""
            a = sent.start + m.start("src")
            b = sent.start + m.end("src")
            src_tokens = [t for t in sent.tokens if t.start >= a and t.stop <= b]
            if rx is _RU_REPORTED_IN and src_tokens and src_tokens[0].lemma in _RU_DOCUMENT_NOUNS:
                src_tokens = src_tokens[1:]
            if not src_tokens or src_tokens[0].pos == "ADP":
                continue  # «по данным на 1 июля»: a date, not a source
            name = self._phrase_speaker(src_tokens, sent, nominative=False)
            if name:
                return name, _is_opinion_lead(kind)
        return None, False

    def _colon_speaker(self, sent) -> str | None:
        """«Росстат: инфляция в феврале составила 0,8%» (a digest item): the source before the colon."""
        toks = sent.tokens
        colon = next((i for i, t in enumerate(toks) if t.text == ":"), None)
        if colon is None or not 1 <= colon <= 4 or colon >= len(toks) - 2:
            return None
        head = toks[:colon]
        if any(t.pos in ("VERB", "AUX", "ADP", "PRON") for t in head):
            return None
        if not any(t.pos in ("PROPN", "NOUN") for t in head):
            return None
        return _sent_slice(sent, head[0].start, head[-1].stop)

    def _speech_verb_speaker(self, tokens, sent, children) -> tuple[str | None, object]:
        for t in tokens:
            if t.pos not in ("VERB", "AUX") or t.lemma not in _RU_SPEECH_VERBS:
                continue
            subj = _subject(t, children)
            if subj is None:
                continue
            sub = _subtree(subj, children)
            name = self._phrase_speaker(sub, sent, nominative=True, verb=t)
            if name:
                return name, t
        return None, None

    def _phrase_speaker(self, toks, sent, *, nominative: bool, verb=None) -> str | None:
        """A source phrase as a speaker name in the nominative.

        `nominative` is False for lead-ins («по данным южнокорейской разведки»), whose
        phrase is in the genitive and is a source by construction; a speech verb's
        subject must look like someone who can speak (a person, an organisation, a place
        standing for a government, «разведка»), so «Встречи ... подчеркнули» has none.
        """
        toks = _cut_at_comma(toks)
        if not toks:
            return None
        a, b = toks[0].start, toks[-1].stop
        for span in sent.spans:
            if span.type == "PER" and span.start >= a and span.stop <= b:
                return self._person(span)
        ids = {x.id for x in toks}
        head = next((t for t in toks if t.head_id not in ids), toks[0])
        low = head.text.lower()
        if head.pos == "PRON" or low in _RU_PRONOUN_GENDER:
            if low in ("они", "их", "них"):
                return None
            gender = _RU_PRONOUN_GENDER.get(low) or (verb.feats.get("Gender") if verb else None)
            return self.disc.resolve(gender)
        if len(toks) == 1 and head.lemma in _RU_ORG_DESCRIPTIONS:
            resolved = self.disc.resolve_org()
            if resolved:
                return resolved
        if head.lemma in _RU_ROLE_NOUNS and head.feats.get("Number") != "Plur":
            resolved = self.disc.resolve(head.feats.get("Gender"))
            if resolved:
                return resolved
        covering = [s for s in sent.spans if s.start <= a and s.stop >= b]
        if covering:
            return covering[0].normal
        if nominative and not (
            head.feats.get("Animacy") == "Anim"
            or head.lemma in _RU_SOURCE_NOUNS
            or head.pos == "PROPN"
            or any(s.start <= head.start and s.stop >= head.stop for s in sent.spans)
        ):
            return None
        if nominative:
            words = _sent_slice(sent, a, b)
        else:
            from natasha.norm import syntax_normalize

            words = syntax_normalize(self.nat.morph_vocab, toks)
        in_span = any(s.start <= toks[0].start < s.stop for s in sent.spans)
        starts_sentence = not sent.text[: a - sent.start].strip(" «\"'„“—–-")
        common = toks[0].pos != "PROPN" and not toks[0].text.isupper() and not in_span
        if starts_sentence and common:
            words = words[:1].lower() + words[1:]
        return words.strip() or None

    # -- entities and features ----------------------------------------------------------

    def _entities(self, toks, spans) -> list[dict]:
        entities: list[dict] = []
        for span in spans:
            name = self._person(span) if span.type == "PER" else span.normal
            _add_entity(entities, name, span.type)
        for i, t in enumerate(toks):
            if t.pos != "ADJ":
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if t.lemma == "корейский" and nxt is not None and nxt.lemma == "полуостров":
                _add_entity(entities, "Корейский полуостров", "LOC")
            elif t.lemma in _RU_COUNTRY_ADJ:
                _add_entity(entities, _RU_COUNTRY_ADJ[t.lemma], "LOC")
        return entities

    def _short_participle(self, word: str) -> bool:
        parses = self.morph.parse(word)
        return bool(parses) and parses[0].tag.POS == "PRTS"

    def _features(self, text, toks, entities) -> _Features:
        f = _Features(n_entities=len(entities))
        f.n_words = sum(1 for t in toks if t.pos != "PUNCT")
        f.time = bool(_RU_TIME.search(text))
        # a year is a date, not a quantity: count it once
        f.number = bool(_RU_NUMBER.search(_RU_TIME.sub(" ", text))) or any(
            t.pos == "NUM" and t.lemma not in _RU_VAGUE_NUM and not _RU_TIME.fullmatch(t.text)
            for t in toks
        )
        for t in toks:
            finite = t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"
            if finite and t.feats.get("Tense") == "Past" and t.feats.get("Mood") == "Ind":
                f.past = True
            # «выделено», «подписан», «построены»: the short passive participle states a done fact
            if t.feats.get("Variant") == "Short" and t.feats.get("VerbForm") == "Part":
                f.past = True
            elif t.pos in ("ADJ", "VERB") and t.rel in ("root", "conj", "ccomp") and self._short_participle(t.text):
                f.past = True  # the tagger sometimes takes «введён» for an adjective
            if finite and t.feats.get("Tense") == "Fut":
                f.prediction = True
            if t.lemma in ("мочь", "смочь") and finite:
                f.prediction = True
            if t.lemma in _RU_OPINION_VERBS and finite:
                f.opinion = True
            if t.lemma in _RU_EVALUATION_LEMMAS:
                f.evaluation = True
        f.opinion = f.opinion or bool(_RU_OPINION.search(text))
        f.hedge = bool(_RU_HEDGE.search(text))
        f.prediction = f.prediction or bool(_RU_PREDICTION.search(text))
        f.scheduled = bool(_RU_SCHEDULED.search(text))
        # a question, or a call to the reader («Подписывайтесь на наш канал», «Узнайте больше»):
        # a news site's line, not a statement of fact
        first = next((t for t in toks if t.pos != "PUNCT"), None)
        f.question = text.rstrip(_CLOSERS + " ").endswith("?") or (
            first is not None and first.pos == "VERB" and first.feats.get("Mood") == "Imp"
            and not text.lstrip().startswith(("«", "\"", "„", "“")))
        f.plan = ru_is_plan(text, toks, hedged=f.hedge, opinion=f.opinion, has_time=f.time)
        return f


def _is_opinion_lead(kind: str) -> bool:
    return kind in ("мнению", "убеждению") or kind.startswith("прогноз")


def _sent_slice(sent, a: int, b: int) -> str:
    return sent.text[a - sent.start : b - sent.start]


def _subtree(root, children) -> list:
    out, stack = [], [root]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(children.get(t.id, []))
    return sorted(out, key=lambda t: t.start)


def _cut_at_comma(toks: list) -> list:
    """A subject subtree may swallow «, который ...»; the name ends at the first comma."""
    out = []
    for t in toks:
        if t.pos == "PUNCT" and t.text in ",;:—–(":
            break
        out.append(t)
    while out and out[-1].pos == "PUNCT":
        out.pop()
    while out and out[0].pos == "PUNCT":
        out.pop(0)
    return out


def _subject(verb, children):
    return next(
        (c for c in children.get(verb.id, []) if c.rel in ("nsubj", "nsubj:pass")), None
    )


def _agrees(verb, subj) -> bool:
    """Past-tense agreement; a feature missing on either side does not disagree."""
    for key in ("Gender", "Number"):
        a, b = verb.feats.get(key), subj.feats.get(key)
        plural = "Plur" in (verb.feats.get("Number"), subj.feats.get("Number"))
        if a and b and a != b and not (key == "Gender" and plural):
            return False
    return True


def _span_gender(span) -> str | None:
    for t in span.tokens:
        g = t.feats.get("Gender") if t.feats else None
        if g:
            return g
    return None


