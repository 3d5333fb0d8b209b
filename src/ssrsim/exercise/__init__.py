"""The training exercise: a case (Burundi), its decision menu, teams' decision files, play and debrief.

    menu       the exercise definition (configs/exercise/<name>/exercise.yaml) and each phase's money
    decisions  a team's decision file, checked and turned into ``set_lever`` events
"""
