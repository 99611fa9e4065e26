"""When a route's vehicle is where: the earliest and latest schedules of a route, the rests its
driver's rule needs on a timing, and routes made to keep those rests after a search."""

from routing.timing.rest_repair import with_rests
from routing.timing.rests import place_rests
from routing.timing.schedule import as_early_as_possible, as_late_as_possible

__all__ = ["as_early_as_possible", "as_late_as_possible", "place_rests", "with_rests"]
