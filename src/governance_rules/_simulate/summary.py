"""The headline rows of a simulation, one value per charter, in English or Chinese.

>>> from governance_rules._simulate.runner import simulate
>>> rows = summary_rows(simulate(["yangxin-2022"], communities=1, seed=1), "en")
>>> rows[0][0], rows[0][1][0] > 0
('issues reported', True)
>>> summary_rows(simulate(["yangxin-2022"], communities=1, seed=1), "zh")[0][0]
'上报问题'
"""

from __future__ import annotations

from typing import Any

from governance_rules._simulate.runner import SimulationResult

__all__ = ["summary_rows"]

_LABELS: dict[str, tuple[str, str]] = {
    "issues.reported": ("issues reported", "上报问题"),
    "issues.resolved": ("issues resolved", "已解决问题"),
    "resolved_at": ("  resolved at {level}", "  在{level}解决"),
    "issues.no_ladder": ("issues with no ladder in the charter", "章程无处理层级的问题"),
    "issues.stuck": ("issues left unresolved (no allowed step)", "无可行步骤而未解决的问题"),
    "median": ("median working days to resolution", "解决所需工作日(中位数)"),
    "p90": ("90th percentile working days to resolution", "解决所需工作日(第90百分位)"),
    "issues.escalated": ("escalations", "升级次数"),
    "issues.reached_street_office": ("issues reaching the street office", "升至街道办事处的问题"),
    "meetings.planned": ("meetings planned", "计划会议"),
    "meetings.held": ("meetings held", "召开会议"),
    "meetings.held_on_time": ("meetings held on time", "按时召开会议"),
    "duties.met": ("duties met", "按时履行的职责"),
    "duties.missed": ("duties missed", "逾期的职责"),
    "decision": ("decisions {outcome} ({rule})", "决定{outcome}({rule})"),
    "refused": ("commands refused by the charter", "章程拒绝的操作"),
    "refused.by": ("  refused: {trigger}", "  被拒绝的{trigger}"),
    "workload": ("  commands by {body}", "  {body}的操作数"),
    "workload.title": ("commands issued", "操作总数"),
    "passed": ("passed", "通过"),
    "failed": ("failed", "未通过"),
}


def _label(key: str, lang: str, **fields: str) -> str:
    en, zh = _LABELS[key]
    return (zh if lang == "zh" else en).format(**fields)


def _node(metrics: dict[str, Any], dotted: str) -> Any:
    """The count or group at ``dotted`` (``None`` where a charter has none)."""
    node: Any = metrics
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _get(metrics: dict[str, Any], dotted: str) -> int:
    """A count, or a group's ``total`` (0 where there is none)."""
    node = _node(metrics, dotted)
    if isinstance(node, dict):
        return int(node.get("total", 0))
    return 0 if node is None else int(node)


def _count(metrics: dict[str, Any], dotted: str) -> int:
    """A group's count: its ``total`` where it has one, else the sum of its parts."""
    node = _node(metrics, dotted)
    return 0 if node is None else _summed(node)


def _summed(node: Any) -> int:
    if isinstance(node, dict):
        return int(node["total"]) if "total" in node else sum(map(_summed, node.values()))
    return int(node)


def _keys(result: SimulationResult, dotted: str) -> list[str]:
    """The sub-keys of a group across every charter, sorted (``total`` left out)."""
    found: set[str] = set()
    for metrics in result.charters.values():
        node: Any = metrics
        for part in dotted.split("."):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        if isinstance(node, dict):
            found.update(k for k in node if k != "total")
    return sorted(found)


def summary_rows(result: SimulationResult, lang: str = "en") -> list[tuple[str, list[Any]]]:
    """``(label, [value per charter])`` rows: the numbers a regulator compares first."""
    charters = list(result.charters.values())
    rows: list[tuple[str, list[Any]]] = []

    def add(key: str, dotted: str | None = None, **fields: str) -> None:
        rows.append((_label(key, lang, **fields), [_get(m, dotted or key) for m in charters]))

    add("issues.reported")
    add("issues.resolved")
    for level in _keys(result, "issues.resolved"):
        add("resolved_at", f"issues.resolved.{level}", level=level)
    add("issues.no_ladder")
    add("issues.stuck")
    for key in ("median", "p90"):
        rows.append(
            (_label(key, lang), [m["issues"]["days_to_resolution"][key] for m in charters])
        )
    add("issues.escalated")
    add("issues.reached_street_office")
    add("meetings.planned")
    add("meetings.held")
    add("meetings.held_on_time")
    add("duties.met")
    add("duties.missed")
    for rule in _keys(result, "decisions"):
        if rule in ("passed", "failed"):
            continue
        for outcome in ("passed", "failed"):
            add("decision", f"decisions.{rule}.{outcome}", rule=rule,
                outcome=_label(outcome, lang))  # fmt: skip
    add("refused")
    for trigger in _keys(result, "refused"):  # which commands the charter refused
        rows.append((_label("refused.by", lang, trigger=trigger),
                     [_count(m, f"refused.{trigger}") for m in charters]))  # fmt: skip
    add("workload.title", "commands")
    for body in _keys(result, "workload"):
        add("workload", f"workload.{body}", body=body)
    return rows
