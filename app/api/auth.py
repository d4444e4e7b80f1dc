"""Who may write: bearer API keys, kept only as SHA-256 hashes, and a rate limit per key.

Keys are long random tokens (`article-facts api-key` makes one), so a plain SHA-256
is enough to make a leaked configuration useless without the keys themselves; a
slow password hash would only slow every request down.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Lock

KEY_HASH_PREFIX = "sha256:"
_KEY_HASH = re.compile(r"^sha256:[0-9a-f]{64}$")


class InvalidKeyHashError(ValueError):
    """`API_KEYS` holds something that is not a key hash."""


def new_api_key() -> tuple[str, str]:
    """A fresh key for a client and the hash to put in `API_KEYS`."""
    key = f"af_{secrets.token_urlsafe(32)}"
    return key, hash_api_key(key)


def hash_api_key(key: str) -> str:
    return KEY_HASH_PREFIX + hashlib.sha256(key.encode()).hexdigest()


def parse_key_hashes(value: str) -> tuple[str, ...]:
    """The comma-separated `API_KEYS` setting; refuses a plain key so none is ever stored."""
    hashes = tuple(item.strip().lower() for item in value.split(",") if item.strip())
    for number, item in enumerate(hashes, start=1):
        if not _KEY_HASH.match(item):  # never echoed: it may be a key pasted by mistake
            raise InvalidKeyHashError(
                f"API_KEYS entry {number} is not a key hash: give 'sha256:<64 hex digits>' "
                "entries, as printed by `article-facts api-key`; never the keys themselves"
            )
    return hashes


@dataclass(frozen=True)
class KeyCheck:
    """The outcome of reading an `Authorization` header."""

    key_hash: str | None
    """The matching configured hash, or None when there is no key or a wrong one."""
    presented: bool


def check_bearer(authorization: str | None, key_hashes: tuple[str, ...]) -> KeyCheck:
    """Compare against every configured hash in constant time, so timing tells nothing."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return KeyCheck(None, presented=False)
    presented = hash_api_key(token.strip()).encode()
    match = None
    for candidate in key_hashes:
        if hmac.compare_digest(presented, candidate.encode()):
            match = candidate
    return KeyCheck(match, presented=True)


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class RateLimiter:
    """A token bucket per key: `per_minute` requests a minute, bursts up to the same number.

    Per worker process: with N workers a key gets at most N times the limit, which the
    README says; a shared limit would need a shared store.
    """

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: Lock = field(default_factory=Lock)

    def retry_after(self, key: str) -> int:
        """0 when the request may go ahead (and is counted), else whole seconds to wait."""
        now = self.clock()
        rate = self.per_minute / 60
        with self._lock:
            bucket = self._buckets.setdefault(key, _Bucket(float(self.per_minute), now))
            bucket.tokens = min(self.per_minute, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0
            return max(1, math.ceil((1 - bucket.tokens) / rate))
