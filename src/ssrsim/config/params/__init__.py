"""The model's behavioural parameters (``params.<submodel>.<name>``): rates, weights, thresholds.

One module per submodel. Each parameter has a range, a unit and a source, or the word assumed;
those fitted to published relapse rates say so (``CALIBRATED``). The model's code holds no other
behavioural number (``tests/model/test_no_literals.py``).
"""

from __future__ import annotations

from ..fields import Strict
from .atrocity import AtrocityParams, PreventionParams
from .bargaining import BargainingParams
from .citizens import CitizenParams
from .ddr import DDRParams
from .donors import DonorParams
from .economy import EconomyParams
from .fighters import FighterParams
from .forces import ForceParams
from .government import GovernmentParams
from .justice import JusticeParams
from .mission import MissionParams
from .oversight import OversightParams
from .provenance import CALIBRATED
from .provinces import ProvinceParams
from .region import RegionParams
from .settlement import SettlementParams
from .spoilers import SpoilerParams
from .violence import ViolenceParams


class Params(Strict):
    fighters: FighterParams = FighterParams()
    spoilers: SpoilerParams = SpoilerParams()
    forces: ForceParams = ForceParams()
    citizens: CitizenParams = CitizenParams()
    government: GovernmentParams = GovernmentParams()
    donors: DonorParams = DonorParams()
    oversight: OversightParams = OversightParams()
    ddr: DDRParams = DDRParams()
    economy: EconomyParams = EconomyParams()
    provinces: ProvinceParams = ProvinceParams()
    violence: ViolenceParams = ViolenceParams()
    settlement: SettlementParams = SettlementParams()
    bargaining: BargainingParams = BargainingParams()
    justice: JusticeParams = JusticeParams()
    mission: MissionParams = MissionParams()
    region: RegionParams = RegionParams()
    atrocity: AtrocityParams = AtrocityParams()
    prevention: PreventionParams = PreventionParams()


__all__ = ["AtrocityParams", "BargainingParams", "CALIBRATED", "CitizenParams", "DDRParams", "DonorParams", "EconomyParams", "FighterParams",
           "ForceParams", "GovernmentParams", "JusticeParams", "MissionParams", "OversightParams", "Params", "PreventionParams", "ProvinceParams", "RegionParams", "SettlementParams", "SpoilerParams",
           "ViolenceParams"]
