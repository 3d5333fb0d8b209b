"""The training exercise: a case, its decision menu, teams' decision files, play, brief and debrief.

A case is data: a folder holding ``exercise.yaml`` (the menu, the brief's texts, the dates and
questions of the debrief), optionally ``historical.yaml`` (the decisions actually taken) and
``scenario/<name>.yaml``. The shipped cases are the folders of ``configs/exercise/``; a user's
case is any such folder, named by its path. Nothing here knows a particular case.

    menu             a case: its folder, its definition (validated) and each phase's money
    decisions        a team's decision file, checked and turned into events (levers set, one-time acts)
    play             a team's decisions run as replicates, in one go or at a prompt, and its run folder
    document         the Markdown and self-contained HTML documents the brief and debrief are written as
    brief_figures    the brief's figures: the months before the first decision, the timeline
    brief            the country brief participants read before playing, and the team template
    teams            played run folders as the debrief reads them, and the historical track
    outcomes         the debrief's numbers: headline numbers, conflict years, benchmarks, events
    plenary_figures  the debrief's figures and one slide per team
    debrief          the plenary pack: the played teams' numbers side by side with the historical track

Each module imports only modules listed above it.
The command line is ``ssrsim exercise play|brief|debrief`` (:mod:`ssrsim.cli.exercise`).
"""
