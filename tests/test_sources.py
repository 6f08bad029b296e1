"""The numbered references: one list in journal/rules/sources.py, the same in the documentation,
and every source a rule cites is in it."""

from pathlib import Path

import pytest

from journal.rules import sources
from journal.rules.hints import HINT_RULES, RED_FLAG_RULES

DOC = Path(__file__).resolve().parent.parent / "docs" / "clinical-sources.md"


def test_the_document_ends_with_the_same_numbered_list():
    text = DOC.read_text()
    heading = "## Numbered references\n"
    assert heading in text
    listed = text.split(heading, 1)[1].split("\n## ", 1)[0]
    lines = [line for line in listed.splitlines() if line[:1].isdigit()]
    assert lines == sources.markdown().splitlines()


def test_each_reference_names_authors_year_title_and_where():
    for number, source in sources.numbered():
        citation = source.citation()
        assert citation.startswith(source.authors)
        year = source.year if source.year == "n.d." else f"{source.year}."
        assert f" {year} {source.title}" in citation
        assert citation.endswith(f" {source.published}.")
        assert ".." not in citation and "?." not in citation
        assert source.year == "n.d." or source.year.isdigit()
        assert sources.number(source.key) == number


def test_citations_are_numbers_in_order():
    assert sources.cite("csd") == f"[{sources.number('csd')}]"
    assert sources.cite("cdc", "guide") == f"[1, {sources.number('cdc')}]"


@pytest.mark.parametrize("rule", [*HINT_RULES.values(), *RED_FLAG_RULES.values()])
def test_every_rule_cites_sources_in_the_list(rule):
    assert rule.refs
    for key in rule.refs:
        assert sources.number(key)


def test_an_unknown_source_is_an_error():
    with pytest.raises(KeyError):
        sources.cite("not-a-source")
