"""Bundled scenario folders (inputs a dispatcher would hand over), usable by tests, demos and notebooks."""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent
CHANGJIANG = SAMPLES / "changjiang"
"""Changjiang county (昌江), one realistic day: 2026-12-01. Regenerate with `python -m data.make_sample`."""
