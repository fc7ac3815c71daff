"""graphbuild: news articles in, an explorable network of people, groups and states out."""

__version__ = "0.1.0"

from .export import export_all  # noqa: E402
from .pipeline import BuildConfig, BuildResult, build, build_graph  # noqa: E402

__all__ = ["build_graph", "build", "export_all", "BuildConfig", "BuildResult", "__version__"]
