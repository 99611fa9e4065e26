"""What a bus costs the evening search: a bus hired for the day already pays only its kilometres."""

from __future__ import annotations

from data.records import Scenario
from dispatch.buses.loads import Load
from dispatch.buses.trips import COST_STEPS, BusHours, build_trip_problem
from dispatch.places import Places
from dispatch.settings import PlanSettings

SETTINGS = PlanSettings()


def _evening(scenario: Scenario, hours: dict[str, BusHours], paid: frozenset[str]):
    places = Places(scenario, road_factor=SETTINGS.road_factor, speeds=SETTINGS.speeds())
    load = Load("S02>O01#1", "S02", "O01", "W01", ("A001", "A002"))
    problem = build_trip_problem("evening", (load,), scenario.orders_by_id, scenario.applications_by_id,
                                 scenario.fleet, hours, places, SETTINGS, paid)
    return places, {v.vehicle_id: v for v in problem.vehicles}


def test_a_bus_out_since_the_morning_costs_its_detour_and_a_fresh_bus_its_day(tiny_scenario: Scenario) -> None:
    day = {"V01": BusHours(17 * 60, 21 * 60), "V02": BusHours(5 * 60, 21 * 60)}
    places, vehicles = _evening(tiny_scenario, day, frozenset({"V01"}))
    fresh = SETTINGS.bus_fixed_cost_km * 1000 * COST_STEPS
    assert vehicles["V02"].fixed_cost == fresh
    assert vehicles["V01"].fixed_cost == 0  # hired for the day already: only its kilometres count

    waited = {**day, "V01": BusHours(17 * 60, 21 * 60, start=places.site("W01").index)}
    places, vehicles = _evening(tiny_scenario, waited, frozenset({"V01"}))
    assert vehicles["V01"].fixed_cost == 0  # the one waiting bus: its way home is the offset itself
    both = {**waited, "V02": BusHours(17 * 60, 21 * 60, start=places.site("W02").index)}
    places, vehicles = _evening(tiny_scenario, both, frozenset({"V01", "V02"}))
    home = {v: int(places.travel.metres[both[v].start, places.depot(v).index]) * vehicles[v].distance_cost
            for v in ("V01", "V02")}
    # Each run costs the same offset plus its detour: the fixed costs differ by the ways home credited.
    assert vehicles["V01"].fixed_cost - vehicles["V02"].fixed_cost == home["V02"] - home["V01"]
    assert min(vehicles["V01"].fixed_cost, vehicles["V02"].fixed_cost) == 0
    assert max(v.fixed_cost for v in vehicles.values()) < fresh
