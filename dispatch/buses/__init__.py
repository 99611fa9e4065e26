"""The buses' side of the day: matched workers packed into loads, each trip routed, free seats filled.

`make_loads` packs matched workers into bus loads (a team rides together where a bus can hold it);
`route_loads` routes the morning trip out and the evening trip home (`runs`, on the routing engine
through `trips`) and keeps teams whole and hardship cases first; `fill_free_seats` seats those still
waiting on runs that already pass their station and site (`seating`, also used by a late change).
"""

from dispatch.buses.days import BusDay, Wait, broken_rules, bus_days
from dispatch.buses.loads import Load, make_loads
from dispatch.buses.runs import RoutedLoads, route_loads
from dispatch.buses.seating import Seating, fill_free_seats, join_runs, match_to_free_places

__all__ = [
    "BusDay",
    "Load",
    "RoutedLoads",
    "Seating",
    "Wait",
    "broken_rules",
    "bus_days",
    "fill_free_seats",
    "join_runs",
    "make_loads",
    "match_to_free_places",
    "route_loads",
]
