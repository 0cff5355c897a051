"""Definitions computed from status counts, each in one place (hdf5-schema.md, DOMAIN.md)."""
from __future__ import annotations

import numpy as np

#: The statuses that are not services (engine/core/vocabulary.hpp kCoreStatuses). Every other
#: status a file names is a placed service's and counts as "in activating services" (the activation
#: rate's numerator; engine/services/codes.hpp is_activating_service): the file names them.
NOT_IN_SERVICE_STATUSES = ("employed", "unemployed", "inactive")
UNEMPLOYED = "unemployed"


def in_service_statuses(status_names) -> list[str]:
    """The statuses of `status_names` (a file's status axis) that count as in activating services."""
    return [s for s in status_names if s not in NOT_IN_SERVICE_STATUSES]


def activation_rate(in_services, unemployed):
    """In services / (unemployed + in services); NaN where both are 0 (nobody to activate)."""
    in_services = np.asarray(in_services, dtype=np.float64)
    denominator = in_services + np.asarray(unemployed, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, in_services / np.where(denominator > 0, denominator, 1), np.nan)


def activation_rate_of_counts(counts: np.ndarray, status_names: list[str]) -> np.ndarray:
    """The activation rate from counts [..., status] (the last axis in `status_names` order)."""
    in_services = counts[..., [status_names.index(s) for s in in_service_statuses(status_names)]].sum(axis=-1)
    return activation_rate(in_services, counts[..., status_names.index(UNEMPLOYED)])
