"""Source-document codes in words: what the brief and the debrief show instead of ``003:585``."""

from __future__ import annotations

import re

from ssrsim.exercise.citations import cite, main, places_module
from ssrsim.exercise.source_places import PLACES, TITLES
from helpers import ROOT

PROCEEDINGS = "Developing an SSR Concept for the United Nations (Bratislava, 2006)"


def test_the_places_are_generated_from_sources_md():
    rows = re.findall(r"^\| `(00[0-4]:[\d-]+)` \|", (ROOT / "docs" / "sources.md").read_text(), re.M)
    assert sorted(PLACES) == sorted(rows) and sorted(TITLES) == ["000", "001", "002", "003", "004"]
    assert (ROOT / "src/ssrsim/exercise/source_places.py").read_text() == places_module(), \
        "run python -m ssrsim.exercise.citations"
    assert main(["--check"]) == 0


def test_a_code_becomes_the_documents_title_and_place():
    assert cite("after 002:107.") == "after DCAF/ISSAT, SSR and Peace Support Operations (2014), slide 26, " \
                                     "\"Multiplicity of processes\"."
    assert cite("004:77 (SSR must keep pace)") == ("Challenges Forum, Considerations for Mission Leadership in UN "
                                                   "Peace Operations (2021), section 5.4.5, 3rd listed risk "
                                                   "(SSR must keep pace)")
    assert cite("004:99\u2013101") == cite("004:99-101") != "004:99-101"


def test_neighbouring_codes_share_a_title_and_keep_their_order():
    assert cite("003:585; 003:605") == f"{PROCEEDINGS}, pp. 41–44"  # one part of the proceedings: said once
    text = cite("003:585; 000:43; 003:1755 (donors overlook oversight)")
    assert text.startswith(f"{PROCEEDINGS}, pp. 41–44; GAAMAC")
    assert text.endswith(f"{PROCEEDINGS}, pp. 103–116 (donors overlook oversight)")  # the gloss stays with its code
    assert cite("001:25-27, 001:34").count("GAAMAC") == 1


def test_author_year_citations_and_other_numbers_stay():
    for text in ("Samii 2010", "Pretoria Protocols 2003 (officers 60/40)", "at 10:30", "2004-12", "S/2004/682"):
        assert cite(text) == text


def test_a_figure_can_split_title_and_place():
    assert cite("004:53", places=False) == TITLES["004"]
    assert cite("004:53", titles=False) == "section " + PLACES["004:53"].removeprefix("section ")
