"""A simple layered ("Sugiyama-style") layout for the branch map; pure Python, no Qt.

1. Back edges are found by a depth-first search from the roots (then from any
   node left over), so loops do not break the layering.
2. Each node's layer is the longest path to it over the remaining edges, so
   every forward arrow points right.
3. Nodes within a layer are ordered by the barycentre of their neighbours in
   the layer before (then after), a few sweeps each way, to cut crossings.

It is linear in nodes and edges per sweep; 200 scenes take a few milliseconds.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

SWEEPS = 4


@dataclass(frozen=True)
class Placement:
    layer: int
    order: int  # position within the layer, from the top
    layer_size: int


def back_edges(nodes: list[str], edges: list[tuple[str, str]], roots: list[str]) -> set[int]:
    """Indices of edges that close a loop in a depth-first search from ``roots``."""
    out_edges: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, (src, dst) in enumerate(edges):
        out_edges[src].append((i, dst))
    colour: dict[str, int] = {}
    found: set[int] = set()
    for root in [*roots, *nodes]:
        if root in colour:
            continue
        colour[root] = 1
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, i = stack.pop()
            children = out_edges.get(node, [])
            if i >= len(children):
                colour[node] = 2
                continue
            stack.append((node, i + 1))
            index, child = children[i]
            state = colour.get(child, 0)
            if state == 1:
                found.add(index)
            elif state == 0:
                colour[child] = 1
                stack.append((child, 0))
    return found


def layers(nodes: list[str], edges: list[tuple[str, str]], roots: list[str]) -> dict[str, int]:
    """Longest-path layer of each node over the forward (non-loop) edges."""
    back = back_edges(nodes, edges, roots)
    forward = [e for i, e in enumerate(edges) if i not in back and e[0] != e[1]]
    indegree = dict.fromkeys(nodes, 0)
    children: dict[str, list[str]] = defaultdict(list)
    for src, dst in forward:
        if src in indegree and dst in indegree:
            indegree[dst] += 1
            children[src].append(dst)
    layer = dict.fromkeys(nodes, 0)
    queue = deque(n for n in nodes if indegree[n] == 0)
    while queue:
        node = queue.popleft()
        for child in children[node]:
            layer[child] = max(layer[child], layer[node] + 1)
            indegree[child] -= 1
            if indegree[child] == 0:
                queue.append(child)
    # a node nothing leads to (an unreachable scene) sits just before its first successor
    has_parent = {dst for _, dst in forward}
    for node in nodes:
        if node not in has_parent and node not in roots and children[node]:
            layer[node] = max(0, min(layer[c] for c in children[node]) - 1)
    return layer


def layered_layout(
    nodes: list[str], edges: list[tuple[str, str]], roots: list[str] | None = None
) -> dict[str, Placement]:
    """Layer and order every node; ``roots`` (e.g. the start scene) go first."""
    roots = roots or nodes[:1]
    layer_of = layers(nodes, edges, roots)
    by_layer: dict[int, list[str]] = defaultdict(list)
    for node in nodes:  # input order is the starting order
        by_layer[layer_of[node]].append(node)
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    for src, dst in edges:
        if src in layer_of and dst in layer_of and layer_of[src] != layer_of[dst]:
            preds[dst].append(src)
            succs[src].append(dst)
    count = max(by_layer) + 1 if by_layer else 0
    position = {n: i for members in by_layer.values() for i, n in enumerate(members)}

    def sweep(order: range, neighbours: dict[str, list[str]]) -> None:
        for index in order:
            members = by_layer.get(index, [])

            def centre(node: str) -> float:
                near = neighbours.get(node)
                if not near:
                    return float(position[node])
                return sum(position[n] for n in near) / len(near)

            members.sort(key=lambda n: (centre(n), position[n]))
            for i, node in enumerate(members):
                position[node] = i

    for _ in range(SWEEPS):
        sweep(range(1, count), preds)
        sweep(range(count - 2, -1, -1), succs)
    return {
        node: Placement(layer_of[node], position[node], len(by_layer[layer_of[node]]))
        for node in nodes
    }
