"""A text the extraction pipeline fails on costs that paper its entities, not the build."""
import pytest

import kg
from kg.extraction import components
from kg.extraction.pipeline import extract_entities

GOOD = "We fine-tune BERT on SQuAD."
BAD = "We fine-tune BOOM on SQuAD."


@pytest.fixture
def fails_on_boom(monkeypatch):
    """A linker that breaks on one text, as an unknown bug on hostile input would."""
    original = components.Linker.__call__

    def linker(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("the linker broke")
        return original(self, doc)

    monkeypatch.setattr(components.Linker, "__call__", linker)


@pytest.mark.parametrize("n_process", [1, 2])
def test_the_failed_text_yields_nothing_and_is_named_the_others_keep_their_entities(fails_on_boom, n_process):
    errors = []
    found = list(extract_entities([GOOD, BAD, GOOD] * 3, batch_size=2, n_process=n_process,
                                  on_error=lambda i, message: errors.append((i, message))))
    assert [bool(entities) for entities in found] == [True, False, True] * 3
    assert errors == [(i, "RuntimeError: the linker broke") for i in (1, 4, 7)]


def test_without_on_error_the_error_is_raised(fails_on_boom):
    with pytest.raises(RuntimeError):
        list(extract_entities([GOOD, BAD]))


def test_a_batch_that_fails_text_by_text_is_the_pipelines_fault_and_raised(fails_on_boom):
    with pytest.raises(RuntimeError):
        list(extract_entities([BAD, BAD, GOOD], batch_size=2, on_error=lambda i, message: None))


def test_a_build_reports_the_paper_with_its_file_and_line_and_writes_the_rest(fails_on_boom, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(
        '{"title": "Good", "abstract": "%s"}\n{"title": "Bad", "abstract": "%s"}\n' % (GOOD, BAD), encoding="utf-8")
    result = kg.build(tmp_path / "in", tmp_path / "out")
    assert [(p.file, p.line) for p in result.problems] == [("a.jsonl", 2)]
    assert "extraction failed (RuntimeError: the linker broke)" in result.problems[0].message
    by_title = {p["title"]: p for p in result.papers}
    assert by_title["Bad"]["entities"] == [] and by_title["Good"]["entities"]
    assert (tmp_path / "out" / "kg.ttl").exists()
