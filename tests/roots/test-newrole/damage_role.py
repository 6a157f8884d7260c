"""``{damage}``: words of the witness the editors read with difficulty where it is damaged (TEI
``damage``), made as a newcomer would make a tenth role outside the extension: a node, a role,
visitors and a setup, from the extension's public parts only, with its fields and its kind declared
on its classes. Neither listing.py, nor fields.py, nor domain.py, nor vocabulary.py names it. Its
words get a popover in HTML (``markup.popover``, ``markup.disclosure``) and, in print, an entry at
the page foot keyed to their line (``footentries.HasFootEntry``, ``start_latex``), with no code of
its own for either.

``{damage}`the murky log [corr: the musty log; reason: the ink has faded; cert: probable]```: the
words as the editors read them in W, another reading they think possible (``corr``), why (``reason``).
``{illegible}`` is the same role with a kind its node class does not declare (a test's mistake).
"""

from __future__ import annotations

from typing import Any

from apparatus.domain import Entry, Recorded
from apparatus.fields import ApparatusRole, place
from apparatus.footentries import HasFootEntry, start_latex
from apparatus.markup import disclosure, element, popover
from apparatus.vocabulary import Kind
from docutils import nodes


class damage(nodes.Inline, Recorded, HasFootEntry, nodes.TextElement):
    """The words as the editors read them; attributes: ids, corr, note, cert, resp, line, page, para."""

    kinds = {"damage": Kind("{witness}] _damaged in {siglum}_<; perhaps {lemma}>", on_words=True)}
    kind = "damage"

    def entry(self, docname: str) -> Entry:
        return Entry(
            self["ids"][0],
            self.kind,
            docname,
            self.get("para", ""),
            self.get("page"),
            self.get("line"),
            lemma=self.get("corr", ""),
            witness=self.astext(),
            note=self.get("note", ""),
            certainty=self.get("cert", ""),
            resp=self.get("resp", ""),
        )


class illegible(damage):
    """A kind declared nowhere."""

    kinds = {}
    kind = "illegible"


class DamageRole(ApparatusRole):
    fields = ("corr", "reason", "cert", "resp", "line", "page", "id", "note")

    def __init__(self, node_class: type[damage]) -> None:
        super().__init__()
        self.node_class = node_class

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        read = self.read_fields()
        if read is None:
            return [nodes.Text(self.text)], []
        shown, fields = read
        note = "; ".join(value for value in (fields.pop("reason", ""), fields.pop("note", "")) if value)
        ident = fields.pop("id", "") or self.next_id(self.node_class.kind)
        fields.setdefault("resp", self.config.apparatus_resp)
        node = self.node_class(self.rawtext, shown, ids=[ident], note=note, **{**fields, **place(fields)})
        return [self.located(node)], []


def visit_damage_html(self: Any, node: damage) -> None:
    siglum, words = self.config.apparatus_siglum, node.astext()
    said = [element(self, "span", f"damaged in {self.encode(siglum)}", CLASS="app-pop-wit")]
    if node.get("corr"):
        said.append(element(self, "span", f"perhaps {self.encode(node['corr'])}", CLASS="app-pop-wit"))
    pop = popover(self, node, f"damage · {node.get('cert') or 'certain'}", said, words)
    disclosure(self, node, self.encode(words), pop, kind=node.kind, description=f"damaged in {siglum}", words=words)
    raise nodes.SkipNode


def visit_damage_latex(self: Any, node: damage) -> None:
    self.body.append(start_latex(self, node) + self.encode(node.astext()))
    raise nodes.SkipNode


def visit_damage_text(self: Any, node: damage) -> None:
    self.add_text(f"{node.astext()} [damaged]")
    raise nodes.SkipNode


def setup(app: Any) -> dict[str, Any]:
    visitors = {
        "html": (visit_damage_html, None),
        "latex": (visit_damage_latex, None),
        "text": (visit_damage_text, None),
    }
    app.add_node(damage, **visitors)
    app.add_node(illegible, **visitors)
    app.add_role("damage", DamageRole(damage))
    app.add_role("illegible", DamageRole(illegible))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
