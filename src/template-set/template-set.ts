// Template sets: a folder with templateset.yaml naming the handlebars templates that render
// mainTemplate.json, createUiDefinition.json (and optionally viewDefinition.json), the inputs it takes,
// and static files copied into every package. Everything is read through the template set's own root
// (no link out of it); templates are compiled once per process.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { displayPath, FileRoot } from '../fs/read-inside.js';
import { packagePath } from '../paths.js';
import { loadValidator } from '../util/compiled-schema.js';
import { schemaErrorsToDiagnostics } from '../util/schema-diagnostics.js';
import { parseYamlSource } from '../util/yaml-source.js';
import { findUnsafeChar, findUnsafeNameChar } from '../fs/text.js';
import { compileGuarded, type CompiledTemplate } from './handlebars-env.js';
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
  /** Package path → bytes, copied as they are (text files get LF line endings). */
  staticFiles: Map<string, Buffer>;
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

/** Loads the template set whose folder is `root` (already checked to be where it may be). */
export function loadTemplateSet(root: FileRoot): Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }> {
  const key = root.real;
  let p = cache.get(key);
  if (!p) {
    p = readTemplateSet(root);
    cache.set(key, p);
  }
  return p;
}

/** The first character of `text` that must not reach a customer, as a diagnostic at its line and column. */
function unsafeText(text: string, file: string, code: string): Diagnostic | undefined {
  const bad = findUnsafeChar(text);
  if (!bad) return undefined;
  const before = text.slice(0, bad.index).split('\n');
  return { code, severity: 'error', message: `${bad.label} in the text of the template set: it could hide or reorder what a customer or reviewer reads.`, file, line: before.length, column: before[before.length - 1].length + 1, hint: 'Remove the character.' };
}

async function readTemplateSet(root: FileRoot): Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }> {
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
    name: string; description: string; files: Record<string, string>; static?: string;
    requires?: TemplateSet['requires']; installMinutes?: number; inputs?: Record<string, InputSpec>; staticLineEndings?: 'lf' | 'keep'; afterInstall?: { outputs?: AfterInstallDeclaration['outputs']; compute?: string };
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
    const compiled = compileGuarded(body.text, displayPath(body.path));
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
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    set: {
      name: m.name, dir: root.dir, description: m.description, requires: m.requires ?? [], installMinutes: m.installMinutes ?? 10, ...(m.afterInstall ? { afterInstall: { outputs: { ...m.afterInstall.outputs }, ...(m.afterInstall.compute ? { compute: m.afterInstall.compute } : {}) } } : {}),
      inputs: new Map(Object.entries(m.inputs ?? {})), templates, staticFiles,
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
