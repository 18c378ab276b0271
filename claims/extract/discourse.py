"""Who has been named and quoted so far, for «он», «ведомство», "the minister" and bare surnames."""

from __future__ import annotations

class _Discourse:
    """Who has been named so far, for «он», «российский дипломат» and bare surnames."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.gender: dict[str, str | None] = {}
        self.verb_gender: dict[str, str] = {}  # from «заявила»: agreement beats the tagger on rare names
        self.speakers: list[str] = []
        self.orgs: list[str] = []  # organisations named in the text (NER), most recent last
        self.org_speakers: list[str] = []  # organisations and bodies that were quoted
        self.recent: list[str] = []  # persons named in the last sentence that named any, in text order
        self._fresh = True

    def new_sentence(self) -> None:
        """The mentions that follow belong to a new sentence (call before registering its names)."""
        self._fresh = True

    def mention_org(self, name: str) -> None:
        _move_to_end(self.orgs, name)

    def full(self, name: str) -> str:
        if len(name.split()) == 1:
            for known in reversed(self.names):
                parts = known.split()
                if len(parts) > 1 and parts[-1] == name:
                    return known
        return name

    def mention(self, name: str, gender: str | None) -> str:
        name = self.full(name)
        if self._fresh:
            self.recent, self._fresh = [], False
        if name not in self.recent:
            self.recent.append(name)
        if name in self.names:
            self.names.remove(name)
        self.names.append(name)
        if gender or name not in self.gender:
            self.gender[name] = gender or self.gender.get(name)
        return name

    def spoke(self, name: str) -> None:
        if name in self.names:
            _move_to_end(self.speakers, name)
        else:
            _move_to_end(self.org_speakers, name)

    def resolve_org(self, noun: str | None = None, kinds: frozenset[str] = frozenset()) -> str | None:
        """«ведомство», "the office": the body quoted last, else the organisation named last.

        With `noun` ("authority") and the set of such `kinds` of body (authority, department, …),
        a name that says it is another kind ("Department of Transportation" for "the authority")
        is passed over, one that says this kind ("Transit Authority") or none ("Acme") is taken;
        None when nothing fits, or when the only fit is the bare noun itself.
        """
        for pool in (self.org_speakers, self.orgs):
            for name in reversed(pool):
                if noun is None:
                    return name
                words = {w.lower() for w in name.split()}
                if noun in words:
                    return None if name.lower() == noun else name
                if not words & kinds:
                    return name
        return None

    def resolve(self, gender: str | None) -> str | None:
        """Who «она»/"he" stands for: a person of that gender named in the last sentence that named
        anyone, the first of them when there are two (the subject: «Васильева встретилась с
        Ивановой. Она заявила …» is Васильева); else the most recent speaker, else the most recent
        person; gender agrees when known. A speaker quoted earlier never beats a person just named."""
        for name in self.recent:
            g = self.verb_gender.get(name) or self.gender.get(name)
            if gender is None or g is None or g == gender:
                return name
        for pool in (self.speakers, self.names):
            for name in reversed(pool):
                g = self.verb_gender.get(name) or self.gender.get(name)
                if gender is None or g is None or g == gender:
                    return name
        return None


def _move_to_end(pool: list[str], name: str) -> None:
    if name in pool:
        pool.remove(name)
    pool.append(name)
