"""Command groups of main.py that live in their own module (DESIGN.md: one module per command group)."""
