"""The command line's command groups, one module each (DESIGN.md): main.py parses, bootstraps and dispatches.

May import app, db, printing, cardreader and bootstrap; ui only lazily, for `gui` and `screenshot`; never main
or bench. Output goes through cli/render.py.
"""
