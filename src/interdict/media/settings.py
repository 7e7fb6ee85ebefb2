"""Media screening settings (INTERDICT_MEDIA_*), built once at the CLI or API entry point.

Kept beside the media package so the feature lands without touching the shared
`Settings`; domain functions still take plain values, never this object.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from interdict.media.image import MAX_IMAGE_PIXELS
from interdict.media.pdq import PDQ_MATCH_DISTANCE


class MediaSettings(BaseSettings):
    """Documented in docs/media.md."""

    model_config = SettingsConfigDict(env_prefix="INTERDICT_MEDIA_", extra="ignore")

    index_dir: Path = Field(default_factory=lambda: Path.cwd() / "var" / "media-index")
    match_distance: int = Field(default=PDQ_MATCH_DISTANCE, ge=0, le=128)
    max_pixels: int = Field(default=MAX_IMAGE_PIXELS, ge=1)
    upload_limit_mb: float = Field(default=200.0, gt=0)
    frames_per_second: float = Field(default=1.0, gt=0, le=30)
