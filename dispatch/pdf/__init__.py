"""Printed outputs as PDF: bus manifests, station boarding lists and employer arrival lists."""

from dispatch.pdf.bundle import RenderedPdfs
from dispatch.pdf.document import MissingGlyphs
from dispatch.pdf.font import PLACEHOLDER
from dispatch.pdf.lists import render_site_lists, render_station_lists
from dispatch.pdf.manifest import render_manifest_pdfs

__all__ = ["PLACEHOLDER", "MissingGlyphs", "RenderedPdfs", "render_manifest_pdfs", "render_site_lists", "render_station_lists"]
