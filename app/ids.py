"""Typed identifiers, so a customer number is never passed where a receipt number belongs."""

from typing import NewType

CustomerNo = NewType("CustomerNo", str)
TerminalId = NewType("TerminalId", str)
ReceiptNo = NewType("ReceiptNo", str)
ClerkId = NewType("ClerkId", str)
EntryId = NewType("EntryId", str)
