"""Road travel (issue 22): where the day's road times come from, when they come from roads at all.

The straight-line model of `dispatch.travel` stays the default; a road source (an OSM file prepared
with OSRM's tools, or an OSRM server) replaces its matrices pair by pair and falls back to it,
reported, where the roads cannot answer. `dispatch.places` is still the one place where ids become
matrix indices: it asks this room for the matrices. Nothing in `routing` knows of roads.
"""

from dispatch.roads.engine import LocalRoads
from dispatch.roads.prepare import CACHE_ENV, PreparedFile, cache_root, prepared
from dispatch.roads.settings import RoadSettings, road_error, road_settings
from dispatch.roads.travel import RoadPoint, RoadTravel, road_travel

__all__ = [
    "CACHE_ENV",
    "LocalRoads",
    "PreparedFile",
    "RoadPoint",
    "RoadSettings",
    "RoadTravel",
    "cache_root",
    "prepared",
    "road_error",
    "road_settings",
    "road_travel",
]
