"""Benchmarks and probes (`python main.py bench`): not the product.

Nothing outside bench/ imports it but the entry point (main.py) and the tests; the PyInstaller build and the
installed package leave it out. It may import every layer, the bootstrap and cli/render.
"""
