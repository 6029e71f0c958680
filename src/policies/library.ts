// The policy library: one YAML file per policy under policies/, each mapping a plain-words guarantee
// to an Azure built-in policy definition and a static check the rendered template must pass.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { packagePath } from '../paths.js';
import { loadValidator } from '../util/compiled-schema.js';
import { schemaErrorsToDiagnostics } from '../util/schema-diagnostics.js';
import { parseYamlSource } from '../util/yaml-source.js';

export interface PolicyParameterSpec {
  type: 'string' | 'array' | 'boolean' | 'integer';
  description?: string;
  allowedValues?: unknown[];
  default?: unknown;
  defaultFromOffer?: string;
  required?: boolean;
}

export interface PolicyCheck {
  kind: 'property' | 'locations' | 'diagnosticSettings';
  resourceType?: string;
  path?: string;
  equals?: unknown;
  equalsParameter?: string;
  allowedParameter?: string;
  resourceTypesParameter?: string;
  message: string;
  fix?: string;
}

export interface PolicyDefinition {
  id: string;
  displayName: string;
  guarantee: string;
  policyDefinitionId: string;
  builtInDisplayName: string;
  parameters: Record<string, PolicyParameterSpec>;
  checks: PolicyCheck[];
  file: string;
}

export interface PolicyLibrary {
  policies: Map<string, PolicyDefinition>;
  diagnostics: Diagnostic[];
}

const libraries = new Map<string, Promise<PolicyLibrary>>();

export function loadPolicyLibrary(dir = packagePath('policies')): Promise<PolicyLibrary> {
  let lib = libraries.get(dir);
  if (!lib) {
    lib = readLibrary(dir);
    libraries.set(dir, lib);
  }
  return lib;
}

async function readLibrary(dir: string): Promise<PolicyLibrary> {
  const policies = new Map<string, PolicyDefinition>();
  const diagnostics: Diagnostic[] = [];
  const validate = await loadValidator('policy');
  const names = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const name of names) {
    const path = join(dir, name);
    const file = relative(process.cwd(), path) || path;
    const source = parseYamlSource(await readFile(path, 'utf8'));
    diagnostics.push(...source.diagnostics.map((d) => ({ ...d, file })));
    if (source.value === undefined) continue;
    if (!validate(source.value)) {
      diagnostics.push(...schemaErrorsToDiagnostics(validate.errors ?? [], source, file, { codePrefix: 'policy' }));
      continue;
    }
    const def = source.value as Omit<PolicyDefinition, 'file' | 'parameters'> & { parameters?: Record<string, PolicyParameterSpec> };
    if (`${def.id}` !== name.replace(/\.ya?ml$/, '')) {
      diagnostics.push({ code: 'policy-id-mismatch', severity: 'error', message: `Policy id "${def.id}" does not match its file name ${name}.`, file, line: 1, column: 1 });
      continue;
    }
    policies.set(def.id, { ...def, parameters: def.parameters ?? {}, file });
  }
  return { policies, diagnostics };
}
