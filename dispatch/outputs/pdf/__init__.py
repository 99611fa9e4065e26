"""Printed outputs as PDF: bus manifests, station boarding lists and employer arrival lists."""

from dispatch.outputs.pdf.bundle import RenderedPdfs
from dispatch.outputs.pdf.document import MissingGlyphs
from dispatch.outputs.pdf.font import PLACEHOLDER
from dispatch.outputs.pdf.lists import render_site_lists, render_station_lists
from dispatch.outputs.pdf.manifest import render_manifest_pdfs

__all__ = [
    "PLACEHOLDER",
    "MissingGlyphs",
    "RenderedPdfs",
    "render_manifest_pdfs",
    "render_site_lists",
    "render_station_lists",
]
