"""The result of rendering a set of PDFs: the files, and every text printed with a placeholder."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from dispatch.pdf.document import MissingGlyphs, PrintDocument


@dataclass(frozen=True)
class RenderedPdfs:
    """PDF bytes by file name; `missing_glyphs` says which texts lost characters to the placeholder."""

    files: Mapping[str, bytes]
    missing_glyphs: tuple[MissingGlyphs, ...] = ()

    @classmethod
    def of(cls, documents: Iterable[PrintDocument]) -> "RenderedPdfs":
        files: dict[str, bytes] = {}
        missing: list[MissingGlyphs] = []
        for document in documents:
            files[document.file_name] = document.to_bytes()
            missing.extend(document.missing_glyphs)
        return cls(files, tuple(missing))

    def write_to(self, folder: Path) -> list[Path]:
        """Write every file into `folder` (created if needed); returns the paths in name order."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name in sorted(self.files):
            path = folder / name
            path.write_bytes(self.files[name])
            paths.append(path)
        return paths


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_part(value: str) -> str:
    """An id made safe for a file name on any system (anything else becomes '_')."""
    return _UNSAFE.sub("_", value).strip("_") or "_"
