"""The browser app, ``ssrsim app``: the Explore page, in Solara (Mesa's own choice for the browser).

    form        the settings a page offers, read from the schema (unit, range, description), and
                what a user typed turned into a validated config, or a message naming the field
    run_queue   one small pool of worker processes shared by every page, runs served in turn
    outcomes    a finished run: its run folder (and zip), relapse risk with intervals, figures
    explore     the Explore page (Solara components)
    server      starting Solara offline, on 127.0.0.1 unless told otherwise

Depends on the configuration and the run layer; nothing in the model or run layers imports it.
Solara is imported by ``explore`` and ``server`` only, so the rest runs without the app extra.
"""
