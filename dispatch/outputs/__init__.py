"""What a planned day becomes for people and other tools: files, and the summaries the terminal shows.

`write_outputs` writes the whole folder (`write`): plan.json (`plan_json`, which also reads a
published plan back for a re-plan), the workbook (`workbook`), notices for bulk SMS (`notices`), the
route map (`maps`), manifests and lists as web pages (`html`, `templates/`) and PDFs (`pdf/`), and
changes.json after a re-plan (`changes_json`), carrying what the scenario's `[outputs]` settings say
(`audience`). `terminal` renders the day and its changes as text.
"""

from dispatch.outputs.audience import output_settings
from dispatch.outputs.changes_json import changes_to_dicts
from dispatch.outputs.plan_json import (
    SCHEMA_VERSION,
    plan_from_dict,
    plan_to_dict,
    previous_input_error,
    published_plan,
    read_plan_json,
    read_published_plan,
)
from dispatch.outputs.terminal import bus_days_table, changes_table, orders_table, summary_table, unplaced_by_station
from dispatch.outputs.write import WrittenOutputs, write_outputs

__all__ = [
    "SCHEMA_VERSION",
    "WrittenOutputs",
    "bus_days_table",
    "changes_table",
    "changes_to_dicts",
    "orders_table",
    "output_settings",
    "plan_from_dict",
    "plan_to_dict",
    "previous_input_error",
    "published_plan",
    "read_plan_json",
    "read_published_plan",
    "summary_table",
    "unplaced_by_station",
    "write_outputs",
]
