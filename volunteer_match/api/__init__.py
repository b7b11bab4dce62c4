"""The JSON API under /api/v1 (see shared design API.md): thin views over the services.

routes.py gathers the resource modules that add routes to the blueprint (blueprint.py)."""
