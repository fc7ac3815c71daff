"""Unit tests of the read stage: discovery, doc ids, decoding."""

import logging

import pytest

from graphbuild.corpus import discover, read_documents
from graphbuild.errors import InputError


def test_folder_is_searched_recursively_and_ids_are_relative(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Iran.", "utf-8")
    (tmp_path / "sub" / "a.md").write_text("Iraq.", "utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    assert [i for _, i in discover([tmp_path])] == ["b.txt", "sub/a.md"]


def test_missing_path_and_empty_folder_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        discover([tmp_path / "nope"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="folder has no article files"):
        discover([tmp_path / "empty"])


def test_latin1_falls_back_with_a_warning_naming_the_file(tmp_path, caplog):
    f = tmp_path / "old.txt"
    f.write_bytes("Caf\xe9 owner met Nasrallah.".encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        (doc,) = list(read_documents([f]))
    assert doc.text == "Café owner met Nasrallah."
    assert "old.txt" in caplog.text and "UTF-8" in caplog.text


def test_bom_is_dropped_and_binary_is_skipped(tmp_path, caplog):
    (tmp_path / "bom.txt").write_bytes("\ufeffIran.".encode("utf-8"))
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        docs = list(read_documents([tmp_path]))
    assert [(d.id, d.text) for d in docs] == [("bom.txt", "Iran.")]
    assert "img.txt" in caplog.text and "binary" in caplog.text
