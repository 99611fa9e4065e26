"""The search behind `routing.solve`; `routing.solver.model` is the only module of routing that
imports OR-Tools.

One search runs in phases, each a fresh OR-Tools model over a subset of the fleet and requests:
1. construct: a first solution on the whole fleet with droppable requests, then a short descent;
2. fleet search: the metaheuristic on the whole fleet with fixed costs (it empties some routes);
3. reduce: repeatedly empty the smallest route and re-insert its requests into the other used
   vehicles (fixed costs off, a drop penalty that makes insertion always worth it, the search
   stopped as soon as everything is back in); a success saves a vehicle; an attempt that ends a
   request or two short is chased: ruin the plan near a left-over request and re-insert.
   Where it applies (identical vehicles; pairs only, or single stops only), searches outside
   OR-Tools (`routing.search`) remove routes before this elimination: for pairs, the first
   worker's ejection-pool search and the second's fleet minimisation by string removal; for
   single stops, that fleet minimisation in every worker (compiled, it beats the ejection search);
4. polish: guided local search on distance over the vehicles kept, every served request mandatory;
   where the ejection search applies, a string-removal search outside OR-Tools runs first
   (`routing.search.strings`), in both time-window workers; elsewhere the second worker
   polishes in rounds that each ruin a third of the plan and rebuild it.
Phases 3 and 4 leave fixed costs out of the objective: a huge constant would distort the guided
local search penalty scale. Every phase also has OR-Tools' close-nodes ruin-and-recreate operators.
With `workers > 1` diverse searches run phases 1 to 3 in parallel processes; then every process
polishes the best of their plans, each with its own operator order and ruin size.
Above LARGE_STOPS (300 stops), where `routing.search` applies, OR-Tools only times plans: the
first plan is the insertion of `routing.search`, the ejection or string search removes routes
until REDUCE_SHARE, and the string search polishes (OR-Tools' heuristics found nothing at 1000).
Drivers' rest rules are kept afterwards, by re-timing or lightening routes (`routing.timing.rest_repair`),
and the pairs left out are put back where they still fit (`routing.timing.left_out`).
"""

from routing.solver.engine import solve

__all__ = ["solve"]
