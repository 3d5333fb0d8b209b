"""Validation: the calibration targets and the ten stylised facts (docs/validation.md).

``metrics`` turns a run's tables into one row of outcome statistics per replicate; ``facts``
states each stylised fact as paired comparisons (or within-run statistics) with a fixed
minimum effect; ``calibration`` checks the baseline's relapse risk against published figures;
``report`` writes the ``ssrsim validate`` report. Nothing here changes the model.
"""
