"""``--sources FILE``: what the user says of each outlet, shown beside it, and a blindspot line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import EXIT_OK, EXIT_USAGE, main
from newsprism.errors import SourceError
from newsprism.ingest.outlets import read_outlet_table
from newsprism.model import Article

REPO = Path(__file__).resolve().parents[2]
FLOOD = ["northern-ledger.txt", "harbour-times.html", "valley-post.jsonl", "tamsin-courier.txt"]


def brief_json(table: Path, *extra: str) -> tuple[int, dict[str, object], str]:
    folder = REPO / "examples" / "flood"
    arguments = ["brief", *(str(folder / name) for name in FLOOD), "--meta", str(folder / "meta.csv")]
    result = CliRunner().invoke(main, [*arguments, "--sources", str(table), "--format", "json", *extra])
    return result.exit_code, json.loads(result.stdout) if result.exit_code == EXIT_OK else {}, result.stderr


def test_labels_match_by_outlet_name_or_url_domain_and_a_one_sided_story_is_a_blindspot(tmp_path: Path) -> None:
    table = tmp_path / "outlets.csv"
    table.write_text(
        "outlet,domain,leaning,owner\nNorthern Ledger,,centre,Ledger Group\nHarbour Times,,centre,Harbour Media\n"
        ",valleypost.example,centre,Valley Trust\n,www.tamsincourier.example,centre,Ledger Group\n",
        encoding="utf-8",
    )
    code, report, _ = brief_json(table)
    assert code == EXIT_OK
    labels = {article["outlet"]: article["labels"] for article in report["articles"]}  # type: ignore[index]
    assert labels["Valley Post"] == {"leaning": "centre", "owner": "Valley Trust"}  # by domain
    assert labels["Northern Ledger"]["owner"] == "Ledger Group"  # by name
    [blindspot] = [line for line in report["summary"] if line["kind"] == "blindspot"]  # type: ignore[union-attr]
    assert "leaning is “centre”" in blindspot["text"] and len(blindspot["evidence"]) == 4


def test_outlets_of_different_leanings_are_no_blindspot(tmp_path: Path) -> None:
    table = tmp_path / "outlets.json"
    rows = [{"outlet": name, "leaning": leaning} for name, leaning in
            [("Northern Ledger", "left"), ("Harbour Times", "right"), ("Valley Post", "left"), ("Tamsin Courier", "left")]]
    table.write_text(json.dumps(rows), encoding="utf-8")
    code, report, _ = brief_json(table)
    assert code == EXIT_OK
    assert not [line for line in report["summary"] if line["kind"] == "blindspot"]  # type: ignore[union-attr]
    assert {article["labels"]["leaning"] for article in report["articles"]} == {"left", "right"}  # type: ignore[index]


def test_an_outlet_the_table_does_not_list_means_no_blindspot(tmp_path: Path) -> None:
    table = tmp_path / "outlets.csv"
    table.write_text("outlet,leaning\nNorthern Ledger,centre\nHarbour Times,centre\n", encoding="utf-8")
    code, report, _ = brief_json(table)
    assert code == EXIT_OK
    assert not [line for line in report["summary"] if line["kind"] == "blindspot"]  # type: ignore[union-attr]


def test_a_row_without_outlet_or_domain_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    table = tmp_path / "outlets.csv"
    table.write_text("outlet,leaning\nNorthern Ledger,centre\n,left\n", encoding="utf-8")
    code, _, stderr = brief_json(table)
    assert code == EXIT_USAGE
    assert f"{table}#2" in stderr and "neither an outlet nor a domain" in stderr
    with pytest.raises(SourceError):
        read_outlet_table(str(table))


def test_labels_show_in_the_text_brief_and_match_subdomains(tmp_path: Path) -> None:
    table = tmp_path / "outlets.csv"
    table.write_text("domain,country\nledger.example,Norway\n", encoding="utf-8")
    found = read_outlet_table(str(table))
    article = Article(id="a", text="t", source="s", outlet="Other", url="https://news.ledger.example/x")
    assert found.labels_for(article) == (("country", "Norway"),)
    assert found.labels_for(Article(id="b", text="t", source="s", url="https://notledger.example/")) == ()


def test_the_coverage_picture_groups_outlets_under_the_first_label_that_tells_them_apart(tmp_path: Path) -> None:
    import lxml.html

    table = tmp_path / "outlets.csv"
    table.write_text(  # every outlet in one country: the grouping is by leaning; one outlet unlisted
        "outlet,country,leaning\nNorthern Ledger,UK,centre\nHarbour Times,UK,right\nValley Post,UK,centre\n",
        encoding="utf-8",
    )
    folder = REPO / "examples" / "flood"
    arguments = ["brief", *(str(folder / name) for name in FLOOD), "--meta", str(folder / "meta.csv")]
    result = CliRunner().invoke(main, [*arguments, "--sources", str(table), "--format", "html"])
    assert result.exit_code == EXIT_OK, result.stderr
    [picture] = lxml.html.document_fromstring(result.stdout).xpath("//svg[@class='coverage']")
    rows = [
        (float(node.get("y")), node.text) if node.tag == "text" else (float(node.get("transform").split()[1].rstrip(")")), node[0].text)
        for node in picture
        if node.tag == "g" or node.get("class") == "group-label"
    ]
    drawn = [words for _, words in sorted(rows, key=lambda row: row[0])]
    assert drawn == [
        "leaning: centre", "A1 Northern Ledger", "A3 Valley Post",
        "leaning: right", "A2 Harbour Times",
        "not in the source table", "A4 Tamsin Courier",
    ]
    assert "leaning: right: A2 Harbour Times" in picture.findtext("desc")
