"""The conversion pipeline: from a witness text layer to the edition's MyST and JSON model.

Stages follow the flow of data in DESIGN.md: ``witness`` (read, lossless lines) →
``layout`` (pages, body and note regions, fragments) → ``hyphenation`` (every line-break
decision) → ``structure`` (paragraphs, headings, quotations, abstract) → ``notes``
(markers and note texts) → ``emit`` (MyST). This package never imports Sphinx.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
