"""The README is the front door and the docs/ pages it links are the reference (issue 32 item 9): the first
screen says what HallPay is, the two commands, a picture, the keys and where to read on; every link resolves;
docs/cli.md names every command the parser has."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_SCREEN = 80  # lines
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_the_first_screen_of_the_readme_is_what_a_new_user_needs():
    first = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:FIRST_SCREEN])
    for needed in (
        "make run",
        "make test",
        "](docs/counter.png)",
        "## At the counter",
        "| F1 |",
        "## Read on",
    ):
        assert needed in first, needed
    for page in ("docs/guide.md", "docs/cli.md", "docs/wallets.md", "docs/head-office.md", "docs/install.md"):
        assert f"]({page})" in first, page


def test_every_relative_link_of_the_readme_and_docs_resolves():
    broken = []
    for page in [ROOT / "README.md", ROOT / "ARCHITECTURE.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if "://" not in target and not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert broken == []


def test_the_command_line_reference_names_every_command():
    # the parser as main.py builds it in a source checkout (nothing imports main: test_layers)
    from bench.cli import register as bench
    from bench.simulate.command import register as simulate
    from cli.commands import build_parser

    parser = build_parser([bench, simulate])
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    listed = {a.dest for a in sub._choices_actions}  # what --help lists (stall-probe is a hidden child)
    central = sub.choices["central"]
    [group] = [a for a in central._actions if a.dest == "group"]
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [
        name for name in sorted(listed | {"console"}) if not re.search(rf"(main\.py \[?|\| ){name}\b", text)
    ]
    missing += [f"central {g}" for g in sorted(group.choices or ()) if not re.search(rf"\b{g}\b", text)]
    assert missing == []
