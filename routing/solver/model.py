"""One OR-Tools routing model over some vehicles and requests: the only module of routing that imports
ortools (the matching's min-cost flows, `dispatch.matching.flow`, are the project's other one).

It translates plans to and from the solver's indices, sets the dimensions (time, load), the
pickup-and-delivery pairs and the drop penalties, and runs one search within a budget.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from ortools.util.optional_boolean_pb2 import BOOL_TRUE

from routing.problem import Problem, Request, Vehicle
from routing.solution import Route, Visit
from routing.solver.budget import Budget
from routing.solver.configs import CLOSE_NODES_LNS_SIZE, STALL_CHECKS_PER_NODE_SQUARED, Config
from routing.solver.plans import DELIVERY, PICKUP, Plan, Result, StopKey

log = logging.getLogger(__name__)

FSS = routing_enums_pb2.FirstSolutionStrategy

LSM = routing_enums_pb2.LocalSearchMetaheuristic
FIRST_SOLUTIONS = {
    "parallel_cheapest_insertion": FSS.PARALLEL_CHEAPEST_INSERTION,
    "local_cheapest_insertion": FSS.LOCAL_CHEAPEST_INSERTION,
    "savings": FSS.SAVINGS,
    "path_cheapest_arc": FSS.PATH_CHEAPEST_ARC,
}
METAHEURISTICS = {
    "guided_local_search": LSM.GUIDED_LOCAL_SEARCH,
    "tabu_search": LSM.TABU_SEARCH,
    "simulated_annealing": LSM.SIMULATED_ANNEALING,
}


@dataclass(frozen=True)
class _Node:
    place: int
    earliest: int
    latest: int
    service: int
    load: int
    key: StopKey | None


class Model:
    """One OR-Tools model over some vehicles and requests; translates plans to and from it."""

    def __init__(
        self,
        problem: Problem,
        vehicles: list[int],
        requests: list[int],
        config: Config,
        *,
        fixed_costs: bool,
        drop_penalty: int | None,
        ruin_size: int = CLOSE_NODES_LNS_SIZE,
    ) -> None:
        self.problem = problem
        self.vehicles = vehicles
        self.config = config
        self.ruin_size = ruin_size
        self.nodes, self.node_of = self._nodes(requests)
        depot_node = {n.place: i for i, n in enumerate(self.nodes) if n.key is None}
        fleet = [problem.vehicles[v] for v in vehicles]
        self.manager = pywrapcp.RoutingIndexManager(
            len(self.nodes), len(fleet), [depot_node[v.start] for v in fleet], [depot_node[v.end] for v in fleet]
        )
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._arc_costs(fleet, fixed_costs)
        self.time = self._time_dimension(fleet) if problem.has_time_constraints() else None
        self._load_dimension(fleet, requests)
        if any(v.max_driving is not None for v in fleet):
            self._driving_dimension(fleet)
        self._requests(requests, drop_penalty)

    def _nodes(self, requests: list[int]) -> tuple[list[_Node], dict[StopKey, int]]:
        fleet = [self.problem.vehicles[v] for v in self.vehicles]
        places = sorted({p for vehicle in fleet for p in (vehicle.start, vehicle.end)})
        nodes = [_Node(p, 0, 0, 0, 0, None) for p in places]
        node_of: dict[StopKey, int] = {}
        for i in requests:
            request = self.problem.requests[i]
            for kind, stop, sign in ((PICKUP, request.pickup, 1), (DELIVERY, request.delivery, -1)):
                if stop is None:
                    continue
                load = self._load_delta(request, kind, sign)
                node_of[(i, kind)] = len(nodes)
                nodes.append(_Node(stop.place, stop.earliest, stop.latest, stop.service, load, (i, kind)))
        return nodes, node_of

    def _load_delta(self, request: Request, kind: str, sign: int) -> int:
        if request.pickup is None and not self._starts_loaded:
            return request.load  # pure delivery problem: the profile mirrors a collection
        return sign * request.load

    @property
    def _starts_loaded(self) -> bool:
        """Mixed problems with delivery-only requests carry their load from the start."""
        requests = self.problem.requests
        return any(r.pickup is None for r in requests) and any(r.pickup is not None for r in requests)

    def _arc_costs(self, fleet: list[Vehicle], fixed_costs: bool) -> None:
        distance = self.problem.distance
        places = [n.place for n in self.nodes]
        callbacks: dict[int, int] = {}
        for v, vehicle in enumerate(fleet):
            if vehicle.distance_cost not in callbacks:
                matrix = (distance[places][:, places] * vehicle.distance_cost).astype(int).tolist()
                callbacks[vehicle.distance_cost] = self.routing.RegisterTransitMatrix(matrix)
            self.routing.SetArcCostEvaluatorOfVehicle(callbacks[vehicle.distance_cost], v)
            if fixed_costs:
                self.routing.SetFixedCostOfVehicle(vehicle.fixed_cost, v)

    def _time_dimension(self, fleet: list[Vehicle]) -> pywrapcp.RoutingDimension:
        places = [n.place for n in self.nodes]
        service = [[n.service] for n in self.nodes]
        matrix = (self.problem.duration[places][:, places] + service).astype(int).tolist()
        horizon = max([n.latest for n in self.nodes] + [v.latest for v in fleet])
        callback = self.routing.RegisterTransitMatrix(matrix)
        self.routing.AddDimension(callback, horizon, horizon, False, "time")
        time_dim = self.routing.GetDimensionOrDie("time")
        for index in range(self.manager.GetNumberOfIndices()):
            node = self.manager.IndexToNode(index)
            if self.nodes[node].key is not None and not self.routing.IsStart(index) and not self.routing.IsEnd(index):
                time_dim.CumulVar(index).SetRange(self.nodes[node].earliest, self.nodes[node].latest)
        for v, vehicle in enumerate(fleet):
            for index in (self.routing.Start(v), self.routing.End(v)):
                time_dim.CumulVar(index).SetRange(vehicle.earliest, vehicle.latest)
        # Finish as early as possible, then leave as late as that allows: no idle hours at the depot.
        for v in range(len(fleet)):
            self.routing.AddVariableMinimizedByFinalizer(time_dim.CumulVar(self.routing.End(v)))
        for v in range(len(fleet)):
            self.routing.AddVariableMaximizedByFinalizer(time_dim.CumulVar(self.routing.Start(v)))
        return time_dim

    def _driving_dimension(self, fleet: list[Vehicle]) -> None:
        """Time at the wheel, summed leg by leg from zero at the start, within each driver's limit."""
        places = [n.place for n in self.nodes]
        matrix = self.problem.duration[places][:, places].astype(int)
        callback = self.routing.RegisterTransitMatrix(matrix.tolist())
        most = int(matrix.max(axis=1, initial=0).sum()) + 1  # no route drives more: each node left once
        limits = [most if v.max_driving is None else min(most, v.max_driving) for v in fleet]
        self.routing.AddDimensionWithVehicleCapacity(callback, 0, limits, True, "driving")

    def _load_dimension(self, fleet: list[Vehicle], requests: list[int]) -> None:
        callback = self.routing.RegisterUnaryTransitVector([n.load for n in self.nodes])
        capacities = [v.capacity for v in fleet]
        self.routing.AddDimensionWithVehicleCapacity(callback, 0, capacities, not self._starts_loaded, "load")
        self.load = self.routing.GetDimensionOrDie("load")
        if self._starts_loaded and any(self.problem.requests[i].delivery is None for i in requests):
            self._collected_fits(fleet)

    def _collected_fits(self, fleet: list[Vehicle]) -> None:
        """Mixed loads: the start load must cover every delivery-only request on the route.

        Net load change over a route is collected − delivered, so requiring the end load to be at
        least what was collected forces the start load to be at least what is delivered.
        """
        collected = [
            n.load if n.key is not None and self.problem.requests[n.key[0]].delivery is None else 0 for n in self.nodes
        ]
        callback = self.routing.RegisterUnaryTransitVector(collected)
        self.routing.AddDimensionWithVehicleCapacity(callback, 0, [v.capacity for v in fleet], True, "collected")
        collected_dim = self.routing.GetDimensionOrDie("collected")
        solver = self.routing.solver()
        for v in range(len(fleet)):
            end = self.routing.End(v)
            solver.Add(self.load.CumulVar(end) >= collected_dim.CumulVar(end))

    def _requests(self, requests: list[int], drop_penalty: int | None) -> None:
        solver = self.routing.solver()
        for i in requests:
            request = self.problem.requests[i]
            indices = [
                self.manager.NodeToIndex(self.node_of[(i, k)]) for k in (PICKUP, DELIVERY) if (i, k) in self.node_of
            ]
            penalty = request.penalty if request.penalty is not None else drop_penalty
            if penalty is not None:
                self.routing.AddDisjunction([indices[0]], penalty)
                if len(indices) == 2:
                    self.routing.AddDisjunction([indices[1]], 0)
            if len(indices) == 2:
                pickup, delivery = indices
                self.routing.AddPickupAndDelivery(pickup, delivery)
                solver.Add(self.routing.VehicleVar(pickup) == self.routing.VehicleVar(delivery))
                if self.time is None:
                    continue
                solver.Add(self.time.CumulVar(pickup) <= self.time.CumulVar(delivery))
                if request.max_ride is not None:
                    assert request.pickup is not None
                    ride = self.time.CumulVar(delivery) - self.time.CumulVar(pickup)
                    solver.Add(ride <= request.max_ride + request.pickup.service)

    def _search_parameters(
        self, metaheuristic: str | None, limit: tuple[float, int | None]
    ) -> pywrapcp.DefaultRoutingSearchParameters:
        search = pywrapcp.DefaultRoutingSearchParameters()
        search.first_solution_strategy = FIRST_SOLUTIONS[self.config.first_solution]
        search.local_search_metaheuristic = METAHEURISTICS[metaheuristic] if metaheuristic else LSM.GREEDY_DESCENT
        # The bandit favours the operators that recently improved: on tight pickup-and-delivery
        # windows most of the default operator sequence only yields infeasible moves. It is erratic
        # (lc104 +26 % -> +0.2 %, lrc204 0 % -> +48 %), so only the diverse workers use it.
        search.use_multi_armed_bandit_concatenate_operators = self.config.bandit
        search.guided_local_search_reset_penalties_on_new_best_solution = self.config.bandit
        operators = search.local_search_operators
        operators.use_global_cheapest_insertion_close_nodes_lns = BOOL_TRUE
        operators.use_local_cheapest_insertion_close_nodes_lns = BOOL_TRUE
        search.heuristic_close_nodes_lns_num_nodes = self.ruin_size
        seconds, solutions = limit
        search.time_limit.FromMilliseconds(max(1, int(seconds * 1000)))
        if solutions is not None:
            search.solution_limit = solutions
        return search

    def run(
        self,
        start: Plan | None,
        budget: Budget,
        *,
        share: float,
        metaheuristic: str | None,
        phase: str,
        stop_when_complete: bool = False,
    ) -> Result | None:
        """Search from `start` (or from a first-solution heuristic) within `share` of the budget.

        Each run is logged at debug level (`benchmarks/run.py --log-phases`): where a search spends
        its budget and whether a phase improves anything is the first question of any tuning.
        """
        started = time.monotonic()
        limit = budget.limit(share)
        search = self._search_parameters(metaheuristic, limit)
        self.routing.CloseModelWithParameters(search)
        self.routing.solver().ReSeed(self.config.seed)
        counter = _SolutionCounter(self, stop_when_complete)
        self.routing.AddAtSolutionCallback(counter)
        if limit[1] is not None:
            stall_cap = STALL_CHECKS_PER_NODE_SQUARED * len(self.nodes) ** 2
            self.routing.AddSearchMonitor(self.routing.solver().CustomLimit(counter.stalled_after(stall_cap)))
        if start is None:
            assignment = self.routing.SolveWithParameters(search)
        else:
            initial = self.routing.ReadAssignmentFromRoutes(self._routes_as_indices(start), True)
            if initial is None:
                log.debug("start plan rejected by the model")
            assignment = None if initial is None else self.routing.SolveFromAssignmentWithParameters(initial, search)
        budget.spend(counter.count)  # at least one solution's worth, so repeated rejections still end
        result = None if assignment is None else self._extract(assignment)
        if log.isEnabledFor(logging.DEBUG):
            outcome = "nothing found" if result is None else (
                f"{len(result.plan)} vehicles, {len(result.served)} requests, cost {result.cost(self.problem)}"
            )
            log.debug(
                "seed %d, %s on %d vehicles: %s; %d solutions in %.2f s",
                self.config.seed, phase, len(self.vehicles), outcome, counter.count, time.monotonic() - started,
            )
        return result

    def _routes_as_indices(self, plan: Plan) -> list[list[int]]:
        return [
            [self.manager.NodeToIndex(self.node_of[key]) for key in plan.get(v, []) if key in self.node_of]
            for v in self.vehicles
        ]

    def _extract(self, assignment: pywrapcp.Assignment) -> Result:
        plan: Plan = {}
        routes: list[Route] = []
        served: set[int] = set()
        for v, vehicle_index in enumerate(self.vehicles):
            index = self.routing.Start(v)
            indices = [index]
            while not self.routing.IsEnd(index):
                index = assignment.Value(self.routing.NextVar(index))
                indices.append(index)
            if len(indices) <= 2:
                continue
            keys = [self.nodes[self.manager.IndexToNode(i)].key for i in indices[1:-1]]
            plan[vehicle_index] = [k for k in keys if k is not None]
            served.update(k[0] for k in plan[vehicle_index])
            routes.append(self._route(vehicle_index, indices, assignment))
        return Result(plan, tuple(routes), frozenset(served))

    def _route(self, vehicle_index: int, indices: list[int], assignment: pywrapcp.Assignment) -> Route:
        """Turn a route of solver indices into visits; times come from the time dimension.

        Loads are recomputed from the requests (not read from the model, whose load dimension may
        mirror a pure delivery problem): the start load is everything delivered without a pickup.
        """
        problem = self.problem
        nodes = [self.nodes[self.manager.IndexToNode(i)] for i in indices]
        keys = [n.key for n in nodes[1:-1] if n.key is not None]
        load = sum(problem.requests[i].load for i, kind in keys if problem.requests[i].pickup is None)
        departure = self._time_at(indices[0], assignment, problem.vehicles[vehicle_index].earliest)
        visits = [Visit("start", nodes[0].place, None, departure, departure, load)]
        distance = 0
        for previous, node, index in zip(nodes, nodes[1:], indices[1:]):
            distance += int(problem.distance[previous.place, node.place])
            arrival = visits[-1].start + previous.service + int(problem.duration[previous.place, node.place])
            if node.key is None:
                visits.append(Visit("end", node.place, None, arrival, arrival, load))
                continue
            request = problem.requests[node.key[0]]
            load += request.load if node.key[1] == PICKUP else -request.load
            start = max(arrival, self._time_at(index, assignment, arrival))
            visits.append(Visit(node.key[1], node.place, request.request_id, arrival, start, load))
        vehicle_id = problem.vehicles[vehicle_index].vehicle_id
        return Route(vehicle_id, tuple(visits), distance, visits[-1].start - visits[0].start)

    def _time_at(self, index: int, assignment: pywrapcp.Assignment, untimed: int) -> int:
        """The scheduled time at `index`, or `untimed` in a model without a time dimension."""
        return untimed if self.time is None else assignment.Value(self.time.CumulVar(index))


class _SolutionCounter:
    """Counts accepted solutions and can stop the search once no request is dropped."""

    def __init__(self, model: Model, stop_when_complete: bool) -> None:
        self.model = model
        self.stop_when_complete = stop_when_complete
        self.count = 0

        self.checks_since_solution = 0

    def stalled_after(self, cap: int) -> Callable[[], bool]:
        """A limit callback: true once `cap` checks have passed without a new solution."""

        def stalled() -> bool:
            self.checks_since_solution += 1
            return self.checks_since_solution > cap

        return stalled

    def __call__(self) -> None:
        self.count += 1
        self.checks_since_solution = 0
        if self.stop_when_complete and self._all_active():
            self.model.routing.solver().FinishCurrentSearch()

    def _all_active(self) -> bool:
        routing = self.model.routing
        return all(routing.NextVar(i).Value() != i for i in range(routing.Size()) if not routing.IsStart(i))
