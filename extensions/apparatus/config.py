"""Configuration values (all prefixed ``apparatus_``, typed, checked at ``builder-inited``),
the extension's static files, and its LaTeX package ``apparatus.sty``.

=============================== ======================================================
``apparatus_siglum``            the witness's siglum (default ``"W"``): anchors ``#W5``,
                                "W reads", the apparatus's ``] … W``
``apparatus_resp``              who answers for an entry that names no one (an id, e.g. ``"ET"``)
``apparatus_responsible``       the declared ids (``{"ET": "the Edition Team"}``); if given,
                                every ``resp`` must be one of them
``apparatus_metadata``          the title block's data (``edition_metadata`` is its old name)
``apparatus_latex_linenumbers`` start line numbering at ``\\begin{document}`` (default True;
                                False if the project's title page starts it itself)
``apparatus_back_matter``       pages (docnames) that print sets beside the text's own
                                sections, wherever their toctree stands (default none)
``apparatus_screen_only``       pages (docnames) that print leaves out: what works only on
                                a screen (a form, say), and is not in the book (default none)
``apparatus_notes_heading``     HTML: the heading over a page's notes at its end (default
                                ``"Notes"``; ``""`` for none); print sets them as footnotes
=============================== ======================================================
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.fileutil import copy_asset_file

HERE = Path(__file__).parent
STATIC = HERE / "static"
STY = HERE / "apparatus.sty"
SIGLUM = re.compile(r"[A-Za-z][A-Za-z0-9]{0,7}")


#: name, default, type: registered with Sphinx and checked at builder-inited (Sphinx itself
#: only warns of a value of the wrong type)
VALUES: tuple[tuple[str, Any, type], ...] = (
    ("apparatus_siglum", "W", str),
    ("apparatus_resp", "", str),
    ("apparatus_responsible", {}, dict),
    ("apparatus_metadata", {}, dict),
    ("edition_metadata", {}, dict),  # the old name of apparatus_metadata
    ("apparatus_latex_linenumbers", True, bool),
    ("apparatus_back_matter", [], list),  # pages that stand beside the text's sections in print
    ("apparatus_screen_only", [], list),  # pages that print leaves out
    ("apparatus_notes_heading", "Notes", str),  # HTML: the heading over a page's notes
)


def check_config(app: Sphinx) -> None:
    """Check every value's type, then what types cannot say (raises ConfigError naming the value)."""
    config: Config = app.config
    for name, _, kind in VALUES:
        value = config[name]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise ConfigError(f"{name} must be a {kind.__name__}, not {type(value).__name__} ({value!r})")
    if not config.apparatus_metadata and config.edition_metadata:
        config.apparatus_metadata = config.edition_metadata  # the old name still works
    if not SIGLUM.fullmatch(config.apparatus_siglum):
        raise ConfigError(
            f"apparatus_siglum must be a letter followed by up to 7 letters or digits, not {config.apparatus_siglum!r}"
        )
    declared: dict[str, Any] = config.apparatus_responsible
    if config.apparatus_resp and declared and config.apparatus_resp not in declared:
        raise ConfigError(
            f"apparatus_resp {config.apparatus_resp!r} is not among apparatus_responsible ({', '.join(declared)})"
        )
    if not all(isinstance(key, str) for key in declared):
        raise ConfigError("apparatus_responsible: the ids must be strings")
    heading = config.apparatus_notes_heading
    if heading and (heading != heading.strip() or "\n" in heading):
        raise ConfigError(
            f"apparatus_notes_heading must be one line of text without surrounding spaces (or empty), not {heading!r}"
        )
    for key in ("title", "author", "edition_date"):
        value = config.apparatus_metadata.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"apparatus_metadata[{key!r}] must be a string, not {type(value).__name__}")


def add_static_path(app: Sphinx, config: Config) -> None:
    """HTML: the static folder, added when the configuration is read (so that a pickled
    environment compares equal and an incremental build stays incremental)."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def add_latex_package(app: Sphinx) -> None:
    """LaTeX: apparatus.sty, copied beside the .tex and loaded with the configured options."""
    if app.builder.format == "latex":
        Path(app.outdir).mkdir(parents=True, exist_ok=True)
        copy_asset_file(STY, app.outdir, force=True)
        options = f"siglum={app.config.apparatus_siglum}"
        if not app.config.apparatus_latex_linenumbers:
            options += ",linenumbers=false"
        app.add_latex_package("apparatus", options, after_hyperref=True)


def setup_config(app: Sphinx) -> None:
    for name, default, kind in VALUES:
        app.add_config_value(name, default, "env", types=frozenset({kind}))
    app.connect("builder-inited", check_config, priority=400)
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_latex_package)
    app.add_css_file("apparatus.css")
    app.add_js_file("apparatus.js")
    app.add_js_file("propose.js")
