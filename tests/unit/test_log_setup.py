"""bootstrap.setup_logging: one log file per process, and no file opened and dropped for a second terminal."""

from __future__ import annotations

import logging
import logging.handlers

import bootstrap


def test_a_second_terminal_in_the_process_opens_no_log_file_of_its_own(tmp_path, monkeypatch):
    root = logging.getLogger()
    first = logging.handlers.RotatingFileHandler(tmp_path / "first.log", delay=True)
    monkeypatch.setattr(root, "handlers", [first])  # whatever this process had, put back afterwards
    monkeypatch.setattr(root, "level", root.level)
    monkeypatch.setattr(logging, "raiseExceptions", logging.raiseExceptions)
    bootstrap.setup_logging(tmp_path / "T02")
    # it used to open T02/logs/hallpay.log and drop the handler unclosed (a ResourceWarning per terminal)
    assert not (tmp_path / "T02" / "logs" / "hallpay.log").exists()
    assert root.handlers == [first]
