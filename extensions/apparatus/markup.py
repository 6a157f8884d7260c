"""HTML elements inside an apparatus node's own element, made with the translator's ``starttag``
(attributes quoted and escaped as docutils does for every element), for the visitors of the
feature modules: a popover's parts, a page marker's link, a label; and the words of an entry with
their popover (``popover``, ``disclosure``), as a reading has them, for any role whose words make
an entry of the apparatus (apparatus.js and apparatus.css give every such word its behaviour)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from . import vocabulary
from .domain import get_domain


def element(self: HTML5Translator, tag: str, html: str = "", **attributes: Any) -> str:
    """``<tag …>html</tag>``: ``html`` is markup already (encode text with ``self.encode``);
    ``CLASS`` sets the class, ``ids=[…]`` the id, and an attribute with a hyphen is passed as
    ``**{"aria-label": …}``."""
    return self.starttag({}, tag, "", **attributes) + html + f"</{tag}>"


def popover(self: HTML5Translator, node: nodes.Element, head: str, said: list[str], words: str) -> str:
    """The popover of an entry's words: ``head`` (text: what the editors did, how sure), ``said`` (its
    own lines, markup: ``element(self, "span", …, CLASS="app-pop-wit")``), then what every entry has
    from its node's attributes: the editors' note, the place in the witness (``page``, ``line``) and
    who answers for it (``resp``), and the link to its entry in the list of emendations, whose name
    holds ``words``, the words shown (WCAG 2.5.3)."""
    pop = [element(self, "span", self.encode(head), CLASS="app-pop-head"), *said]
    if node.get("note"):
        pop.append(element(self, "span", self.encode(node["note"]), CLASS="app-pop-note"))
    siglum = self.config.apparatus_siglum
    where = [vocabulary.page_anchor(siglum, node["page"])] if node.get("page") else []
    where += [f"line {node['line']}"] if node.get("line") else []
    resp = f" — {self.encode(node['resp'])}" if node.get("resp") else ""
    if where or resp:
        pop.append(element(self, "span", self.encode(", ".join(where)) + resp, CLASS="app-pop-where"))
    listing = get_domain(self.builder.env).listing_doc()
    if listing:  # the page that holds the {apparatus-list}
        uri = self.builder.get_relative_uri(self.builder.current_docname, listing) + f"#app-{node['ids'][0]}"
        # its name says which entry (76 links all "in the apparatus" read alike in a list of links)
        label = f"{words}: in the apparatus"
        pop.append(element(self, "a", "in the apparatus", CLASS="app-pop-link", href=uri, **{"aria-label": label}))
    return "".join(pop)


def disclosure(
    self: HTML5Translator,
    node: nodes.Element,
    inner: str,
    pop: str,
    *,
    kind: str,
    description: str,
    words: str,
    label: str = "",
) -> None:
    """Write the entry's words (``inner``, markup) and their popover (``pop``, from ``popover``). The
    words are a disclosure button (``app app-KIND cert-CERT``, its name the words shown, or ``label``; its state
    kept by apparatus.js) with ``description``, a short account of what the editors did for a screen
    reader; its popover, a sibling (it holds a link: no tooltip, nor inside the button, whose content
    is all its name), is the region it controls, named by ``words``. Word and popover share a wrapper
    (CSS: the popover shows while the pointer or focus is on either)."""
    ident = node["ids"][0]
    self.body.append(self.starttag({}, "span", "", CLASS="app-wrap"))
    self.body.append(
        self.starttag(
            node,
            "span",
            "",
            # (the certainty's class only where the editors state one: none is assumed)
            CLASS=f"app app-{kind}" + (f" cert-{node['cert']}" if node.get("cert") else ""),
            tabindex="0",
            role="button",
            # (aria-expanded is set by apparatus.js, which keeps it in step: without the script, CSS shows the
            # popover on hover and focus, and nothing would say so)
            **{"aria-controls": f"{ident}-pop", "aria-description": description},
            **({"aria-label": label} if label else {}),
        )
    )
    self.body.append(inner)
    self.body.append("</span>")
    self.body.append(
        element(
            self,
            "span",
            pop,
            CLASS="app-pop",
            role="group",
            ids=[f"{ident}-pop"],
            **{"aria-label": f"apparatus entry: {words}"},
        )
    )
    self.body.append("</span>")
