// The house plan holds: every import in src/ (type imports and lazy imports included) goes to a floor below
// its own, as README's "Project layout" table says, and no files import each other round a loop — in src/, and
// in test/, scripts/ and bench/ too (this is the one check of loops: ESLint's import plugin did it as well, at a
// large part of the lint's time and memory).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { packagePath } from '../../src/paths.js';

const SRC = packagePath('src');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.c?ts$/.test(name)) out.push(p);
  }
  return out;
}

/** Every relative import of a file, resolved to the source file it names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out = new Set<string>();
  const specs = /(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|\brequire\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|\bimport\s+['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of text.matchAll(specs)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    const base = resolve(dirname(file), spec).replace(/\.c?js$/, '');
    const target = [`${base}.ts`, `${base}.cts`, join(base, 'index.ts')].find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    });
    if (target) out.add(target);
  }
  return [...out];
}

const folderOf = (file: string): string => {
  const parts = relative(SRC, file).split('/');
  return parts.length > 1 ? `${parts[0]}/` : '(root)';
};

/** README's floors: folder → floor number. */
function floors(): Map<string, number> {
  const readme = readFileSync(packagePath('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Project layout'));
  const out = new Map<string, number>();
  for (const m of section.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)) {
    for (const f of m[2].matchAll(/`([^`]+)`/g)) out.set(f[1], Number(m[1]));
  }
  return out;
}

describe('the house plan (README: Project layout)', () => {
  const files = sourceFiles(SRC);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('reads the imports it checks', () => {
    assert.ok(files.length > 150, `${files.length} source files`);
    const edges = [...graph.values()].reduce((n, d) => n + d.length, 0);
    assert.ok(edges > 500, `${edges} imports`);
    // A type import and a lazy import are both seen.
    const pipeline = graph.get(join(SRC, 'pipeline', 'offer-pipeline.ts'))!;
    assert.ok(pipeline.includes(join(SRC, 'changes', 'compare.ts')), 'type imports count');
    assert.ok(graph.get(join(SRC, 'cli', 'commands', 'build.cts'))!.includes(join(SRC, 'cli', 'handlers', 'build.ts')), 'lazy imports count');
  });

  it('every folder of src/ has a floor', () => {
    const plan = floors();
    const missing = [...new Set(files.map(folderOf))].filter((f) => !plan.has(f));
    assert.deepEqual(missing, [], 'add these folders to the Project layout table');
  });

  it('imports go only down', () => {
    const plan = floors();
    const against: string[] = [];
    for (const [file, deps] of graph) {
      const from = folderOf(file);
      for (const dep of deps) {
        const to = folderOf(dep);
        if (to === from) continue;
        if ((plan.get(to) ?? Infinity) >= (plan.get(from) ?? -Infinity)) against.push(`${relative(SRC, file)} (floor ${plan.get(from)}) → ${relative(SRC, dep)} (floor ${plan.get(to)})`);
      }
    }
    assert.deepEqual(against, []);
  });

  it('no files import each other round a loop (src, test, scripts, bench)', () => {
    const root = packagePath('.');
    const everything = ['src', 'test', 'scripts', 'bench'].flatMap((d) => sourceFiles(packagePath(d)));
    const all = new Map(everything.map((f) => [f, importsOf(f)]));
    assert.ok(all.get(join(root, 'test', 'preview', 'in-chromium.test.ts'))!.includes(join(root, 'test', 'preview', 'browser.ts')), 'the imports of tests are read');
    const loops: string[][] = [];
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    let next = 0;
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of all.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(relative(root, w));
        } while (w !== v);
        if (scc.length > 1) loops.push(scc.sort());
      }
    };
    for (const f of all.keys()) if (!index.has(f)) visit(f);
    assert.deepEqual(loops, []);
  });

  it('each command is two files: its definition and its handler', () => {
    const commands = readdirSync(join(SRC, 'cli', 'commands')).map((n) => n.replace(/\.cts$/, '')).sort();
    const handlers = readdirSync(join(SRC, 'cli', 'handlers')).map((n) => n.replace(/\.ts$/, '')).sort();
    assert.deepEqual(handlers, commands);
    const door = readFileSync(join(SRC, 'cli', 'load-handler.cts'), 'utf8');
    assert.deepEqual(/HandlerName = ([^;]+);/.exec(door)![1].split('|').map((n) => n.trim().replace(/'/g, '')).sort(), commands, 'load-handler.cts names every command');
    for (const c of commands) {
      const text = readFileSync(join(SRC, 'cli', 'commands', `${c}.cts`), 'utf8');
      assert.match(text, new RegExp(`await loadHandler\\('${c}'\\)\\) as typeof import\\('\\.\\./handlers/${c}\\.js'\\)`), `${c}: the definition loads its handler only when it runs`);
      assert.doesNotMatch(text, /^import (?!type )[^;]*'\.\.\/handlers\//m, `${c}: no handler code at start-up`);
    }
  });
});
