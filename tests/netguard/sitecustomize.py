"""Loaded by the child processes that run ``# run: subprocess`` snippets (tests/snippet_runner.py puts this
folder first on PYTHONPATH): like pytest-socket in the test process, it lets Python code connect to loopback
addresses only, so an example that reaches the network fails instead of passing on a connected machine."""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _allowed(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX paths
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need a DNS lookup: the network


def _guard(address: object) -> None:
    if not _allowed(address):
        raise ConnectionRefusedError(f"examples must not use the network (tried to reach {address!r})")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _guard(address)
    return _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _guard(address)
    return _connect_ex(self, address)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
