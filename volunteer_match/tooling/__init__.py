"""Tools around the product, not its rules: the demo seeder and the matcher's evaluation.

- ``demo`` (with ``demo_nyc`` and ``demo_activity``): ``flask seed-demo`` loads the NYC demo
  opportunities, the demo accounts and a little activity;
- ``graded_set`` and ``evaluation``: ``flask match evaluate`` reads a graded relevance set and
  scores the matcher on it beside two naive baselines.

They call the services as a person would and never hold a business rule of their own; nothing
in services/, web/ or api/ imports from here.
"""
