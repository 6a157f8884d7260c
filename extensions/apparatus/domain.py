"""The collector: every intervention of every document, merged across parallel readers."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from sphinx.domains import Domain


class EditionDomain(Domain):
    name = "edition"
    label = "Critical edition"
    initial_data = {"interventions": {}, "counters": {}, "works": {}}  # noqa: RUF012 - Sphinx copies it

    @property
    def interventions(self) -> dict[str, list[dict[str, Any]]]:
        return self.data.setdefault("interventions", {})

    def next_id(self, docname: str, kind: str) -> str:
        counters = self.data.setdefault("counters", {}).setdefault(docname, {})
        counters[kind] = counters.get(kind, 0) + 1
        prefix = "" if docname == "index" else f"{docname.replace('/', '-')}-"
        return f"{prefix}{kind}-{counters[kind]}"

    def note_intervention(self, docname: str, entry: dict[str, Any]) -> None:
        self.interventions.setdefault(docname, []).append({"doc": docname, **entry})

    def clear_doc(self, docname: str) -> None:
        self.interventions.pop(docname, None)
        self.data.setdefault("counters", {}).pop(docname, None)
        self.data.setdefault("works", {}).pop(docname, None)
        if docname in self.data.setdefault("listing_docs", []):
            self.data["listing_docs"].remove(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata.get("interventions", {}):
                self.interventions[docname] = otherdata["interventions"][docname]
            if docname in otherdata.get("counters", {}):
                self.data.setdefault("counters", {})[docname] = otherdata["counters"][docname]
            if docname in otherdata.get("listing_docs", []) and docname not in self.data.setdefault("listing_docs", []):
                self.data["listing_docs"].append(docname)
            if docname in otherdata.get("works", {}):
                self.data.setdefault("works", {})[docname] = otherdata["works"][docname]

    def all_interventions(self, docnames: Iterable[str]) -> list[dict[str, Any]]:
        return [entry for doc in docnames for entry in self.interventions.get(doc, [])]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []
