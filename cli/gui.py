"""The window: `gui` (the counter) and `screenshot` (a page rendered offscreen)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bootstrap import Services, open_terminal

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    add("gui", cmd_gui, "the counter window (default)")
    p = add("screenshot", cmd_screenshot, "render a GUI page offscreen to a PNG")
    p.add_argument("--page", default="counter")
    p.add_argument("--lang", choices=["zh_CN", "en"], default=None, help="default: config's language")
    p.add_argument("out")


def cmd_gui(w: Services, args: argparse.Namespace) -> int:
    from cli.wallet import resolve_in_background
    from ui.app import run_gui

    acquirer = w.start_demo_acquirer()  # demo / training without acquirers: F4/F5 work against the simulator
    if acquirer is not None:
        print(
            f"收单模拟器（演示）在 {acquirer.sim.url} 运行，随窗口关闭；付款码：python main.py wallet code --kind "
            "alipay|wechat",
            file=sys.stderr,
        )
    try:
        resolve_in_background(
            w
        )  # scanned payments a crash left open: settled off the UI thread, never blocking
        return run_gui(w)
    finally:
        if acquirer is not None:
            acquirer.stop()  # with the window; its trades stay in the data directory for the next one


def cmd_screenshot(w: Services, args: argparse.Namespace) -> int:
    """Render on a throwaway copy of the data dir: the showcase payments never reach the real journal,
    and the receipts go to a file printer inside the copy, never to the hall's printer (issue 16)."""
    import tempfile

    from db.scratch_copy import scratch_copy

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.screenshot import render_page

    out = Path(args.out).resolve()
    with tempfile.TemporaryDirectory(prefix="hallpay-screenshot-") as tmp:
        scratch = open_terminal(scratch_copy(w.data_dir, Path(tmp) / "data"), generated_customers=0)
        scratch.config.data["printer"] = {**scratch.config.section("printer"), "kind": "file"}
        scratch.config.data.pop("backup", None)  # no backup of the throwaway copy over the real one
        try:
            render_page(scratch, args.page, out, args.lang)
        finally:
            scratch.store.close()
    print(args.out)
    return 0
