"""When a route's vehicle is where: the earliest and latest schedules of a route, the rests its
driver's rule needs on a timing, routes made to keep those rests after a search, and what a search
left out put back where it still fits."""

from routing.timing.left_out import reinsert
from routing.timing.rest_repair import with_rests
from routing.timing.rests import place_rests
from routing.timing.schedule import as_early_as_possible, as_late_as_possible

__all__ = ["as_early_as_possible", "as_late_as_possible", "place_rests", "reinsert", "with_rests"]
