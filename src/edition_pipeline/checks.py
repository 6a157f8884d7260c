"""`edition check`: what is wrong with the project as it stands, each with its remedy. A stale
generated file, a proposal the register names that is missing or not accepted (an accept
interrupted), an accepted proposal no entry names, a temporary file a killed process left, and a
bibliography entry that still prints W's words where a correction in a note changed them. Bad
data raises InputError (the loaders' own checks)."""

from __future__ import annotations

from .citations import uncorrected_problems
from .editorial import load_citations, load_variants
from .project import Project
from .proposals import current, interrupted_accepts, load_proposals, register_names_of


def check(project: Project) -> list[str]:
    """What `edition check` finds wrong (empty: all is well). Bad data raises InputError; a
    stale edition or an interrupted transaction is a problem listed here, with its remedy."""
    with project.locked(shared=True):
        witness = project.witness()
        project.applies_to(witness)  # the project's witness has not changed under its data
        document = project.document(witness)
        anchors = project.anchors(document)
        outputs = project.render(document, anchors)
        load_variants(project.variants_path)
        load_citations(project.citations_path)
        proposals = {p.id: p for p in load_proposals(project.proposals, document)}
        problems = [
            f"{project.edition / name}: stale generated file (run `make convert`)"
            for name, text in outputs.items()
            if not current(project.edition / name, text)
        ]
        names = register_names_of(project)  # every proposal the register names: entries, their history, withdrawn ones
        for named in names.values():
            proposal = proposals.get(named.proposal)
            if proposal is None:
                problems.append(
                    f"{project.register_path}:{named.source_line}: {named.entry} names a missing proposal "
                    f"{named.proposal}"
                )
            elif proposal.status != "accepted" or proposal.review.get("entry") != named.entry:
                problems.append(
                    f"{project.proposals / (proposal.id + '.yaml')}: {proposal.id} is {proposal.status} but is register "
                    f"entry {named.entry}: an accept was interrupted; run `edition accept {proposal.id}` to finish it"
                )
        for proposal in proposals.values():
            if proposal.status == "accepted" and proposal.id not in names:
                problems.append(
                    f"{project.proposals / (proposal.id + '.yaml')}: accepted, but no register entry names it"
                )
        for proposal in proposals.values():
            if proposal.status == "open" and proposal.problem:  # the text changed under it (a structure override)
                problems.append(
                    f"{project.proposals / (proposal.id + '.yaml')}: {proposal.problem}: the text has changed under "
                    f"it; reject {proposal.id} and propose again"
                )
        interrupted = list(interrupted_accepts(proposals.values(), names))
        for path, target, pid in project.stray_temporaries():
            stem = target.stem if target.parent == project.proposals else ""
            if stem in interrupted:
                remedy = f"run `edition accept {stem}` again, which finishes it and removes this file"
            elif stem in proposals:  # a reject (or an accept before its register entry) that did not happen
                remedy = (
                    f"{stem} stands as it was ({proposals[stem].status}): delete it (`rm {path}`), and run the "
                    "review again if it was not finished"
                )
            elif interrupted and not stem:  # the register's or the edition's: that accept's
                remedy = f"run `edition accept {interrupted[0]}` again, which finishes it and removes this file"
            else:
                remedy = f"nothing reads it: delete it (`rm {path}`)"
            problems.append(
                f"{path}: a temporary file left by process {pid}, which is no longer running: a write of "
                f"{target} was interrupted; {remedy}"
            )
        if project.bib.exists():  # an entry that copies words a correction in a note has changed
            problems += uncorrected_problems(project.bib, project.bibliography(), document, anchors)
        return problems
