"""Head office's web console over the central ledger (issue 21): Flask + Jinja2, server-rendered.

Layer: may import app/, db/ and printing/; never ui/, cli/ or main. app/ never imports Flask."""
