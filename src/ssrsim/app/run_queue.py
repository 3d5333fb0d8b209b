"""The run queue: every page's simulations share one small pool of worker processes, in turn.

A page must not simulate in the server's own process (every page would freeze while it runs), nor
start a pool of its own (two trainers' runs would then compete for two cores with four processes,
and each pool would pay its start-up again). So the app has one pool of at most two workers,
started at the first run and kept. A run is its replicates, submitted in order, so runs are served
first come, first served, and a page can say how many runs are ahead of its own.

Each replicate is :func:`ssrsim.run.runner.run_replicate`, the function ``ssrsim run`` and
``ssrsim.simulate`` use, and replicate r draws from ``SeedSequence([seed, r])`` in whichever worker
runs it: a run here has the numbers of the same configuration at the command line, and two
settings run with one seed are paired on common random numbers. The classroom asks for part of a
run (replicates stopped at a decision point, :func:`ssrsim.exercise.play.standing_at`): it gives
its own job, called as ``job(cfg, r, *args)``, and takes the outputs as they are.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from concurrent.futures import CancelledError, Future, InvalidStateError, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import active_children, get_context

from ..config import Config
from ..run.results import Results
from ..run.runner import combine, run_replicate

#: Two cores are the machine a classroom laptop or a small server has; more workers than cores
#: only make every run slower.
MAX_WORKERS = 2

#: How long a run waits for its page to come back (a reload, a dropped connection) once no browser
#: tab shows it, before it is withdrawn: a closed tab's run would hold the shared workers that
#: other pages wait for, and its results would be seen by no one (seconds; ``serve`` sets it from
#: ``ssrsim app --abandon-after``).
ABANDONED_AFTER = 30.0


class RunFailed(RuntimeError):
    """A run could not finish (its workers stopped); the message says what to do."""


@contextmanager
def workers_deaf_to_ctrl_c() -> Iterator[None]:
    """Workers started inside leave Ctrl-C to the server, from their first instant.

    A terminal sends SIGINT to the whole process group; a worker taking it would print a
    traceback while the server shuts down in order. The pool starts its workers in the thread that
    submits, and a new process inherits that thread's blocked signals, so SIGINT is blocked here
    (a page's thread, where ``signal.signal`` cannot be called) and stays blocked in the workers,
    even while they import. Where threads cannot block signals (Windows) nothing changes.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class Run:
    """One configuration's replicates in the queue (or one ``RunQueue.call``, without a
    configuration): progress, place in the queue, results."""

    def __init__(self, queue: RunQueue, cfg: Config | None, futures: list[Future]):
        self.cfg = cfg
        self.queue = queue
        self.futures = futures
        self.submitted = time.perf_counter()

    @property
    def total(self) -> int:
        return len(self.futures)

    def done(self) -> int:
        """Replicates finished."""
        return sum(f.done() and not f.cancelled() for f in self.futures)

    def finished(self) -> bool:
        return all(f.done() for f in self.futures)

    def ahead(self) -> int:
        """Runs submitted before this one that have not finished (0: this run's turn)."""
        return self.queue.ahead(self)

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the run to finish; whether it has."""
        return not wait(self.futures, timeout=timeout).not_done

    def cancel(self) -> None:
        """Withdraw the replicates not yet started (those running finish, and are dropped)."""
        for f in self.futures:
            f.cancel()

    def outputs(self) -> list:
        """What each replicate's job returned, in replicate order (waits for the run to finish).

        ``RunFailed`` if the workers stopped; ``CancelledError`` if the run was cancelled; an
        error inside the model is raised as it is. While the app stops (``RunQueue.stop``):
        ``withdrawn``.
        """
        try:
            return [f.result() for f in self.futures]
        except BrokenProcessPool:
            if self.queue.stopping:
                withdrawn()
            self.queue.replace_broken_pool()
            raise RunFailed("the simulation's worker processes stopped (out of memory, or killed); "
                            "the next run starts new ones: run again, perhaps with fewer replicates") from None
        except CancelledError:
            if self.queue.stopping:
                withdrawn()
            raise

    def results(self) -> Results:
        """The run's tables, as ``ssrsim.simulate`` returns them (waits for the run to finish; a
        run of ``run_replicate``, the default job)."""
        return combine(self.outputs(), self.cfg, time.perf_counter() - self.submitted)


def withdrawn() -> None:
    """The app is stopping (Ctrl-C): end the page's task quietly, with the exception Solara ends a
    task it replaces with, rather than an error and its traceback in the log."""
    from solara.util import CancelledError as Withdrawn

    raise Withdrawn() from None


class RunQueue:
    """The app's pool of at most ``MAX_WORKERS`` processes, and the runs waiting for it."""

    def __init__(self, workers: int = MAX_WORKERS):
        if not 1 <= workers <= MAX_WORKERS:
            raise ValueError(f"workers: {workers}; allowed: 1 – {MAX_WORKERS}")
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.runs: list[Run] = []  # submitted and not yet known to be finished, in order
        self.lock = threading.Lock()
        self.stopping = False  # set by ``stop``: the server is stopping

    def submit(self, cfg: Config, job: Callable = run_replicate, args: tuple = ()) -> Run:
        """Queue ``cfg``'s replicates behind every run already queued: ``job(cfg, r, *args)`` for
        each replicate r (a module-level function, as worker processes must import it); once the
        app is stopping, ``withdrawn``."""
        return self._queue(cfg, [(job, cfg, r, *args) for r in range(cfg.replicates)])

    def call(self, job: Callable, *args) -> Run:
        """Queue one ``job(*args)`` (a module-level function) behind every run already queued: work
        that would hold up the pages if done in the server's process. Its ``outputs()`` is
        ``[job(*args)]``."""
        return self._queue(None, [(job, *args)])

    def _queue(self, cfg: Config | None, calls: list[tuple]) -> Run:
        with self.lock:
            if self.stopping:
                withdrawn()
            try:
                futures = self.submitted(calls)
            except BrokenProcessPool:  # a worker died since the last run: start afresh
                self.pool = None
                futures = self.submitted(calls)
            run = Run(self, cfg, futures)
            self.runs.append(run)
            return run

    def submitted(self, calls: list[tuple]) -> list[Future]:
        """Submit each ``(function, *args)`` to the pool (the caller holds the lock)."""
        pool = self.started()  # first: a new pool may start multiprocessing's resource tracker,
        with workers_deaf_to_ctrl_c():  # which unblocks SIGINT in this thread once started
            return [pool.submit(*call) for call in calls]

    def started(self) -> ProcessPoolExecutor:
        """The pool, started if it is not (the caller holds the lock)."""
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"))
        return self.pool

    def ahead(self, run: Run) -> int:
        with self.lock:
            self.runs = [r for r in self.runs if not r.finished()]
            return self.runs.index(run) if run in self.runs else 0

    def replace_broken_pool(self) -> None:
        """Forget a pool whose workers died; the next run starts a new one."""
        with self.lock:
            if self.pool is not None:
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = None

    def stop(self) -> None:
        """Withdraw the queued replicates and stop the workers at once, those running included: the
        server is stopping, and waiting for a long replicate would keep Ctrl-C waiting with it.
        The workers are this process's only multiprocessing children."""
        with self.lock:
            self.stopping = True
            if self.pool is not None:
                quiet_cancelled_futures_race()
                self.pool.shutdown(wait=False, cancel_futures=True)
                for worker in active_children():
                    worker.terminate()
                self.pool = None


def quiet_cancelled_futures_race() -> None:
    """Keep a known, harmless race of Python 3.11 out of the app's log when its workers are
    stopped: the pool's manager thread then marks every pending replicate failed, and one already
    withdrawn (cancelled) makes it die with ``InvalidStateError`` and a traceback (CPython
    gh-107219, fixed in Python 3.12). Every replicate is withdrawn at that point, so nothing is
    lost; any other error in any thread is reported as before."""
    previous = threading.excepthook

    def hook(args):
        if not (issubclass(args.exc_type, InvalidStateError)
                and type(args.thread).__module__ == ProcessPoolExecutor.__module__):
            previous(args)
    threading.excepthook = hook


_shared: RunQueue | None = None
_sharing = threading.Lock()


def shared(workers: int = MAX_WORKERS) -> RunQueue:
    """The one queue of this server process, made with ``workers`` on first use (``ssrsim app``
    makes it before the server starts, with its ``--workers``)."""
    global _shared
    with _sharing:
        if _shared is None:
            _shared = RunQueue(workers)
        return _shared
