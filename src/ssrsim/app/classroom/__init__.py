"""The classroom exercise in the browser: a facilitator's session, teams playing from their own browsers.

    store       one SQLite file (standard library): sessions, teams, their decisions, the
                situations already computed; keys and tokens kept only as hashes
    flow        what can happen in a session, checked: open, join, tally, submit, advance, the
                situation at a decision point, run the games, write the debrief (no Solara)
    widgets     what both pages need: the credential in the address, a live view, a table
    facilitator the facilitator's page (``/classroom``), in Solara
    team        the team's page (``/team``), in Solara

Everything a session is lives in the database, so a restarted app loses nothing and a session
resumes at its decision point. No model is kept between decision points: a team's situation is
recomputed from its decisions so far (the same config ``ssrsim exercise play`` runs), on the
app's one run queue. The exercise itself (cases, decisions, capital, play, debrief) is
:mod:`ssrsim.exercise`'s; this package only puts it in front of a classroom.
"""
