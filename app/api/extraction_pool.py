"""Extraction for `POST /articles`, in a separate process started on first use.

spaCy takes a second to load, hundreds of MB, and holds the GIL while it parses:
kept in a child process it neither slows other requests nor costs memory in a
read-only server. One child per API worker; a second POST waits for the first.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from app.partial_date import PartialDate

if TYPE_CHECKING:
    from app.extract.pipeline import Extractor
    from app.extract.schema import ArticleFacts

_extractor: Extractor | None = None


def _extract(article_id: str, text: str, published: str | None) -> ArticleFacts:
    """Runs in the child: the pipeline is loaded once and reused."""
    global _extractor
    if _extractor is None:
        from app.extract.pipeline import Extractor

        _extractor = Extractor()
    date = PartialDate.parse(published) if published else None
    return _extractor.extract(text, article_id=article_id, published=date)


class ExtractionPool:
    def __init__(self) -> None:
        self._executor: ProcessPoolExecutor | None = None

    async def extract(
        self, article_id: str, text: str, published: PartialDate | None
    ) -> ArticleFacts:
        if self._executor is None:
            # spawn, not fork: the server's threads and sockets must not be copied.
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(max_workers=1, mp_context=context)
        loop = asyncio.get_running_loop()
        value = published.value if published else None
        try:
            return await loop.run_in_executor(self._executor, _extract, article_id, text, value)
        except BrokenProcessPool:
            self.close()  # the child died (out of memory, killed): the next call starts another
            raise

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None
