"""Three-way merge of one netplan file, record by record and field by field (spec 7.4).

The engine of `netplan resolve` and `netplan merge-driver`: `merge_models(base, ours, theirs)`
takes three models of one file (base None: no common base) and returns the merged model, the
changes it took from theirs and the conflicts it decided for ours.
"""

from netplan.merging.files import merge_models
from netplan.merging.report import CannotMerge, Change, Conflict, Merged

__all__ = ["CannotMerge", "Change", "Conflict", "Merged", "merge_models"]
