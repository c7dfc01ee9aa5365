"""Queries as a user runs them: `negobot position/compare/timeline/status --json` on the seeds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> dict:
    code, out, err = run(capsys, "--db", str(db), *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def source_text(document: dict) -> str:
    return Path(document["path"]).read_bytes().decode("utf-8")


def order_key(statement: dict) -> tuple[bool, str]:
    published = statement["document"]["published"]
    return (published is None, "" if published is None else published)


def test_position_is_the_partys_own_words_latest_first_and_verbatim(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path
) -> None:
    result = as_json(capsys, seeded_db_copy, "position", "hamas", "--limit", "100")
    assert result["party"] == "Hamas" and result["topic"] is None
    statements = result["statements"]
    assert len(statements) >= 10
    assert all(s["party"] == "Hamas" for s in statements)
    dates = [s["document"]["published"] for s in statements]
    assert dates == sorted(dates, reverse=True)
    for s in statements:
        text = source_text(s["document"])
        assert text[s["start"] : s["end"]] == s["text"]
        if s["quote"] is not None:
            assert s["quote"] in s["text"]
    # The newest seed (about 2024-08-15) is where Hamas last stated its position.
    assert statements[0]["document"]["published"] == "2024-08-15"
    assert statements[0]["document"]["approximate"] is True


def test_position_on_a_topic_keeps_only_that_topic_and_accepts_aliases(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path
) -> None:
    result = as_json(capsys, seeded_db_copy, "position", "Hamas", "--topic", "hostages")
    assert result["topic"] == "prisoners"
    assert result["statements"]
    assert all("prisoners" in s["topics"] for s in result["statements"])


def test_unknown_party_or_topic_exits_2_with_the_closest_names(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path
) -> None:
    code, out, err = run(capsys, "--db", str(seeded_db_copy), "position", "Hamass")
    assert code == 2 and out == ""
    assert "did you mean" in err and "Hamas" in err
    code, _, err = run(
        capsys, "--db", str(seeded_db_copy), "position", "Israel", "--topic", "withdrawl"
    )
    assert code == 2 and "withdrawal" in err


def test_a_party_with_no_statement_is_told_plainly_never_given_other_words(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    parties = tmp_path / "parties.toml"
    parties.write_text(
        (seeds_dir / "parties.toml").read_text(encoding="utf-8")
        + '\n[[party]]\nname = "Jordan"\nshort_names = ["Amman"]\n'
        + 'phrases = ["Jordanian officials"]\n',
        encoding="utf-8",
    )
    args = ("--db", str(seeded_db_copy), "--parties", str(parties))
    code, out, _ = run(capsys, *args, "position", "Jordan")
    assert code == 0 and out.strip() == "No statement from Jordan in the corpus."
    assert (
        as_json(capsys, seeded_db_copy, "--parties", str(parties), "position", "Jordan")[
            "statements"
        ]
        == []
    )


def test_undated_articles_rank_last_with_a_visible_warning(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path, tmp_path: Path
) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "Hamas restates its demands\n\n"
        "Hamas official Osama Hamdan said the movement would not accept a deal without a full "
        "Israeli withdrawal from Gaza.\n",
        encoding="utf-8",
    )
    assert run(capsys, "--db", str(seeded_db_copy), "index", "-q", str(undated))[0] == 0
    result = as_json(capsys, seeded_db_copy, "position", "Hamas", "--limit", "200")
    last = result["statements"][-1]
    assert last["document"]["published"] is None and last["document"]["date_source"] == "unknown"
    assert all(s["document"]["published"] for s in result["statements"][:-1])
    _, out, _ = run(capsys, "--db", str(seeded_db_copy), "position", "Hamas", "--limit", "200")
    assert "date unknown" in out and "Warning: 1 statement(s) come from undated articles" in out


def test_compare_puts_parties_side_by_side_topic_by_topic(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path
) -> None:
    result = as_json(capsys, seeded_db_copy, "compare", "Hamas", "Israel", "--topic", "ceasefire")
    assert result["parties"] == ["Hamas", "Israel"]
    row = result["topics"]["ceasefire"]
    assert row["Hamas"]["party"] == "Hamas" and row["Israel"]["party"] == "Israel"
    full = as_json(capsys, seeded_db_copy, "compare", "Hamas", "Qatar")
    assert set(full["topics"]) >= {"ceasefire", "withdrawal", "prisoners", "aid", "talks"}
    assert all(
        row["Qatar"] is None or row["Qatar"]["party"] == "Qatar" for row in full["topics"].values()
    )


def test_timeline_runs_oldest_first(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path
) -> None:
    result = as_json(capsys, seeded_db_copy, "timeline", "Hamas")
    dates = [e["document"]["published"] for e in result["entries"]]
    assert dates == sorted(dates) and len(set(dates)) >= 3
    assert all(isinstance(e["changed"], bool) for e in result["entries"])


def test_status_gives_each_partys_latest_quote_and_says_when_there_is_none(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path
) -> None:
    result = as_json(capsys, seeded_db_copy, "status")
    latest = result["latest"]
    assert {"Hamas", "Israel", "Palestinian Islamic Jihad", "United States"} <= set(latest)
    for party, statement in latest.items():
        assert statement is None or statement["party"] == party
    assert latest["Hamas"]["document"]["published"] == "2024-08-15"
    assert latest["Palestinian Islamic Jihad"]["document"]["published"] == "2023-12-26"
    _, out, _ = run(capsys, "--db", str(seeded_db_copy), "status")
    assert "Where each party stands" in out and "about 2024-08-15" in out


def test_queries_do_not_load_the_embedding_model(seeded_db_copy: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from bot.cli import main; "
        f"code = main(['--db', {str(seeded_db_copy)!r}, 'status']); "
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules; "
        "assert 'discord' not in sys.modules; sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_seeds_copied_elsewhere_keep_their_own_parties_file(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    db = tmp_path / "n.sqlite3"
    assert run(capsys, "--db", str(db), "index", "-q", str(corpus))[0] == 0
    assert as_json(capsys, db, "position", "PIJ")["party"] == "Palestinian Islamic Jihad"


def test_attribute_offsets_slice_the_file_to_the_speaker_and_the_content(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    path = seeds_dir / "002_ba4e27dd51c8de91.txt"
    code, out, err = run(
        capsys, "--db", str(tmp_path / "n.sqlite3"), "attribute", str(path), "--json"
    )
    assert code == 0, err
    statements = json.loads(out)["statements"]
    text = path.read_bytes().decode("utf-8")
    assert len(statements) >= 8
    for s in statements:
        assert text[s["start"] : s["end"]] == s["text"]
        assert s["content_start"] < s["content_end"]
        if s["speaker"] is not None:
            assert text[s["speaker_start"] : s["speaker_end"]] == s["speaker"]
    hamad = next(s for s in statements if "Ghazi Hamad" in (s["speaker"] or ""))
    assert hamad["party"] == "Hamas" and hamad["kind"] == "quote"
    assert hamad["quote"] is not None and hamad["quote"] in text
    herzog = next(s for s in statements if "300 or even 400 trucks" in s["text"])
    assert herzog["party"] == "Israel" and "aid" in herzog["topics"]


RELEASE = """Ministry of Foreign Affairs

Statement on the ceasefire talks

Doha, 12 March 2024

The State of Qatar affirms its commitment to the mediation until a permanent ceasefire is \
reached in the Gaza Strip.

Hamas has handed its response to the mediators.

If you have questions about this page, you can contact our press office.
"""


def test_a_partys_own_release_speaks_for_it_in_its_own_voice(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    """The manifest names the page's outlet, which the parties file lists among Qatar's own
    channels: its sentences on the talks are Qatar's; the sentence on another party's act is
    that party's, and the page's note to the reader is nobody's."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "release.txt").write_text(RELEASE, encoding="utf-8")
    (corpus / "manifest.toml").write_text(
        '[[article]]\nfile = "release.txt"\npublished = 2024-03-12\n'
        'outlet = "Ministry of Foreign Affairs of the State of Qatar"\n',
        encoding="utf-8",
    )
    db = tmp_path / "n.sqlite3"
    parties = ["--parties", str(seeds_dir / "parties.toml")]
    code, out, err = run(
        capsys, "--db", str(db), *parties, "attribute", str(corpus / "release.txt"), "--json"
    )
    assert code == 0, err
    found = {s["text"]: s for s in json.loads(out)["statements"]}
    own = found[
        "The State of Qatar affirms its commitment to the mediation until a permanent "
        "ceasefire is reached in the Gaza Strip."
    ]
    assert own["party"] == "Qatar" and own["speaker_start"] is None
    assert found["Hamas has handed its response to the mediators."]["party"] == "Hamas"
    assert not any("press office" in text for text in found)
    assert run(capsys, "--db", str(db), *parties, "index", "-q", str(corpus))[0] == 0
    position = as_json(capsys, db, *parties, "position", "Qatar")
    assert [s["speaker"] for s in position["statements"]] == [
        "Ministry of Foreign Affairs of the State of Qatar"
    ]
