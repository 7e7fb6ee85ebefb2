"""What every command shares: the settings, read once, and the services built once.

The root callback (cli/app.py) puts a `CliState` on Click's context; commands take
`ctx: typer.Context` and ask for `services(ctx)`. Tests hand their own `Settings` as
the context object (`CliRunner().invoke(app, args, obj=settings)`); otherwise the
settings come from the environment, read here and nowhere else.

A command is one short process, so its screener comes from a snapshot on disk
(`spark/cache.py`, kept in `snapshot_folder`) rather than from preparing every listed
entity again: the snapshot of exactly today's active versions, built and written when
there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import typer

from interdict.config import Settings, load_settings
from interdict.screening.live import LiveScreener
from interdict.services import Services, build_services
from interdict.services.counters import timed_build
from interdict.spark.cache import SnapshotCache


@dataclass
class CliState:
    given: Settings | None = None
    _settings: Settings | None = field(default=None, init=False)
    _services: Services | None = field(default=None, init=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = self.given or load_settings()
        return self._settings

    def services(self, *, create: bool = False) -> Services:
        if self._services is None:
            svc = build_services(self.settings, create=create)
            cache = SnapshotCache(snapshot_folder(self.settings), self.settings.database_url)
            svc.screener = LiveScreener(svc.lists, timed_build(cache, svc.counts))
            self._services = svc
        return self._services

    def close(self) -> None:
        if self._services is not None:
            self._services.close()
            self._services = None


def state(ctx: typer.Context) -> CliState:
    found = ctx.find_object(CliState)
    if found is None:  # a command called outside the `interdict` group
        found = ctx.ensure_object(CliState)
    return found


def settings(ctx: typer.Context) -> Settings:
    return state(ctx).settings


def services(ctx: typer.Context, *, create: bool = False) -> Services:
    """The services over the configured store; it must exist unless `create`."""
    return state(ctx).services(create=create)


def screener_services(ctx: typer.Context) -> Services:
    """The services with the screener of today's active versions (from its snapshot)."""
    svc = services(ctx)
    svc.screener.refresh()
    return svc


def snapshot_folder(settings: Settings) -> Path:
    """`snapshot_dir`, or beside a SQLite database file, or ./var/screener."""
    if settings.snapshot_dir is not None:
        return settings.snapshot_dir
    url = urlsplit(settings.database_url)
    database = url.path.removeprefix("/")
    if url.scheme.startswith("sqlite") and database and database != ":memory:":
        path = Path(database)
        return path.with_name(path.name + ".screener")
    return Path.cwd() / "var" / "screener"
