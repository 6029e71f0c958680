// The parameters of a deployment, checked before anything is created: the values of a parameters file (the
// format `offerkit preview --parameters-out` writes: { parameters: { name: { value } } }), secure ones from
// OFFERKIT_PARAM_<NAME>, the template's literal defaults for the rest. Each value is checked against the
// template's declaration as ARM checks it — a value for every parameter without a default, the type, allowed
// values, length and range — and every finding names the parameter where it is declared (or given). Names are
// data: the maps are prototype-free, so a parameter named __proto__ or constructor is a parameter like any other.

import type { Diagnostic } from '../diagnostics.js';
import { isExpression } from '../arm/expressions.js';
import { isObject, keyOf, prop } from '../arm/template.js';
import type { JsonSource } from '../util/json-source.js';
import { appendPointer } from '../util/json-pointer.js';
import { textOf } from '../util/text-of.js';

export interface ParametersInput {
  /** The parameters file, parsed, and how messages name it. */
  file?: { source: JsonSource; display: string };
  env?: NodeJS.ProcessEnv;
}

export interface CheckedParameters {
  /** What the deployment sends: { name: { value } } (template defaults are left to ARM); a prototype-free map. */
  parameters: Record<string, { value: unknown }>;
  /** Each parameter's declared type (lower-case), as the template declares it. */
  types: Record<string, string>;
  /** Names of secure parameters (their values are never shown). */
  secure: string[];
  /** Every value given for a secure parameter (from the file or the environment), sent or not: secrets all. */
  secureValues: unknown[];
  diagnostics: Diagnostic[];
}

/** The environment variable that gives a secure parameter's value: OFFERKIT_PARAM_ and the name in capitals. */
export function secureVariable(name: string): string {
  return `OFFERKIT_PARAM_${name.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
}

const kindOf = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : Number.isInteger(v) ? 'int' : typeof v === 'number' ? 'number' : typeof v);

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'string':
    case 'securestring':
      return typeof v === 'string';
    case 'int':
      return Number.isInteger(v);
    case 'bool':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
    case 'secureobject':
      return isObject(v);
    default:
      return true;
  }
}

export function checkParameters(template: { source: JsonSource; display: string }, input: ParametersInput): CheckedParameters {
  const diagnostics: Diagnostic[] = [];
  const parameters = Object.create(null) as Record<string, { value: unknown }>;
  const types = Object.create(null) as Record<string, string>;
  const secure: string[] = [];
  const secureValues: unknown[] = [];
  const main = template.source.value;
  const pk = keyOf(main, 'parameters');
  const declared = pk && isObject(prop(main, pk)) ? (prop(main, pk) as Record<string, unknown>) : {};
  const fileValue = input.file?.source.value;
  const givenKey = keyOf(fileValue, 'parameters');
  const given = givenKey && isObject(prop(fileValue, givenKey)) ? (prop(fileValue, givenKey) as Record<string, unknown>) : {};
  const atTemplate = (name: string, extra = '') => {
    const pointer = appendPointer(appendPointer('', pk ?? 'parameters'), name) + extra;
    const pos = template.source.locate(pointer, { key: !extra });
    return { file: template.display, pointer, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  const atFile = (name: string) => {
    const pointer = `${appendPointer(appendPointer('', givenKey ?? 'parameters'), name)}/value`;
    const pos = input.file?.source.locate(pointer);
    return { file: input.file?.display ?? template.display, pointer, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  if (input.file && fileValue !== undefined && !givenKey) diagnostics.push({ code: 'deploy-parameters-file', severity: 'error', message: `${input.file.display} has no "parameters" object; write it as offerkit preview --parameters-out does: { "parameters": { "name": { "value": … } } }.`, file: input.file.display });
  for (const name of Object.keys(given)) {
    if (!Object.keys(declared).some((d) => d.toLowerCase() === name.toLowerCase())) diagnostics.push({ code: 'deploy-parameter-unknown', severity: 'error', message: `Parameter ${name} is not declared by the template; ARM refuses a deployment that sets it.`, ...atFile(name), hint: 'Remove it from the parameters file, or check its spelling.' });
  }
  for (const [name, decl] of Object.entries(declared)) {
    if (!isObject(decl)) continue;
    const type = textOf(prop(decl, 'type')).toLowerCase();
    types[name] = type;
    const isSecure = type === 'securestring' || type === 'secureobject';
    if (isSecure) secure.push(name);
    const entryName = Object.keys(given).find((g) => g.toLowerCase() === name.toLowerCase());
    const entry = entryName !== undefined ? given[entryName] : undefined;
    let value: unknown;
    let from: 'file' | 'env' | 'default' | undefined;
    if (entry !== undefined) {
      if (!isObject(entry) || (!('value' in entry) && !('reference' in entry))) {
        diagnostics.push({ code: 'deploy-parameters-file', severity: 'error', message: `Parameter ${name} in the parameters file is not { "value": … }.`, ...atFile(name) });
        continue;
      }
      if ('reference' in entry) {
        // A Key Vault reference is resolved by ARM; it is passed as it is.
        parameters[name] = entry as { value: unknown };
        continue;
      }
      value = entry.value;
      from = 'file';
    }
    const variable = secureVariable(name);
    if (value === undefined && isSecure && input.env?.[variable] !== undefined) {
      const raw = input.env[variable];
      if (type === 'secureobject') {
        try {
          value = JSON.parse(raw) as unknown;
        } catch {
          diagnostics.push({ code: 'deploy-parameter-type', severity: 'error', message: `${variable} must hold the JSON object for secure parameter ${name}.`, ...atTemplate(name) });
          continue;
        }
      } else value = raw;
      from = 'env';
    }
    if (isSecure && value !== undefined) secureValues.push(value);
    const dk = keyOf(decl, 'defaultValue');
    if (value === undefined) {
      if (dk) {
        // Defaults stay ARM's to evaluate (an expression needs the deployment); a literal one is still checked.
        const d = decl[dk];
        if (typeof d === 'string' && isExpression(d)) continue;
        value = d;
        from = 'default';
      } else {
        diagnostics.push({
          code: 'deploy-parameter-missing',
          severity: 'error',
          message: `Parameter ${name} has no value: the template gives it no default${input.file ? ` and ${input.file.display} does not set it` : ' and no parameters file was given'}.`,
          ...atTemplate(name),
          hint: isSecure
            ? `Set ${variable} in the environment (secure values are never taken from the command line).`
            : input.file
              ? `Type the customer's own value into ${input.file.display}: "${name}": { "value": … } under "parameters" (offerkit preview --parameters-out writes the form's defaults and leaves out what only the customer knows).`
              : `Give a parameters file with --parameters: offerkit preview --parameters-out writes the form's defaults; then type the customer's own values into it ("${name}": { "value": … } under "parameters").`,
        });
        continue;
      }
    }
    const at = from === 'file' ? atFile(name) : atTemplate(name);
    const shown = isSecure ? 'the value given' : JSON.stringify(value);
    if (type && !typeMatches(type, value)) {
      diagnostics.push({ code: 'deploy-parameter-type', severity: 'error', message: `Parameter ${name} is declared ${textOf(prop(decl, 'type'))}, but ${shown} is ${kindOf(value) === 'int' || kindOf(value) === 'array' ? 'an' : 'a'} ${kindOf(value)}.`, ...at });
      continue;
    }
    const allowed = prop(decl, 'allowedValues');
    if (Array.isArray(allowed) && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
      diagnostics.push({ code: 'deploy-parameter-not-allowed', severity: 'error', message: `Parameter ${name}: ${shown} is not one of its allowed values (${allowed.map((a) => JSON.stringify(a)).join(', ')}).`, ...at });
      continue;
    }
    const length = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
    const minLength = prop(decl, 'minLength');
    const maxLength = prop(decl, 'maxLength');
    if (length !== undefined && typeof minLength === 'number' && length < minLength) diagnostics.push({ code: 'deploy-parameter-length', severity: 'error', message: `Parameter ${name} is ${length} long; the template asks for at least ${minLength}.`, ...at });
    if (length !== undefined && typeof maxLength === 'number' && length > maxLength) diagnostics.push({ code: 'deploy-parameter-length', severity: 'error', message: `Parameter ${name} is ${length} long; the template allows at most ${maxLength}.`, ...at });
    const minValue = prop(decl, 'minValue');
    const maxValue = prop(decl, 'maxValue');
    if (typeof value === 'number' && typeof minValue === 'number' && value < minValue) diagnostics.push({ code: 'deploy-parameter-range', severity: 'error', message: `Parameter ${name} is ${value}; the template asks for at least ${minValue}.`, ...at });
    if (typeof value === 'number' && typeof maxValue === 'number' && value > maxValue) diagnostics.push({ code: 'deploy-parameter-range', severity: 'error', message: `Parameter ${name} is ${value}; the template allows at most ${maxValue}.`, ...at });
    if (from !== 'default') parameters[name] = { value };
  }
  return { parameters, types, secure, secureValues, diagnostics };
}

/** Secure parameters that neither the file nor the environment gives a value and that have no default. */
export function secureParametersWithoutValue(template: { source: JsonSource; display: string }, input: ParametersInput): string[] {
  return checkParameters(template, input)
    .diagnostics.filter((d) => d.code === 'deploy-parameter-missing')
    .map((d) => /^Parameter (\S+) /.exec(d.message)?.[1] ?? '')
    .filter((name) => {
      const decl = prop(prop(template.source.value, keyOf(template.source.value, 'parameters') ?? 'parameters'), name);
      return ['securestring', 'secureobject'].includes(textOf(prop(decl, 'type')).toLowerCase());
    });
}
