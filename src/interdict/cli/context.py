"""What every command shares: the settings, read once, and the services built once.

The root callback (cli/app.py) puts a `CliState` on Click's context; commands take
`ctx: typer.Context` and ask for `services(ctx)`. Tests hand their own `Settings` as
the context object (`CliRunner().invoke(app, args, obj=settings)`); otherwise the
settings come from the environment, read here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import typer

from interdict.config import Settings, load_settings
from interdict.services import Services, build_services


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
            self._services = build_services(self.settings, create=create)
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
    """The services with the screener built over today's active versions."""
    svc = services(ctx)
    svc.screener.refresh()
    return svc
