"""Unit tests of the read stage: discovery, doc ids, decoding."""

import logging

import pytest

from graphbuild.corpus import discover, read_documents
from graphbuild.errors import InputError

pytestmark = pytest.mark.unit


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


def test_ids_are_unique_across_files_and_folders(tmp_path, caplog):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Iran and Iraq met.", "utf-8")
    (tmp_path / "b" / "x.txt").write_text("Rouhani went to Moscow.", "utf-8")
    (tmp_path / "r.csv").write_text("id,text\nA1,Merkel spoke.\n", "utf-8")
    (tmp_path / "r2.csv").write_text("id,text\nA1,Macron answered.\nA1,Putin too.\n", "utf-8")
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        docs = list(read_documents([tmp_path / "a", tmp_path / "b", tmp_path / "a" / "x.txt",
                                    tmp_path / "r.csv", tmp_path / "r2.csv"]))
    got = {d.id: d.text for d in docs}
    # the file given twice is read once; the other x.txt and the repeated A1s get suffixes, with a warning
    assert got == {"x.txt": "Iran and Iraq met.", "x.txt#2": "Rouhani went to Moscow.", "A1": "Merkel spoke.",
                   "A1#2": "Macron answered.", "A1#3": "Putin too."}
    assert caplog.text.count("duplicate id") == 3


def test_hidden_folders_are_left_out(tmp_path):
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "a-checkpoint.txt").write_text("Iran.", "utf-8")
    (tmp_path / "a.txt").write_text("Iraq.", "utf-8")
    assert [d.id for d in read_documents([tmp_path])] == ["a.txt"]


def test_an_output_folder_inside_the_corpus_is_not_read_back_as_articles(tmp_path, caplog):
    from graphbuild.corpus import OUTPUT_MARK

    (tmp_path / "a.txt").write_text("Iraq.", "utf-8")
    out = tmp_path / "output"
    out.mkdir()
    (out / "edges.csv").write_text("Source,Target\nx,y\n", "utf-8")
    (out / "mentions.jsonl").write_text('{"doc": "a.txt", "text": "Iraq"}\n', "utf-8")
    (out / OUTPUT_MARK).write_text("{}", "utf-8")
    (tmp_path / "more").mkdir()  # a folder of articles that merely has an output folder's file names
    (tmp_path / "more" / "edges.csv").write_text("id,text\nr1,Iran.\n", "utf-8")
    with caplog.at_level("WARNING", logger="graphbuild"):
        assert [d.id for d in read_documents([tmp_path])] == ["a.txt", "r1"]
    assert "output: skipped, a graphbuild output folder" in caplog.text
    caplog.clear()
    from graphbuild.corpus import count_documents

    with caplog.at_level("WARNING", logger="graphbuild"):
        assert count_documents([tmp_path]) == 2
    assert caplog.text == ""  # the progress bar's count does not repeat the reader's warnings


@pytest.mark.e2e
def test_a_build_with_the_same_record_id_in_two_files(tmp_path):
    import gzip

    from graphbuild.pipeline import BuildConfig, build

    data = "id,text\nA1,Hassan Rouhani met Angela Merkel in Berlin. Iran and Germany agreed.\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.csv").write_text(data, "utf-8")
    with gzip.open(tmp_path / "in" / "r.csv.gz", "wt", encoding="utf-8") as f:
        f.write(data.replace("Berlin", "Bonn"))
    r = build([tmp_path / "in"], BuildConfig(cache=tmp_path / "c.sqlite"))
    assert {m["doc"] for m in r.mentions} == {"A1", "A1#2"}
    assert r.stats["documents"] == 2


# --- documents found again by path and line (cluster workers reading a shared file system) -----------

def test_a_reader_elsewhere_finds_text_files_and_jsonl_records_again(tmp_path):
    import gzip
    import json

    from graphbuild.corpus import CorpusOptions, locate, read_located

    (tmp_path / "a.txt").write_text("Title: Talks\nDate: 2024-01-02\n\nAngela Merkel met Olaf Scholz.", "utf-8")
    (tmp_path / "b.md").write_bytes("Emmanuel Macron in Paris. Caf\u00e9 talk.".encode("cp1252"))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"Hezbollah in Beirut.\x00"))
    lines = [json.dumps({"id": "r1", "body": "Qassem Soleimani in Baghdad."}), "",
             json.dumps({"id": "r2", "body": "NATO in Brussels \u2014 \u00e9t\u00e9.\u0000"}, ensure_ascii=False),
             json.dumps({"id": "r3", "body": "Erdogan in Ankara."})]
    (tmp_path / "d.jsonl").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))  # a BOM, no final newline
    options = CorpusOptions(text_field="body")
    docs = list(read_documents([tmp_path], options))
    assert [d.id for d in docs] == ["a.txt", "b.md", "c.txt", "r1", "r2", "r3"]
    where = [locate(d) for d in docs]
    assert where[0] == (str(tmp_path / "a.txt"), 0) and where[4] == (str(tmp_path / "d.jsonl"), 3)
    assert [read_located(*w, options) for w in where] == [d.text for d in docs]
    assert docs[0].text.startswith(" " * 10)  # the header is blanked on both sides, offsets kept


def test_csv_records_and_records_of_compressed_files_must_be_sent(tmp_path):
    import gzip

    from graphbuild.corpus import locate

    (tmp_path / "a.csv").write_text('id,text\nx1,"Angela Merkel\nin Berlin."\n', "utf-8")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x2", "text": "NATO in Brussels."}\n'))
    docs = list(read_documents([tmp_path]))
    assert [d.id for d in docs] == ["x1", "x2"] and [locate(d) for d in docs] == [None, None]


def test_a_file_changed_or_gone_is_never_read_as_the_first_reader_read_it(tmp_path):
    import json

    from graphbuild.corpus import CorpusOptions, locate, read_located

    options = CorpusOptions()
    (tmp_path / "a.txt").write_text("Angela Merkel met Olaf Scholz.", "utf-8")
    rows = [json.dumps({"id": f"r{i}", "text": f"Story {i} about NATO."}) for i in range(3)]
    (tmp_path / "b.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    (tmp_path / "c.jsonl").write_bytes("\r".join(rows).encode())  # lone CRs: Python's text mode splits there
    docs = {d.id: d for d in read_documents([tmp_path])}
    assert len(docs) == 7  # c.jsonl's records are r0#2, r1#2, r2#2
    assert read_located(*locate(docs["r1"]), options) == "Story 1 about NATO."
    c = [d for d in read_documents([tmp_path]) if d.source.startswith(str(tmp_path / "c.jsonl"))]
    assert len(c) == 3 and [read_located(*locate(d), options) for d in c] == [None, None, None]
    (tmp_path / "b.jsonl").write_text("\n".join([rows[0], rows[2], rows[1]]) + "\n", "utf-8")
    assert read_located(*locate(docs["r1"]), options) == "Story 2 about NATO."  # the caller's digest differs
    (tmp_path / "a.txt").unlink()
    assert read_located(*locate(docs["a.txt"]), options) is None


def test_quiet_silences_the_warnings_of_its_own_thread_only(caplog):
    import threading

    from graphbuild.corpus import log, quiet

    entered, done = threading.Event(), threading.Event()

    def reader():
        with quiet():
            entered.set()
            log.warning("hidden")
            done.wait(5)

    t = threading.Thread(target=reader)
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        t.start()
        entered.wait(5)
        log.warning("shown while another thread is quiet")
        done.set()
        t.join()
        log.warning("shown after")
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["shown while another thread is quiet", "shown after"]


def test_a_compressed_text_file_broken_since_it_was_read_is_not_read(tmp_path):
    import gzip

    from graphbuild.corpus import CorpusOptions, locate, read_located

    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Angela Merkel in Berlin."))
    doc = next(read_documents([tmp_path]))
    assert read_located(*locate(doc), CorpusOptions()) == "Angela Merkel in Berlin."
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Angela Merkel in Berlin.")[:12])
    assert read_located(*locate(doc), CorpusOptions()) is None
