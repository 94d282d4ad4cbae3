"""How long work tells how far it got: a plain callable, `progress(done, total)`.

The work (a bulk load, an import, a push of the journal, a restore) calls it between its own steps, from
whatever thread it runs on; the command line draws a bar (cli/progress.py), the window a dialog
(ui/progress.py). `total` is None while the work does not know it yet. The callable must be cheap: it
is called once per batch, never per row.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, "int | None"], None]


def no_progress(done: int, total: int | None) -> None:
    """The default: nobody is watching."""
