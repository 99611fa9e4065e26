"""What a plan was made from, as digests, so a later run can see which records changed.

plan.json keeps it under `inputs` (one short digest per order, bus, place and application, plus the
settings); a re-plan compares it with today's inputs and moves only what a changed record forces.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from dispatch.plan import DayPlan


def _digest(*parts: Any) -> str:
    """Twelve letters (no digits, so no digest ever looks like a phone or ID number to a privacy check)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    raw = hashlib.sha256(text.encode("utf-8")).digest()
    return "".join(chr(ord("a") + b % 26) for b in raw[:12])


def inputs_fingerprint(plan: DayPlan) -> dict[str, Any]:
    """What the plan was made from, as digests: per order, bus, place and available application, and the settings.

    Only fields that change a plan are digested (no names, ID numbers or phones), so the digests
    carry no personal data and a renamed applicant is no change. Order sizes are kept apart from
    the order digests: a larger order keeps its published seats, a smaller one may not.
    """
    day, scenario = plan.date, plan.scenario
    return {
        "settings": _digest(sorted(plan.settings.items())),
        "orders": {
            o.order_id: _digest(o.site_id, o.skill, o.shift_start, o.shift_end, o.return_trip)
            for o in scenario.orders if o.date == day
        },
        "order_workers": {o.order_id: o.workers for o in scenario.orders if o.date == day},
        "fleet": {
            v.vehicle_id: _digest(v.seats, v.depot_lat, v.depot_lon, v.available_from, v.available_to,
                                  v.plate, v.driver)
            for v in scenario.fleet
        },
        "stations": {s.station_id: _digest(s.lat, s.lon) for s in scenario.stations},
        "sites": {s.site_id: _digest(s.lat, s.lon) for s in scenario.sites},
        "applications": {
            a.application_id: _digest(a.station_id, sorted(a.skills), a.team, a.leader, a.priority)
            for a in scenario.applications if a.available_on(day)
        },
    }
