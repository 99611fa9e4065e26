"""Stable element ids: Branca names every element with 32 random hex digits, which would make the same
plan render a different page each time. Renumbering the tree in order fixes that."""

from __future__ import annotations

from collections import OrderedDict
from itertools import count

from branca.element import Element


def stabilise_ids(root: Element) -> None:
    """Give every element under `root` an id from a counter, in tree order, keeping child keys in step."""
    counter = count()

    def visit(element: Element) -> None:
        element._id = str(next(counter))
        renamed: OrderedDict[str, Element] = OrderedDict()
        for key, child in element._children.items():
            named_by_id = key == child.get_name()
            visit(child)
            renamed[child.get_name() if named_by_id else key] = child
        element._children = renamed

    visit(root)
