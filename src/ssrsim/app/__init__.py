"""The browser app, ``ssrsim app``: the Explore page and the classroom exercise, in Solara (Mesa's
own choice for the browser).

    form        the settings a page offers, read from the schema (unit, range, description), and
                what a user typed turned into a validated config, or a message naming the field
    run_queue   one small pool of worker processes shared by every page, runs served in turn
    outcomes    a finished run: its run folder (and zip), relapse risk with intervals, figures
    explore     the Explore page (Solara components)
    classroom   the classroom exercise: a facilitator's session and teams playing from their own
                browsers (its SQLite store and flow need no Solara; its pages do)
    pages       the pages' addresses: / (Explore), /classroom (facilitator), /team
    server      starting Solara offline, on 127.0.0.1 unless told otherwise

Depends on the configuration, the run layer and the exercise; nothing in the model, run or
exercise layers imports it. Solara is imported by ``explore``, ``pages``, ``server`` and the
classroom's pages only, so the rest runs without the app extra.
"""
