#!/usr/bin/env python3
"""The import graph of src/ (issue #13): `crate::...` and `super::...` paths outside tests
and comments. Two views: top-level modules (first path segment), and files (a path resolved
to the deepest file it names). Prints arrows, circles (strongly connected groups of more than
one node, with the arrows inside them) and pairs that import each other.

Usage: python3 scripts/import_graph.py [REPO_ROOT]"""
import os, re, sys, subprocess, collections
root = sys.argv[1] if len(sys.argv) > 1 else '.'
src = os.path.join(root, 'src')
def modpath(f):
    rel = os.path.relpath(f, src)[:-3].split(os.sep)
    if rel[-1] in ('mod', 'lib', 'main'): rel = rel[:-1]
    return tuple(rel)
files = {}
for d, _, fs in os.walk(src):
    for f in fs:
        if f.endswith('.rs'): files[modpath(os.path.join(d, f))] = os.path.join(d, f)
def strip_tests(t):
    i = t.find('#[cfg(test)]\nmod tests')
    t = t if i < 0 else t[:i]
    return re.sub(r'//[^\n]*', '', t)  # comments and docs are not imports
def refs(t):
    out = set()
    # expand `use crate::{a::x, b}` and `crate::a::b::c` paths
    for m in re.finditer(r'crate::((?:\{[^;]*?\}|[\w:]+))', t):
        s = m.group(1)
        if s.startswith('{'):
            for part in re.split(r',\s*', s.strip('{}')):
                out.add(tuple(re.findall(r'\w+', part)))
        else:
            out.add(tuple(p for p in s.split('::') if p))
    return out
def resolve(path, me):
    best = ()
    for k in range(1, len(path) + 1):
        if path[:k] in files: best = path[:k]
    return best
fedges = set()
for mp, f in files.items():
    t = strip_tests(open(f, encoding='utf-8').read())
    # relative super:: inside a folder is same-folder, ignore for top-level view but include for files
    for p in refs(t):
        r = resolve(p, mp)
        if r and r != mp and r != mp[:len(r)]: fedges.add((mp, r))
    for m in re.finditer(r'\buse super::(\w+)', t):
        parent = mp[:-1] if files[mp].endswith('mod.rs') is False else mp[:-1]
        r = resolve(parent + (m.group(1),), mp)
        if r and r != mp and r != mp[:len(r)]: fedges.add((mp, r))
def top(m): return m[0] if m else 'lib'
tedges = {(top(a), top(b)) for a, b in fedges if top(a) != top(b)}
def sccs(nodes, edges):
    adj = collections.defaultdict(set)
    for a, b in edges: adj[a].add(b)
    idx, low, st, on, out, c = {}, {}, [], set(), [], [0]
    def go(v):
        idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
        for w in adj[v]:
            if w not in idx: go(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], idx[w])
        if low[v] == idx[v]:
            comp = []
            while True:
                w = st.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: out.append(sorted(comp))
    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in idx: go(v)
    return out
def show(name, nodes, edges, fmt):
    cs = sccs(nodes, edges)
    # back-arrows: edges inside an SCC that point both ways (pairs a<->b)
    pairs = sorted({tuple(sorted((a, b))) for a, b in edges if (b, a) in edges})
    comp = {x: i for i, c in enumerate(cs) for x in c}
    inside = sum(1 for a, b in edges if a in comp and comp.get(b) == comp[a])
    print(f'{name}: {len(nodes)} nodes, {len(edges)} arrows, {len(cs)} circles ({inside} arrows inside them), {len(pairs)} two-way pairs')
    for c in cs: print('  circle:', ' '.join(fmt(x) for x in c))
    for a, b in pairs: print('  two-way:', fmt(a), '<->', fmt(b))
show('top-level', sorted({top(m) for m in files}), tedges, str)
# cross-folder file view: a circle whose files are in different folders
show('files', sorted(files), fedges, lambda m: '/'.join(m) or 'lib')
