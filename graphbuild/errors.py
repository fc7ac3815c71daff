"""Errors that graphbuild reports to its user as one clear line."""

__all__ = ["GraphbuildError", "InputError"]


class GraphbuildError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback."""


class InputError(GraphbuildError):
    """A path, file or option given by the user cannot be used."""
