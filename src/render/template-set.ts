// Template sets: a folder with templateset.yaml naming the handlebars templates that render
// mainTemplate.json, createUiDefinition.json (and optionally viewDefinition.json), the inputs it takes,
// and static files copied into every package. Templates are compiled once per process.

import { existsSync } from 'node:fs';
import { readdir, readFile, stat, lstat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { packagePath } from '../paths.js';
import { loadValidator } from '../util/compiled-schema.js';
import { schemaErrorsToDiagnostics } from '../util/schema-diagnostics.js';
import { parseYamlSource } from '../util/yaml-source.js';
import { compileGuarded, type CompiledTemplate } from './handlebars-env.js';

export interface InputSpec {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  description: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  required?: boolean;
}

export interface TemplateSet {
  name: string;
  dir: string;
  description: string;
  requires: Array<'requiredData' | 'schedule' | 'sink'>;
  installMinutes: number;
  inputs: Record<string, InputSpec>;
  /** Package file name → compiled template. */
  templates: Map<string, CompiledTemplate>;
  /** Package path → bytes, copied as they are (text files get LF line endings). */
  staticFiles: Map<string, Buffer>;
}

export const TEMPLATES_DIR = packagePath('templates');

/** Names of the template sets shipped with offerkit. */
export async function listTemplateSets(): Promise<string[]> {
  const entries = await readdir(TEMPLATES_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && existsSync(join(TEMPLATES_DIR, e.name, 'templateset.yaml'))).map((e) => e.name).sort();
}

const cache = new Map<string, Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }>>();

export function loadTemplateSet(dir: string): Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }> {
  const key = resolve(dir);
  let p = cache.get(key);
  if (!p) {
    p = readTemplateSet(key);
    cache.set(key, p);
  }
  return p;
}

const MAX_STATIC_BYTES = 10 * 1024 * 1024;

async function readTemplateSet(dir: string): Promise<{ set?: TemplateSet; diagnostics: Diagnostic[] }> {
  const manifestPath = join(dir, 'templateset.yaml');
  const file = relative(process.cwd(), manifestPath) || manifestPath;
  const diagnostics: Diagnostic[] = [];
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    return { diagnostics: [{ code: 'template-set-missing', severity: 'error', message: `No template set at ${relative(process.cwd(), dir) || dir} (templateset.yaml not found).`, file }] };
  }
  const source = parseYamlSource(text);
  diagnostics.push(...source.diagnostics.map((d) => ({ ...d, file })));
  if (source.value === undefined) return { diagnostics };
  const validate = await loadValidator('templateset');
  if (!validate(source.value)) {
    diagnostics.push(...schemaErrorsToDiagnostics(validate.errors ?? [], source, file, { codePrefix: 'template-set' }));
    return { diagnostics };
  }
  const m = source.value as {
    name: string; description: string; files: Record<string, string>; static?: string;
    requires?: TemplateSet['requires']; installMinutes?: number; inputs?: Record<string, InputSpec>;
  };
  const templates = new Map<string, CompiledTemplate>();
  for (const [output, rel] of Object.entries(m.files)) {
    const path = inside(dir, rel);
    const pointer = `/files/${output}`;
    const pos = source.locate(pointer);
    const at = { file, pointer, ...(pos ? { line: pos.line, column: pos.column } : {}) };
    if (!path) {
      diagnostics.push({ code: 'template-set-path-escape', severity: 'error', message: `Template file ${JSON.stringify(rel)} for ${output} is outside the template set folder.`, ...at });
      continue;
    }
    let body: string;
    try {
      body = await readFile(path, 'utf8');
    } catch {
      diagnostics.push({ code: 'template-set-file-missing', severity: 'error', message: `Template file ${rel} for ${output} does not exist.`, ...at });
      continue;
    }
    const compiled = compileGuarded(body, relative(process.cwd(), path) || path);
    diagnostics.push(...compiled.diagnostics);
    if (compiled.template) templates.set(output, compiled.template);
  }
  const staticFiles = new Map<string, Buffer>();
  if (m.static) {
    const root = inside(dir, m.static);
    if (!root) {
      diagnostics.push({ code: 'template-set-path-escape', severity: 'error', message: `Static folder ${JSON.stringify(m.static)} is outside the template set folder.`, file });
    } else {
      await collectStatic(root, root, staticFiles, diagnostics, file);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    set: {
      name: m.name, dir, description: m.description, requires: m.requires ?? [], installMinutes: m.installMinutes ?? 10,
      inputs: m.inputs ?? {}, templates, staticFiles,
    },
    diagnostics,
  };
}

/** The absolute path of rel inside base, or undefined when it would escape base. */
export function inside(base: string, rel: string): string | undefined {
  if (rel.includes('\0')) return undefined;
  const p = resolve(base, rel);
  return p === base || p.startsWith(base + sep) ? p : undefined;
}

async function collectStatic(root: string, dir: string, out: Map<string, Buffer>, diagnostics: Diagnostic[], file: string): Promise<void> {
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    const st = await lstat(p);
    if (st.isSymbolicLink()) {
      diagnostics.push({ code: 'template-set-symlink', severity: 'error', message: `Static file ${relative(root, p)} is a symbolic link; packages may only contain regular files.`, file });
    } else if (st.isDirectory()) {
      await collectStatic(root, p, out, diagnostics, file);
    } else if (st.isFile()) {
      if ((await stat(p)).size > MAX_STATIC_BYTES) {
        diagnostics.push({ code: 'template-set-static-too-large', severity: 'error', message: `Static file ${relative(root, p)} is larger than 10 MB.`, file });
        continue;
      }
      const bytes = await readFile(p);
      const name = relative(root, p).split(sep).join('/');
      out.set(name, isText(name) ? Buffer.from(bytes.toString('utf8').replace(/\r\n/g, '\n'), 'utf8') : bytes);
    }
  }
}

const TEXT = /\.(json|jsonc|md|txt|sh|ps1|py|yaml|yml|xml|html|css|js|bicep|tf|cfg|conf|ini)$/i;
const isText = (name: string) => TEXT.test(name);

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
  if (typeof value === 'string' && spec.pattern && !new RegExp(spec.pattern).test(value)) return `must match ${spec.pattern}`;
  return undefined;
}
