"""Rendering a set of PDFs in one embedded font, and the result: files plus placeholder reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from data.writers import path_inside
from dispatch.outputs.pdf.document import MissingGlyphs, PrintDocument
from dispatch.outputs.pdf.font import EmbeddedFont, embedded_font
from dispatch.plan import DayPlan
from dispatch.presentation import Lang, all_labels


@dataclass(frozen=True)
class RenderedPdfs:
    """PDF bytes by file name; `missing_glyphs` says which texts lost characters to the placeholder."""

    files: Mapping[str, bytes]
    missing_glyphs: tuple[MissingGlyphs, ...] = ()

    @classmethod
    def of(cls, documents: Iterable[PrintDocument]) -> RenderedPdfs:
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
            path = path_inside(folder, name)
            path.write_bytes(self.files[name])
            paths.append(path)
        return paths


def render(plan: DayPlan, lang: Lang, build: Callable[[EmbeddedFont], Iterable[PrintDocument]]) -> RenderedPdfs:
    """Build documents in a font subset holding every character the plan and labels may print."""
    with embedded_font(plan_texts(plan, lang)) as font:
        return RenderedPdfs.of(build(font))


def plan_texts(plan: DayPlan, lang: Lang) -> Iterator[str]:
    """Every string of the plan's scenario records and every label: what a printout may show."""
    yield from all_labels(lang)
    yield plan.date.isoformat()
    scenario = plan.scenario
    for table in (scenario.stations, scenario.sites, scenario.parking, scenario.orders, scenario.fleet,
                  scenario.applications):
        for record in table:
            for field in dataclasses.fields(record):
                value = getattr(record, field.name)
                if isinstance(value, str):
                    yield value
                elif isinstance(value, tuple):
                    yield from (v for v in value if isinstance(v, str))
