"""A general vehicle-routing engine: pickup-and-delivery requests, vehicles, travel matrices.

It knows nothing about workers or maps. Only `routing.solver` imports OR-Tools.
"""
