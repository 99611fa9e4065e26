"""The day plan as people read it, shared by every printed output and the map: labels in Chinese
(the default) or English, the riders of each run with masked personal data, place names, and text
widths that line Chinese names up, each order's status in words, and a run's numbered calls (`labels`,
`roster`, `text`, `orders`, `calls`)."""

from dispatch.presentation.calls import Ride, call_count, call_numbers, call_text, rides, site_notes
from dispatch.presentation.labels import LANGS, Lang, all_labels, gender_label, label, reason_label, translator
from dispatch.presentation.orders import calls_text, returns_text, shift_text, shortfall_text, shortfalls_text
from dispatch.presentation.roster import (
    Person,
    Rider,
    aboard,
    no_show_note,
    no_show_remark,
    person,
    place_name,
    rest_notes,
    riders,
    sorted_runs,
    stop_side,
    team_label,
    whole_phone,
)
from dispatch.presentation.text import display_width, pad

__all__ = [
    "LANGS",
    "Lang",
    "Person",
    "Ride",
    "Rider",
    "aboard",
    "all_labels",
    "call_count",
    "call_numbers",
    "call_text",
    "calls_text",
    "display_width",
    "gender_label",
    "label",
    "no_show_note",
    "no_show_remark",
    "pad",
    "person",
    "place_name",
    "reason_label",
    "rest_notes",
    "returns_text",
    "riders",
    "rides",
    "shift_text",
    "shortfall_text",
    "shortfalls_text",
    "site_notes",
    "sorted_runs",
    "stop_side",
    "team_label",
    "translator",
    "whole_phone",
]
