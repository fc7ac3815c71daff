"""Run graphbuild as ``python -m graphbuild``."""

from .cli import main

main()
