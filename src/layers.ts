// The folder layering of src/: which folder imports which (non-test sources), and the cycles among
// them. The tool's folders form a DAG (src/common and src/fixedpoint at the bottom, src/cli at the
// top); src/layers.test.ts keeps it one.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** folder -> folders its non-test .ts files import (relative imports that leave the folder). */
export function folderGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of readdirSync(root)) {
    const dir = join(root, folder);
    if (!statSync(dir).isDirectory()) continue;
    const deps = new Set<string>();
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) { walk(p); continue; }
        if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
        const depth = p.split('/').length - dir.split('/').length; // 1 for files directly in the folder
        for (const m of readFileSync(p, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'((?:\.\.\/)+)([a-z0-9-]+)\//g)) {
          const up = m[1]!.length / 3;
          if (up === depth) deps.add(m[2]!);
        }
      }
    };
    walk(dir);
    deps.delete(folder);
    graph.set(folder, deps);
  }
  return graph;
}

/** Every elementary cycle's smallest representative, as folder lists ending where they start. */
export function folderCycles(graph: Map<string, Set<string>>): string[][] {
  const cycles = new Map<string, string[]>();
  const visit = (start: string, at: string, path: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) {
        const cyc = [...path];
        const i = cyc.indexOf([...cyc].sort()[0]!);
        const norm = [...cyc.slice(i), ...cyc.slice(0, i)];
        cycles.set(norm.join('>'), [...norm, norm[0]!]);
      } else if (!path.includes(next) && path.length < 8) visit(start, next, [...path, next]);
    }
  };
  for (const f of graph.keys()) visit(f, f, [f]);
  return [...cycles.values()];
}
