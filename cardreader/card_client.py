"""The counter's side of the card protocol, over any `transmit(command) -> response` function: builds the
APDUs of APDU.md, checks status words, parses the files into app.ports.CardImage. The PC/SC reader and the
in-process simulator both drive the card through this class, so the simulator exercises the same code.

APDUs per operation: read_card 5 (SELECT, GET SERIAL, READ identity, wallet, return-write);
write_wallet 2 (SELECT, LOAD PURCHASE); personalise 2 (SELECT, PERSONALISE).
"""

from __future__ import annotations

from collections.abc import Callable

from app.messages import Phrase, coded, message
from app.ports import CardError, CardImage
from cardreader import apdu as A

Transmit = Callable[[bytes], bytes]

NO_CARD = "card.no_card"  # app/message_table.py codes: the window and the CLI say them in their language
REMOVED = "card.removed"

_SW_SENTENCES = {
    A.SW_NOT_FOUND: "card.sw.not_found",
    A.SW_SERIAL_MISMATCH: "card.sw.serial_mismatch",
    A.SW_SECURITY: "card.sw.security",
    A.SW_CONDITIONS: "card.sw.conditions",
    A.SW_WRONG_DATA: "card.sw.wrong_data",
}


class CardProtocolError(CardError):
    """The card answered with an error status word. `sw` holds it."""

    def __init__(self, code: str, sw: int, **params: object) -> None:
        super().__init__(message(code, **params))
        self.sw, self.code, self.params = sw, code, params


class CardClient:
    def __init__(self, transmit: Transmit) -> None:
        self._transmit = transmit
        self.apdu_count = 0

    def _send(self, command: bytes, what: str) -> bytes:
        self.apdu_count += 1
        resp = self._transmit(command)
        try:
            data, sw = A.split_response(resp)
        except A.FormatError:
            raise coded(CardError, "card.bad_answer", step=Phrase(what)) from None
        if sw != A.SW_OK:
            if sw in _SW_SENTENCES:
                raise CardProtocolError(_SW_SENTENCES[sw], sw)
            raise CardProtocolError("card.sw.other", sw, step=Phrase(what), sw_hex=f"{sw:04X}")
        return data

    def select(self) -> None:
        self._send(A.select_app(), "card.step.select")

    def get_serial(self) -> str:
        raw = self._send(A.get_serial(), "card.step.serial")
        try:
            return A.unpad(raw)
        except A.FormatError:
            raise coded(CardError, "card.bad_serial") from None

    def _read(self, sfi: int, what: str) -> bytes:
        data = self._send(A.read_binary(sfi), what)
        if len(data) != A.FILE_LEN[sfi]:
            raise coded(CardError, "card.bad_length", step=Phrase(what))
        return data

    def read_card(self) -> CardImage:
        self.select()
        chip_serial = self.get_serial()
        identity = self._read(A.SFI_IDENTITY, "card.step.identity")
        wallet = self._read(A.SFI_WALLET, "card.step.wallet")
        rw = self._read(A.SFI_RETURN_WRITE, "card.step.return_write")
        try:
            if identity == bytes(A.IDENTITY_LEN):  # blank card: not personalised
                serial, customer_no, meter_no = chip_serial, "", ""
            else:
                serial, customer_no, meter_no = A.decode_identity(identity)
            w = A.decode_wallet(wallet)
            return_write = A.decode_return_write(rw)
        except A.FormatError:
            raise coded(CardError, "card.bad_format") from None
        if serial != chip_serial:
            raise coded(CardError, "card.cloned")
        return CardImage(serial, customer_no, meter_no, w.purchase_fen, w.purchase_count, w.mac, return_write)

    def write_wallet(self, serial: str, purchase_fen: int, purchase_count: int, mac: bytes) -> None:
        command = self._build(A.load_purchase, serial, purchase_fen, purchase_count, mac)
        self.select()
        self._send(command, "card.step.write")

    def personalise(
        self, serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int, mac: bytes
    ) -> None:
        command = self._build(A.personalise, serial, customer_no, meter_no, purchase_fen, purchase_count, mac)
        self.select()
        self._send(command, "card.step.issue")

    @staticmethod
    def _build(builder: Callable[..., bytes], *args: object) -> bytes:
        try:
            return builder(*args)
        except A.FormatError as exc:
            raise ValueError(f"cannot encode card data: {exc}") from None
