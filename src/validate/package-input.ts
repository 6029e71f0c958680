// What the validator validates: a set of JSON files with their roles (main template, createUiDefinition,
// viewDefinition, other templates), read from a package folder, a single file, an app.zip or a rendered
// offer plan. Roles are assigned the way arm-ttk assigns them, so results compare with its corpus.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Offer, Plan } from '../offer/model.js';
import { inspectPackageFile, type InspectedPackage } from '../package/inspect-package.js';
import type { RenderedPlan } from '../render/render-plan.js';
import { isObject, prop } from '../arm/template.js';
import { parseJsonSource, type JsonSource } from '../util/json-source.js';

export type FileRole = 'mainTemplate' | 'createUiDefinition' | 'viewDefinition' | 'template' | 'json';

export interface SourceFile {
  /** As diagnostics name it. */
  display: string;
  /** Path inside the package, '/'-separated. */
  path: string;
  text: string;
  json: JsonSource;
  role: FileRole;
  size: number;
}

export interface PackageInput {
  label: string;
  kind: 'folder' | 'zip' | 'file' | 'offer';
  files: SourceFile[];
  mainTemplate?: SourceFile;
  /** arm-ttk's IsMainTemplate for the main template (false for a single non-main template file). */
  isMainTemplate: boolean;
  createUiDefinition?: SourceFile;
  viewDefinition?: SourceFile;
  /** Templates other than the main one (nested/linked), tested as non-main templates. */
  templates: SourceFile[];
  zip?: InspectedPackage;
  offer?: Offer;
  plan?: Plan;
  /** Findings from reading the input itself (zip inspection, offer loading, unreadable files). */
  diagnostics: Diagnostic[];
}

const MAIN_NAMES = ['azuredeploy.json', 'maintemplate.json', 'prereq.azuredeploy.json'];
export const MAX_JSON_FILE = 64 * 1024 * 1024;
const MAX_FILES = 2000;

/** What a JSON document is, by its $schema, else by its name (arm-ttk's classification). */
export function classify(value: unknown, name: string): FileRole {
  const schema = isObject(value) ? String(prop(value, '$schema') ?? '') : '';
  const lower = schema.toLowerCase();
  if (lower.includes('createuidefinition')) return 'createUiDefinition';
  if (lower.includes('viewdefinition')) return 'viewDefinition';
  if (lower.includes('deploymenttemplate')) return 'template';
  const base = name.toLowerCase().split('/').pop()!;
  if (!schema) {
    if (/createuidefinition/.test(base)) return 'createUiDefinition';
    if (/viewdefinition/.test(base)) return 'viewDefinition';
    if (MAIN_NAMES.includes(base) || (isObject(value) && prop(value, 'resources') !== undefined)) return 'template';
  }
  return 'json';
}

export function sourceFile(path: string, display: string, text: string, parsed?: JsonSource): SourceFile {
  const json = parsed ?? parseJsonSource(text);
  return { display, path, text, json, role: classify(json.value, path), size: Buffer.byteLength(text) };
}

/** Assigns main template / createUiDefinition / viewDefinition among the files at the package root. */
export function assignRoles(label: string, kind: PackageInput['kind'], files: SourceFile[]): PackageInput {
  const root = files.filter((f) => !f.path.includes('/'));
  const byName = (n: string) => root.find((f) => f.path.toLowerCase() === n);
  let main: SourceFile | undefined;
  for (const n of MAIN_NAMES) {
    main = byName(n);
    if (main) break;
  }
  const ui = byName('createuidefinition.json') ?? (kind === 'file' ? files.find((f) => f.role === 'createUiDefinition') : undefined);
  const view = byName('viewdefinition.json') ?? (kind === 'file' ? files.find((f) => f.role === 'viewDefinition') : undefined);
  if (main) main.role = 'mainTemplate';
  if (ui) ui.role = 'createUiDefinition';
  if (view) view.role = 'viewDefinition';
  const templates = files.filter((f) => f !== main && f.role === 'template');
  return {
    label,
    kind,
    files,
    ...(main ? { mainTemplate: main } : {}),
    isMainTemplate: Boolean(main),
    ...(ui ? { createUiDefinition: ui } : {}),
    ...(view ? { viewDefinition: view } : {}),
    templates,
    diagnostics: [],
  };
}

const display = (p: string) => relative(process.cwd(), p) || p;

export async function packageFromFolder(dir: string): Promise<PackageInput> {
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.jsonc?$/i.test(e.name)) {
        if (files.length >= MAX_FILES) continue;
        const st = await stat(p);
        if (st.size > MAX_JSON_FILE) {
          diagnostics.push({ code: 'file-too-large', severity: 'error', message: `${display(p)} is ${st.size} bytes; offerkit reads JSON files up to ${MAX_JSON_FILE}.`, file: display(p) });
          continue;
        }
        files.push(sourceFile(relative(dir, p).split(sep).join('/'), display(p), (await readFile(p)).toString('utf8')));
      }
    }
  };
  await walk(dir);
  const input = assignRoles(display(dir), 'folder', files);
  input.diagnostics.push(...diagnostics);
  return input;
}

export async function packageFromFile(path: string): Promise<PackageInput> {
  const st = await stat(path);
  if (st.size > MAX_JSON_FILE) {
    const input = assignRoles(display(path), 'file', []);
    input.diagnostics.push({ code: 'file-too-large', severity: 'error', message: `${display(path)} is ${st.size} bytes; offerkit reads JSON files up to ${MAX_JSON_FILE}.`, file: display(path) });
    return input;
  }
  const f = sourceFile(basename(path), display(path), (await readFile(path)).toString('utf8'));
  const input = assignRoles(display(path), 'file', [f]);
  // A single template is the main one only under one of the main names (arm-ttk).
  if (!input.mainTemplate && f.role === 'template') {
    input.templates = [];
    input.mainTemplate = f;
    input.isMainTemplate = false;
  }
  return input;
}

export async function packageFromZip(path: string): Promise<PackageInput> {
  const zip = await inspectPackageFile(path, display(path));
  const files: SourceFile[] = [];
  for (const [name, bytes] of zip.contents) {
    if (!/\.jsonc?$/i.test(name)) continue;
    if (bytes.length > MAX_JSON_FILE) continue;
    files.push(sourceFile(name, `${display(path)}/${name}`, bytes.toString('utf8')));
  }
  const input = assignRoles(display(path), 'zip', files);
  input.zip = zip;
  input.diagnostics.push(...zip.diagnostics);
  return input;
}

export function packageFromRendered(r: RenderedPlan): PackageInput {
  const files: SourceFile[] = [];
  for (const [name, bytes] of r.files) {
    if (!/\.jsonc?$/i.test(name)) continue;
    files.push(sourceFile(name, `${r.label}/${name}`, bytes.toString('utf8'), r.parsed.get(name)));
  }
  const input = assignRoles(r.label, 'offer', files);
  input.offer = r.offer;
  input.plan = r.plan;
  return input;
}
