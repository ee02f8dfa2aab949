"""``memory.return_free_memory``: glibc's ``malloc_trim`` on Linux, nothing elsewhere."""

from __future__ import annotations

import sys

import pytest

from sendqa_build import memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc on Linux only")
def test_freed_memory_goes_back_to_the_system_on_linux() -> None:
    """A large freed block no longer counts in the resident memory after the call."""
    if memory._trim() is None:
        pytest.skip("not glibc")

    def resident() -> int:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1])

    blocks = [bytearray(1000) for _ in range(40_000)]  # 40 MB in small heap blocks
    keep = blocks[-1]
    del blocks
    before = resident()
    memory.return_free_memory()
    assert resident() < before
    assert keep


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    memory._trim.cache_clear()
    try:
        assert memory._trim() is None
        memory.return_free_memory()  # no error
    finally:
        memory._trim.cache_clear()
