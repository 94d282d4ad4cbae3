"""A fault-injecting TCP proxy on 127.0.0.1 for the sync tests (between a terminal and PostgreSQL).

Every accepted connection is piped to the target by two threads. A fault, armed with `arm()`, cuts
the next matching connection (both sockets closed, nothing more forwarded):
- `refuse`: at accept, before anything is sent;
- `client_bytes=N`: once N bytes went from client to server (mid-batch);
- `server_marker=b"COMMIT\\x00"`: when the server's reply carries the marker, which is dropped
  (the server committed, the client never hears so: "after commit, before the ack is read").
With `silent=True` the matching connection is not cut but goes silent (issue 25): from the fault on, nothing
is forwarded in either direction while both TCP connections stay open and keep being read (a NAT that forgot
the flow, Wi-Fi gone, a hung proxy: no RST, no FIN, no answer). `client_marker` matches the client's bytes
(`b"COMMIT"`: the commit is sent and never arrives, the server keeps the transaction and its locks), once
`client_after` went by on that connection (the push's INSERT: earlier short transactions pass).
`silenced` is set when a connection went silent; `release()` cuts the silent ones.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass


@dataclass
class Fault:
    refuse: bool = False
    client_bytes: int | None = None
    server_marker: bytes | None = None
    skip_markers: int = 0  # let this many marker replies through before cutting
    client_marker: bytes | None = None
    client_after: bytes | None = None  # count client markers only once this was sent (the push's INSERT)
    silent: bool = False  # go silent instead of cutting


class TcpProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(32)
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._fault: Fault | None = None
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self.cuts = 0
        self.silenced = threading.Event()
        self._silent: list[tuple[socket.socket, socket.socket]] = []
        self._closed = False
        threading.Thread(target=self._accept_loop, name="tcp-proxy", daemon=True).start()

    def arm(self, fault: Fault | None) -> None:
        with self._lock:
            self._fault = fault

    def cut_all(self) -> None:
        """Cut every open connection now (the network went down)."""
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for a, b in pairs:
            self._close(a, b)

    def release(self) -> None:
        """Cut the connections that went silent (the link is back; their peers learn they are gone)."""
        with self._lock:
            pairs, self._silent = self._silent, []
        for a, b in pairs:
            self._close(a, b)

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        self.release()
        self.cut_all()

    @staticmethod
    def _close(*socks: socket.socket) -> None:
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def _take_fault(self) -> Fault | None:
        with self._lock:
            fault, self._fault = self._fault, None
        return fault

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            fault = self._take_fault()
            if fault is not None and fault.refuse:
                self.cuts += 1
                self._close(client)
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                self._close(client)
                continue
            with self._lock:
                self._pairs.append((client, server))
            state = {"fault": fault, "sent": 0, "markers": 0, "silent": False, "after": False}
            threading.Thread(target=self._pipe, args=(client, server, state, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, state, False), daemon=True).start()

    def _go_silent(self, src: socket.socket, dst: socket.socket, state: dict) -> None:
        state["silent"] = True
        self.cuts += 1
        with self._lock:
            self._silent.append((src, dst))
        self.silenced.set()

    def _pipe(self, src: socket.socket, dst: socket.socket, state: dict, upstream: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if state["silent"]:
                    continue  # read and dropped: the peer's TCP sees its bytes taken, nothing comes back
                fault: Fault | None = state["fault"]
                if fault is not None and upstream and fault.client_after and fault.client_after in data:
                    state["after"] = True
                    data_after = data[data.index(fault.client_after) :]
                else:
                    data_after = data
                ready = fault is not None and (not fault.client_after or state["after"])
                if ready and fault and upstream and fault.client_marker and fault.client_marker in data_after:
                    state["markers"] += 1
                    if state["markers"] > fault.skip_markers and fault.silent:
                        self._go_silent(src, dst, state)
                        continue
                if fault is not None and upstream and fault.client_bytes is not None:
                    room = fault.client_bytes - state["sent"]
                    if len(data) >= room:
                        if room > 0:
                            dst.sendall(data[:room])
                        if fault.silent:
                            self._go_silent(src, dst, state)
                            continue
                        self.cuts += 1
                        break
                    state["sent"] += len(data)
                if fault is not None and not upstream and fault.server_marker and fault.server_marker in data:
                    state["markers"] += 1
                    if state["markers"] > fault.skip_markers:
                        self.cuts += 1
                        break
                dst.sendall(data)
        except OSError:
            pass
        self._close(src, dst)
