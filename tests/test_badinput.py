"""Bad input: each bad file is skipped with a warning naming it and why; --strict stops; outputs stay valid."""

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from graphbuild.cli import cli

from .conftest import ROOT

pytestmark = pytest.mark.e2e

GOOD = "Hassan Nasrallah met Qassem Soleimani in Beirut. Iran and Iraq watched.\n"


def build(src, out, *extra):
    return CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "--no-cache", "-q", *map(str, extra)])


def mentions(out):
    return [json.loads(line) for line in (Path(out) / "mentions.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, "utf-8")
    return src


def check_offsets(out, src, doc, encoding="utf-8"):
    text = (src / doc).read_bytes().decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    ms = [m for m in mentions(out) if m["doc"] == doc]
    assert ms, doc
    for m in ms:
        assert text[m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize("name, data, reason", [
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "binary"),
    ("empty.txt", b"", "empty"),
    ("zeros.txt", b"\x00" * 500 + b"Iran", "binary"),
    ("bad.jsonl", b'{"id": "x", "text": "Iran"}\n{oops\n', "not a JSON object"),
    ("notext.csv", b"id,body\n1,Iran and Iraq\n", "no 'text' column"),
    ("broken.txt.gz", b"not gzip at all", "not a valid .gz"),
])
def test_bad_file_is_skipped_with_a_reason(corpus, tmp_path, name, data, reason):
    (corpus / name).write_bytes(data)
    r = build(corpus, tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert name in r.output and reason in r.output
    assert any(m["doc"] == "good.txt" for m in mentions(tmp_path / "out"))
    r = build(corpus, tmp_path / "strict", "--strict")
    assert r.exit_code == 1 and name in r.output and "--strict" in r.output


def test_latin1_bom_crlf_and_nul_keep_exact_offsets(corpus, tmp_path):
    (corpus / "latin1.txt").write_bytes("José Martí met Hassan Nasrallah in Beirut.\n".encode("latin-1"))
    (corpus / "bom.txt").write_bytes("\ufeffQassem Soleimani visited Baghdad.\n".encode("utf-8"))
    (corpus / "crlf.txt").write_bytes(b"Mike Pompeo spoke.\r\n\r\nDonald Trump met Kim Jong Un in Hanoi.\r\n")
    (corpus / "nul.txt").write_bytes(b"Angela Merkel\x00 met Emmanuel Macron in Paris.\n")
    r = build(corpus, tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert "latin1.txt" in r.output and "not valid UTF-8" in r.output
    assert "nul.txt" in r.output and "NUL" in r.output
    check_offsets(tmp_path / "out", corpus, "latin1.txt", "cp1252")
    check_offsets(tmp_path / "out", corpus, "bom.txt")
    check_offsets(tmp_path / "out", corpus, "crlf.txt")
    nul = [m for m in mentions(tmp_path / "out") if m["doc"] == "nul.txt"]
    assert {m["text"] for m in nul} >= {"Angela Merkel", "Emmanuel Macron"}


def test_unreadable_file(corpus, tmp_path, monkeypatch):
    bad = corpus / "secret.txt"
    bad.write_text(GOOD, "utf-8")
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user
        real = Path.read_bytes

        def read_bytes(self):
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        bad.chmod(0)
    r = build(corpus, tmp_path / "out")
    assert r.exit_code == 0 and "secret.txt" in r.output and "Permission denied" in r.output


def test_broken_symlink_and_symlink_loop(corpus, tmp_path):
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "loop").symlink_to(corpus)
    r = build(corpus, tmp_path / "out")
    assert r.exit_code == 0, r.output
    assert "gone.txt" in r.output and "broken symbolic link" in r.output
    assert "loop" in r.output
    assert {m["doc"] for m in mentions(tmp_path / "out")} == {"good.txt"}
    r = build(corpus / "gone.txt", tmp_path / "out2")
    assert r.exit_code == 1 and "broken symbolic link" in r.output


@pytest.mark.slow
def test_20_mb_article(corpus, tmp_path):
    """A 20 MB article, far over spaCy's max_length (1,000,000): read, cleaned and extracted with
    exact offsets. Most of it is boilerplate so that the test does not spend minutes in NER; the
    splitting of long paragraphs is tested in test_scale with a lowered max_length."""
    filler = "READ ALSO  Markets rally as investors cheer results\n\n" * 400_000
    text = GOOD + "\n" + filler + "Mike Pompeo met Mustafa al-Kadhimi in Baghdad.\n"
    assert len(text.encode()) > 20_000_000
    (corpus / "huge.txt").write_text(text, "utf-8")
    r = build(corpus, tmp_path / "out")
    assert r.exit_code == 0, r.output
    check_offsets(tmp_path / "out", corpus, "huge.txt")
    assert "Mustafa al-Kadhimi" in {m["text"] for m in mentions(tmp_path / "out")}


def test_nothing_usable_is_an_error(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(b"")
    (src / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    r = build(src, tmp_path / "out")
    assert r.exit_code == 1 and "no readable articles" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "out" / "graph.graphml").exists()


def test_control_characters_and_formulas_never_break_outputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Hassan Nasrallah\x07 met\x0b Qassem Soleimani\x1b in Beirut.\n"
                               "=HYPERLINK(\"http://x\") Mike Pompeo said.\n", "utf-8")
    aliases = tmp_path / "a.csv"
    aliases.write_text('name,type,aliases,action\n"=cmd|\' /C calc\'!A0",PERSON,Mike Pompeo,\n', "utf-8")
    r = build(src, tmp_path / "out", "--aliases", aliases, "--format", "all")
    assert r.exit_code == 0, r.output
    out = tmp_path / "out"
    for f in ("graph.graphml", "graph.gexf"):
        etree.parse(str(out / f))  # a real XML parser accepts it
    nx.read_graphml(out / "graph.graphml")
    for f in ("entities.csv", "nodes.csv", "edges.csv"):
        for line in (out / f).read_text("utf-8").splitlines()[1:]:
            for cell in line.split(","):
                assert not cell.lstrip('"').startswith(("=", "+", "@")), (f, line)
    json.loads((out / "graph.json").read_text("utf-8"))


def test_two_builds_into_one_folder(corpus, tmp_path):
    from graphbuild.export.lock import output_lock

    out = tmp_path / "out"
    with output_lock(out):
        r = build(corpus, out)
    assert r.exit_code == 1 and "another graphbuild build is writing here" in r.output
    assert build(corpus, out).exit_code == 0  # the lock is gone with its holder


def _cached_documents(path):
    """Documents committed to an extraction cache so far (0 while it does not exist yet)."""
    import sqlite3

    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1) as db:
            return db.execute("SELECT count(*) FROM extraction").fetchone()[0]
    except sqlite3.Error:  # created but its table not yet committed, or locked for a moment
        return 0


STOP_AFTER_PUTS = r"""
import os, sys, time
from graphbuild.cache import ExtractionCache
from graphbuild.cli import main

STOP, FD = int(sys.argv[-2]), int(sys.argv[-1])
real_put = ExtractionCache.put
done = 0

def put(self, digest, record):
    global done
    real_put(self, digest, record)
    done += 1
    if done == STOP:  # tell the test how many records wait for a commit, then never go on by itself
        os.write(FD, f"{self.pending}\n".encode())
        time.sleep(3600)

ExtractionCache.put = put
sys.argv = ["graphbuild", "build", *sys.argv[1:-2]]
main()
"""


@pytest.mark.slow
def test_sigterm_leaves_previous_outputs_and_a_usable_cache(tmp_path):
    """SIGTERM after exactly 250 cached documents: one batch of 200 is committed and 50 are pending;
    ExtractionCache.close() commits those on the way out (records are whole), so a rebuild takes
    exactly 250 documents from the cache."""
    stop, documents = 250, 300
    src = tmp_path / "in"
    src.mkdir()
    names = ["Hassan Nasrallah", "Qassem Soleimani", "Mike Pompeo", "Angela Merkel", "Emmanuel Macron"]
    for i in range(documents):
        a, b = names[i % 5], names[(i + 2) % 5]
        (src / f"a{i:04d}.txt").write_text(f"{a} met {b} in Beirut on day {i}. " * 6, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    previous = {"graph.graphml": b"<previous/>", "graph.html": b"previous page"}
    for k, v in previous.items():
        (out / k).write_bytes(v)
    read_end, write_end = os.pipe()
    cmd = [sys.executable, "-c", STOP_AFTER_PUTS, str(src), "--out", str(out), "--jobs", "1", "-q", str(stop),
           str(write_end)]
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         pass_fds=(write_end,))
    os.close(write_end)  # the child holds the only write end: its death is an end of file here
    try:
        # The timeout is a hang guard only: the driver writes as soon as its 250th record is put.
        ready, _, _ = select.select([read_end], [], [], 300)
        signal_line = os.read(read_end, 64) if ready else b""
    finally:
        os.close(read_end)
    if not signal_line:
        p.kill()
        pytest.fail("the build never reached its 250th cached document: " + p.communicate()[1][-2000:])
    assert signal_line == b"50\n"  # 200 committed, 50 in the open transaction
    assert _cached_documents(out / "cache.sqlite") == 200
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 143, err
    assert "terminated" in err and "Traceback" not in err
    for k, v in previous.items():
        assert (out / k).read_bytes() == v
    assert not list(out.glob(".*.tmp"))
    assert not [f for f in out.iterdir() if f.name.startswith(".staging")]
    r = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "--jobs", "1"])
    assert r.exit_code == 0, r.output
    assert f"{documents} documents ({stop} from cache)" in r.output


def test_failure_while_writing_leaves_the_previous_outputs(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert build(corpus, out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    (corpus / "more.txt").write_text("Mike Pompeo met Mustafa al-Kadhimi in Baghdad.", "utf-8")
    import graphbuild.export.html as html

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(html, "write_html", boom)
    r = build(corpus, out)
    assert r.exit_code == 130 and "interrupted" in r.output
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


def test_an_output_folder_that_cannot_be_made_is_one_clear_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    for args in (["build", str(ROOT / "seeds"), "--out", str(blocker / "out"), "--no-cache", "-q"],
                 ["html", str(ROOT / "output" / "graph.graphml"), "-o", str(blocker / "x.html")]):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == 1, r.output
        assert isinstance(r.exception, SystemExit)  # not an OSError escaping with a traceback
        assert "a-file" in r.output and "a folder on this path is a file, not a folder" in r.output


def test_unknown_entity_types_and_broken_alias_csv_are_named(tmp_path):
    r = build(ROOT / "seeds", tmp_path / "o", "--types", "PERSON,BOGUS")
    assert r.exit_code == 2 and "unknown entity type 'BOGUS'" in r.output and "WORK_OF_ART" in r.output
    bad = tmp_path / "aliases.csv"
    bad.write_text('name,type,aliases\n"Quds Force,ORG,Quds\nHezbollah,ORG,\n', "utf-8")
    r = build(ROOT / "seeds", tmp_path / "o", "--aliases", bad)
    assert r.exit_code == 1 and "aliases.csv: not valid CSV" in r.output and "quote" in r.output


def test_records_without_the_id_field_are_named_by_line_with_a_warning(tmp_path):
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps({"key": "a", "text": GOOD}) + "\n" + json.dumps({"key": "b", "text": GOOD}) + "\n",
                   "utf-8")
    r = build(src, tmp_path / "o")
    assert r.exit_code == 0, r.output
    assert "2 of 2 records have no 'id' field" in r.output and "--id-field" in r.output
    docs = {json.loads(line)["doc"] for line in (tmp_path / "o" / "mentions.jsonl").read_text("utf-8").splitlines()}
    assert docs == {"r.jsonl:1", "r.jsonl:2"}
    r = build(src, tmp_path / "o2", "--id-field", "key")
    assert r.exit_code == 0 and "no 'key' field" not in r.output


SLOW_WRITER = r"""
import os, sys, time
import graphbuild.export as export
import graphbuild.export.html as html
from graphbuild.cli import main

export.PARALLEL_MIN_EDGES = 0  # the seeds' graph is written by two processes
PARENT, FLAG = os.getpid(), sys.argv[-1]

def slow_in_child(real):
    def writer(*args, **kwargs):
        if os.getpid() != PARENT:  # only the forked writer dawdles
            open(FLAG, "w").close()
            time.sleep(3600)  # never finishes by itself: the parent must stop it
        return real(*args, **kwargs)
    return writer

html.write_html = slow_in_child(html.write_html)
export.write_graphml = slow_in_child(export.write_graphml)
sys.argv = ["graphbuild", "build", *sys.argv[1:-1]]
main()
"""


def test_sigterm_while_two_processes_write_stops_both_and_keeps_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    previous = {"graph.graphml": b"<previous/>", "graph.html": b"previous page"}
    for k, v in previous.items():
        (out / k).write_bytes(v)
    started = tmp_path / "child-started"
    cmd = [sys.executable, "-c", SLOW_WRITER, str(ROOT / "seeds"), "--out", str(out), "--jobs", "2", "--no-cache",
           "-q", str(started)]
    p = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not started.exists() and time.time() < deadline and p.poll() is None:
        time.sleep(0.05)
    assert started.exists(), p.communicate()[1][-2000:]
    p.send_signal(signal.SIGTERM)
    # A parent that waited for its writer would hang for an hour: the timeout is a hang guard only.
    _, err = p.communicate(timeout=300)
    assert p.returncode == 143 and "terminated" in err and "Traceback" not in err, err
    for k, v in previous.items():
        assert (out / k).read_bytes() == v
    assert not [f for f in out.iterdir() if f.name.startswith(".staging-")]
    left = subprocess.run(["pgrep", "-f", str(started)], capture_output=True, text=True).stdout.split()
    assert not left  # neither the build nor its writer is still running


def test_the_library_refuses_unknown_entity_types_too():
    from graphbuild.errors import GraphbuildError
    from graphbuild.pipeline import BuildConfig, build, parse_types

    assert parse_types("person, org,PERSON") == ("PERSON", "ORG")
    with pytest.raises(GraphbuildError, match="unknown entity type 'BOGUS'"):
        build([ROOT / "seeds"], BuildConfig(types=["PERSON", "BOGUS"]))
