"""Built front-end assets: content-hashed names from the build manifest, served by WhiteNoise.

`make assets` writes static/dist/ and its manifest.json. Hashed files never change, so they are
cached for a year; a new build gets new names, so nobody is left with stale styles.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from flask import Flask
from whitenoise import WhiteNoise

from portal.security import static_headers

ASSET_PREFIX = "/assets/"
_HASHED = re.compile(r"\.[0-9a-f]{10}\.\w+$")


class AssetsNotBuilt(RuntimeError):
    pass


class Assets:
    def __init__(self, directory: Path, reload: bool) -> None:
        self.directory = directory
        self.reload = reload
        self._manifest: dict[str, str] | None = None

    def manifest(self) -> dict[str, str]:
        if self._manifest is None or self.reload:
            path = self.directory / "manifest.json"
            if not path.exists():
                raise AssetsNotBuilt(
                    f"{path} is missing: build the front-end assets with `make assets`."
                )
            self._manifest = json.loads(path.read_text())
        return self._manifest

    def url(self, name: str) -> str:
        """The public address of a built asset, by its source name (``main.css``)."""
        try:
            return ASSET_PREFIX + self.manifest()[name]
        except KeyError:
            raise AssetsNotBuilt(
                f"No built asset named {name!r}; rebuild with `make assets`."
            ) from None


def init_assets(app: Flask, directory: Path, development: bool) -> None:
    assets = Assets(directory, reload=development)
    assets.manifest()  # fail at start-up, not on the first page, when the build is missing
    app.extensions["frontdoor.assets"] = assets
    app.jinja_env.globals["asset_url"] = assets.url
    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=str(directory),
        prefix=ASSET_PREFIX,
        autorefresh=development,
        max_age=3600,
        allow_all_origins=False,
        immutable_file_test=lambda _path, url: bool(_HASHED.search(url)),
        add_headers_function=static_headers,
    )
