"""docs/validation.md states the facts exactly as the code tests them."""


from ssrsim.validation.calibration import CALIBRATED
from ssrsim.validation.report import definitions
from helpers import ROOT

DOC = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")


def test_definitions_table_matches_the_code():
    assert definitions() in DOC, "regenerate the table with ssrsim.validation.report.definitions()"


def test_every_calibrated_parameter_is_documented():
    from ssrsim.config import Config

    params = Config().params
    for path in CALIBRATED:
        section, name = path.split(".")[1:]
        value = getattr(getattr(params, section), name)
        assert f"`{path}`" in DOC and f"{value:g}".replace("-", "−") in DOC, path
