"""Provenance strings shared by parameters."""

#: Provenance of the assumed values fitted to published relapse rates (docs/validation.md).
CALIBRATED = "assumed; calibrated to Collier, Hoeffler & Söderbom 2008 (docs/validation.md)"
#: The same, for a value whose direction has a source of its own.
FITTED = "value calibrated to the relapse targets (docs/validation.md)"
