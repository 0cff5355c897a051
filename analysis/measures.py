"""Definitions computed from status counts, each in one place (hdf5-schema.md, DOMAIN.md)."""
from __future__ import annotations

import numpy as np

#: Statuses that count as "in activating services" (the activation rate's numerator).
IN_SERVICE_STATUSES = ("subsidised_job", "training", "rehabilitative", "work_trial", "self_motivated_study")
UNEMPLOYED = "unemployed"


def activation_rate(in_services, unemployed):
    """In services / (unemployed + in services); NaN where both are 0 (nobody to activate)."""
    in_services = np.asarray(in_services, dtype=np.float64)
    denominator = in_services + np.asarray(unemployed, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, in_services / np.where(denominator > 0, denominator, 1), np.nan)


def activation_rate_of_counts(counts: np.ndarray, status_names: list[str]) -> np.ndarray:
    """The activation rate from counts [..., status] (the last axis in `status_names` order)."""
    # A file of schema version 4 or a synthetic one may lack self_motivated_study: none in it.
    in_services = counts[..., [status_names.index(s) for s in IN_SERVICE_STATUSES if s in status_names]].sum(axis=-1)
    return activation_rate(in_services, counts[..., status_names.index(UNEMPLOYED)])
