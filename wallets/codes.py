"""The customer's phone, for training and tests: payment codes (付款码) as the wallets show them.

Alipay codes begin with 25–30, WeChat codes with 10–15; both are 18 digits here (16–24 are valid). The last
two digits name the simulator's scenario for that code (00 = success), so a trainee can rehearse every case
with the scanner and the simulator alone.
"""

from __future__ import annotations

import random

from app.wallet import WalletKind

SCENARIOS = (
    "success",
    "userpaying_then_success",
    "userpaying_forever",
    "systemerror",
    "insufficient",
    "timeout_taken",
    "slow",
    "duplicate",
    "refund_retryable",  # paid; its first refund is made but answered ACQ.SYSTEM_ERROR / BIZERR_NEED_RETRY
    "replayed",  # the pay is answered with the genuine signed success of the wallet's previous trade
)


def payment_code(kind: WalletKind, scenario: str = "success", rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    prefix = rng.randint(25, 30) if kind is WalletKind.ALIPAY else rng.randint(10, 15)
    middle = "".join(str(rng.randint(0, 9)) for _ in range(14))
    return f"{prefix}{middle}{SCENARIOS.index(scenario):02d}"


def scenario_of(code: str) -> str:
    index = int(code[-2:]) if code[-2:].isdigit() else 0
    return SCENARIOS[index] if index < len(SCENARIOS) else "success"
