"""A deterministic simulation of a province (issue 26): halls of real terminals and head office's ledger,
driven through the real services on a pinned, advancing clock, with invariants checked every day.

world.py builds the province, generator.py draws its customers and bills, actions.py is a clerk's day
(act_wallets.py payment codes through the acquirer simulator, act_cards.py IC-card recharges on the simulated
reader, act_office.py head office's policy changes, case decisions and the refunds paid out, act_desk.py
reprints and notices; act_common.py what they share),
faults.py what goes wrong, invariants.py what must still hold, digest.py the final state's fingerprint,
runner.py the loop and report.py what is printed. `python main.py simulate` (command.py) runs it.
"""
