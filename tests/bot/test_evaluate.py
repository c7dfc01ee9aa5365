"""The evaluation is the product's accuracy contract: it must pass, and it must be able to fail."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from bot.embedding import Encoder
from bot.evaluate import GoldSet, default_gold_paths, evaluate, evaluate_all
from bot.parties import PartyBook, load_party_book

TESTS = Path(__file__).resolve().parents[1]
CORPORA = ["grain", "strike", "gaza", "sudan", "schools"]


def _book_for(folder: Path, seeds_book: PartyBook) -> PartyBook:
    own = folder / "parties.toml"
    return load_party_book(own) if own.exists() else seeds_book


def _one_article(tmp_path: Path, article: str, statements: str) -> Path:
    """An article `a.txt` and its gold, the statement tables given as TOML; the gold's path."""
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    gold = tmp_path / "gold.toml"
    gold.write_text(
        '[[article]]\nfile = "a.txt"\npublished = "2024-05-01"\nfurniture = []\n\n' + statements,
        encoding="utf-8",
    )
    return gold


def test_seed_corpus_meets_the_targets(seeds_dir: Path, book: PartyBook) -> None:
    report = evaluate(TESTS / "gold" / "seeds.toml", seeds_dir, book)
    assert report.party.precision >= 0.95
    assert report.party.recall >= 0.90
    assert report.detection.recall >= 0.90
    assert report.defects == []
    assert report.latest_correct == len(report.latest) == len(book.parties)


@pytest.mark.parametrize("name", CORPORA)
def test_other_negotiations_meet_the_targets(name: str, book: PartyBook) -> None:
    folder = TESTS / "articles" / name
    report = evaluate(TESTS / "gold" / f"{name}.toml", folder, _book_for(folder, book))
    assert report.party.precision >= 0.95, report.format()
    assert report.party.recall >= 0.90, report.format()
    assert report.defects == [], report.format()


def test_all_corpora_together(book: PartyBook) -> None:
    """Every held-out set, labelled blind to the rules, is in the sum. Precision is the
    product's promise: held at 0.98 over all and at 0.92 on every set, whose labellers
    disagree on a few conventions (an outlet citing a party's officials). Recall on pages
    written after the rules is lower; its floor guards against a rule that loses what was
    found before."""
    sets = default_gold_paths()
    held_out = {p.parent.name for p in TESTS.glob("heldout*/gold.toml")}
    names = {"seeds", *CORPORA, *held_out}
    assert {s.name for s in sets} == names and len(held_out) >= 22
    report = evaluate_all(sets, book)
    assert set(report.parts) == names
    assert report.party.tp == sum(part.party.tp for part in report.parts.values())
    for name in held_out:
        assert report.parts[name].party.precision >= 0.92, (name, report.format())
    assert report.party.precision >= 0.98
    assert report.party.recall >= 0.82
    assert report.defects == []
    assert "(party, per corpus)" in report.format()


def test_wrong_gold_is_caught(tmp_path: Path, seeds_dir: Path, book: PartyBook) -> None:
    gold = (TESTS / "gold" / "seeds.toml").read_text(encoding="utf-8")
    swapped = gold.replace('party = "Hamas"', 'party = "Egypt"', 3)
    path = tmp_path / "gold.toml"
    path.write_text(swapped, encoding="utf-8")
    report = evaluate(path, seeds_dir, book)
    assert report.party.fn >= 3 and report.party.fp >= 3
    assert report.party.precision < 0.97
    assert report.format().count("party Hamas for Egypt") == 3


def test_furniture_quoted_is_a_defect(tmp_path: Path, seeds_dir: Path, book: PartyBook) -> None:
    gold = (TESTS / "gold" / "seeds.toml").read_text(encoding="utf-8")
    marked = gold.replace(
        'furniture = ["Leave a Comment"]', 'furniture = ["Leave a Comment", "Hamad expressed"]'
    )
    path = tmp_path / "gold.toml"
    path.write_text(marked.replace('"Hamad expressed"', '"The Egyptian sources said"'), "utf-8")
    report = evaluate(path, seeds_dir, book)
    assert any("furniture" in d for d in report.defects)


def test_gold_excerpt_that_is_not_in_the_article_is_an_error(
    tmp_path: Path, seeds_dir: Path, book: PartyBook
) -> None:
    gold = (TESTS / "gold" / "seeds.toml").read_text(encoding="utf-8")
    path = tmp_path / "gold.toml"
    path.write_text(
        gold.replace("One Hamas official reiterated", "One Hamas official said"), "utf-8"
    )
    with pytest.raises(ValueError, match="not found exactly once"):
        evaluate(path, seeds_dir, book)


def test_report_prints_a_table_and_json_with_topic_methods(
    tmp_path: Path, seeds_dir: Path, book: PartyBook, encoder: Encoder
) -> None:
    """One seed article is enough to exercise the three topic methods (the model is slow)."""
    gold = (TESTS / "gold" / "seeds.toml").read_text(encoding="utf-8")
    one = [chunk for chunk in gold.split("[[article]]") if "003_e3389f4aefd411e0" in chunk]
    path = tmp_path / "gold.toml"
    path.write_text("[[article]]" + one[0], encoding="utf-8")
    report = evaluate(path, seeds_dir, book, encoder)
    table = report.format()
    for row in (
        "statement detection",
        "party attribution",
        "topics (cues)",
        "topics (embeddings)",
        "topics (combined)",
        "latest position per party",
    ):
        assert row in table  # fmt: skip
    data = json.loads(json.dumps(report.to_json()))
    assert set(data["topics"]) == {"cues", "embeddings", "combined"}
    assert data["topics"]["combined"]["precision"] >= data["topics"]["embeddings"]["precision"]
    assert data["party"]["precision"] == round(report.party.precision, 4)


@pytest.mark.parametrize("gold_set", default_gold_paths(), ids=lambda s: s.name)
def test_latest_flags_mark_each_partys_last_statement(gold_set: GoldSet) -> None:
    """A wrong `latest` flag makes the evaluation blame the engine for the gold's mistake."""
    gold = tomllib.loads(gold_set.gold.read_text(encoding="utf-8"))
    last: dict[str, tuple[tuple[dt.date, int], str]] = {}
    flagged: dict[str, list[str]] = {}
    for article in gold["article"]:
        text = (gold_set.articles / article["file"]).read_text(encoding="utf-8")
        published = dt.date.fromisoformat(str(article["published"]))
        for st in article.get("statement", []):
            if st.get("party") is None:
                continue
            key = (published, text.replace("\xa0", " ").find(st["text"]))
            if st["party"] not in last or key > last[st["party"]][0]:
                last[st["party"]] = (key, st["text"])
            if st.get("latest"):
                flagged.setdefault(st["party"], []).append(st["text"])
    assert {party: [excerpt] for party, (_, excerpt) in last.items()} == flagged


def test_later_sentences_of_a_matched_quotation_are_not_extra(
    tmp_path: Path, book: PartyBook
) -> None:
    """Gold may excerpt a quotation of several sentences once; the engine gives one statement
    per sentence. The later ones are neither found nor extra; a new quotation still counts."""
    gold = _one_article(
        tmp_path,
        "Hamas rejects the plan\n\n"
        "GAZA - The talks stalled on Monday after a long night in Cairo.\n\n"
        '"We will not accept a temporary truce. We want an end to the war. The occupation '
        'must withdraw," Hamas official Osama Hamdan said.\n\n'
        '"Israel will not stop," Israeli Prime Minister Benjamin Netanyahu said.\n',
        '[[article.statement]]\ntext = "\\"We will not accept a temporary truce."\n'
        'speaker = "Osama Hamdan"\nparty = "Hamas"\nkind = "quote"\ntopics = []\n',
    )
    report = evaluate(gold, tmp_path, book)
    assert (report.detection.tp, report.detection.fp) == (1, 1)
    assert len(report.errors) == 1 and report.errors[0].startswith("a.txt: extra Israel")


def test_earlier_sentences_of_a_quotation_matched_by_its_second_are_not_extra(
    tmp_path: Path, book: PartyBook
) -> None:
    """An excerpt over two sentences matches the one it covers most: here the second. The
    first sentence of the same quotation is then no extra statement either."""
    gold = _one_article(
        tmp_path,
        "Hamas rejects the plan\n\n"
        '"We have said it before. We will not accept a temporary truce of a few weeks," Hamas '
        "official Osama Hamdan said.\n",
        '[[article.statement]]\ntext = "before. We will not accept a temporary truce"\n'
        'speaker = "Osama Hamdan"\nparty = "Hamas"\nkind = "quote"\ntopics = []\n',
    )
    report = evaluate(gold, tmp_path, book)
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 0, 0)
    assert report.errors == []


def test_two_gold_statements_of_one_party_inside_one_prediction_are_both_found(
    tmp_path: Path, book: PartyBook
) -> None:
    """ "X tells state TV:" and its quotation, labelled apart, are one statement of X to the
    attributor; another party's words in the same sentence are still missed when not found."""
    gold = _one_article(
        tmp_path,
        "Hamas replies\n\n"
        'Asked about the talks, Hamas official Osama Hamdan told reporters: "We will not '
        'accept a temporary truce."\n',
        '[[article.statement]]\ntext = "Asked about the talks, Hamas official Osama Hamdan '
        'told reporters"\nspeaker = "Osama Hamdan"\nparty = "Hamas"\nkind = "reported"\n'
        "topics = []\n\n"
        '[[article.statement]]\ntext = "\\"We will not accept a temporary truce.\\""\n'
        'speaker = "Osama Hamdan"\nparty = "Hamas"\nkind = "quote"\ntopics = []\n\n'
        '[[article.statement]]\ntext = "Asked about the talks"\n'
        'speaker = "the interviewer"\nparty = "Israel"\nkind = "reported"\ntopics = []\n',
    )
    report = evaluate(gold, tmp_path, book)
    assert (report.party.tp, report.party.fp, report.party.fn) == (2, 0, 1)
