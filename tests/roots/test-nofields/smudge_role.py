"""A role whose fields are declared nowhere (neither in vocabulary.ROLE_FIELDS nor on its class)."""

from __future__ import annotations

from typing import Any

from apparatus.fields import ApparatusRole
from docutils import nodes


class SmudgeRole(ApparatusRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        read = self.read_fields()
        return [nodes.Text(read[0] if read else self.text)], []


def setup(app: Any) -> dict[str, Any]:
    app.add_role("smudge", SmudgeRole())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
