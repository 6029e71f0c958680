// ARM's errors, said against the package: each error that names a resource (a preflight detail's target, a
// failed deployment operation's target resource) is placed on that resource in mainTemplate.json, found by its
// type and its name (a literal, or a parameter whose value is the name), with the line and column.

import type { Diagnostic } from '../diagnostics.js';
import { collectResources, prop, type ResourceRef } from '../arm/template.js';
import type { JsonSource } from '../util/json-source.js';
import { redact } from '../util/redact.js';
import { textOf } from '../util/text-of.js';

export interface ArmError {
  code?: string;
  message?: string;
  target?: string;
  details?: ArmError[];
}

export interface TemplateFile {
  source: JsonSource;
  display: string;
}

/** Type and name of a resource id: `/…/providers/Microsoft.Storage/storageAccounts/st1` → [Microsoft.Storage/storageAccounts, st1]. */
export function typeAndName(id: string): { type: string; name: string } | undefined {
  const m = /\/providers\/([^/]+)\/(.+)$/i.exec(id);
  if (!m) return undefined;
  const parts = m[2].split('/');
  if (parts.length % 2) return undefined;
  const types = parts.filter((_, i) => i % 2 === 0);
  const names = parts.filter((_, i) => i % 2 === 1);
  return { type: `${m[1]}/${types.join('/')}`, name: names.join('/') };
}

/** The resource of the template a type and name designate (a parameter's value counts as the name it gives). */
export function findResource(template: TemplateFile, type: string, name: string, values: Record<string, { value: unknown }>): ResourceRef | undefined {
  const candidates = collectResources(template.source.value).filter((r) => r.fullType.toLowerCase() === type.toLowerCase());
  const named = candidates.find((r) => {
    const n = textOf(prop(r.resource, 'name'));
    if (n.toLowerCase() === name.toLowerCase()) return true;
    const p = /^\[parameters\('([^']+)'\)\]$/i.exec(n);
    const given = p ? Object.entries(values).find(([k]) => k.toLowerCase() === p[1].toLowerCase())?.[1].value : undefined;
    return typeof given === 'string' && given.toLowerCase() === name.toLowerCase();
  });
  return named ?? candidates[0];
}

/** Diagnostics for an ARM error and its details, the innermost first-hand ones placed on their resources. */
export function armErrorDiagnostics(error: ArmError, template: TemplateFile, values: Record<string, { value: unknown }>, code: string, resource?: { type: string; name: string }): Diagnostic[] {
  const leaves: { e: ArmError; at?: { type: string; name: string } }[] = [];
  const walk = (e: ArmError, at: { type: string; name: string } | undefined, depth: number) => {
    const here = (e.target && typeAndName(e.target)) || at;
    if (e.details?.length && depth < 8) for (const d of e.details) walk(d, here, depth + 1);
    else leaves.push({ e, ...(here ? { at: here } : {}) });
  };
  walk(error, resource, 0);
  return leaves.map(({ e, at }) => {
    const ref = at ? findResource(template, at.type, at.name, values) : undefined;
    const pos = ref ? template.source.locate(ref.pointer) : undefined;
    const what = at ? `${at.type} ${at.name}` : 'the deployment';
    return {
      code,
      severity: 'error' as const,
      message: redact(`ARM ${textOf(e.code) || 'error'} for ${what}: ${textOf(e.message) || 'no message'}`),
      file: template.display,
      ...(ref ? { pointer: ref.pointer } : {}),
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      ...(at && !ref ? { hint: `The template declares no ${at.type} of that name; the resource may come from a nested template or a copy loop.` } : {}),
    };
  });
}
