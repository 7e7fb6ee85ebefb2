"""Structured logs: JSON lines (or key=value text) through the standard `logging` module.

`configure_logging` sends every `interdict.*` logger through structlog's formatter, so
the request events of api/metrics.py and the plain `logging` calls elsewhere
(the list watcher, the webhook worker) come out in one format. Log lines name routes,
never full URLs or query strings (a search's `q` is a person's name), and never
headers (they carry API keys).
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from typing import TextIO

import structlog

LOGGER = "interdict"


class LogFormat(StrEnum):
    JSON = "json"
    TEXT = "text"


def configure_logging(log_format: LogFormat, level: str, stream: TextIO = sys.stderr) -> None:
    """One handler on the `interdict` logger, rendering `log_format`; idempotent."""
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if log_format is LogFormat.JSON
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    )
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    root = logging.getLogger(LOGGER)
    root.handlers = [handler]
    root.setLevel(level.upper())
    root.propagate = False


def request_logger() -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.get_logger(f"{LOGGER}.request")
    return logger
