"""Matching over random small days: the rules always hold, and the answer is the exact optimum.

The optimum is checked against brute force: every way to send each applicant (or whole team) to
one order or none, ranked by (hardship placed, team members placed, placed, fewest km).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.records import Application, Order
from dispatch import reasons
from dispatch.matching import MatchSettings, match

DAY = dt.date(2026, 12, 1)
SKILLS = ("采摘", "包装", "普工")
STATIONS = ("S0", "S1", "S2")
SITES = ("X0", "X1", "X2")
LIMIT_KM = 300
TEAM_TRADE = {"t0": "采摘", "t1": "包装", "t2": "采摘"}


@st.composite
def small_days(draw):
    """Up to 6 applicants (some in teams, some hardship), up to 3 small orders, a few places too far
    or unreachable: small enough for brute force, tight enough that the priorities decide."""
    apps = []
    for i in range(draw(st.integers(1, 6))):
        team = draw(st.sampled_from((None, None, "t0", "t0", "t1", "t2")))
        skills = draw(st.sets(st.sampled_from(SKILLS), min_size=1, max_size=2))
        if team and draw(st.integers(0, 3)):  # members of a team mostly share its trade
            skills.add(TEAM_TRADE[team])
        apps.append(Application(
            application_id=f"A{i}", name="", gender="", id_number="", phone="",
            station_id=draw(st.sampled_from(STATIONS)), village="", skills=tuple(sorted(skills)),
            dates=(DAY,), team=team, priority=draw(st.booleans()),
        ))
    orders = [
        Order(f"O{i}", draw(st.sampled_from(SITES)), DAY, draw(st.integers(0, 4)), draw(st.sampled_from(SKILLS)),
              420, 1020)
        for i in range(draw(st.integers(1, 3)))
    ]
    km = {(s, x): draw(st.sampled_from((5, 12, 40, 120, 350))) for s in STATIONS for x in SITES}
    pairs = [(s, o.order_id) for s in STATIONS for o in orders]
    unreachable = frozenset(draw(st.sets(st.sampled_from(pairs), max_size=2)) if pairs else ())
    return apps, orders, km, unreachable


def allowed(app: Application, order: Order, km: dict, unreachable: frozenset) -> bool:
    return (order.skill in app.skills and km[(app.station_id, order.site_id)] <= LIMIT_KM
            and (app.station_id, order.order_id) not in unreachable)


def units(apps: list[Application]) -> list[list[Application]]:
    """Applicants outside teams one by one; each team as one block."""
    teams: dict[str, list[Application]] = defaultdict(list)
    for a in apps:
        if a.team:
            teams[a.team].append(a)
    return [[a] for a in apps if not a.team] + list(teams.values())


def rank(assignment: dict[str, str], apps: list[Application], orders: list[Order], km: dict) -> tuple:
    by_id = {o.order_id: o for o in orders}
    chosen = [a for a in apps if a.application_id in assignment]
    return (
        sum(a.priority for a in chosen),
        sum(1 for a in chosen if a.team),
        len(chosen),
        -sum(km[(a.station_id, by_id[assignment[a.application_id]].site_id)] for a in chosen),
    )


def brute_force_best(apps, orders, km, unreachable) -> tuple:
    blocks = units(apps)
    choices = [
        [None] + [o for o in orders if len(block) <= o.workers and all(allowed(a, o, km, unreachable) for a in block)]
        for block in blocks
    ]
    best = None
    for pick in itertools.product(*choices):
        load = Counter(o.order_id for block, o in zip(blocks, pick) if o is not None for _ in block)
        if any(load[o.order_id] > o.workers for o in orders):
            continue
        assignment = {a.application_id: o.order_id for block, o in zip(blocks, pick) if o is not None for a in block}
        key = rank(assignment, apps, orders, km)
        best = key if best is None or key > best else best
    assert best is not None, "sending every block home is always a choice"
    return best


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_days())
def test_rules_hold_and_the_answer_is_the_exact_optimum(day):
    apps, orders, km, unreachable = day
    result = match(apps, orders, lambda s, x: km[(s, x)], MatchSettings(max_distance_km=LIMIT_KM), unreachable)
    placed = result.order_of()
    by_order = {o.order_id: o for o in orders}
    apps_by_id = {a.application_id: a for a in apps}

    # conservation: everyone exactly once
    ids = [m.application_id for m in result.matches] + [u.application_id for u in result.unplaced]
    assert sorted(ids) == sorted(apps_by_id)

    # capacity, skill, distance, reachability
    load = Counter(placed.values())
    assert all(load[o] <= by_order[o].workers for o in load)
    assert all(allowed(apps_by_id[a], by_order[o], km, unreachable) for a, o in placed.items())

    # teams whole, on one order
    for block in units(apps):
        if block[0].team:
            assert len({placed.get(a.application_id) for a in block}) == 1

    # hardship dominance among applicants outside teams
    for h in apps:
        if h.priority and not h.team and h.application_id not in placed:
            assert not any(
                not a.priority and not a.team and allowed(h, by_order[o], km, unreachable)
                for a_id, o in placed.items() for a in [apps_by_id[a_id]]
            )

    # reasons: order_full exactly for those who had an order they could have taken had it room
    # (an order asking for nobody counts as full; a team needs an order at least its size)
    reason = {u.application_id: u.reason for u in result.unplaced}
    for block in units(apps):
        if block[0].application_id in reason:
            could = any((o.workers >= len(block) or not block[0].team)
                        and all(allowed(a, o, km, unreachable) for a in block) for o in orders)
            assert {reason[a.application_id] for a in block} <= set(reasons.REASONS)
            assert (reason[block[0].application_id] == reasons.ORDER_FULL) == could
    best = brute_force_best(apps, orders, km, unreachable)
    assert rank(placed, apps, orders, km) == best
    assert result.stats["proven_optimal"]
    if "count_bound" in result.stats:  # the relaxed flow never promises less than the optimum
        assert result.stats["count_bound"] >= best[:3]
