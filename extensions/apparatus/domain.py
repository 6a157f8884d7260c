"""The collector: every apparatus entry and every cited work of every document, as typed records.

The domain knows no feature: a node class that makes an entry of the apparatus inherits
``Recorded`` and says what its entry is (its kind is declared once, in
``vocabulary.ENTRY_KINDS``, or on the class for a kind of an extension outside the project: the
list of emendations and the duplicate check read that declaration and name no kind); a citation of a work inherits ``Citing``; the
placeholder of the generated list inherits ``ListingPlaceholder``. ``process_doc`` (run by
Sphinx's ``SphinxDomains`` transform, priority 850, after this extension's own transforms have
numbered paragraphs, lettered notes and placed every node) turns them into NamedTuples.
``clear_doc`` and ``merge_domaindata`` keep parallel builds identical to serial ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import Any, ClassVar, NamedTuple, cast

from docutils import nodes
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from . import vocabulary

logger = logging.getLogger(__name__)


class Entry(NamedTuple):
    """One entry of the apparatus (a line of apparatus.json)."""

    id: str
    type: str  # one of vocabulary.KINDS
    doc: str
    para: str  # the citable place: p12, abstract, n12
    page: int | None
    line: int | None
    lemma: str = ""
    witness: str = ""
    note: str = ""
    category: str = ""
    certainty: str = ""
    resp: str = ""
    letter: str = ""
    date: str = ""  # the day of the editors' decision (YYYY-MM-DD), when the register gives it

    def as_json(self) -> dict[str, Any]:
        """The record for apparatus.json (page and line left out only when unknown, the date
        when the register gives none)."""
        return {key: value for key, value in self._asdict().items() if value is not None and (value or key != "date")}


class WorkCitation(NamedTuple):
    """A passage of a note that cites a work of the bibliography."""

    key: str
    id: str
    page: str  # the pages cited, as the note gives them ("p. 13"), or ""
    para: str  # the place of the citing passage (usually n12)
    doc: str


class Recorded(nodes.Element):
    """Base of the node classes that make an apparatus entry.

    The kind of each entry (``Entry.type``) is declared once: a kind of this project in
    ``vocabulary.ENTRY_KINDS`` (which apparatus.schema.json lists); a kind of an extension outside
    the project in its node class's ``kinds``, e.g.
    ``kinds = {"stain": Kind("{witness}] _stained in {siglum}_", on_words=True)}``. An entry of
    a kind declared nowhere (or in both places) stops the build, naming the kind and the class."""

    #: kinds this node class makes that vocabulary.ENTRY_KINDS does not declare, each with its ``Kind``
    kinds: ClassVar[dict[str, vocabulary.Kind]] = {}

    def entry(self, docname: str) -> Entry:
        raise NotImplementedError


def declaration(node: Recorded, kind: str) -> vocabulary.Kind:
    """The one declaration of the kind of ``node``'s entry; an ExtensionError naming the kind
    and the node class when it is declared nowhere, twice, or its template cannot be read."""
    where = f"{type(node).__module__}.{type(node).__qualname__}"
    own, project = type(node).kinds.get(kind), vocabulary.ENTRY_KINDS.get(kind)
    if own is not None and project is not None:
        raise ExtensionError(
            f"apparatus: the entry kind {kind!r} is declared twice, in vocabulary.ENTRY_KINDS and in "
            f"{where}.kinds: declare it in one place"
        )
    declared = own or project
    if declared is None:
        raise ExtensionError(
            f"apparatus: the entry kind {kind!r} (made by {where}) is declared nowhere: add it to "
            f"vocabulary.ENTRY_KINDS (and to apparatus.schema.json's enum) with whether and how the list "
            f"of emendations gives it, or, for a kind of an extension outside this project, to {where}.kinds"
        )
    if declared.listed is not None:
        try:
            vocabulary.listing_parts(declared.listed)
        except ValueError as error:
            raise ExtensionError(
                f"apparatus: the entry kind {kind!r}: its template for the list, {declared.listed!r}: {error}"
            ) from error
    return declared


class Citing(nodes.Element):
    """Base of the node classes that cite a work."""

    def citation(self, docname: str) -> WorkCitation:
        raise NotImplementedError


class ListingPlaceholder(nodes.Element):
    """Base of placeholders replaced by a list made from the whole edition."""


class EditionDomain(Domain):
    name = "edition"
    label = "Critical edition"
    # every key the domain keeps (Sphinx deep-copies this for each environment)
    initial_data: ClassVar[dict[str, Any]] = {
        "entries": {},  # docname -> [Entry], in text order
        "works": {},  # docname -> [WorkCitation], in text order
        "counters": {},  # docname -> {kind: count}, for ids the editors did not give
        "listing_docs": {},  # docname -> True: documents that hold a generated list
        "kinds": {},  # docname -> {kind: Kind}: the kinds its entries are of that node classes declare
        "citing": {},  # work key -> [WorkCitation]: the back-link index, built once per build
    }

    @property
    def entries(self) -> dict[str, list[Entry]]:
        return cast("dict[str, list[Entry]]", self.data["entries"])

    @property
    def works(self) -> dict[str, list[WorkCitation]]:
        return cast("dict[str, list[WorkCitation]]", self.data["works"])

    @property
    def listing_docs(self) -> dict[str, bool]:
        return cast("dict[str, bool]", self.data["listing_docs"])

    @property
    def citing(self) -> dict[str, list[WorkCitation]]:
        return cast("dict[str, list[WorkCitation]]", self.data["citing"])

    def next_id(self, docname: str, kind: str) -> str:
        """An id for an entry the editors gave none: ``gap-1``, ``page-2-sic-1`` …"""
        counters = self.data["counters"].setdefault(docname, {})
        counters[kind] = counters.get(kind, 0) + 1
        prefix = "" if docname == self.env.config.root_doc else f"{docname.replace('/', '-')}-"
        return f"{prefix}{kind}-{counters[kind]}"

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        entries: list[Entry] = []
        works: list[WorkCitation] = []
        kinds: dict[str, vocabulary.Kind] = {}
        for node in document.findall(nodes.Element):  # (a class, not a function: docutils' fast walk)
            if isinstance(node, Recorded):
                entry = node.entry(docname)
                declared = declaration(node, entry.type)
                if entry.type not in vocabulary.ENTRY_KINDS:
                    kinds[entry.type] = declared
                entries.append(entry)
            elif isinstance(node, Citing):
                works.append(node.citation(docname))
            elif isinstance(node, ListingPlaceholder):
                self.listing_docs[docname] = True
        self.entries[docname] = entries
        self.works[docname] = works
        self.data["kinds"][docname] = kinds

    def clear_doc(self, docname: str) -> None:
        for key in ("entries", "works", "counters", "listing_docs", "kinds"):
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("entries", "works", "counters", "listing_docs", "kinds"):
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def ordered_docs(self) -> list[str]:
        """The documents in reading order: the root, then its toctree depth first, then the rest."""
        env = self.env
        order: list[str] = []

        def visit(docname: str) -> None:
            if docname in order or docname not in env.found_docs:
                return
            order.append(docname)
            for child in env.toctree_includes.get(docname, []):
                visit(child)

        visit(env.config.root_doc)
        return order + sorted(set(env.found_docs) - set(order))

    def extension_kinds(self) -> dict[str, vocabulary.Kind]:
        """The kinds of the edition's entries that node classes declare (not vocabulary.ENTRY_KINDS)."""
        found: dict[str, vocabulary.Kind] = {}
        for docname in self.ordered_docs():
            found.update(self.data["kinds"].get(docname, {}))
        return found

    def kind(self, name: str) -> vocabulary.Kind:
        """The declaration of the kind of entry ``name`` (every entry's kind was declared when its
        document was read)."""
        declared = vocabulary.ENTRY_KINDS.get(name) or self.extension_kinds().get(name)
        if declared is None:  # an environment from before the declaration
            raise ExtensionError(f"apparatus: the entry kind {name!r} is declared nowhere (rebuild with -E)")
        return declared

    def all_entries(self) -> Iterator[Entry]:
        """Every entry of the edition, in reading order."""
        for docname in self.ordered_docs():
            yield from self.entries.get(docname, [])

    def listing_doc(self) -> str:
        """The first document that holds the generated list of emendations, or ""."""
        docs = [doc for doc in self.ordered_docs() if doc in self.listing_docs]
        return docs[0] if docs else ""

    def index_citations(self) -> None:
        """The back-link index: each work's citations, in reading order, one per note and page
        (a citation split across the witness's lines is one citation)."""
        citing: dict[str, list[WorkCitation]] = {}
        for docname in self.ordered_docs():
            for cite in self.works.get(docname, []):
                seen = citing.setdefault(cite.key, [])
                if not any((c.doc, c.para, c.page) == (cite.doc, cite.para, cite.page) for c in seen):
                    seen.append(cite)
        self.data["citing"] = citing

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def check_entries(app: Any, env: BuildEnvironment) -> None:
    """The register's invariants as the build sees them (``env-check-consistency``): every entry
    once, and no two entries on the same words of W. An id given twice, or two entries of kinds
    that stand on words of W (``Kind.on_words``: an emendation, a *sic*, any kind so declared) on
    the same witness words of the same line, is a warning ``apparatus.duplicate`` (an error under
    ``-W``): the text would show the reading twice ("TsuruokaTsuruoka"). Supplied text and
    editors' notes are points, not spans, and may share a place with an emendation."""
    seen_ids: dict[str, Entry] = {}
    seen_spans: dict[tuple[str, int, str], Entry] = {}
    domain = get_domain(env)
    for entry in domain.all_entries():
        first = seen_ids.setdefault(entry.id, entry)
        if first is not entry:
            logger.warning(
                f"apparatus entry {entry.id!r} appears twice (also in {first.doc!r}, {first.para or 'no place'})",
                location=(entry.doc, None),
                type="apparatus",
                subtype="duplicate",
            )
            continue
        if not domain.kind(entry.type).on_words or entry.line is None or not entry.witness:
            continue
        span = (entry.doc, entry.line, entry.witness)
        other = seen_spans.setdefault(span, entry)
        if other is not entry:
            logger.warning(
                f"apparatus entries {other.id!r} and {entry.id!r} both stand on {entry.witness!r} "
                f"at line {entry.line} of the witness",
                location=(entry.doc, None),
                type="apparatus",
                subtype="duplicate",
            )


def get_domain(env: BuildEnvironment) -> EditionDomain:
    """The edition's domain, typed."""
    return cast("EditionDomain", env.get_domain("edition"))
