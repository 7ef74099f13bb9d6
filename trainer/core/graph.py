"""The state graph of a case, in one place for code outside the core's lower layers.

The graph work is split in three modules, bottom to top:

* :mod:`trainer.core.maxima` -- the most points any path can earn (what percentages are
  taken against) and the distance from each scene to an ending;
* :mod:`trainer.core.explore` -- every reachable state (scene, flags), dead ends, loops
  with no exit and path counts (:func:`analyse`, ``LoadedCase.analysis``);
* :mod:`trainer.core.pathenum` -- complete paths: listing, best and worst paths, scored
  reports.

This module re-exports their names so ``from trainer.core.graph import ...`` keeps working.
"""

from __future__ import annotations

from trainer.core.explore import (
    MAX_STATES,
    Analysis,
    Edge,
    analyse,
)
from trainer.core.maxima import (
    MAXIMA_STATES,
    Maxima,
    State,
    case_distances,
    case_maxima,
    competencies_of,
    compute_maxima,
    live_flags,
    read_facts,
    start_state,
)
from trainer.core.pathenum import (
    PathReport,
    Steps,
    decisions_for,
    extreme_path,
    iter_paths,
    path_reports,
    paths_through_choices,
    percent_weights,
)

__all__ = [
    "Analysis",
    "Edge",
    "MAXIMA_STATES",
    "MAX_STATES",
    "Maxima",
    "PathReport",
    "State",
    "Steps",
    "analyse",
    "case_distances",
    "case_maxima",
    "competencies_of",
    "compute_maxima",
    "decisions_for",
    "extreme_path",
    "iter_paths",
    "live_flags",
    "path_reports",
    "paths_through_choices",
    "percent_weights",
    "read_facts",
    "start_state",
]
