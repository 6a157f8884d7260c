"""``{unclear}``: words of the witness the editors read with difficulty (TEI ``unclear``), made as a
newcomer would make a tenth role outside the extension: a node, a role, visitors and a setup, from
the extension's public parts only, with its fields and its kind declared on its classes. Neither
listing.py, nor fields.py, nor domain.py, nor vocabulary.py names it.

``{unclear}`the murky log [corr: the musty log; reason: the ink has faded; cert: probable]```: the
words as the editors read them in W, another reading they think possible (``corr``), why (``reason``).
``{illegible}`` is the same role with a kind its node class does not declare (a test's mistake).
"""

from __future__ import annotations

from typing import Any

from apparatus.domain import Entry, Recorded
from apparatus.fields import ApparatusRole, place
from apparatus.markup import element
from apparatus.vocabulary import Kind
from docutils import nodes


class unclear(nodes.Inline, Recorded, nodes.TextElement):
    """The words as the editors read them; attributes: ids, corr, note, cert, resp, line, page, para."""

    kinds = {"unclear": Kind("{witness}] _unclear in {siglum}_<; perhaps {lemma}>", on_words=True)}
    kind = "unclear"

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


class illegible(unclear):
    """A kind declared nowhere."""

    kinds = {}
    kind = "illegible"


class UnclearRole(ApparatusRole):
    fields = ("corr", "reason", "cert", "resp", "line", "page", "id", "note")

    def __init__(self, node_class: type[unclear]) -> None:
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


def visit_unclear_html(self: Any, node: unclear) -> None:
    self.body.append(element(self, "span", self.encode(node.astext()), CLASS="app app-unclear", ids=node["ids"]))
    raise nodes.SkipNode


def visit_unclear_latex(self: Any, node: unclear) -> None:
    self.body.append(self.hypertarget(node["ids"][0], anchor=True) + self.encode(node.astext()))
    raise nodes.SkipNode


def visit_unclear_text(self: Any, node: unclear) -> None:
    self.add_text(f"{node.astext()} [unclear]")
    raise nodes.SkipNode


def setup(app: Any) -> dict[str, Any]:
    visitors = {
        "html": (visit_unclear_html, None),
        "latex": (visit_unclear_latex, None),
        "text": (visit_unclear_text, None),
    }
    app.add_node(unclear, **visitors)
    app.add_node(illegible, **visitors)
    app.add_role("unclear", UnclearRole(unclear))
    app.add_role("illegible", UnclearRole(illegible))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
