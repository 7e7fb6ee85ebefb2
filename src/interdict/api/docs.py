"""The OpenAPI page (/docs), served from the package: nothing loaded from a CDN.

FastAPI's default page pulls Swagger UI's JavaScript from a CDN, with no integrity
check, onto the same origin as the analyst pages. Here the assets come from the
swagger-ui-bundle package and the page starts Swagger UI from a script of our own,
so the page runs under the same content security policy as the rest (inline styles
allowed: Swagger UI sets them).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs-assets"
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Interdict API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/docs-start.js"></script></body></html>
"""
START = """window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
"""


def install_docs(app: FastAPI) -> None:
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(PAGE, headers={"Content-Security-Policy": CSP})

    @app.get("/docs-start.js", include_in_schema=False)
    def start() -> Response:
        return Response(START, media_type="text/javascript")
