// Turns JSON-Schema (ajv) errors into offerkit diagnostics a person can act on: one message per
// problem, at the key or value it concerns, with "did you mean" for unknown keys and enum values,
// and without the noise of every failed anyOf/oneOf branch.

import type { Diagnostic, Severity } from '../diagnostics.js';
import type { SchemaError } from './compiled-schema.js';
import type { Position } from './line-index.js';
import { decodePointer } from './json-pointer.js';
import { didYouMean } from './nearest.js';

export interface Locatable {
  locate(pointer: string, options?: { key?: boolean }): Position | undefined;
}

function describePath(pointer: string): string {
  const segs = decodePointer(pointer);
  if (!segs.length) return 'the document';
  return segs.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}

const TYPE_WORDS: Record<string, string> = { string: 'text', object: 'a mapping', array: 'a list', integer: 'an integer', number: 'a number', boolean: 'true or false', null: 'null' };

/** Keep, for each anyOf/oneOf that failed, only the errors of the branch the author most plausibly meant. */
function prune(errors: SchemaError[]): SchemaError[] {
  let result = errors;
  const composites = errors.filter((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && !('passingSchemas' in e.params && e.params.passingSchemas));
  // Innermost first, so nested composites are resolved before their parents.
  composites.sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const comp of composites) {
    if (!result.includes(comp)) continue;
    const prefix = comp.schemaPath + '/';
    const branches = new Map<string, SchemaError[]>();
    for (const e of result) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const idx = e.schemaPath.slice(prefix.length).split('/')[0];
      (branches.get(idx) ?? branches.set(idx, []).get(idx)!).push(e);
    }
    const all = [...branches.values()].flat();
    // The branch whose errors reach deepest into the value is the one that matched its shape.
    const depth = (es: SchemaError[]) => Math.max(...es.map((e) => e.instancePath.length + (e.keyword === 'type' || e.keyword === 'const' ? 0 : 1)));
    let best: SchemaError[] | undefined;
    for (const es of branches.values()) if (!best || depth(es) > depth(best) || (depth(es) === depth(best) && es.length < best.length)) best = es;
    const bestIsShapeMismatch = best?.every((e) => (e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'enum') && e.instancePath === comp.instancePath);
    if (!best || bestIsShapeMismatch) {
      result = result.filter((e) => !all.includes(e)); // keep the composite itself: "not any allowed form"
    } else {
      result = result.filter((e) => e === comp ? false : !all.includes(e) || best.includes(e));
    }
  }
  return result;
}

export interface SchemaFinding {
  code: string;
  message: string;
  pointer: string;
  /** The finding concerns the property name at pointer rather than its value. */
  key: boolean;
  hint?: string;
}

export function schemaErrorsToDiagnostics(
  errors: readonly SchemaError[],
  source: Locatable,
  file: string,
  options: { codePrefix: string; severity?: Severity; describe?: (pointer: string) => string },
): Diagnostic[] {
  const severity = options.severity ?? 'error';
  return explainSchemaErrors(errors, options).map((f) => {
    const pos = source.locate(f.pointer, { key: f.key });
    return { code: f.code, severity, message: f.message, file, pointer: f.pointer, ...(pos ? { line: pos.line, column: pos.column } : {}), ...(f.hint ? { hint: f.hint } : {}) };
  });
}

/** One plain message per problem, with the pointer it concerns. */
export function explainSchemaErrors(errors: readonly SchemaError[], options: { codePrefix: string; describe?: (pointer: string) => string }): SchemaFinding[] {
  const where = options.describe ?? describePath;
  const out: SchemaFinding[] = [];
  const seen = new Set<string>();
  // An `if`/`then` failure is reported by the failing keywords inside `then`.
  for (const e of prune(errors.filter((x) => x.keyword !== 'if'))) {
    let pointer = e.instancePath;
    let key = false;
    let message: string;
    let code = `${options.codePrefix}-invalid`;
    let hint: string | undefined;
    // propertyNames: the inner error (which carries the name) says what is wrong with the key.
    if (e.keyword === 'propertyNames') continue;
    const propertyName = (e as { propertyName?: string }).propertyName;
    if (propertyName !== undefined) {
      pointer = `${pointer}/${propertyName.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      key = true;
      out.push({ code, message: `Key ${JSON.stringify(propertyName)} in ${where(e.instancePath)} is not in the expected form.`, pointer, key, ...(e.keyword === 'pattern' ? { hint: `Expected to match ${String(e.params.pattern)}.` } : {}) });
      continue;
    }
    switch (e.keyword) {
      case 'additionalProperties': {
        const name = String(e.params.additionalProperty);
        const known = Object.keys((e.parentSchema?.properties as Record<string, unknown>) ?? {});
        pointer = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        key = true;
        code = `${options.codePrefix}-unknown-key`;
        message = `Unknown key "${name}" in ${where(e.instancePath)}.${didYouMean(name, known)}`;
        if (known.length) hint = `Allowed keys here: ${known.join(', ')}.`;
        break;
      }
      case 'required':
        code = `${options.codePrefix}-missing-key`;
        message = `Missing required key "${String(e.params.missingProperty)}" in ${where(e.instancePath)}.`;
        key = true;
        break;
      case 'type':
        message = `${where(pointer)} must be ${String(e.params.type).split(',').map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${typeName(e.data)}.`;
        break;
      case 'enum': {
        const allowed = (e.params.allowedValues as unknown[]) ?? [];
        message = `${where(pointer)}: ${JSON.stringify(e.data)} is not allowed; use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}.${typeof e.data === 'string' ? didYouMean(e.data, allowed.map(String)) : ''}`;
        break;
      }
      case 'const':
        message = `${where(pointer)} must be ${JSON.stringify(e.params.allowedValue)}.`;
        break;
      case 'pattern': {
        const desc = typeof e.parentSchema?.description === 'string' ? ` (${e.parentSchema.description})` : '';
        message = `${where(pointer)}: ${JSON.stringify(e.data)} is not in the expected form${desc}.`;
        hint = `Expected to match ${String(e.params.pattern)}.`;
        break;
      }
      case 'anyOf':
      case 'oneOf':
        if (e.params.passingSchemas) {
          message = `${where(pointer)} matches more than one allowed form; use only one of them.`;
        } else {
          const desc = typeof e.parentSchema?.description === 'string' ? ` ${e.parentSchema.description}` : '';
          message = `${where(pointer)} is not in any allowed form.${desc}`;
        }
        break;
      case 'minItems':
        message = `${where(pointer)} needs at least ${String(e.params.limit)} item(s).`;
        break;
      case 'maxItems':
        message = `${where(pointer)} allows at most ${String(e.params.limit)} item(s).`;
        break;
      case 'minLength':
        message = `${where(pointer)} must be at least ${String(e.params.limit)} character(s) long.`;
        break;
      case 'maxLength':
        message = `${where(pointer)} must be at most ${String(e.params.limit)} characters long (it has ${typeof e.data === 'string' ? e.data.length : '?'}).`;
        break;
      case 'uniqueItems':
        message = `${where(pointer)} lists the same value twice (items ${String(e.params.j)} and ${String(e.params.i)}).`;
        pointer = `${pointer}/${String(e.params.i)}`;
        break;
      case 'minimum':
      case 'maximum':
        message = `${where(pointer)} must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(e.params.limit)}.`;
        break;
      default:
        message = `${where(pointer)} ${e.message ?? 'is invalid'}.`;
    }
    const id = `${code}|${pointer}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ code, message, pointer, key, ...(hint ? { hint } : {}) });
  }
  return out;
}
