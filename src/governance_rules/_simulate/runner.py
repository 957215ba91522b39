"""``simulate``: many communities under each charter, on processes or a Dask cluster.

Communities are cut into chunks of consecutive indices; each chunk runs every
charter over its communities and returns plain counters, which add up in any
order. Each community draws from streams seeded by ``(seed, community)`` only, so
the result does not depend on the chunking, the number of workers or where they
run: the same seed gives byte-identical JSON.

>>> result = simulate(["yangxin-2022", "model-charter-rc"], communities=2, seed=7)
>>> list(result.charters)
['yangxin-2022', 'model-charter-rc']
>>> m = result.charters["yangxin-2022"]
>>> other = result.charters["model-charter-rc"]
>>> m["issues"]["reported"]["total"] == other["issues"]["reported"]["total"]
True
>>> m["issues"]["reported"]["total"] >= 100
True
"""

from __future__ import annotations

import gc
import json
import math
import multiprocessing
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from governance_rules._calendar import WorkingCalendar
from governance_rules._charter import Charter, as_charter
from governance_rules._charter.labels import label_of, unique_labels
from governance_rules._numbers import whole
from governance_rules._simulate.community import Tally, run_community
from governance_rules._simulate.load import SimulationLoad, read_load
from governance_rules._simulate.metrics import SimulationMetrics, read_metrics
from governance_rules.errors import SimulationError

__all__ = ["SimulationResult", "simulate"]

MAX_COMMUNITIES = 10_000_000
MAX_WORKERS = 256
#: The most years one simulation spans (the calendar's end may allow fewer).
MAX_YEARS = 50
#: Communities per task: small enough to balance the workers (a worker left idle at
#: the end waits at most one chunk), large enough that sending the charters and the
#: load costs little (a few milliseconds a chunk; what a worker works out per charter
#: is kept across its chunks).
CHUNK = 50
#: Objects allocated (net) between two youngest-generation collections of the cyclic
#: garbage collector in a worker process (Python's default: 700). A community's objects
#: are freed by reference counting as it ends (the run breaks its one cycle), so frequent
#: collections mostly walk objects still in use: a worker collects less often.
WORKER_GC_THRESHOLD = 5_000

_CALENDAR: list[WorkingCalendar] = []
_CHARTERS: dict[tuple[str, str, str], tuple[Charter, dict[Any, Any]]] = {}
#: Charters :data:`_CHARTERS` keeps at most (then it starts over).
_CHARTERS_MAX = 64


def _calendar() -> WorkingCalendar:
    if not _CALENDAR:
        _CALENDAR.append(WorkingCalendar.china())
    return _CALENDAR[0]


def _same(charter: Charter) -> tuple[Charter, dict[Any, Any]]:
    """One object per charter in a worker, so compiled machines are reused across chunks,
    with the cache :func:`run_community` keeps for it (what depends on the charter only)."""
    key = (charter.id, charter.fingerprint, repr(sorted(charter.selected_readings.items())))
    found = _CHARTERS.get(key)
    if found is None:
        if len(_CHARTERS) >= _CHARTERS_MAX:  # an app simulating draft after draft in-process
            _CHARTERS.clear()
        found = _CHARTERS[key] = (charter, {})
    return found


@dataclass(frozen=True)
class SimulationResult:
    """Per-charter metrics of a simulation: plain JSON-ready data, and a typed view of it.

    ``charters`` maps each charter's label (its id, with the readings chosen where
    a variant is compared) to nested dicts of whole numbers (see
    ``docs/simulate.md``), which the JSON is written from; :meth:`metrics` gives
    the same numbers typed (:class:`SimulationMetrics`). ``parameters`` records
    what was run.

    >>> result = simulate(["yangxin-2022"], communities=1, seed=3)
    >>> m = result.metrics("yangxin-2022")
    >>> m.meetings.planned.parts["regular"], m.refused.total
    (6, 0)
    >>> [result.metrics(label).issues.reported.total > 0 for label in result.charters]
    [True]
    """

    parameters: dict[str, Any]
    charters: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SimulationResult:
        """The result :meth:`to_dict` gave (or ``govrules simulate --format json`` wrote,
        read back with :func:`json.loads`), each charter's metrics checked.

        >>> import json
        >>> saved = simulate(["yangxin-2022"], communities=1, seed=3).to_json()
        >>> again = SimulationResult.from_dict(json.loads(saved))
        >>> again.to_json() == saved, again.metrics("yangxin-2022").community_years
        (True, 1)

        Raises:
            SimulationError: ``data`` is not a result's data.
        """
        allowed = 'the data of SimulationResult.to_dict(): {"parameters": …, "charters": …}'
        if not isinstance(data, Mapping) or set(data) != {"parameters", "charters"}:
            got = sorted(map(str, data)) if isinstance(data, Mapping) else type(data).__name__
            raise SimulationError("not a simulation result", where="from_dict", got=got,
                                  allowed=allowed)  # fmt: skip
        parameters, charters = data["parameters"], data["charters"]
        if not isinstance(parameters, Mapping) or not isinstance(charters, Mapping):
            raise SimulationError("not a simulation result", where="from_dict",
                                  got="parameters or charters not a mapping",
                                  allowed=allowed)  # fmt: skip
        for label, metrics in charters.items():
            read_metrics(str(label), metrics)
        return cls(dict(parameters), {str(k): dict(v) for k, v in charters.items()})

    def metrics(self, label: str) -> SimulationMetrics:
        """One charter's metrics, typed: every count a :class:`Breakdown`.

        Raises:
            SimulationError: No charter of the result has this label, or its data is
                not what :func:`simulate` writes (a changed ``charters`` mapping).
        """
        if label not in self.charters:
            raise SimulationError("no charter of the result has this label",
                                  where="metrics", got=label,
                                  allowed=", ".join(self.charters) or "none")  # fmt: skip
        return read_metrics(label, self.charters[label])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: ``{"parameters": ..., "charters": ...}``."""
        return {"parameters": self.parameters, "charters": self.charters}

    def to_json(self) -> str:
        """The result as JSON text with sorted keys: identical for identical runs."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, indent=1)


def _count(name: str, value: object, low: int, high: int) -> int:
    return whole(name, value, low, high, what="must be a whole number in range",
                 error=SimulationError)  # fmt: skip


@dataclass(frozen=True)
class _Job:
    """One chunk of communities, sent to a worker."""

    charters: Sequence[Charter]
    load: SimulationLoad
    seed: int
    years: int
    start: int
    stop: int


def _run_chunk(job: _Job) -> list[tuple[dict[str, int], dict[int, int]]]:
    """Run communities ``start`` to ``stop - 1`` under every charter; plain counters back."""
    calendar = _calendar()
    out = []
    for charter, cache in [_same(c) for c in job.charters]:
        tally = Tally()
        for community in range(job.start, job.stop):
            run_community(charter, calendar, job.load, seed=job.seed, community=community,
                          years=job.years, tally=tally, cache=cache)  # fmt: skip
        out.append((dict(tally.counts), dict(tally.resolution_days)))
    return out


def _chunks(communities: int, workers: int) -> Iterator[tuple[int, int]]:
    size = max(1, min(CHUNK, math.ceil(communities / (workers * 4))))
    for start in range(0, communities, size):
        yield start, min(communities, start + size)


def simulate(
    charters: Sequence[Charter | str | os.PathLike[str]],
    *,
    communities: int = 100,
    years: int = 1,
    seed: int = 0,
    load: SimulationLoad | str | Path | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> SimulationResult:
    """Run the same synthetic load through each charter's engine; per-charter metrics.

    Args:
        charters: Charters or charter ids / files, compared side by side.
        communities: How many communities (each its own engine, in memory).
        years: Calendar years simulated, from the load's ``start_year``.
        seed: The seed; each community's random streams derive from it and the
            community's index only.
        load: A :class:`SimulationLoad`, a load file, or ``None`` for the default.
        workers: Processes on this machine (1: in this process).
        scheduler: The address of a Dask scheduler (``tcp://host:8786``) to run the
            chunks on instead; needs the ``dask`` extra.

    Returns:
        A :class:`SimulationResult`; the same arguments give the same JSON whatever
        ``workers`` or ``scheduler``.

    Raises:
        SimulationError: Sizes out of range, years outside the calendar, no charter,
            or a scheduler that cannot be used.
        SimulationLoadError: An invalid load file.
        CharterError: A charter that cannot be loaded.
    """
    _count("communities", communities, 1, MAX_COMMUNITIES)
    _count("workers", workers, 1, MAX_WORKERS)
    _count("seed", seed, 0, 2**63 - 1)
    if not isinstance(load, SimulationLoad):
        load = read_load(load)
    calendar = _calendar()
    first_year, last_year = calendar.first_date.year, calendar.last_date.year
    if not first_year <= load.start_year <= last_year:
        raise SimulationError("the start year is outside the calendar", where="start_year",
                              got=load.start_year,
                              allowed=f"{first_year} to {last_year}")  # fmt: skip
    most = min(last_year - load.start_year + 1, MAX_YEARS)
    if type(years) is not int or not 1 <= years <= most:
        # the calendar's end, not the 50 in --help, is the limit users meet: say so
        why = f" (from {load.start_year}: the calendar ends in {last_year})" * (most < MAX_YEARS)
        raise SimulationError("must be a whole number in range", where="years", got=years,
                              allowed=f"a whole number from 1 to {most}{why}")  # fmt: skip
    if isinstance(charters, (str, Charter)) or not charters:
        raise SimulationError("expected a list of one or more charters", where="charters",
                              got=charters)  # fmt: skip
    loaded = [as_charter(c) for c in charters]
    if scheduler is not None and not isinstance(scheduler, str):
        raise SimulationError("expected a scheduler address", where="scheduler", got=scheduler,
                              allowed="text such as tcp://host:8786")  # fmt: skip
    chunks = list(_chunks(communities, workers))
    jobs = [_Job(loaded, load, seed, years, a, b) for a, b in chunks]
    if scheduler is not None:
        parts = _on_dask(scheduler, jobs)
    elif workers == 1 or len(chunks) == 1:
        parts = [_run_chunk(job) for job in jobs]
    else:
        parts = _on_processes(workers, jobs)
    totals = [Tally() for _ in loaded]
    for part in parts:
        for tally, (counts, days) in zip(totals, part, strict=True):
            tally.add(Tally(Counter(counts), Counter(days)))
    parameters = {
        "communities": communities,
        "years": years,
        "seed": seed,
        "start_year": load.start_year,
        "load": load.model_dump(mode="json"),
    }
    return SimulationResult(
        parameters,
        {
            label: metrics(t, communities * years)
            for label, t in zip(unique_labels([label_of(c) for c in loaded]), totals, strict=True)
        },
    )


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _worker_start() -> None:
    """Set up a worker process of the pool (its own process: the caller's is left alone)."""
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _on_processes(workers: int, jobs: list[_Job]) -> list[Any]:
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), mp_context=_context(), initializer=_worker_start
    ) as pool:
        futures = [pool.submit(_run_chunk, job) for job in jobs]
        return [f.result() for f in futures]


def _check_address(address: str) -> None:
    """Refuse an address no scheduler can have (before waiting for one to answer).

    Raises:
        SimulationError: Not ``[PROTOCOL://]HOST:PORT`` (or another address Dask reads).
    """
    from distributed.comm.addressing import (  # noqa: PLC0415 - an optional extra
        parse_address,
        parse_host_port,
    )

    allowed = "a Dask scheduler's address, e.g. tcp://10.0.0.5:8786"
    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls", "ws", "wss"):
            port = parse_host_port(location)[1]
            if not 0 < port < 65536:
                raise ValueError(f"port {port} out of range")
            if scheme in ("tls", "wss") and _no_tls():
                raise ValueError(f"{scheme}:// needs TLS set up in Dask's configuration")
        elif scheme == "inproc":  # a scheduler of this very process (LocalCluster)
            from distributed.comm.inproc import global_manager  # noqa: PLC0415 - optional

            try:
                found = global_manager.get_listener_for(location)  # type: ignore[no-untyped-call]
            except ValueError:  # another host's or process's, or not HOST/PID/N
                found = None
            if found is None:
                raise ValueError("no scheduler of this process listens there")
        else:  # ucx:// and the like need packages of their own
            raise ValueError(f"{scheme}:// is not a protocol this can use; use tcp://")
    except (TypeError, ValueError) as exc:
        # refused before a Client is made: one that fails half-made (on an inproc address
        # of no scheduler, tls:// without certificates, ucx://) held the process for a
        # minute at exit
        raise SimulationError(f"not a scheduler address ({exc})", where="scheduler",
                              got=address, allowed=allowed) from None  # fmt: skip


def _no_tls() -> bool:
    """Whether Dask's configuration lacks what a client needs to connect over TLS."""
    from distributed.security import Security  # noqa: PLC0415 - an optional extra

    args = Security().get_connection_args("client")  # type: ignore[no-untyped-call]
    return args.get("ssl_context") is None


def _on_dask(address: str, jobs: list[_Job]) -> list[Any]:
    try:
        from distributed import Client  # noqa: PLC0415 - an optional extra
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise SimulationError("Dask is not installed", where="scheduler", got=address,
                              allowed="pip install 'governance-rules[dask]'") from exc  # fmt: skip
    _check_address(address)
    try:
        client = Client(address, set_as_default=False, timeout=30)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise SimulationError(f"cannot reach the Dask scheduler: {exc}", where="scheduler",
                              got=address) from exc  # fmt: skip
    try:
        futures = [client.submit(_run_chunk, job, pure=False) for job in jobs]
        return list(client.gather(futures))  # type: ignore[no-untyped-call]
    finally:
        client.close()  # type: ignore[no-untyped-call]


# -- metrics ----------------------------------------------------------------------------------
def _percentile(histogram: Counter[int], fraction: float) -> int | None:
    """The nearest-rank percentile of a histogram of whole numbers."""
    total = sum(histogram.values())
    if not total:
        return None
    rank, seen = max(1, math.ceil(fraction * total)), 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return None  # pragma: no cover - rank <= total


#: Counters every charter's metrics hold, zero where nothing happened, so that each
#: charter's data has the same keys.
_ALWAYS = (
    "commands", "refused", "decisions.passed", "decisions.failed", "duties.met",
    "duties.missed", "issues.reported", "issues.resolved", "issues.escalated",
    "issues.reached_street_office", "issues.no_ladder", "issues.stuck", "meetings.planned",
    "meetings.held", "meetings.held_on_time", "meetings.not_held", "meetings.closed",
    "meetings.stuck",
)  # fmt: skip


def metrics(tally: Tally, community_years: int) -> dict[str, Any]:
    """A tally as nested plain data: ``{"issues": {"resolved": {"total": n, ...}}, ...}``.

    A dotted counter ``a.b.rest`` becomes ``data[a][b][rest]``; where a name is both
    a count and a group, the count is its ``total``.
    """
    data: dict[str, Any] = {}
    counts = Counter(dict.fromkeys(_ALWAYS, 0))
    counts.update(tally.counts)
    for name in sorted(counts):
        parts = name.split(".", 2)
        node = data
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {} if child is None else {"total": child}
            node = child
        leaf = parts[-1]
        if isinstance(node.get(leaf), dict):
            node[leaf]["total"] = counts[name]
        else:
            node[leaf] = counts[name]
    days = tally.resolution_days
    issues = data.setdefault("issues", {})
    issues["days_to_resolution"] = {
        "median": _percentile(days, 0.5),
        "p90": _percentile(days, 0.9),
        "histogram": [[d, days[d]] for d in sorted(days)],
    }
    data["community_years"] = community_years
    return data


def cpu_count() -> int:
    """Processors this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
