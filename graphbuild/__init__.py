"""graphbuild: news articles in, an explorable network of people, groups and states out."""

__version__ = "0.1.0"

__all__ = ["build_graph", "build", "export_all", "BuildConfig", "BuildResult", "__version__"]

#: Where each public name lives. They are imported on first use, so that a query command (which
#: needs neither the NER pipeline nor the exporters) starts without importing them: about 0.1 s.
_HOMES = {"export_all": "export", "BuildConfig": "pipeline", "BuildResult": "pipeline", "build": "pipeline",
          "build_graph": "pipeline"}


def __getattr__(name: str):
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
