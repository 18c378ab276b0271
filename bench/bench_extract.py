"""Claim extraction against a hand-written corpus: recall, precision, speakers, kinds, headings.

    .venv/bin/python bench/bench_extract.py [--split dev|test|all] [--show] [--no-write]

Corpus: bench/extract_corpus/*.txt, news articles written for this benchmark (Russian and English;
politics, budgets, health, local news, conflict reporting, quote-heavy interviews, press releases,
digests). Each file has a header (`split: dev|test`, `lang`, `genre`), the article, and its gold list,
one line per claim a fact-checker would list: `kind | speaker key | keys | the claim as it should read`
(`heading | - | - | text` lines name headings that must not be stored; the first line, the title,
always counts as one). The extractor is tuned on `dev` articles only; `test` articles were written
first and are only scored.

Matching (documented in README): a gold claim is found when one extracted claim contains every key
of its `keys` (case-insensitive, ё = е); each extracted claim can account for one gold claim only
(maximum bipartite matching). Recall = found / gold; precision = extracted claims that found a gold
claim / extracted claims (an over-split or an opinion stored counts against precision). Speaker right =
the speaker key (or one of its `/`-separated alternatives) occurs in the extracted speaker, over found gold claims that have a speaker (`-`
means the article attributes the claim to nobody). Kind right = `statement` / `plan` as in the gold
list. Headings = stored claims containing a heading line. Also times ingesting a 200 KB saved news
page (claims.webpage + extraction) once the models are loaded, against extracting its text alone.
Writes the `## Extraction` section of bench/RESULTS.md when run on all splits.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
CORPUS = HERE / "extract_corpus"

from bench.results import machine_line, replace_section  # noqa: E402


@dataclass
class Gold:
    kind: str
    speaker: str | None
    keys: list[str]
    text: str


@dataclass
class Article:
    name: str
    split: str
    lang: str
    genre: str
    text: str
    gold: list[Gold]
    headings: list[str] = field(default_factory=list)


def _norm(s: str) -> str:
    return s.lower().replace("ё", "е")


def load_corpus(directory: Path = CORPUS) -> list[Article]:
    """Every article of the corpus, sorted by file name."""
    out = []
    for path in sorted(directory.glob("*.txt")):
        head, text, gold_part = path.read_text(encoding="utf-8").split("\n===\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        gold, headings = [], [text.strip().splitlines()[0].strip()]
        for line in gold_part.strip().splitlines():
            kind, speaker, keys, claim = (p.strip() for p in line.split("|", 3))
            if kind == "heading":
                headings.append(claim)
                continue
            gold.append(Gold(kind, None if speaker == "-" else speaker,
                             [k.strip() for k in keys.split(";") if k.strip()], claim))
        out.append(Article(path.stem, meta["split"], meta["lang"], meta.get("genre", ""), text.strip() + "\n",
                           gold, headings))
    return out


def match(gold: list[Gold], claims: list) -> dict[int, int]:
    """Gold index -> extracted index, a maximum bipartite matching on "contains every key"."""
    options = {g: [i for i, c in enumerate(claims) if all(_norm(k) in _norm(c.text) for k in item.keys)]
               for g, item in enumerate(gold)}
    owner: dict[int, int] = {}

    def assign(g: int, seen: set[int]) -> bool:
        for i in options[g]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or assign(owner[i], seen):
                owner[i] = g
                return True
        return False

    for g in options:
        assign(g, set())
    return {g: i for i, g in owner.items()}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    extracted: int = 0
    attributed: int = 0
    speaker_right: int = 0
    kind_right: int = 0
    headings: int = 0
    misses: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)
    wrong_kind: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for k in ("gold", "found", "extracted", "attributed", "speaker_right", "kind_right", "headings"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def row(self) -> str:
        rec = self.found / self.gold if self.gold else 0.0
        prec = self.found / self.extracted if self.extracted else 0.0
        spk = self.speaker_right / self.attributed if self.attributed else 1.0
        kind = self.kind_right / self.found if self.found else 0.0
        return (f"{self.gold} | {self.found} | {self.extracted} | {rec:.2f} | {prec:.2f} | "
                f"{self.speaker_right}/{self.attributed} ({spk:.2f}) | {kind:.2f} | {self.headings}")


def score_article(article: Article, claims: list) -> Score:
    s = Score(gold=len(article.gold), extracted=len(claims))
    pairs = match(article.gold, claims)
    s.found = len(pairs)
    used = set(pairs.values())
    for g, item in enumerate(article.gold):
        if g not in pairs:
            s.misses.append(item.text)
            continue
        c = claims[pairs[g]]
        if item.speaker:
            s.attributed += 1
            if c.speaker and any(_norm(alt) in _norm(c.speaker) for alt in item.speaker.split("/")):
                s.speaker_right += 1
            else:
                s.wrong_speaker.append(f"{c.text!r}: {c.speaker!r}, expected {item.speaker!r}")
        if getattr(c, "kind", "statement") == item.kind:
            s.kind_right += 1
        else:
            s.wrong_kind.append(f"{c.text!r}: {getattr(c, 'kind', None)}, expected {item.kind}")
    s.extra = [c.text for i, c in enumerate(claims) if i not in used]
    s.headings = sum(1 for c in claims if any(_norm(h) in _norm(c.text) for h in article.headings))
    return s


HEAD = "gold | found | stored | recall | precision | speaker right | kind right | headings"


def time_web_page(nlp, threshold: float, repeat: int) -> tuple[float, float, int, int]:
    """Median seconds for (page -> text -> claims) and for (text -> claims) alone on a ~200 KB page."""
    from claims.extract import extract_claims
    from claims.webpage import read_html

    sys.path.insert(0, str(HERE.parent / "tests" / "data"))
    from news_pages import saved_news_page

    # a long article (the paragraphs of every Russian corpus article) in a page padded to 200 KB
    paragraphs = [line for a in load_corpus() if a.lang == "ru" for line in a.text.splitlines()[1:] if line.strip()]
    html = saved_news_page(target_bytes=200_000, paragraphs=paragraphs)
    page = read_html(html, url="https://news.example/a/1")
    extract_claims(page.full_text(), nlp=nlp, threshold=threshold)  # warm-up: lazy imports, caches
    full, base = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        page = read_html(html, url="https://news.example/a/1")
        extract_claims(page.full_text(), nlp=nlp, threshold=threshold)
        full.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        extract_claims(page.full_text(), nlp=nlp, threshold=threshold)
        base.append(time.perf_counter() - t0)
    return statistics.median(full), statistics.median(base), len(html.encode("utf-8")), len(page.full_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--show", action="store_true", help="print misses, extras and wrong speakers/kinds")
    parser.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    parser.add_argument("--repeat", type=int, default=5, help="timing repetitions for the web page")
    args = parser.parse_args()

    from claims.extract import extract_claims
    from claims.nlp import get_nlp
    from claims.settings import Settings

    nlp = get_nlp()
    nlp.natasha  # noqa: B018 - load the models before anything is timed
    threshold = Settings().checkworthiness_threshold
    articles = [a for a in load_corpus() if args.split in ("all", a.split)]
    per_article, totals = [], {}
    for a in articles:
        claims = extract_claims(a.text, a.lang, nlp=nlp, threshold=threshold)
        s = score_article(a, claims)
        per_article.append(f"| {a.name} | {a.split} | {a.lang} | {a.genre} | {s.row()} |")
        totals.setdefault((a.lang, a.split), Score()).add(s)
        if args.show:
            print(f"== {a.name} ({a.split}) {s.row()}")
            for label, items in (("miss", s.misses), ("extra", s.extra), ("speaker", s.wrong_speaker),
                                 ("kind", s.wrong_kind)):
                for item in items:
                    print(f"   {label}: {item}")
    summary = [f"| {lang} | {split} | {s.row()} |" for (lang, split), s in sorted(totals.items())]
    lines = [f"Command: `.venv/bin/python bench/bench_extract.py` — {machine_line()}.", "",
             f"Corpus: bench/extract_corpus/ ({len(articles)} articles written for this benchmark). The extractor "
             "was tuned on the `dev` articles only; `test` articles were written before tuning and only scored. "
             "A gold claim is found when one stored claim contains all its keys (one stored claim per gold "
             f"claim); threshold {threshold}.", "",
             f"| language | split | {HEAD} |", "|---|---|" + "---|" * 8, *summary, "",
             f"| article | split | language | genre | {HEAD} |", "|---|---|---|---|" + "---|" * 8, *per_article]
    if args.split == "all":
        full, base, size, chars = time_web_page(nlp, threshold, args.repeat)
        lines += ["", f"Ingesting a saved news page of {size / 1000:.0f} KB (tests/data/news_pages.py around the "
                  f"paragraphs of the Russian corpus articles, {chars} characters of article text): {full:.2f} s median of {args.repeat} (page reading + extraction), "
                  f"against {base:.2f} s for extracting its text alone ({full / base:.2f}x); models loaded "
                  "beforehand."]
    print("\n".join(lines))
    if args.split == "all" and not args.no_write:
        replace_section("Extraction", "\n".join(lines))


if __name__ == "__main__":
    main()
