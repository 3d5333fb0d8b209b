"""The fighter population: every combatant is an individual with a stable id and a status.

Statuses and the only transitions allowed (docs/odd.md):

    combatant -> cantoned -> demobilized -> reintegrating -> reintegrated
    cantoned -> integrated (army, police or gendarmerie)
    demobilized | reintegrating | reintegrated | integrated -> remobilized (joins a spoiler)
    remobilized -> cantoned (its spoiler makes a peace deal)
    combatant | remobilized | integrated -> killed (in a clash)

Individuals are rows of arrays (id = row), so the monthly update is vectorised: 50,000
``mesa.Agent`` objects would cost seconds per run before any logic. Youths recruited by
spoilers join as new rows with status ``combatant``; the dead stay as ``killed``.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from .maths import logistic, toward

#: The fighter statuses, in the order the model numbers them.
STATUSES = ("combatant", "cantoned", "demobilized", "reintegrating", "reintegrated", "integrated",
            "remobilized", "killed")
Status = IntEnum("Status", [(name.upper(), i) for i, name in enumerate(STATUSES)])  # numbered from 0
S = Status
ALLOWED = np.zeros((len(Status), len(Status)), dtype=bool)
for _a, _b in [(S.COMBATANT, S.CANTONED), (S.CANTONED, S.DEMOBILIZED), (S.CANTONED, S.INTEGRATED),
               (S.DEMOBILIZED, S.REINTEGRATING), (S.REINTEGRATING, S.REINTEGRATED),
               (S.DEMOBILIZED, S.REMOBILIZED), (S.REINTEGRATING, S.REMOBILIZED),
               (S.REINTEGRATED, S.REMOBILIZED), (S.INTEGRATED, S.REMOBILIZED),
               (S.REMOBILIZED, S.CANTONED), (S.COMBATANT, S.KILLED), (S.REMOBILIZED, S.KILLED),
               (S.INTEGRATED, S.KILLED)]:
    ALLOWED[_a, _b] = True
_MAY_MOVE = ALLOWED.tolist()  # as nested lists of bools, read by ``move`` without numpy
POST_DEMOBILIZATION = np.array([S.DEMOBILIZED, S.REINTEGRATING, S.REINTEGRATED, S.INTEGRATED])
IS_POST = np.zeros(len(Status), bool)
IS_POST[POST_DEMOBILIZATION] = True

_LABOUR_MARKET = np.array([False, False, True, True, True, False, False, False])
_LOOSENS_TIE = np.array([False, False, False, True, True, True, False, False])
#: Numerical slack on a bound of float32 results (``remobilizing``): about 3e-4, thousands of
#: times their rounding.
_SLACK = float(np.sqrt(np.finfo(np.float32).eps))
_ARRAYS = ("status", "faction", "province", "spoiler", "service", "tie", "grievance",
           "livelihood", "months_in_status", "programme_left", "support", "youth", "recruited",
           "remobilizations")


def _status_targets(p) -> tuple[np.ndarray, np.ndarray]:
    """Grievance and livelihood a fighter drifts toward in each status (``params.fighters``).

    Grievance: ordering from 000:12, 004:77 (waiting without a programme is worst, a completed
    programme or a paid post is best). Livelihood: a funded programme or a completed one gives a
    "place" (000:12). The rows left at 0 are set in ``drift`` instead (a demobilised fighter's
    grievance, an integrated one's grievance and livelihood); the dead keep 0.
    """
    grievance = np.zeros(len(Status), np.float32)
    grievance[[S.COMBATANT, S.CANTONED, S.REINTEGRATING, S.REINTEGRATED, S.REMOBILIZED]] = [
        p.combatant_grievance, p.cantonment_grievance, p.programme_grievance, p.reintegrated_grievance,
        p.remobilized_grievance]
    livelihood = np.zeros(len(Status), np.float32)
    livelihood[[S.COMBATANT, S.CANTONED, S.DEMOBILIZED, S.REINTEGRATING, S.REINTEGRATED, S.REMOBILIZED]] = [
        p.combatant_livelihood, p.cantonment_livelihood, p.waiting_livelihood, p.programme_livelihood,
        p.reintegrated_livelihood, p.remobilized_livelihood]
    return grievance, livelihood


def _relax(values: np.ndarray, target: np.ndarray, rate: float) -> None:
    """In place: ``values`` moves ``rate`` of the way to ``target`` (``target`` is consumed)."""
    target -= values
    target *= rate
    values += target


def _counted(tally: np.ndarray, values: np.ndarray, sign: int) -> np.ndarray:
    """``tally`` (a bincount) with ``values``, their non-negative ones, added (``sign`` 1) or taken
    out (-1); lengthened if a value lies beyond it."""
    delta = np.bincount(values[values >= 0], minlength=tally.size)
    if delta.size > tally.size:
        tally = np.concatenate([tally, np.zeros(delta.size - tally.size, tally.dtype)])
    if sign < 0:
        tally -= delta
    else:
        tally += delta
    return tally


class _RowValues:
    """A ``FighterPopulation.by_row`` cache: the values (a buffer of the arrays' capacity), how many
    rows of it are filled, the ids changed since (one array per change) and, once asked for, the
    values' ``tally``."""

    __slots__ = ("values", "filled", "changed", "tally")

    def __init__(self, values: np.ndarray, filled: int):
        self.values, self.filled = values, filled
        self.changed: list[np.ndarray] = []
        self.tally: np.ndarray | None = None


class FighterPopulation:
    """Array-backed fighters and their status machine."""

    def __init__(self, factions, provinces, rng: np.random.Generator, p):
        """``p``: ``params.fighters`` (the draws of the month-0 fighters and of later recruits)."""
        self._params = p
        self._targets = _status_targets(p)  # fixed for the run: built once, not every month
        sizes = [f.fighters for f in factions]
        n = int(sum(sizes))
        self.n = n
        # Memory capacity, not behaviour: a quarter more rows than the initial fighters (at least
        # 64), so that recruits seldom force the arrays to grow.
        self.status = np.zeros(max(64, int(n * 1.25)), np.int8)
        cap = self.status.size
        self.faction = np.repeat(np.arange(len(sizes), dtype=np.int16), sizes)
        self.faction = np.concatenate([self.faction, np.zeros(cap - n, np.int16)])
        self.province = np.zeros(cap, np.int16)
        self.spoiler = np.full(cap, -1, np.int16)
        self.service = np.full(cap, -1, np.int8)
        # Individual 0-1 attributes in single precision: half the memory traffic of the monthly
        # update, ample precision for bounded quantities.
        self.tie = np.zeros(cap, np.float32)
        self.grievance = np.zeros(cap, np.float32)
        self.livelihood = np.zeros(cap, np.float32)
        self.months_in_status = np.zeros(cap, np.int32)
        self.programme_left = np.zeros(cap, np.int32)
        self.support = np.zeros(cap, np.float32)  # depth of the reintegration programme followed (0-1)
        self.youth = np.zeros(cap, bool)
        self.recruited = np.zeros(cap, bool)
        # Times each fighter has remobilised (a record for the validation's patterns, read by no
        # term of the model: where the remobilised were, docs/validation.md §2).
        self.remobilizations = np.zeros(cap, np.int32)
        start = 0
        for f in factions:
            rows = slice(start, start + f.fighters)
            homes = np.array(f.home_provinces or range(provinces.count))
            weights = provinces.population[homes] / provinces.population[homes].sum()
            self.province[rows] = rng.choice(homes, size=f.fighters, p=weights)
            self.tie[rows] = rng.beta(p.initial_tie_concentration * f.commander_tie + p.initial_tie_pseudocount,
                                      p.initial_tie_concentration * (1 - f.commander_tie) + p.initial_tie_pseudocount,
                                      f.fighters)
            self.grievance[rows] = rng.beta(p.initial_grievance_alpha, p.initial_grievance_beta, f.fighters)
            self.livelihood[rows] = rng.beta(p.initial_livelihood_alpha, p.initial_livelihood_beta, f.fighters)
            # A ``youth_share`` of youths (75% of West Africans are under 30, 003:667).
            self.youth[rows] = rng.random(f.fighters) < p.youth_share
            start += f.fighters
        self.initial = n
        # Cumulative flows old->new, for summaries and the transition audit.
        self.flows = np.zeros((len(Status), len(Status)), np.int64)
        # Fighters in each status, kept up to date by ``move`` and ``add_recruits`` (a fighter moves at
        # most once per call): the bincount of ``status`` without a pass over the population.
        self._counts = np.bincount(self.status[:n], minlength=len(Status))
        self.version = 0  # bumped on every change of status or allegiance (caches key on it)
        self._cache: dict = {}
        self._cache_version = -1
        # Ids in each status, by status code, kept while no fighter enters or leaves that status:
        # most changes (a clash's dead, a month's recruits) touch two statuses of eight.
        self._in_status: dict[int, np.ndarray] = {}
        self._for_status: dict = {}  # ``cached_for``: by key, the ids it was computed from and its value
        # Row-wise caches (``by_row``), by key: each one's values, the rows changed since it was last
        # brought up to date and its tally (no function is kept: a copied population must compute from
        # its own rows).
        self._rows: dict[object, _RowValues] = {}
        self._slot = np.empty(0, np.intp)  # scratch of ``_each_once``, a row's position in the rows
        self._uniforms = np.empty(0)  # ``uniforms``'s buffer

    # ------------------------------------------------------------------ status machine
    def counts(self) -> np.ndarray:
        """Fighters in each status (read-only: ``move`` and ``add_recruits`` replace it)."""
        return self._counts

    def cached(self, key, compute):
        """``compute()``, remembered until the next change of status or allegiance (read-only)."""
        if self._cache_version != self.version:
            self._cache = {}
            self._cache_version = self.version
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def cached_for(self, status: Status, key, compute):
        """``compute(ids)`` of the ids in ``status``, remembered until a fighter enters or leaves it
        (read-only): for values of those fighters that change only with their status (their
        faction, their service), kept across the other changes of a month."""
        ids = self.where(status)
        kept = self._for_status.get(key)
        if kept is None or kept[0] is not ids:  # ``where`` gives the same array until the status changes
            kept = self._for_status[key] = (ids, compute(ids))
        return kept[1]

    def by_row(self, key, compute):
        """``compute(rows)`` for every fighter, ``rows`` a slice or ids: a value of each fighter's
        own status, allegiance, service or other attributes. Kept up to date row by row: after a
        change only the rows changed and the recruits are computed again, not the whole
        population (read-only, valid until the next change). The values are kept in a buffer of
        the arrays' capacity, so that recruits fill its next rows instead of copying all others."""
        kept = self._rows.get(key)
        if kept is None:
            first = compute(slice(0, self.n))
            kept = self._rows[key] = _RowValues(np.empty(self.status.size, first.dtype), self.n)
            kept.values[: self.n] = first
        values, changed = kept.values, kept.changed
        if kept.filled < self.n:  # recruits: computed with the rows changed, in one call
            if values.size < self.n:  # the arrays grew (``add_recruits``): so does the buffer
                values = kept.values = np.concatenate([values[: kept.filled],
                                                       np.empty(self.status.size - kept.filled, values.dtype)])
            if kept.tally is not None:
                values[kept.filled: self.n] = -1  # not yet counted
            changed.append(np.arange(kept.filled, self.n))
            kept.filled = self.n
        if changed:
            rows = np.concatenate(changed) if len(changed) > 1 else changed[0]
            if kept.tally is None:
                values[rows] = compute(rows)
            else:  # each row once (a row can change twice in a month): out with its old value, in with its new
                rows = self._each_once(rows) if len(changed) > 1 else rows
                tally = _counted(kept.tally, values[rows], -1)
                now = values[rows] = compute(rows)
                kept.tally = _counted(tally, now, 1)
            changed.clear()
        return values[: self.n]

    def _each_once(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` with each row once, in no particular order: of a row's occurrences, the one whose
        position a scatter of the positions kept (one per row, whichever it was). A pass over
        ``rows`` alone, where ``np.unique`` sorts them."""
        if self._slot.size < self.status.size:
            self._slot = np.empty(self.status.size, np.intp)
        position = np.arange(rows.size)
        self._slot[rows] = position
        return rows[self._slot[rows] == position]

    def tally(self, key, compute, bins: int) -> np.ndarray:
        """How many fighters have each value of ``by_row(key, compute)``, for the values from 0 up
        (at least ``bins`` of them; a negative value is not counted): its ``np.bincount``, kept up
        to date with the values, from the rows changed and the recruits (read-only)."""
        self.by_row(key, compute)
        kept = self._rows[key]
        if kept.tally is None:
            values = kept.values[: self.n]
            kept.tally = np.bincount(values[values >= 0], minlength=bins)
        elif kept.tally.size < bins:
            kept.tally = np.concatenate([kept.tally, np.zeros(bins - kept.tally.size, kept.tally.dtype)])
        return kept.tally

    def move(self, idx: np.ndarray, new: Status) -> None:
        """Change the status of individuals ``idx`` (each once); refuses a transition the status
        machine forbids."""
        if idx.size == 0:
            return
        code = int(new)  # numpy indexes by a plain int several times faster than by an IntEnum member
        old = self.status[idx]
        left = np.bincount(old, minlength=len(Status))
        origins = left.nonzero()[0].tolist()
        # The statuses they leave, checked one by one (a few): cheaper than a test of every fighter's pair.
        for origin in origins:
            if not _MAY_MOVE[origin][code]:
                bad = Status(int(old[~ALLOWED[old, code]][0])).name  # the first in ``idx``
                raise RuntimeError(f"forbidden fighter transition {bad} -> {Status(code).name}")
        for origin in origins:
            self._in_status.pop(origin, None)
        self._in_status.pop(code, None)
        self.flows[:, code] += left
        self._counts = self._counts - left
        self._counts[code] += idx.size
        self.status[idx] = code
        self.months_in_status[idx] = 0
        if code == S.REMOBILIZED:
            self.remobilizations[idx] += 1  # each once in ``idx``
        self._touch(idx)

    def follow(self, idx: np.ndarray, spoiler: np.ndarray | int) -> None:
        """Set whom fighters ``idx`` (each once) follow (-1: no spoiler)."""
        self.spoiler[idx] = spoiler
        self._touch(idx)

    def _touch(self, idx: np.ndarray) -> None:
        """Rows ``idx`` changed status or allegiance: drop the caches, mark the rows for ``by_row``."""
        self.version += 1
        for kept in self._rows.values():
            kept.changed.append(idx)

    def where(self, status: Status) -> np.ndarray:
        """Ids of fighters in ``status``, ascending (kept until a fighter enters or leaves it; read-only)."""
        code = int(status)  # compared as a plain int: against an IntEnum member numpy is several times slower
        ids = self._in_status.get(code)
        if ids is None:
            # ``nonzero`` of a 1-D mask is ``np.flatnonzero``'s answer without its wrappers, which cost
            # more than the search itself on the model's arrays (here and in the other monthly searches).
            ids = self._in_status[code] = (self.status[: self.n] == code).nonzero()[0]
        return ids

    def by_faction_and_status(self, factions: int) -> np.ndarray:
        """Fighters of each faction in each status, ``[faction, status]`` (read-only: it changes
        with them): the tally of each fighter's (faction, status) code, kept row by row under the
        key and codes ``Bargaining._processed`` reads, so that one array serves both."""
        codes = self.tally("faction_status", lambda rows: self.faction[rows].astype(np.int64) * len(Status)
                           + self.status[rows], factions * len(Status))
        return codes.reshape(-1, len(Status))

    def uniforms(self, rng: np.random.Generator) -> np.ndarray:
        """``rng.random(n)``: one uniform per fighter, the same draws, written into a buffer kept
        from month to month (valid until the next call): a new array of this size each month
        costs a third more than the draws."""
        if self._uniforms.size < self.n:
            self._uniforms = np.empty(self.status.size)
        draw = self._uniforms[: self.n]
        rng.random(out=draw)
        return draw

    def unled_combatants(self) -> np.ndarray:
        """Ids of combatants who follow no spoiler: those waiting for cantonment (cached until the
        population changes; both the DDR intake and the bargaining over pace read them)."""
        def unled():
            combatants = self.where(S.COMBATANT)
            return combatants[self.spoiler[combatants] < 0]
        return self.cached("unled_combatants", unled)

    def add_recruits(self, province: int, spoiler: int, faction: int, count: int,
                     rng: np.random.Generator) -> None:
        """Youths recruited by a spoiler join the population as new combatants."""
        if count <= 0:
            return
        if self.n + count > self.status.size:
            # Memory, not behaviour: every array grows by half its capacity, or by the recruits if more.
            for name in _ARRAYS:
                arr = getattr(self, name)
                pad = np.full(max(count, arr.size // 2), -1 if name in ("spoiler", "service") else 0, arr.dtype)
                setattr(self, name, np.concatenate([arr, pad]))
        rows = slice(self.n, self.n + count)
        self.status[rows] = S.COMBATANT
        self.faction[rows] = faction
        self.province[rows] = province
        self.spoiler[rows] = spoiler
        self.service[rows] = -1
        p = self._params
        self.tie[rows] = rng.beta(p.recruit_tie_alpha, p.recruit_tie_beta, count)
        self.grievance[rows] = rng.beta(p.recruit_grievance_alpha, p.recruit_grievance_beta, count)
        self.livelihood[rows] = rng.beta(p.recruit_livelihood_alpha, p.recruit_livelihood_beta, count)
        self.months_in_status[rows] = 0
        self.programme_left[rows] = 0
        self.support[rows] = 0.0
        self.youth[rows] = True
        self.recruited[rows] = True
        self.remobilizations[rows] = 0
        if int(S.COMBATANT) in self._in_status:  # the new rows come last: the ids stay ascending
            self._in_status[int(S.COMBATANT)] = np.concatenate(
                [self._in_status[int(S.COMBATANT)], np.arange(self.n, self.n + count)])
        self.n += count
        self._counts = self._counts.copy()
        self._counts[S.COMBATANT] += count
        self.version += 1

    # ------------------------------------------------------------------ monthly drift
    def drift(self, p, unemployment_p: np.ndarray, pay_by_service: np.ndarray,
              funded_programme: np.ndarray, reinsertion_months: int, reinsertion_paid: float,
              cantonment_conditions: float) -> None:
        """Grievance and livelihood move toward what each fighter's situation gives.

        A demobilised fighter waiting without a programme drifts to high grievance (004:77,
        000:12); a funded programme and a completed one give a livelihood (a "place", 000:12);
        an integrated fighter's grievance follows its service's pay (004:78). Reinsertion
        support, as far as it is paid, softens the first months after discharge; crowded,
        unsupplied cantonment sites (``cantonment_conditions`` below 1) aggrieve those in them
        (Knight & Özerdem 2004).
        """
        n = self.n
        prov = self.province[:n]
        unemployment_p = unemployment_p.astype(np.float32)
        # Outside a paid post, livelihood needs local jobs (003:646).
        labour = 1 - p.unemployment_livelihood_loss * unemployment_p
        # Targets by (status, province) and, for an integrated fighter, by (service, province), gathered
        # once per fighter by a code kept row by row; local hardship adds grievance (003:675).
        grievance_by_status, livelihood_by_status = self._targets
        hardship_weight = p.hardship_grievance_weight
        pay = pay_by_service.astype(np.float32)
        grievance_table = np.concatenate([
            (1 - hardship_weight) * grievance_by_status[:, None] + hardship_weight * unemployment_p[None, :],
            # integrated: hardship(integrated_grievance_floor + integrated_grievance_pay x (1 - its service's pay))
            (1 - hardship_weight) * (p.integrated_grievance_floor + p.integrated_grievance_pay * (1 - pay))[:, None]
            + hardship_weight * unemployment_p[None, :]])  # float32
        # In cantonment: the camps' conditions, in the same operations as ``hardship`` of each row below.
        camp = toward(p.cantonment_grievance, p.poor_cantonment_grievance, 1 - cantonment_conditions)
        grievance_table[S.CANTONED] = (1 - hardship_weight) * camp + hardship_weight * unemployment_p
        livelihood_table = np.concatenate([
            livelihood_by_status[:, None] * np.where(_LABOUR_MARKET[:, None], labour[None, :], 1.0),
            np.repeat(pay[:, None], unemployment_p.size, axis=1)])  # integrated: its service's pay
        key = self.by_row(("target_key", unemployment_p.size, pay.size),
                          lambda rows: self._target_key(rows, unemployment_p.size, pay.size))
        # One gather per table: reading each cell's pair as one 8-byte item costs as much once the
        # pairs are stacked and split again.
        target, live_target = np.take(grievance_table.ravel(), key), np.take(livelihood_table.ravel(), key)

        def hardship(rows, value):
            return (1 - hardship_weight) * value + hardship_weight * unemployment_p[prov[rows]]

        waiting = self.where(S.DEMOBILIZED)
        reinserted = self.months_in_status[waiting] < reinsertion_months
        supported = toward(p.waiting_grievance, p.reinsertion_grievance, reinsertion_paid)
        target[waiting] = hardship(waiting, np.where(reinserted, supported, p.waiting_grievance))
        programme = self.where(S.REINTEGRATING)
        paused = programme[~funded_programme[programme]]
        target[paused] = hardship(paused, p.waiting_grievance)
        live_target[paused] = p.paused_programme_livelihood * labour[prov[paused]]
        # A completed programme leaves a livelihood as durable as the support was long (000:12): a
        # factor kept row by row (a fighter's support is set as it enters its programme, a change of
        # status), 1 for the others, whose targets a product by 1 leaves as they are.
        floor, depth = p.reintegrated_livelihood_floor, p.reintegrated_livelihood_support
        live_target *= self.by_row(("durable", floor, depth), lambda rows: np.where(
            self.status[rows] == int(S.REINTEGRATED), floor + depth * self.support[rows], np.float32(1)))
        _relax(self.grievance[:n], target, p.grievance_rate)
        _relax(self.livelihood[:n], live_target, p.livelihood_rate)
        # Programmes loosen the commander tie; waiting keeps it (003:132). ``toward`` over all rows with a
        # rate kept row by row, 0 where the tie holds (a step of 0 leaves the tie as it is): the same
        # float32 operations where it loosens, without searching for those rows.
        tie = self.tie[:n]
        step = p.programme_tie - tie
        step *= self.by_row(("tie_rate", p.tie_loosening_rate), lambda rows: np.take(
            _LOOSENS_TIE, self.status[rows]) * np.float32(p.tie_loosening_rate))
        tie += step
        self.months_in_status[:n] += 1

    def _target_key(self, rows, provinces: int, services: int) -> np.ndarray:
        """Fighters ``rows``' cells in ``drift``'s target tables: a fighter's row (its status, or for
        an integrated fighter ``len(Status)`` + its service) x ``provinces`` + its province."""
        row = self.status[rows].astype(np.intp)
        integrated = row == int(S.INTEGRATED)
        # len(Status) + service, as the pay table is read by service (a service of -1 reads the last)
        row[integrated] = np.take(len(Status) + np.arange(services), self.service[rows][integrated])
        row *= provinces
        row += self.province[rows]
        return row

    def remobilizing(self, p, pull_p: np.ndarray, draw: np.ndarray) -> np.ndarray:
        """Ids of the post-demobilisation fighters who join a spoiler this month (003:132): those
        whose ``draw`` (one uniform per fighter) falls below their monthly chance (zero where no
        spoiler pulls). No one else can remobilise.

        Only those whose draw falls below the month's highest chance are scored. That chance is
        bounded from the strongest local pull and the extremes of grievance, livelihood and tie
        over all fighters (three reductions); one comparison of every draw with the bound leaves
        a few candidates, where scoring every post-demobilisation fighter took a gather of each
        attribute over thousands. The candidates get the float32 operations every fighter got,
        so the same ids come out, ascending. In a month when no spoiler pulls anywhere (most
        months after a war), no one can move and nothing is scored."""
        pulled = pull_p > 0
        if not pulled.any() or not self._counts[IS_POST].any():
            return np.zeros(0, np.intp)
        local = np.where(pulled, p.remobilization_base + p.remobilization_pull * pull_p, -np.inf).astype(np.float32)
        n = self.n
        grievance, livelihood, tie = self.grievance[:n], self.livelihood[:n], self.tie[:n]

        def largest(weight: float, values: np.ndarray) -> float:  # of weight x value, over all fighters
            return weight * float(values.max() if weight >= 0 else values.min())
        highest = (float(local.max()) + largest(p.remobilization_grievance, grievance)
                   + largest(-p.remobilization_livelihood, livelihood) + largest(p.remobilization_tie, tie)
                   + max(p.remobilization_youth, 0.0))
        # The slack is far above float32 rounding of a score and of its logistic.
        bound = 1 / (1 + np.exp(-highest)) + _SLACK
        is_post = self.by_row("is_post", lambda rows: np.take(IS_POST, self.status[rows]))
        if bound < 1:
            below = draw[:n] < bound
            below &= is_post
        else:  # a bound of no use (or NaN, if a value were): every post-demobilisation fighter
            below = is_post
        cand = below.nonzero()[0]
        score = np.take(local, self.province[cand])
        score += p.remobilization_grievance * np.take(grievance, cand)
        score -= p.remobilization_livelihood * np.take(livelihood, cand)
        score += p.remobilization_tie * np.take(tie, cand)
        score += p.remobilization_youth * np.take(self.youth, cand)
        return cand[np.take(draw, cand) < logistic(score)]
