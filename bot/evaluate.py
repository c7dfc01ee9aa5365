"""Measure attribution against hand-labelled gold: who said what, which party, which topics.

The gold file (see tests/gold/seeds.toml for its format) locates each statement by a verbatim
excerpt, so the labels survive changes to how statements are cut. Besides the scores, every
predicted span is checked to be verbatim and never to touch page furniture: those are defects
whatever the scores say.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.attribution import Statement, attribute, issuer_of
from bot.ingest import document_facts
from bot.manifest import manifest_key, manifests_for
from bot.page import parse_page
from bot.parties import PartyBook, load_party_book
from bot.readers import kind_of
from bot.segment import split_sentences
from bot.topics import EMBEDDING_ONLY, TopicTagger

if TYPE_CHECKING:
    from bot.embedding import Encoder


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


@dataclass
class EvalReport:
    detection: Score = field(default_factory=Score)
    party: Score = field(default_factory=Score)
    topics: dict[str, Score] = field(default_factory=dict)  # method -> score
    latest: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    defects: list[str] = field(default_factory=list)  # non-verbatim spans, furniture quoted
    dropped: list[str] = field(default_factory=list)  # gold outside the page's paragraphs
    parts: dict[str, EvalReport] = field(default_factory=dict)  # per corpus, when combined
    errors: list[str] = field(default_factory=list)  # misses and wrong parties, for reading

    @property
    def latest_correct(self) -> int:
        return sum(1 for want, got in self.latest.values() if want == got)

    def format(self) -> str:
        rows = [("statement detection", self.detection), ("party attribution", self.party)]
        rows += [(f"topics ({method})", score) for method, score in self.topics.items()]
        lines = [f"{'measure':<28}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}"]
        for name, s in rows:
            lines.append(
                f"{name:<28}{s.precision:>10.3f}{s.recall:>8.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
            )
        for name, part in self.parts.items():
            lines.append(
                f"  {name:<26}{part.party.precision:>10.3f}{part.party.recall:>8.3f}"
                f"{part.party.tp:>5}{part.party.fp:>5}{part.party.fn:>5}  (party, per corpus)"
            )
        lines.append(f"latest position per party: {self.latest_correct}/{len(self.latest)} right")
        for party, (want, got) in self.latest.items():
            mark = "ok " if want == got else "BAD"
            lines.append(f"  {mark} {party}: want {want!r}, got {got!r}")
        lines.append(
            f"gold statements the page parser left out (not scored above): {len(self.dropped)}"
        )
        lines += [f"  {d}" for d in self.dropped]
        lines.append(f"defects (non-verbatim or furniture): {len(self.defects)}")
        lines += [f"  {d}" for d in self.defects]
        if self.errors:
            lines.append("errors:")
            lines += [f"  {e}" for e in self.errors]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "detection": self.detection.to_json(),
            "party": self.party.to_json(),
            "topics": {m: s.to_json() for m, s in self.topics.items()},
            "latest": {p: {"want": w, "got": g} for p, (w, g) in self.latest.items()},
            "latest_correct": self.latest_correct,
            "defects": self.defects,
            "dropped": self.dropped,
            "corpora": {name: part.to_json() for name, part in self.parts.items()},
            "errors": self.errors,
        }


@dataclass
class _Gold:
    start: int
    end: int
    excerpt: str
    party: str | None
    kind: str
    topics: tuple[str, ...]
    latest: bool
    optional: bool


def _locate(text: str, excerpt: str, where: str) -> tuple[int, int]:
    """Gold excerpts are typed with plain spaces; pages often carry no-break spaces."""
    plain = text.replace("\xa0", " ")
    at = plain.find(excerpt)
    if at == -1 or plain.find(excerpt, at + 1) != -1:
        raise ValueError(f"{where}: excerpt {excerpt!r} is not found exactly once")
    return at, at + len(excerpt)


def _occurrences(text: str, excerpts: list[str], where: str) -> list[tuple[int, int, str]]:
    plain = text.replace("\xa0", " ")
    out = []
    for excerpt in excerpts:
        at = plain.find(excerpt)
        if at == -1:
            raise ValueError(f"{where}: furniture {excerpt!r} not found")
        while at != -1:
            out.append((at, at + len(excerpt), excerpt))
            at = plain.find(excerpt, at + 1)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(golds: list[_Gold], preds: list[Statement]) -> dict[int, int]:
    """Gold index -> prediction index: each prediction covers at most one gold statement.

    A prediction matches when it covers most of the excerpt; among several, the one with the
    gold's party wins so that a two-party sentence is scored party by party.
    """
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    for gi, g in enumerate(golds):
        candidates = [
            ((int(p.party == g.party), cover, -pi), pi)
            for pi, p in enumerate(preds)
            if pi not in taken
            and (cover := _overlap((g.start, g.end), (p.start, p.end))) * 2 >= g.end - g.start
        ]
        if candidates:
            _, chosen = max(candidates)
            pairs[gi] = chosen
            taken.add(chosen)
    return pairs


def _within(golds: list[_Gold], preds: list[Statement], pairs: dict[int, int]) -> dict[int, int]:
    """Gold statements that a matched prediction holds whole, for the same party as the gold it
    matched: "X tells state TV:" and the quotation after the colon may be labelled as two
    statements of X, which the attributor gives as one. Shown as one, both are found."""
    out: dict[int, int] = {}
    for gi, g in enumerate(golds):
        if gi in pairs or g.party is None:
            continue
        for gj, pi in pairs.items():
            p = preds[pi]
            if p.start <= g.start and g.end <= p.end and p.party == g.party == golds[gj].party:
                out[gi] = pi
                break
    return out


def _continuations(text: str, preds: list[Statement], matched: set[int]) -> set[int]:
    """Predictions that go on with a matched quotation of several sentences.

    The attributor gives a quotation (or a paragraph of a party's own release) one statement
    per sentence, while gold labellers may give it one statement excerpted from its first
    sentence: the other sentences, by the same speaker for the same party and adjoining with
    nothing in between, are neither found nor extra. An excerpt that spans two sentences
    matches the one it covers most, so the sentences before it are continuations too.
    """
    out: set[int] = set()
    for pi in sorted(matched):
        for step in (1, -1):
            near = preds[pi]
            qi = pi + step
            while 0 <= qi < len(preds):
                p = preds[qi]
                first, second = (near, p) if step == 1 else (p, near)
                if (
                    qi in matched
                    or not (p.kind == "quote" or p.speaker_start is None)
                    or (p.speaker, p.speaker_start, p.party)
                    != (near.speaker, near.speaker_start, near.party)
                    or text[first.end : second.start].strip()
                ):
                    break
                out.add(qi)
                near, qi = p, qi + step
    return out


def _check_spans(
    name: str, text: str, paragraphs: list[tuple[int, int]], st: Statement, furniture: list
) -> list[str]:
    problems = []
    inside = [
        any(s <= at < e for s, e in paragraphs) for at in (st.start, max(st.start, st.end - 1))
    ]
    if not all(inside) or not 0 <= st.start < st.end <= len(text):
        problems.append(f"{name}: statement {st.start}-{st.end} is not inside article paragraphs")
    if st.speaker_start is not None and text[st.speaker_start : st.speaker_end] != st.speaker:
        problems.append(f"{name}: speaker {st.speaker!r} is not the span it points to")
    if not st.start <= st.content_start <= st.content_end <= st.end:
        problems.append(f"{name}: content of {text[st.start : st.end][:40]!r} outside statement")
    if st.quote_start is not None and not (
        st.start <= st.quote_start < (st.quote_end or 0) <= st.end
    ):
        problems.append(f"{name}: quote of {text[st.start : st.end][:40]!r} outside statement")
    for f_start, f_end, excerpt in furniture:
        if _overlap((st.start, st.end), (f_start, f_end)):
            problems.append(f"{name}: furniture {excerpt!r} quoted")
    return problems


def evaluate(
    gold_path: Path, articles_dir: Path, book: PartyBook, encoder: Encoder | None = None
) -> EvalReport:
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    report = EvalReport()
    methods = ["cues"] + (["embeddings", "combined"] if encoder is not None else [])
    report.topics = {m: Score() for m in methods}
    tagger = TopicTagger(book.topics, encoder)
    known_topics = set(book.topic_keys())
    # party -> the gold latest statement, and (date, start, label) of the predicted latest
    want_latest: dict[str, str] = {}
    got_latest: dict[str, tuple[dt.date, int, str]] = {}
    manifest = manifests_for(sorted(articles_dir.iterdir()))  # the publisher of each page
    for article in gold["article"]:
        name = article["file"]
        path = articles_dir / name
        raw = path.read_text(encoding="utf-8")
        page = parse_page(raw, kind_of(name) or "text")  # type: ignore[arg-type]
        text = page.text
        published = dt.date.fromisoformat(str(article["published"]))
        golds = []
        for g in article.get("statement", []):
            start, end = _locate(text, g["text"], f"{gold_path}: {name}")
            topics = tuple(g.get("topics", []))
            unknown = set(topics) - known_topics
            if unknown:
                raise ValueError(f"{gold_path}: {name}: unknown topics {sorted(unknown)}")
            golds.append(
                _Gold(start, end, g["text"], g.get("party"), g["kind"], topics,
                      g.get("latest", False), g.get("optional", False))
            )  # fmt: skip
            if g.get("latest"):
                want_latest[g["party"]] = f"{name}: {g['text']}"
        furniture = _occurrences(text, article.get("furniture", []), f"{gold_path}: {name}")
        sentences = split_sentences(text, page.paragraphs)
        facts = document_facts(page, manifest.get(manifest_key(path)))  # as ingest reads them
        issuer = issuer_of(book, facts.outlet, facts.url)
        preds = attribute(text, sentences, book, issuer).statements
        for st in preds:
            report.defects += _check_spans(name, text, page.paragraphs, st, furniture)
        pairs = _match(golds, preds)
        matched_preds = set(pairs.values()) | _continuations(text, preds, set(pairs.values()))
        pairs |= _within(golds, preds, pairs)
        for gi, g in enumerate(golds):
            pi = pairs.get(gi)
            if pi is None and not any(s <= g.start < e for s, e in page.paragraphs):
                report.dropped.append(f"{name}: {g.party or '-'} {g.excerpt!r}")
                continue
            if pi is None:
                if not g.optional:
                    report.detection.fn += 1
                    report.party.fn += g.party is not None
                    report.errors.append(f"{name}: missed {g.party or '-'} {g.excerpt!r}")
                continue
            p = preds[pi]
            report.detection.tp += 1
            if g.party is not None and p.party == g.party:
                report.party.tp += 1
            elif p.party != g.party:
                report.party.fn += g.party is not None
                report.party.fp += p.party is not None
                report.errors.append(
                    f"{name}: party {p.party or '-'} for {g.party or '-'} {g.excerpt!r}"
                )
        for pi, p in enumerate(preds):
            if pi not in matched_preds:
                report.detection.fp += 1
                report.party.fp += p.party is not None
                report.errors.append(
                    f"{name}: extra {p.party or '-'} {text[p.start : p.end][:70]!r}"
                )
        gold_of = {pi: golds[gi] for gi, pi in pairs.items()}
        for pi, p in enumerate(preds):
            if p.party is None:
                continue
            g = gold_of.get(pi)
            label = f"{name}: {g.excerpt}" if g else f"{name}: {text[p.start : p.end][:60]}"
            if p.party not in got_latest or (published, p.start) > got_latest[p.party][:2]:
                got_latest[p.party] = (published, p.start, label)
        matched = [(golds[gi], preds[pi]) for gi, pi in pairs.items()]
        texts = [text[p.start : p.end] for _, p in matched]
        by_method = _tag_methods(tagger, texts, methods)
        for method, tagged in by_method.items():
            for (g, _), got in zip(matched, tagged, strict=True):
                want = set(g.topics)
                report.topics[method].tp += len(want & set(got))
                report.topics[method].fp += len(set(got) - want)
                report.topics[method].fn += len(want - set(got))
    for party in book.party_names():
        want = want_latest.get(party)
        got = got_latest.get(party)
        report.latest[party] = (want, got[2] if got else None)
    return report


def _tag_methods(tagger: TopicTagger, texts: list[str], methods: list[str]) -> dict[str, list]:
    out: dict[str, list] = {}
    hits = [tagger.cue_hits(t) for t in texts]
    keys = [t.key for t in tagger.topics]
    out["cues"] = [{k for k, h in zip(keys, row, strict=True) if h} for row in hits]
    if "embeddings" in methods:
        sims = tagger.similarities(texts) if texts else []
        out["embeddings"] = [
            {k for k, s in zip(keys, row, strict=True) if s >= EMBEDDING_ONLY} for row in sims
        ]
        out["combined"] = [set(t) for t in tagger.tag(texts)]
    return out


REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class GoldSet:
    """A hand-labelled corpus: its gold file, its articles, and its own parties file if any."""

    name: str
    gold: Path
    articles: Path
    parties: Path | None  # None: the parties file in use (the seeds')


def default_gold_paths() -> list[GoldSet]:
    """The seed corpus and the test corpora of other negotiations shipped with the source."""
    sets = [GoldSet("seeds", REPO / "tests" / "gold" / "seeds.toml", REPO / "seeds", None)]
    for gold in sorted((REPO / "tests" / "gold").glob("*.toml")):
        folder = REPO / "tests" / "articles" / gold.stem
        if gold.stem != "seeds" and folder.is_dir():
            own = folder / "parties.toml"
            sets.append(GoldSet(gold.stem, gold, folder, own if own.exists() else None))
    # Each labelled by someone who never read the rules; its first evaluation is its blind
    # measurement (kept in the commit that adds it), after which it may improve them.
    held_out = sorted(
        (REPO / "tests").glob("heldout*/gold.toml"), key=lambda p: (len(p.parent.name), p.parent)
    )
    for gold in held_out:
        own = gold.parent / "parties.toml"
        sets.append(GoldSet(gold.parent.name, gold, gold.parent, own if own.exists() else None))
    return [s for s in sets if s.gold.exists()]


def evaluate_all(
    sets: list[GoldSet], book: PartyBook, encoder: Encoder | None = None
) -> EvalReport:
    """All corpora summed, each with its own parties file; per-corpus reports kept in `parts`."""
    total = EvalReport()
    for gold_set in sets:
        set_book = load_party_book(gold_set.parties) if gold_set.parties else book
        part = evaluate(gold_set.gold, gold_set.articles, set_book, encoder)
        total.parts[gold_set.name] = part
        for mine, theirs in ((total.detection, part.detection), (total.party, part.party)):
            mine.tp, mine.fp, mine.fn = (
                mine.tp + theirs.tp,
                mine.fp + theirs.fp,
                mine.fn + theirs.fn,
            )
        for method, score in part.topics.items():
            into = total.topics.setdefault(method, Score())
            into.tp, into.fp, into.fn = into.tp + score.tp, into.fp + score.fp, into.fn + score.fn
        total.latest.update({f"{gold_set.name}: {k}": v for k, v in part.latest.items()})
        total.defects += [f"{gold_set.name}/{d}" for d in part.defects]
        total.dropped += [f"{gold_set.name}/{d}" for d in part.dropped]
        total.errors += [f"{gold_set.name}/{e}" for e in part.errors]
    return total
