"""Every number that shapes a ranking, in one place.

The soft score is 100 x the weighted sum of parts that each lie in 0-1; the weights add up
to 1. The spread then takes up to SPREAD_MAX off listings that already have many people.
"""

SKILL = 0.47
INTEREST = 0.25
GOAL = 0.10
PREFERENCE = 0.06
DISTANCE = 0.12

RELATED_CREDIT = 0.35  # a related concept counts this much of a direct one
NEUTRAL = 0.5  # a part we can't judge (no goals, no location) sits in the middle

DEFAULT_TRAVEL_KM = 10.0
VIRTUAL_DISTANCE_FIT = 0.6

# Goals: how well a listing serves each one (0-1).
GOAL_MATCH = 1.0
GOAL_MISS = 0.2
GIVE_BACK = 0.6
ROUTINE_MIN_SHIFTS = 3  # regular shifts that fit the person

# VolunteerMatch found that down-weighting listings that already have many connections
# raised the share of listings that get a volunteer by 8-9%.
SPREAD_MAX = 0.15
SPREAD_HALF = 10  # connections at which half of SPREAD_MAX applies

MAX_REASONS = 4
