// Findings where the user edits: a finding in a plan's package file (`dist/<offer>/<plan>/app.zip/mainTemplate.json`,
// whose text is offerkit's stable form) moved to the template the text came from, when that template holds it
// verbatim — as an adopted package's templates do (`offerkit init --from` keeps the package's text, or one plan's
// branch of it) — and to the static file a package file is copied from. A template that computes its text
// (mustaches) keeps its findings on the package, where its output can be read. offerkit's own template sets are
// not the user's to edit: their findings stay on the package too.

import { join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { displayPath } from '../fs/read-inside.js';
import { TEMPLATES_DIR, type TemplateSet } from '../template-set/template-set.js';
import { LineIndex } from '../util/line-index.js';
import { parseJsonSource, type JsonSource } from '../util/json-source.js';

/** What a rendered plan says of its package files (render-plan.ts's RenderedPlan has these). */
export interface RenderedFiles {
  label: string;
  parsed: ReadonlyMap<string, JsonSource>;
  texts: ReadonlyMap<string, string>;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** Where a position of a rendered text is in its template, when the template holds the text verbatim. */
export function templatePosition(body: string, rendered: string, position: { line?: number; column?: number }, file?: string): { file?: string; line: number; column: number } | undefined {
  if (!position.line || !rendered) return undefined;
  const base = body.indexOf(rendered);
  if (base < 0) return undefined;
  const p = new LineIndex(body).position(base + offsetOf(rendered, position.line, position.column ?? 1));
  return { ...(file ? { file } : {}), line: p.line, column: p.column };
}

const ownSet = (set: TemplateSet) => {
  const rel = relative(TEMPLATES_DIR, resolve(set.dir));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
};

/** The diagnostics of the plans' package files, moved to the templates and static files they come from where possible. */
export function pointAtSources(diagnostics: readonly Diagnostic[], plans: readonly RenderedFiles[], set: TemplateSet | undefined): Diagnostic[] {
  if (!set || ownSet(set)) return [...diagnostics];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const moved = move(d, plans, set) ?? d;
    const key = `${moved.file}|${moved.line}|${moved.column}|${moved.code}|${moved.severity}|${moved.message}`;
    if (moved !== d && seen.has(key)) continue;
    seen.add(key);
    out.push(moved);
  }
  return out;
}

function move(d: Diagnostic, plans: readonly RenderedFiles[], set: TemplateSet): Diagnostic | undefined {
  if (!d.file) return undefined;
  const plan = plans.find((p) => d.file!.startsWith(`${p.label}/`));
  if (!plan) return undefined;
  const name = d.file.slice(plan.label.length + 1);
  const statics = set.staticFiles.get(name);
  if (statics && set.staticDir) return { ...d, file: displayPath(join(set.staticDir, name)) };
  const template = set.templates.get(name);
  const raw = plan.texts.get(name);
  const stable = plan.parsed.get(name);
  if (!template || raw === undefined || !stable || !template.body.includes(raw)) return undefined;
  const source = parseJsonSource(raw);
  // The finding's place in the rendered text: by its JSON pointer, else by the value its line and column fall in.
  let pointer = d.pointer;
  if (pointer === undefined && d.line) pointer = stable.pointerContaining(offsetOf(stable.text, d.line, d.column ?? 1));
  let at = pointer !== undefined ? source.locate(pointer) : undefined;
  if (pointer !== undefined && d.line) {
    // A rule that reported a property's name (not its value) is moved to the name.
    const key = stable.locate(pointer, { key: true });
    if (key?.line === d.line && key.column === d.column) at = source.locate(pointer, { key: true }) ?? at;
  }
  if (!at && !d.line) return { ...d, file: template.file };
  if (!at) return undefined;
  const where = templatePosition(template.body, raw, at);
  return where ? { ...d, file: template.file, line: where.line, column: where.column } : undefined;
}
