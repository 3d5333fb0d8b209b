"""Sweeps and studies: many configurations, each run as a job, collected into one table.

    plan         a Hydra multirun expanded and validated before any job starts; its folder,
                 the keys it varies, the job fingerprints that make it resumable
    jobs         one job (skipped when complete), progress over all, and ``sweep()`` from Python
    collect      a sweep folder into ``sweep.parquet``, ``sweep_confidence.parquet``, a manifest
    figures      a collected sweep's figures
    designs      SALib designs and sensitivity indices (pure functions)
    sensitivity  a design run as a sweep, then ranked indices (``ssrsim sensitivity``)
"""
