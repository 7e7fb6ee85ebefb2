"""Settings, read once at the entry point from INTERDICT_* environment variables.

Defaults run embedded: a SQLite file under ./var and the list snapshots bundled in
./data/lists. Domain functions never read settings; the CLI and API pass plain values.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from interdict.matching.score import DEFAULT_THRESHOLDS

REPO_ROOT = Path(__file__).resolve().parents[2]

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
}


class Settings(BaseSettings):
    """Every setting is documented in docs/settings.md."""

    model_config = SettingsConfigDict(env_prefix="INTERDICT_", extra="ignore")

    database_url: str = Field(
        default_factory=lambda: f"sqlite:///{Path.cwd() / 'var' / 'interdict.db'}"
    )
    bundled_lists_dir: Path = REPO_ROOT / "data" / "lists"
    shrink_limit: float = Field(default=0.10, ge=0.0, le=1.0)
    download_dir: Path = Field(default_factory=lambda: Path.cwd() / "var" / "downloads")
    download_timeout_s: float = 60.0
    sources: dict[str, tuple[str, list[str]]] = Field(default_factory=lambda: dict(DEFAULT_SOURCES))
    api_batch_limit: int = Field(default=100, ge=1, le=10_000)
    # Lowest score that is a hit (CLI, batch, API); the default comes from the quality
    # benchmark (precision 0.95 on the dev set), see docs/matching.md.
    alert_threshold: float = Field(default=DEFAULT_THRESHOLDS.alert, ge=0.0, le=1.0)
    allow_list_days: int = Field(default=365, ge=1, le=3650)
    session_secret: str | None = Field(default=None, repr=False)
    session_hours: float = Field(default=8.0, gt=0, le=24 * 30)
    secure_cookies: bool = False
