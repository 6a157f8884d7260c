"""A project: where its witness, editorial data, generated edition and lock are, and what
follows from them (the document, the register's anchors, the generated files).

Every command works on one Project; nothing else in the pipeline knows a path.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .citations import Reference, cite_notes, load_bib
from .convert import convert_witness
from .diagnostics import InputError
from .editorial import Overrides, load_citations, load_metadata, load_overrides, refuse_control
from .emit import to_myst
from .model import Document
from .register import Anchor, anchor_entries, check_invariants, load_register, verify_rendering
from .witness import read_witness

GENERATED = "index.md"


@dataclass(frozen=True)
class Project:
    """The paths of one edition project (by default: the working directory)."""

    root: Path
    editorial: Path

    @classmethod
    def at(cls, root: Path | str | None = None, editorial: Path | str | None = None) -> Project:
        base = Path(root) if root is not None else Path()
        return cls(base, Path(editorial) if editorial is not None else base / "editorial")

    # --- paths ---------------------------------------------------------------------------
    @property
    def witness_dir(self) -> Path:
        return self.root / "witness"

    @property
    def edition(self) -> Path:
        return self.root / "edition"

    @property
    def bib(self) -> Path:
        return self.root / "bib" / "edition.bib"

    @property
    def proposals(self) -> Path:
        return self.editorial / "proposals"

    @property
    def register_path(self) -> Path:
        return self.editorial / "emendations.yaml"

    @property
    def metadata_path(self) -> Path:
        return self.editorial / "edition.yaml"

    @property
    def overrides_path(self) -> Path:
        return self.editorial / "overrides.yaml"

    @property
    def citations_path(self) -> Path:
        return self.editorial / "citations.yaml"

    @property
    def variants_path(self) -> Path:
        return self.editorial / "variants.yaml"

    @property
    def lock_path(self) -> Path:
        return self.root / ".edition.lock"

    def show(self, path: Path) -> str:
        """A path as messages give it."""
        return str(path)

    # --- the witness and its data ----------------------------------------------------------
    def witness(self) -> Path:
        """The project's witness: the one its editorial data names, or the only one."""
        if not self.witness_dir.is_dir():
            raise InputError(self.show(self.witness_dir), None, "no witness folder")
        found = sorted(p for p in self.witness_dir.glob("*.txt") if p.is_file())
        if not found:
            raise InputError(self.show(self.witness_dir), None, "no witness found")
        named = self.named_sha256()
        for path in found:
            if named and sha256(path) == named:
                return path
        if len(found) == 1:
            return found[0]
        raise InputError(
            self.show(self.metadata_path),
            None,
            f"{len(found)} witnesses in {self.show(self.witness_dir)} and none is the one 'witness_sha256' names",
        )

    def metadata(self) -> dict[str, Any]:
        if not self.metadata_path.exists():
            raise InputError(self.show(self.metadata_path), None, "edition metadata needs at least a 'title'")
        return load_metadata(self.metadata_path)

    def named_sha256(self) -> str:
        """The sha256 of the witness the editorial data belongs to ('' when there is no data)."""
        if not self.metadata_path.exists():
            return ""
        return str(self.metadata().get("witness_sha256", ""))

    def applies_to(self, witness: Path) -> bool:
        """Does the editorial data belong to ``witness``? Yes when its sha256 is the one the data
        names; no for any other witness (the automatic pass alone); an error when the project's
        own witness has changed under its data."""
        if not self.metadata_path.exists():
            return False
        named = self.named_sha256()
        found = sha256(witness)
        if found == named:
            return True
        own = witness.resolve().parent == self.witness_dir.resolve()
        if not own:
            return False
        document = self.document(witness)  # a stale override or entry is the clearest message
        self.anchors(document)
        raise InputError(
            self.show(self.metadata_path),
            None,
            f"{self.show(witness)} has changed under its editorial data: its sha256 is {found}, "
            f"witness_sha256 names {named}; review the data against it, then update witness_sha256",
        )

    def overrides(self) -> Overrides | None:
        return load_overrides(self.overrides_path) if self.overrides_path.exists() else None

    def document(self, witness: Path | None = None, use_overrides: bool = True) -> Document:
        return convert_witness(read_witness(witness or self.witness()), self.overrides() if use_overrides else None)

    def anchors(self, document: Document, register_text: str | None = None) -> list[Anchor]:
        """The register's entries anchored in ``document`` (``register_text``: a candidate register)."""
        if register_text is None and not self.register_path.exists():
            return []
        entries = load_register(self.register_path, register_text)
        anchors = anchor_entries(document, entries, self.show(self.register_path))
        check_invariants(anchors, self.show(self.register_path))
        return anchors

    def references(self, document: Document) -> list[Reference]:
        if not self.bib.exists():
            return []
        return cite_notes(document, self.bibliography(), load_citations(self.citations_path))

    def bibliography(self) -> Any:
        """bib/edition.bib, editorial data like the YAML: a control character is refused."""
        refuse_control(self.bib)
        return load_bib(self.bib)

    def render(self, document: Document, anchors: list[Anchor], editorial: bool = True) -> dict[str, str]:
        """Everything `convert` writes, as {file name: text}, checked before anything is written.
        Without ``editorial`` (another witness than the data's): the automatic pass alone."""
        metadata = self.metadata() if editorial else {"title": Path(str(document.witness["file"])).stem}
        references = self.references(document) if editorial else []
        myst = to_myst(document, metadata, anchors, references)
        if anchors:
            plain = to_myst(document, metadata, [], references)
            verify_rendering(myst, plain, document, anchors, self.show(self.register_path))
        return {GENERATED: myst}

    # --- writing ---------------------------------------------------------------------------
    def stray_temporaries(self) -> list[tuple[Path, Path, int]]:
        """Temporary files (``.NAME.PID.tmp``, see write_atomic) left in the project's folders by
        a process that is no longer running: (the temporary file, the file it was to replace,
        the process id). A killed transaction leaves them; nothing reads them."""
        found: list[tuple[Path, Path, int]] = []
        for folder in (self.edition, self.editorial, self.proposals):
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob(".*.tmp")):
                match = _TEMPORARY.fullmatch(path.name)
                if match and path.is_file() and not _running(int(match.group(2))):
                    found.append((path, folder / match.group(1), int(match.group(2))))
        return found

    @contextlib.contextmanager
    def locked(self, shared: bool = False) -> Iterator[None]:
        """Hold the project's lock: one writer at a time (propose, accept, reject, convert);
        readers (check) share it, so they never see a transaction half-way."""
        try:
            handle = open(self.lock_path, "a+b")  # noqa: SIM115 - held for the block
        except OSError as error:
            raise InputError(self.show(self.lock_path), None, f"cannot open the lock: {error.strerror}") from None
        with handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


_TEMPORARY = re.compile(r"\.(.+)\.(\d+)\.tmp")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: running
        return True
    return True


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, text: str, exclusive: bool = False) -> None:
    """Write to a temporary file beside ``path`` and rename it over ``path``: never half a file.
    The file keeps its mode (a new one gets the umask's); ``exclusive`` never replaces a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            data = text.encode("utf-8")
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if exclusive:
            os.link(tmp, path)  # fails if the file exists: nothing is replaced
            os.unlink(tmp)
        else:
            crash_point(f"replace {path.name}")
            os.replace(tmp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError) and not isinstance(error, FileExistsError):
            raise OSError(error.errno, error.strerror, str(path)) from None  # the file meant, not the temporary one
        raise


def crash_point(name: str) -> None:
    """Test hook: ``EDITION_TEST_CRASH_AT=name`` kills the process here, as a power cut would."""
    if os.environ.get("EDITION_TEST_CRASH_AT") == name:
        sys.stdout.flush()
        os.kill(os.getpid(), 9)
