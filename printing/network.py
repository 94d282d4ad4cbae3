"""kind = "network": a printer on TCP port 9100 (raw/JetDirect), over a plain socket.

One connection per job, and one deadline for all of it (connect, status, job, status): the call
returns within ``timeout_s`` (default 3 s) whatever the printer does: refuses, never answers,
or drops the line mid-job. python-escpos' Network printer waits 60 s by default and leaves the
status read unbounded, which is why this adapter speaks the socket itself.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from pathlib import Path

from app.messages import coded
from printing.device import DevicePrinter, Link, LinkError

DEFAULT_PORT = 9100
DEFAULT_TIMEOUT_S = 3.0


def _resolve(host: str, port: int, timeout: float) -> tuple[str, int]:
    """getaddrinfo has no timeout of its own: bound a name lookup by running it in a thread."""
    try:
        ipaddress.ip_address(host)
        return host, port
    except ValueError:
        pass
    found: list[tuple[str, int]] = []

    def lookup() -> None:
        try:
            info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            address = info[0][4]
            found.append((str(address[0]), int(address[1])))
        except OSError:
            pass

    worker = threading.Thread(target=lookup, name="printer-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if not found:
        raise coded(LinkError, "printer.no_host", host=host)
    return found[0]


class TcpLink(Link):
    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self.deadline = time.monotonic() + timeout_s
        self.where = f"{host}:{port}"
        self.written = False
        self.sock: socket.socket | None = None
        address = _resolve(host, port, timeout_s)
        try:
            self.sock = socket.create_connection(address, timeout=self._remaining())
        except TimeoutError:
            raise coded(LinkError, "printer.connect_timeout", where=self.where) from None
        except OSError:
            raise coded(LinkError, "printer.connect_refused", where=self.where) from None

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("printer deadline passed")
        return left

    def _broken(self, exc: Exception) -> LinkError:
        if isinstance(exc, TimeoutError):
            if self.written:
                return coded(LinkError, "printer.stopped_mid_job")
            return coded(LinkError, "printer.host_silent", where=self.where)
        if self.written:
            return coded(LinkError, "printer.cut_mid_job")
        return coded(LinkError, "printer.cut", where=self.where)

    def write(self, data: bytes) -> None:
        assert self.sock is not None
        self.written = True
        try:
            self.sock.settimeout(self._remaining())
            self.sock.sendall(data)
        except OSError as exc:  # TimeoutError is an OSError
            raise self._broken(exc) from None

    def query(self, command: bytes) -> int:
        assert self.sock is not None
        try:
            self.sock.settimeout(self._remaining())
            self.sock.sendall(command)
            self.sock.settimeout(self._remaining())
            answer = self.sock.recv(1)
        except OSError as exc:
            raise self._broken(exc) from None
        if not answer:
            raise self._broken(ConnectionResetError("printer closed the connection"))
        return answer[0]

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None


class NetworkPrinter(DevicePrinter):
    kind = "network"

    def __init__(
        self,
        receipts_dir: Path,
        *,
        host: str,
        port: int = DEFAULT_PORT,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        columns: int = 32,
        image_mode: bool = False,
        cash_drawer: bool = False,
    ) -> None:
        super().__init__(receipts_dir, columns=columns, image_mode=image_mode, cash_drawer=cash_drawer)
        self.host, self.port, self.timeout_s = host, port, timeout_s

    def unusable_reason(self) -> str:
        return "" if self.host else "网络打印机没有设置地址，请在设置中填写打印机 IP"

    def open_link(self) -> Link:
        return TcpLink(self.host, self.port, self.timeout_s)
