"""Running the model: replicates, run folders, their analysis and figures.

    runner      replicates of a validated config, serially or in worker processes
    results     a run's tables in memory; the run folder written and read back
    analysis    relapse and atrocity risk with intervals, quantile bands, the console summary
    figures     a run's figures (relapse risk, confidence, fighters, overview with atrocity risk)
    files       atomic writes of tables, text and figures; each folder's record of ssrsim's files
    provenance  commit, versions and command for every manifest

Depends on the model and the configuration only; sweeps, validation and the exercise build on it.
"""
