"""The counter's side of the card protocol, over any `transmit(command) -> response` function: builds the
APDUs of APDU.md, checks status words, parses the files into app.ports.CardImage. The PC/SC reader and the
in-process simulator both drive the card through this class, so the simulator exercises the same code.

APDUs per operation: read_card 5 (SELECT, GET SERIAL, READ identity, wallet, return-write);
write_wallet 2 (SELECT, LOAD PURCHASE); personalise 2 (SELECT, PERSONALISE).
"""

from __future__ import annotations

from collections.abc import Callable

from app.ports import CardError, CardImage
from cardreader import apdu as A

Transmit = Callable[[bytes], bytes]

NO_CARD = "读卡器上没有卡，请插入购电卡。"
REMOVED = "卡片在读写过程中被拔出，请重新插卡后重试。"

_SW_SENTENCES = {
    A.SW_NOT_FOUND: "这不是本系统的购电卡（找不到 HallPay 应用），请换卡。",
    A.SW_SERIAL_MISMATCH: "读卡器上的卡已被换成另一张卡，请放回原卡后重试。",
    A.SW_SECURITY: "此卡已发行过，不能再次发卡；补卡请使用新的空白卡。",
    A.SW_CONDITIONS: "卡片状态不允许此操作（空白卡或应用未选择），请核对卡片。",
    A.SW_WRONG_DATA: "卡片拒绝了写入的数据（购电次数不连续），请核对卡片与营业厅记录。",
}


class CardProtocolError(CardError):
    """The card answered with an error status word. `sw` holds it."""

    def __init__(self, message: str, sw: int) -> None:
        super().__init__(message)
        self.sw = sw


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
            raise CardError(f"卡片应答异常（{what}），请重新插卡后重试。") from None
        if sw != A.SW_OK:
            sentence = _SW_SENTENCES.get(sw, f"卡片拒绝了操作（{what}，状态字 {sw:04X}），请重新插卡后重试。")
            raise CardProtocolError(sentence, sw)
        return data

    def select(self) -> None:
        self._send(A.select_app(), "选择应用")

    def get_serial(self) -> str:
        raw = self._send(A.get_serial(), "读卡号")
        try:
            return A.unpad(raw)
        except A.FormatError:
            raise CardError("卡号无法识别，请换卡。") from None

    def _read(self, sfi: int, what: str) -> bytes:
        data = self._send(A.read_binary(sfi), what)
        if len(data) != A.FILE_LEN[sfi]:
            raise CardError(f"卡片文件长度不对（{what}），请换卡。")
        return data

    def read_card(self) -> CardImage:
        self.select()
        chip_serial = self.get_serial()
        identity = self._read(A.SFI_IDENTITY, "读身份文件")
        wallet = self._read(A.SFI_WALLET, "读钱包")
        rw = self._read(A.SFI_RETURN_WRITE, "读返写区")
        try:
            if identity == bytes(A.IDENTITY_LEN):  # blank card: not personalised
                serial, customer_no, meter_no = chip_serial, "", ""
            else:
                serial, customer_no, meter_no = A.decode_identity(identity)
            w = A.decode_wallet(wallet)
            return_write = A.decode_return_write(rw)
        except A.FormatError:
            raise CardError("卡内数据格式错误，卡片可能损坏，请交稽查人员处理。") from None
        if serial != chip_serial:
            raise CardError("卡内记录的卡号与芯片卡号不符，卡片可能被复制，请收卡并交稽查人员处理。")
        return CardImage(serial, customer_no, meter_no, w.purchase_fen, w.purchase_count, w.mac, return_write)

    def write_wallet(self, serial: str, purchase_fen: int, purchase_count: int, mac: bytes) -> None:
        command = self._build(A.load_purchase, serial, purchase_fen, purchase_count, mac)
        self.select()
        self._send(command, "写购电记录")

    def personalise(
        self, serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int, mac: bytes
    ) -> None:
        command = self._build(A.personalise, serial, customer_no, meter_no, purchase_fen, purchase_count, mac)
        self.select()
        self._send(command, "发卡")

    @staticmethod
    def _build(builder: Callable[..., bytes], *args: object) -> bytes:
        try:
            return builder(*args)
        except A.FormatError as exc:
            raise ValueError(f"cannot encode card data: {exc}") from None
