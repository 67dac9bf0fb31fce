#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent reader of the transfer file, written from
docs/transfer-format.md alone (Python's hashlib.scrypt and the cryptography
package), run on the test vector of that page. Prints TAP.

Usage: transfer-reader.py docs/transfer-format.md"""
import hashlib
import hmac
import re
import struct
import sys
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"SOFTXFER"
HEADER = 44
TAG = 16
MAX_FILE = 1024 * 1024
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class Refused(Exception):
    pass


def read(data, passphrase):
    if len(data) > MAX_FILE:
        raise Refused("TOO_LARGE")
    if not data or data[:8] != MAGIC[:len(data[:8])]:
        raise Refused("NOT_A_TRANSFER_FILE")
    if len(data) < 9:
        raise Refused("DAMAGED_FILE")
    if data[8] != 1:
        raise Refused("UNSUPPORTED_VERSION")
    if len(data) < HEADER:
        raise Refused("DAMAGED_FILE")
    cost, r, p = data[9], data[10], data[11]
    if not 14 <= cost <= 20 or r != 8 or p != 1:
        raise Refused("BAD_PARAMETERS")
    (length,) = struct.unpack(">I", data[40:44])
    if not 90 <= length <= MAX_FILE - HEADER - TAG or len(data) != HEADER + length + TAG:
        raise Refused("DAMAGED_FILE")

    password = unicodedata.normalize("NFKC", passphrase).encode("utf-8")
    key = hashlib.scrypt(password, salt=data[12:28], n=1 << cost, r=8, p=1,
                         maxmem=128 * r * ((1 << cost) + 2) + 128 * r * p + (1 << 20), dklen=32)
    try:
        payload = AESGCM(key).decrypt(data[28:40], data[HEADER:], data[:HEADER])
    except InvalidTag:
        raise Refused("BAD_PASSPHRASE")
    return parse_payload(payload)


def parse_payload(payload):
    position = 0

    def take(n):
        nonlocal position
        if position + n > len(payload):
            raise Refused("DAMAGED_FILE")
        chunk = payload[position:position + n]
        position += n
        return chunk

    def number(n, low, high):
        value = int.from_bytes(take(n), "big")
        if not low <= value <= high:
            raise Refused("DAMAGED_FILE")
        return value

    def text(low):
        raw = take(number(2, low, 256))
        if b"\0" in raw:
            raise Refused("DAMAGED_FILE")
        return raw.decode("utf-8") or None

    transfer_id = take(16).hex()
    confirmation_secret = take(32)
    credentials = []
    for _ in range(number(2, 1, 100)):
        credential = {
            "id": text(1), "issuer": text(0), "label": text(0),
            "kind": ["totp", "hotp"][number(1, 0, 1)],
            "algorithm": ["sha1", "sha256", "sha512"][number(1, 0, 2)],
            "digits": number(1, 6, 8), "period": number(2, 1, 300),
            "counter": number(8, 0, 2**64 - 1), "created": number(8, 0, 2**63 - 1),
        }
        credential["secret"] = take(number(2, 10, 128))
        if any(c["id"] == credential["id"] for c in credentials):
            raise Refused("DAMAGED_FILE")
        credentials.append(credential)
    if position != len(payload):
        raise Refused("DAMAGED_FILE")
    return transfer_id, confirmation_secret, credentials


def confirmation_code(secret):
    mac = hmac.new(secret, b"Soft Token confirmation code v1", hashlib.sha256).digest()
    bits = int.from_bytes(mac[:5], "big")
    return "".join(ALPHABET[(bits >> (35 - 5 * i)) & 31] for i in range(8))


def hotp(credential, counter):
    mac = hmac.new(credential["secret"], struct.pack(">Q", counter),
                   getattr(hashlib, credential["algorithm"])).digest()
    offset = mac[-1] & 15
    value = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10 ** credential["digits"]).zfill(credential["digits"])


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    hex_text = re.search(r"### File\n.*?```\n(.*?)```", page, re.S).group(1)
    data = bytes.fromhex("".join(hex_text.split()))
    checks = []

    transfer_id, secret, credentials = read(data, "correct horse battery staple")
    (credential,) = credentials
    checks.append(("the vector decodes to the documented credential", credential == {
        "id": "SOFT12345674", "issuer": "Example Bank", "label": "Everyday login",
        "kind": "hotp", "algorithm": "sha256", "digits": 8, "period": 30,
        "counter": 42, "created": 1764028800, "secret": b"12345678901234567890",
    }))
    checks.append(("transfer ID", transfer_id == "176a41249efffb22e9f187e18a8f9cb8"))
    checks.append(("confirmation code", confirmation_code(secret) == "TJ7409CE"))
    checks.append(("HOTP code for counter 42", hotp(credential, 42) == "47411693"))

    def refused_with(file, passphrase="correct horse battery staple"):
        try:
            read(file, passphrase)
        except Refused as error:
            return str(error)
        return None

    checks.append(("wrong passphrase", refused_with(data, "correct horse battery stapl") == "BAD_PASSPHRASE"))
    checks.append(("trailing byte", refused_with(data + b"\0") == "DAMAGED_FILE"))
    checks.append(("cost 21", refused_with(data[:9] + b"\x15" + data[10:]) == "BAD_PARAMETERS"))

    print(f"1..{len(checks)}")
    for number, (name, ok) in enumerate(checks, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
