"""A per-process cache bounded by bytes, for the public page cache's default backend.

Django's LocMemCache bounds the number of entries only; a page can weigh hundreds of
kilobytes, so a count alone lets a worker grow far past what an operator planned for.
This backend keeps Django's least-recently-used order and also drops the least recently
used entries once the pickled values together pass MAX_BYTES.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

_sizes: dict[str, dict[str, int]] = {}


class BoundedLocMemCache(LocMemCache):
    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", 64 * 1024 * 1024))
        self._size = _sizes.setdefault(name, {})

    @property
    def total_bytes(self) -> int:
        return sum(self._size.values())

    def _set(self, key: str, value: bytes, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        if len(value) > self.max_bytes:
            self._delete(key)  # too big to keep at all: never evict everything for one page
            return
        super()._set(key, value, timeout)
        self._size[key] = len(value)
        total = self.total_bytes
        while total > self.max_bytes and self._cache:
            # popitem() takes the least recently used entry (LocMemCache keeps it last).
            evicted, _ = self._cache.popitem()
            self._expire_info.pop(evicted, None)
            total -= self._size.pop(evicted, 0)
        self._forget_culled()

    def _forget_culled(self) -> None:
        # LocMemCache._cull() removes entries without telling us; drop their sizes too.
        if len(self._size) != len(self._cache):
            for key in [key for key in self._size if key not in self._cache]:
                del self._size[key]

    def _delete(self, key: str) -> bool:
        self._size.pop(key, None)
        return super()._delete(key)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._size.clear()
