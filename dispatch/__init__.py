"""The day's business: who goes to which employer, on which bus, boarding when and where.

`plan_day` plans a day from a scenario (`day`: matching, then the buses); `replan` re-plans a
published day after late changes. Both return a `DayPlan` (`plan`), which `dispatch.outputs`
writes out. The rooms, in the order a day flows through them:

- top level: the settings, the rules every stage shares, places and travel, reasons, the plan types;
- `matching/`: applicants to orders;
- `buses/`: loads, the morning and evening trips on the routing engine, free seats;
- `replan/`: late changes to a published plan;
- `presentation/`: the plan as people read it (labels, riders, place names);
- `outputs/`: plan.json, workbook, notices, manifests, map, terminal summaries.
"""

from dispatch.day import plan_day
from dispatch.plan import (
    Assignment,
    BusRun,
    DayPlan,
    DriverRest,
    PlanHistory,
    PlanStop,
    Progress,
    PublishedPlan,
)
from dispatch.reasons import REASONS, Unplaced
from dispatch.replan import ChangeReport, PassengerChange, replan
from dispatch.settings import PlanSettings

__all__ = [
    "REASONS",
    "Assignment",
    "BusRun",
    "ChangeReport",
    "DayPlan",
    "DriverRest",
    "PassengerChange",
    "PlanHistory",
    "PlanSettings",
    "PlanStop",
    "Progress",
    "PublishedPlan",
    "Unplaced",
    "plan_day",
    "replan",
]
