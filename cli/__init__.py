"""The command line's command groups, one module each (DESIGN.md): main.py registers and dispatches them.

May import app, db, printing and cardreader; never ui or main.
"""
