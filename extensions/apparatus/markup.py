"""HTML elements inside an apparatus node's own element, made with the translator's ``starttag``
(attributes quoted and escaped as docutils does for every element), for the visitors of the
feature modules: a popover's parts, a page marker's link, a label."""

from __future__ import annotations

from typing import Any

from sphinx.writers.html5 import HTML5Translator


def element(self: HTML5Translator, tag: str, html: str = "", **attributes: Any) -> str:
    """``<tag …>html</tag>``: ``html`` is markup already (encode text with ``self.encode``);
    ``CLASS`` sets the class, ``ids=[…]`` the id, and an attribute with a hyphen is passed as
    ``**{"aria-label": …}``."""
    return self.starttag({}, tag, "", **attributes) + html + f"</{tag}>"
