"""What this reader expects of a comparison file (docs/comparison-schema.md, schema version 5).

Names of metrics, groups and statuses are read from the file; the constants here only choose
which of them the report puts first, and are skipped when a file does not have them.
"""

SCHEMA_VERSION = 5
# The trajectory and status code of a person-week outside the population (not yet 15, or past
# the retirement age): not a status (docs/hdf5-schema.md).
OUTSIDE_POPULATION_CODE = 255
COMPARISON_KIND = "comparison"

#: Group holding every person: the report's headline group.
EVERYONE = "everyone"
#: Prefixes of the per-arm groups, fixed on the initial population (before treatment).
TARGET_PREFIX = "target:"
NON_TARGET_PREFIX = "non_target:"
PILOT_CLIENTS_PREFIX = "pilot_clients:"
MUNICIPALITY_PREFIX = "municipality:"

#: Metrics whose effects the report plots and tabulates, in this order.
KEY_METRICS = (
    "open_employment",
    "unemployment",
    "activation_rate",
    "municipal_copayment_eur",
    "cost_total_eur",
)
ACTIVATION_RATE = "activation_rate"
GROUP_SIZE = "group_size"
#: Metrics in which displacement (a treated jobseeker taking a job another would have had) shows,
#: with the sign of an effect on the persons outside the target group that means displacement.
DISPLACEMENT_METRICS = {"open_employment": -1, "unemployment": +1}

#: Units used in the file's /metrics/unit.
UNIT_SHARE = "share"
UNIT_EUR = "eur"

#: /meta attributes the reader needs (others are passed through to `Comparison.meta`).
REQUIRED_META = (
    "schema_version",
    "kind",
    "replications",
    "arms",
    "baseline_arm",
    "start_date",
    "end_date",
    "weeks",
    "pilot_start_week",
    "pilot_end_week",
    "complete",
)

#: Order of the static person columns in `people()`; columns not listed follow in file order.
PEOPLE_COLUMN_ORDER = (
    "municipality",
    "birth_year",
    "female",
    "education",
    "foreign_language",
    "barrier",
    "fund_member",
    "initial_status",
    "initial_spell_weeks",
    "initial_benefit",
)

# Status and service names are not listed here: a file of this schema version names them on its
# axes (the `codes` attribute of a coded dataset, the category attributes of a weekly dataset),
# derived by the engine from its list of service modules (engine/services/codes.hpp).
