"""The training exercise: a case (Burundi), its decision menu, teams' decision files, play and debrief.

    menu             the exercise definition (configs/exercise/<name>/exercise.yaml) and each phase's money
    decisions        a team's decision file, checked and turned into ``set_lever`` events
    play             a team's decisions run as replicates, in one go or at a prompt, and its run folder
    brief            the country brief participants read before playing, and the team template
    debrief          the plenary pack: the played teams' numbers side by side with the historical track
    plenary_figures  the debrief's figures and one slide per team
    document         the Markdown and self-contained HTML documents the brief and debrief are written as
    cli              ``ssrsim exercise play|brief|debrief``
"""
