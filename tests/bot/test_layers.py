"""bot/ is layered without cycles: app → features → core → claims (issue 11).

Uses the checker the lead's commit hook runs (/work/shared/tools/import_cycles.py) when it is
there, and the same reading of imports otherwise, so a cycle fails here before it reaches a hook.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"


def _graph() -> dict[str, set[str]]:
    """module -> bot modules it imports (module level and inside functions; relative resolved)."""
    modules = {}
    for path in BOT.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        base = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = base.split(".")
                    mod = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                subs = {f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in modules}
                deps |= subs if subs and len(subs) == len(node.names) else subs | {mod}
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_in_bot():
    assert _cycles(_graph()) == []


def test_the_checker_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_features_do_not_import_each_other():
    """Cross-feature calls go through the runtime; the core imports no feature."""
    graph = _graph()
    features = ("bot.handlers", "bot.moderation", "bot.privacy_handlers")

    def feature(mod: str) -> str | None:
        return next((f for f in features if mod == f or mod.startswith(f + ".")), None)

    crossing = {(m, d) for m, deps in graph.items() for d in deps
                if feature(m) and feature(d) and feature(m) != feature(d)}
    assert crossing == set()
    core = {"bot.core", "bot.render", "bot.runtime", "bot.callbacks", "bot.menus"}
    assert {(m, d) for m in core for d in graph.get(m, ()) if feature(d)} == set()
