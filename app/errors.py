"""Errors a clerk sees. Each carries one sentence that says what happened and what to do."""


class HallPayError(Exception):
    """Base of every refusal a user can cause; str(error) is the sentence shown to them."""


class InputError(HallPayError):
    """The input itself is malformed (amount, customer number, file row)."""


class NotFound(HallPayError):
    """The thing asked for does not exist (customer, receipt)."""


class Refused(HallPayError):
    """A business rule forbids the operation (nothing due, tendered too little, closed shift)."""


class DeviceError(HallPayError):
    """A printer or card reader failed; the money side is untouched or recorded as pending."""


class StoreUnavailable(HallPayError):
    """The local store cannot take a write now (locked, disk full, read-only)."""
