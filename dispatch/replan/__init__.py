"""Late changes: re-plan a published day, moving as few people as the new inputs force.

`replan` (`replanning`) keeps every published seat no rule releases (`keep`), cuts the published
runs down to those riders (`runs`), seats newcomers on free seats and routes the rest on spare
buses (`dispatch.buses`), and reports every passenger whose bus or time changed (`report`).
"""

from dispatch.replan.replanning import replan
from dispatch.replan.report import ChangeKind, ChangeReport, PassengerChange

__all__ = ["ChangeKind", "ChangeReport", "PassengerChange", "replan"]
