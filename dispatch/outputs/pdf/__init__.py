"""Printed outputs as PDF: bus manifests, station boarding lists, employer arrival lists and the
employers' order reports."""

from dispatch.outputs.pdf.bundle import RenderedPdfs
from dispatch.outputs.pdf.document import MissingGlyphs
from dispatch.outputs.pdf.employers import render_employer_reports
from dispatch.outputs.pdf.font import PLACEHOLDER
from dispatch.outputs.pdf.lists import render_site_lists, render_station_lists
from dispatch.outputs.pdf.manifest import render_manifest_pdfs

__all__ = [
    "PLACEHOLDER",
    "MissingGlyphs",
    "RenderedPdfs",
    "render_employer_reports",
    "render_manifest_pdfs",
    "render_site_lists",
    "render_station_lists",
]
