// Template sets: a folder with templateset.yaml naming the handlebars templates that render
// mainTemplate.json, createUiDefinition.json (and optionally viewDefinition.json), the inputs it takes,
// the partials its templates include, and static files copied into every package. Everything is read through
// the template set's own root (no link out of it), except partials, which may be shared by the sets beside it:
// they are read through the root the sets share (offerkit's templates/ folder, or the offer folder of a set
// kept there), never from outside it. Templates are compiled once per process.

import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { displayPath, FileRoot } from '../fs/read-inside.js';
import { packagePath } from '../paths.js';
import { loadValidator } from '../util/compiled-schema.js';
import { schemaErrorsToDiagnostics } from '../util/schema-diagnostics.js';
import { parseYamlSource } from '../util/yaml-source.js';
import { findUnsafeChar, findUnsafeNameChar } from '../fs/text.js';
import { compileGuarded, type CompiledTemplate, type PartialLibrary } from './handlebars-env.js';
import { compileLinear } from '../util/linear-regex.js';

export interface InputSpec {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  description: string;
  /** Short name shown to customers (the preview's plan table); the input's name when absent. */
  label?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  required?: boolean;
}

/** What a template set says it deploys for the customer's next steps: names of mainTemplate outputs, and the compute. */
export interface AfterInstallDeclaration {
  outputs: { storageAccount?: string; dataFactory?: string; synapseWorkspace?: string; container?: string };
  /** The Data Connect compute type the set uses ("Azure Data Factory", "Azure Synapse Analytics"). */
  compute?: string;
  /** The static file a Synapse Administrator runs after installation to publish the copy pipeline (mgdc-synapse). */
  publishScript?: string;
}

export interface TemplateSet {
  name: string;
  dir: string;
  description: string;
  requires: ('requiredData' | 'schedule' | 'sink')[];
  installMinutes: number;
  /** What the set deploys that the customer's next steps name (none for a set without Data Connect). */
  afterInstall?: AfterInstallDeclaration;
  /** Input name → spec. A Map, so that names such as `constructor` are data, never prototype lookups. */
  inputs: Map<string, InputSpec>;
  /** Package file name → compiled template. */
  templates: Map<string, CompiledTemplate>;
  /** Partial name → compiled partial (what `{{> name}}` includes). */
  partials: Map<string, CompiledTemplate>;
  /** Package path → bytes, copied as they are (text files get LF line endings). */
  staticFiles: Map<string, Buffer>;
  /** The folder the static files are read from, when the set has one. */
  staticDir?: string;
}

export const TEMPLATES_DIR = packagePath('templates');
export const MANIFEST_NAME = 'templateset.yaml';

const MAX_MANIFEST_BYTES = 256 * 1024;
export const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;
export const MAX_STATIC_BYTES = 10 * 1024 * 1024;
export const MAX_STATIC_TOTAL = 100 * 1024 * 1024;

/** Names of the template sets shipped with offerkit. */
export async function listTemplateSets(): Promise<string[]> {
  const entries = await readdir(TEMPLATES_DIR, { withFileTypes: true });
  const names: string[] = [];
  for (const e of entries) if (e.isDirectory() && (await readdir(join(TEMPLATES_DIR, e.name))).includes(MANIFEST_NAME)) names.push(e.name);
  return names.sort();
}

const cache = new Map<string, Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }>>();

/**
 * Loads the template set whose folder is `root` (already checked to be where it may be). `shared` is the folder
 * the set shares with the sets beside it, the only place its partials may come from: offerkit's templates/ for
 * the sets it ships, the offer folder for a set kept in one; without it, partials must be in the set's folder.
 */
export function loadTemplateSet(root: FileRoot, shared: FileRoot = root): Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }> {
  const key = `${root.real}\0${shared.real}`;
  let p = cache.get(key);
  if (!p) {
    p = readTemplateSet(root, shared);
    cache.set(key, p);
  }
  return p;
}

/** The set folder of one of offerkit's own template sets, with the folder its partials may be shared from. */
export async function shippedTemplateSet(name: string): Promise<{ root: FileRoot; shared: FileRoot }> {
  // offerkit's own template sets are not refused for hard links: package managers such as pnpm install files as hard links.
  const shared = await FileRoot.open(TEMPLATES_DIR, "offerkit's template sets");
  return { root: await FileRoot.open(join(TEMPLATES_DIR, name), `the template set ${name}`), shared };
}

/** The first character of `text` that must not reach a customer, as a diagnostic at its line and column. */
function unsafeText(text: string, file: string, code: string): Diagnostic | undefined {
  const bad = findUnsafeChar(text);
  if (!bad) return undefined;
  const before = text.slice(0, bad.index).split('\n');
  return { code, severity: 'error', message: `${bad.label} in the text of the template set: it could hide or reorder what a customer or reviewer reads.`, file, line: before.length, column: before[before.length - 1].length + 1, hint: 'Remove the character.' };
}

/** The first loop among partials that include one another (`a → b → a`), or undefined. */
function partialCycle(partials: Map<string, CompiledTemplate>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'open');
    path.push(name);
    for (const next of partials.get(name)?.includes ?? []) {
      const loop = visit(next);
      if (loop) return loop;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of partials.keys()) {
    const loop = visit(name);
    if (loop) return loop;
  }
  return undefined;
}

async function readTemplateSet(root: FileRoot, shared: FileRoot): Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }> {
  const manifest = await root.readText(MANIFEST_NAME, { maxBytes: MAX_MANIFEST_BYTES, what: 'Template set manifest', code: 'template-set' });
  if (manifest.text === undefined) {
    const diagnostics = manifest.missing
      ? [{ code: 'template-set-missing', severity: 'error' as const, message: `No template set at ${displayPath(root.dir)} (${MANIFEST_NAME} not found).`, file: displayPath(join(root.dir, MANIFEST_NAME)) }]
      : manifest.diagnostics;
    return { diagnostics };
  }
  const file = displayPath(manifest.path);
  const diagnostics: Diagnostic[] = [];
  // Labels and descriptions in the manifest, the literal text of templates and text static files all reach a
  // customer (install form, package, README): controls and bidi overrides are refused where they stand.
  const unsafe = unsafeText(manifest.text, file, 'template-set-unsafe-text');
  if (unsafe) diagnostics.push(unsafe);
  const source = parseYamlSource(manifest.text);
  diagnostics.push(...source.diagnostics.map((d) => ({ ...d, file })));
  if (source.value === undefined) return { diagnostics };
  const validate = await loadValidator('templateset');
  if (!validate(source.value)) {
    diagnostics.push(...schemaErrorsToDiagnostics(validate.errors ?? [], source, file, { codePrefix: 'template-set' }));
    return { diagnostics };
  }
  const m = source.value as {
    name: string; description: string; files: Record<string, string>; static?: string; partials?: Record<string, string>;
    requires?: TemplateSet['requires']; installMinutes?: number; inputs?: Record<string, InputSpec>; staticLineEndings?: 'lf' | 'keep'; afterInstall?: { outputs?: AfterInstallDeclaration['outputs']; compute?: string; publishScript?: string };
  };
  const at = (pointer: string) => {
    const pos = source.locate(pointer);
    return { file, pointer, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  for (const [name, spec] of Object.entries(m.inputs ?? {})) {
    if (spec.pattern === undefined) continue;
    const compiled = compileLinear(spec.pattern);
    if ('error' in compiled) {
      diagnostics.push({ code: 'template-set-invalid-pattern', severity: 'error', message: `Input "${name}": pattern ${compiled.unsupported ? 'cannot be used' : 'is not a valid regular expression'}: ${compiled.error}.`, ...at(`/inputs/${name}/pattern`) });
    }
  }
  // Partials first: every name is known before anything compiles, so a template (or a partial) may include any.
  const library: PartialLibrary = { names: new Set(Object.keys(m.partials ?? {})), compiled: new Map() };
  for (const [name, rel] of Object.entries(m.partials ?? {})) {
    const where = at(`/partials/${name}`);
    // Relative to the set's folder; read through the shared root, so `../shared/x.hbs` works and nothing outside it does.
    const body = await shared.readText(resolve(root.dir, rel), { maxBytes: MAX_TEMPLATE_BYTES, what: `Partial "${name}"`, code: 'template-set', at: where });
    diagnostics.push(...body.diagnostics.map((d) => (/path-escape|link-escape/.test(d.code) ? { ...d, hint: `A partial is read from ${shared === root ? 'the template set\'s own folder' : `inside ${displayPath(shared.dir)}`} only.` } : d)));
    if (body.text === undefined) continue;
    const bad = unsafeText(body.text, displayPath(body.path), 'template-set-unsafe-text');
    if (bad) {
      diagnostics.push(bad);
      continue;
    }
    const compiled = compileGuarded(body.text, displayPath(body.path), library);
    diagnostics.push(...compiled.diagnostics);
    if (compiled.template) library.compiled.set(name, compiled.template);
  }
  const loop = partialCycle(library.compiled);
  if (loop) diagnostics.push({ code: 'template-partial-cycle', severity: 'error', message: `Partials include one another in a loop: ${loop.join(' → ')}; the render would never end.`, ...at(`/partials/${loop[0]}`), hint: 'Break the loop: a partial may include others, but never, through them, itself.' });
  const templates = new Map<string, CompiledTemplate>();
  for (const [output, rel] of Object.entries(m.files)) {
    const body = await root.readText(rel, { maxBytes: MAX_TEMPLATE_BYTES, what: `Template file for ${output}`, code: 'template-set', at: at(`/files/${output}`) });
    diagnostics.push(...body.diagnostics);
    if (body.text === undefined) continue;
    const bad = unsafeText(body.text, displayPath(body.path), 'template-set-unsafe-text');
    if (bad) {
      diagnostics.push(bad);
      continue;
    }
    const compiled = compileGuarded(body.text, displayPath(body.path), library);
    diagnostics.push(...compiled.diagnostics);
    if (compiled.template) templates.set(output, compiled.template);
  }
  const staticFiles = new Map<string, Buffer>();
  if (m.static) {
    const walked = await root.walk(m.static, { maxBytes: MAX_STATIC_BYTES, maxTotalBytes: MAX_STATIC_TOTAL, what: 'Static file', code: 'template-set', at: at('/static') });
    diagnostics.push(...walked.diagnostics);
    for (const f of walked.files) {
      // A name with a control or bidi character would reach the package's listing (and a terminal) as it is.
      const badName = findUnsafeNameChar(f.rel);
      if (badName) {
        diagnostics.push({ code: 'template-set-unsafe-name', severity: 'error', message: `A static file's name holds ${badName.label}: ${JSON.stringify(f.rel)}; offerkit does not package such names.`, file: displayPath(f.path), hint: 'Rename the file.' });
        continue;
      }
      if (isText(f.rel)) {
        const text = f.bytes.toString('utf8').replace(/\r\n/g, '\n');
        const bad = unsafeText(text, displayPath(f.path), 'template-set-unsafe-text');
        if (bad) diagnostics.push(bad);
        staticFiles.set(f.rel, m.staticLineEndings === 'keep' ? f.bytes : Buffer.from(text, 'utf8'));
      } else staticFiles.set(f.rel, f.bytes);
    }
  }
  const script = m.afterInstall?.publishScript;
  if (script && !staticFiles.has(script)) {
    diagnostics.push({ code: 'template-set-missing-publish-script', severity: 'error', message: `afterInstall.publishScript names ${script}, which is not a file of the set's static folder${m.static ? ` (${m.static})` : ' (the set has none)'}: the customer's next steps would tell them to run a script the package does not carry.`, ...at('/afterInstall/publishScript') });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    set: {
      name: m.name, dir: root.dir, description: m.description, requires: m.requires ?? [], installMinutes: m.installMinutes ?? 10, ...(m.afterInstall ? { afterInstall: { outputs: { ...m.afterInstall.outputs }, ...(m.afterInstall.compute ? { compute: m.afterInstall.compute } : {}), ...(m.afterInstall.publishScript ? { publishScript: m.afterInstall.publishScript } : {}) } } : {}),
      inputs: new Map(Object.entries(m.inputs ?? {})), templates, partials: library.compiled, staticFiles, ...(m.static ? { staticDir: join(root.dir, m.static) } : {}),
    },
    diagnostics,
  };
}

const TEXT = /\.(json|jsonc|md|txt|sh|ps1|py|yaml|yml|xml|html|css|js|bicep|tf|cfg|conf|ini)$/i;
/** A static file read as text (its line endings made LF unless the set keeps them, its characters checked). */
export const isText = (name: string): boolean => TEXT.test(name);

/** Checks a value against an input spec; the message when it does not fit. */
export function checkInput(value: unknown, spec: InputSpec): string | undefined {
  const t = spec.type;
  if (t === 'integer' && !(typeof value === 'number' && Number.isInteger(value))) return 'must be an integer';
  if (t === 'number' && typeof value !== 'number') return 'must be a number';
  if (t === 'string' && typeof value !== 'string') return 'must be text';
  if (t === 'boolean' && typeof value !== 'boolean') return 'must be true or false';
  if (t === 'array' && !Array.isArray(value)) return 'must be a list';
  if (spec.enum && !spec.enum.some((e) => e === value)) return `must be one of ${spec.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  if (typeof value === 'number') {
    if (spec.minimum !== undefined && value < spec.minimum) return `must be ≥ ${spec.minimum}`;
    if (spec.maximum !== undefined && value > spec.maximum) return `must be ≤ ${spec.maximum}`;
  }
  if (typeof value === 'string' && spec.pattern) {
    const compiled = compileLinear(spec.pattern);
    if ('regex' in compiled && !compiled.regex.test(value)) return `must match ${spec.pattern}`;
  }
  return undefined;
}
