"""HTML pages: asking for shifts, deciding requests, rosters, attendance and verified hours.

routes.py gathers the modules that add routes to the blueprint (blueprint.py)."""
