"""Settings, read once at the edge (the CLI's callback, `create_app`) and passed down.

Environment variables `INTERDICT_*` (media: `INTERDICT_MEDIA_*`); defaults run embedded:
a SQLite file under ./var and the list snapshots bundled in ./data/lists. Domain
functions never read settings: `services.py` hands them plain values. This module sits
beside `services` in the layers (ARCHITECTURE.md), so it may name domain defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from interdict.errors import ConfigError
from interdict.matching.registry import DEFAULT_MATCHER
from interdict.matching.score import DEFAULT_THRESHOLDS
from interdict.media.image import MAX_IMAGE_PIXELS
from interdict.media.pdq import PDQ_MATCH_DISTANCE

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_ENV = "INTERDICT_CONFIG"
DEFAULT_CONFIG_FILE = "interdict.toml"
ENV_PREFIX = "INTERDICT_"
MEDIA_ENV_PREFIX = "INTERDICT_MEDIA_"

#: Official download locations of the lists `interdict lists update` refreshes.
#: Each entry: list name -> (format, [urls]); several URLs form one multi-file version.
DEFAULT_SOURCES: dict[str, tuple[str, list[str]]] = {
    "un-sc-consolidated": (
        "un-xml",
        ["https://scsanctions.un.org/resources/xml/en/consolidated.xml"],
    ),
    "ofac-sdn": (
        "ofac-csv",
        [
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV",
        ],
    ),
    "ofac-consolidated": (
        "ofac-xml",
        [
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML"
        ],
    ),
    # The EU's public download; the token is the one the FSF site gives every visitor.
    "eu-fsf-consolidated": (
        "eu-fsf-xml",
        [
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
            "content?token=dG9rZW4tMjAxNw"
        ],
    ),
    "ca-sema-consolidated": (
        "ca-sema-xml",
        [
            "https://www.international.gc.ca/world-monde/assets/office_docs/"
            "international_relations-relations_internationales/sanctions/sema-lmes.xml"
        ],
    ),
    "au-dfat-consolidated": (
        "au-dfat-xls",
        ["https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xls"],
    ),
}


class MediaSettings(BaseSettings):
    """Media screening (`INTERDICT_MEDIA_*`); documented in docs/settings.md."""

    model_config = SettingsConfigDict(env_prefix=MEDIA_ENV_PREFIX, extra="ignore")

    index_dir: Path = Field(default_factory=lambda: Path.cwd() / "var" / "media-index")
    match_distance: int = Field(default=PDQ_MATCH_DISTANCE, ge=0, le=128)
    max_pixels: int = Field(default=MAX_IMAGE_PIXELS, ge=1)
    upload_limit_mb: float = Field(default=200.0, gt=0)
    frames_per_second: float = Field(default=1.0, gt=0, le=30)


class Settings(BaseSettings):
    """Every setting is documented in docs/settings.md (a test checks it)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database_url: str = Field(
        default_factory=lambda: f"sqlite:///{Path.cwd() / 'var' / 'interdict.db'}"
    )
    # Bounded waits on the database (docs/deployment.md): past any of them a call fails
    # with HTTP 503 and Retry-After instead of queueing behind a held lock.
    db_pool_size: int = Field(default=10, ge=1, le=1000)
    db_max_overflow: int = Field(default=10, ge=0, le=1000)
    db_pool_timeout_s: float = Field(default=10.0, gt=0, le=600)
    db_lock_timeout_s: float = Field(default=5.0, gt=0, le=600)
    db_statement_timeout_s: float = Field(default=30.0, gt=0, le=3600)
    bundled_lists_dir: Path = REPO_ROOT / "data" / "lists"
    shrink_limit: float = Field(default=0.10, ge=0.0, le=1.0)
    download_dir: Path = Field(default_factory=lambda: Path.cwd() / "var" / "downloads")
    download_timeout_s: float = Field(default=60.0, gt=0)
    sources: dict[str, tuple[str, list[str]]] = Field(default_factory=lambda: dict(DEFAULT_SOURCES))
    api_batch_limit: int = Field(default=100, ge=1, le=10_000)
    # Cost bounds of one API request (docs/settings.md; bench/request_limits.py).
    api_max_body_bytes: int = Field(default=1_000_000, ge=1_000, le=1_000_000_000)
    api_max_names: int = Field(default=10, ge=1, le=1_000)
    api_max_name_chars: int = Field(default=200, ge=10, le=100_000)
    api_max_batch_chars: int = Field(default=5_000, ge=10, le=10_000_000)
    # Every request answered within this time (504 past it; api/timeout.py).
    api_request_timeout_s: float = Field(default=30.0, gt=0, le=3600)
    # What `interdict serve` sets in uvicorn against slow clients (docs/deployment.md).
    serve_header_timeout_s: float = Field(default=10.0, gt=0, le=600)
    serve_keep_alive_s: int = Field(default=5, ge=1, le=600)
    serve_max_header_bytes: int = Field(default=16_384, ge=1_024, le=1_048_576)
    serve_max_concurrency: int = Field(default=200, ge=1, le=100_000)
    serve_backlog: int = Field(default=2048, ge=1, le=65_535)
    serve_shutdown_grace_s: int = Field(default=10, ge=0, le=600)
    # Server processes `interdict serve` runs on its port (cli/workers.py), and the
    # threads each runs its screens in (api/threads.py).
    serve_workers: int = Field(default=1, ge=1, le=64)
    serve_screen_threads: int = Field(default=2, ge=1, le=1000)
    # Lowest score that is a hit (CLI, batch, API); the default comes from the quality
    # benchmark (precision 0.95 on the dev set), see docs/matching.md.
    alert_threshold: float = Field(default=DEFAULT_THRESHOLDS.alert, ge=0.0, le=1.0)
    algorithm: str = DEFAULT_MATCHER
    # How often a server looks for new active list versions (seconds).
    list_check_s: float = Field(default=2.0, gt=0, le=3600)
    allow_list_days: int = Field(default=365, ge=1, le=3650)
    session_secret: str | None = Field(default=None, repr=False)
    session_hours: float = Field(default=8.0, gt=0, le=24 * 30)
    secure_cookies: bool = False
    media: MediaSettings = Field(default_factory=MediaSettings)
    # Where customer books' candidate indexes are kept between list imports (monitoring);
    # None: built again at each list import (fine for small books, docs/scale.md).
    monitoring_dir: Path | None = None
    # Where the CLI keeps screener snapshots (`interdict screen` loads one instead of
    # preparing every entity); None: beside the SQLite file, else ./var/screener.
    snapshot_dir: Path | None = None
    # Payments (docs/payments.md): per member ("*" = default) the countries that hold a
    # message; the default is the comprehensively sanctioned jurisdictions.
    payment_hold_countries: dict[str, list[str]] = Field(
        default_factory=lambda: {"*": ["CU", "IR", "KP", "SY"]}
    )
    payment_max_bytes: int = Field(default=1_048_576, ge=1024, le=100 * 1_048_576)
    # Webhooks (docs/api.md): how often a server collects and delivers events, and how
    # a failed delivery is retried (base, 2x, 4x, ... until the attempts are spent).
    webhook_poll_s: float = Field(default=2.0, gt=0, le=3600)
    webhook_retry_base_s: float = Field(default=10.0, gt=0, le=3600)
    webhook_max_attempts: int = Field(default=8, ge=1, le=100)
    webhook_timeout_s: float = Field(default=10.0, gt=0, le=300)
    # Rows per page of the alert queue, the audit trail and the alerts API's lists.
    page_size: int = Field(default=50, ge=1, le=1000)
    # Logs of a server (docs/api.md#logs): JSON lines, or key=value text for a terminal.
    log_format: Literal["json", "text"] = "json"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, a config file and `overrides`; a bad value is one
    readable line.

    The config file is INTERDICT_CONFIG, or ./interdict.toml when it exists: the same
    names as the variables without their prefix (`alert_threshold = 0.85`, a `[media]`
    table for INTERDICT_MEDIA_*). An environment variable wins over the file. A
    pydantic traceback tells an operator nothing; a ConfigError names the variable (or
    the file's key), the value given and what it accepts.
    """
    from_file = _file_values(config_file())
    media_file = from_file.pop("media", {})
    try:
        media = overrides.pop("media", None) or MediaSettings(**media_file)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, MEDIA_ENV_PREFIX)) from None
    try:
        return Settings(media=media, **{**from_file, **overrides})
    except ValidationError as exc:
        raise ConfigError(_describe(exc, ENV_PREFIX)) from None


def config_file() -> Path | None:
    named = os.environ.get(CONFIG_ENV)
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"{CONFIG_ENV}={named!r}: no such file")
        return path
    default = Path.cwd() / DEFAULT_CONFIG_FILE
    return default if default.is_file() else None


def _file_values(path: Path | None) -> dict[str, Any]:
    """The file's settings that no environment variable overrides; unknown keys refused
    (a misspelt key silently ignored would leave a default in force)."""
    if path is None:
        return {}
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable TOML file ({exc})") from None
    media = values.get("media", {})
    unknown = sorted(set(values) - set(Settings.model_fields))
    unknown += sorted(f"media.{k}" for k in set(media) - set(MediaSettings.model_fields))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)} (docs/settings.md)")
    kept = {k: v for k, v in values.items() if ENV_PREFIX + k.upper() not in os.environ}
    if media:
        kept["media"] = {
            k: v for k, v in media.items() if MEDIA_ENV_PREFIX + k.upper() not in os.environ
        }
    return kept


def _describe(exc: ValidationError, prefix: str) -> str:
    problems = []
    for error in exc.errors():
        variable = prefix + "_".join(str(part) for part in error["loc"]).upper()
        given = error.get("input")
        shown = f"={given!r}" if isinstance(given, str | int | float) else ""
        problems.append(f"{variable}{shown}: {error['msg']}")
    return "bad setting: " + "; ".join(problems)
