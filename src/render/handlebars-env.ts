// The handlebars environment template sets render with. Templates render JSON, so offer values may
// only reach the output through helpers that emit valid, escaped JSON:
//   {{json value}}       a JSON literal (strings quoted and escaped; a string ARM would evaluate as an
//                        expression, `[…]`, is escaped as `[[…]`)
//   {{armString value}}  text inside a single-quoted literal of an ARM expression, `'…'` → quotes doubled
//   {{sep}}              a comma between items of {{#each}}, none after the last
// A template using any other output form ({{value}}, {{{value}}}, partials, decorators) is refused when the
// template set is loaded, with its line and column.

import Handlebars from 'handlebars';
import { guidFrom } from '../util/guid.js';
import type { Diagnostic } from '../diagnostics.js';
import { isExpression } from '../arm/expressions.js';

export type CompiledTemplate = { file: string; render: (context: unknown) => string };

const OUTPUT_HELPERS = new Set(['json', 'armString', 'sep']);
const NO_ARGUMENT_OUTPUT = new Set(['sep']);

const hb = Handlebars.create();

/** Escape strings ARM would otherwise evaluate: a literal `[x]` is written `[[x]`. */
export function armLiteral(value: unknown): unknown {
  if (typeof value === 'string') return isExpression(value) ? `[${value}` : value;
  if (Array.isArray(value)) return value.map(armLiteral);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = armLiteral(v);
    return out;
  }
  return value;
}


function options(args: unknown[]): Handlebars.HelperOptions {
  return args[args.length - 1] as Handlebars.HelperOptions;
}

hb.registerHelper('json', (value: unknown) => {
  if (value === undefined) throw new Error('json: value is undefined');
  return new hb.SafeString(JSON.stringify(armLiteral(value)));
});
hb.registerHelper('armString', (value: unknown) => {
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`armString: expected text, got ${typeof value}`);
  return new hb.SafeString(JSON.stringify(String(value).replace(/'/g, "''")).slice(1, -1));
});
hb.registerHelper('sep', function (this: unknown, ...args: unknown[]) {
  return options(args).data?.last ? '' : ',';
});
// Sub-expression helpers: they compute values; the guard keeps them out of direct output.
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
hb.registerHelper('not', (a: unknown) => !a);
hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
hb.registerHelper('lower', (s: unknown) => String(s).toLowerCase());
hb.registerHelper('upper', (s: unknown) => String(s).toUpperCase());
hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
hb.registerHelper('join', (list: unknown, separator: unknown) => (Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : ', ') : ''));
hb.registerHelper('length', (list: unknown) => (Array.isArray(list) ? list.length : 0));
hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
hb.registerHelper('mul', (a: unknown, b: unknown) => Number(a) * Number(b));
hb.registerHelper('guid', (...args: unknown[]) => guidFrom(...args.slice(0, -1)));
hb.registerHelper('pluck', (list: unknown, key: unknown) => (Array.isArray(list) ? list.map((x) => (x as Record<string, unknown>)?.[String(key)]) : []));
hb.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
hb.registerHelper('object', (...args: unknown[]) => ({ ...(options(args).hash as Record<string, unknown>) }));

type Node = { type: string; loc?: { start: { line: number; column: number } } } & Record<string, unknown>;

/** Refuses output forms that would let offer values into the JSON unescaped. */
function guard(program: hbs.AST.Program, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (node: Node) => ({ file, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  const visit = (node: Node | null | undefined): void => {
    if (!node || typeof node !== 'object') return;
    switch (node.type) {
      case 'MustacheStatement': {
        const m = node as unknown as hbs.AST.MustacheStatement;
        const name = m.path.type === 'PathExpression' ? (m.path as hbs.AST.PathExpression).original : '';
        if (!m.escaped) {
          out.push({ code: 'template-unsafe-output', severity: 'error', message: 'Triple-stash {{{…}}} writes values without escaping; use {{json value}}.', ...at(node) });
        } else if (!OUTPUT_HELPERS.has(name)) {
          out.push({ code: 'template-unsafe-output', severity: 'error', message: `{{${name}}} writes a value without JSON escaping; use {{json ${name}}} (or {{armString ${name}}} inside an ARM expression).`, ...at(node) });
        } else if (!NO_ARGUMENT_OUTPUT.has(name) && m.params.length !== 1) {
          out.push({ code: 'template-unsafe-output', severity: 'error', message: `{{${name}}} takes exactly one value.`, ...at(node) });
        }
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'Decorator':
      case 'DecoratorBlock':
        out.push({ code: 'template-unsupported', severity: 'error', message: `${node.type.replace('Statement', '')}s are not supported in template sets.`, ...at(node) });
        break;
      case 'BlockStatement': {
        const b = node as unknown as hbs.AST.BlockStatement;
        visit(b.program as unknown as Node);
        visit(b.inverse as unknown as Node);
        break;
      }
      case 'Program':
        for (const s of (node as unknown as hbs.AST.Program).body) visit(s as unknown as Node);
        break;
    }
  };
  visit(program as unknown as Node);
  return out;
}

export function compileGuarded(body: string, file: string): { template?: CompiledTemplate; diagnostics: Diagnostic[] } {
  let ast: hbs.AST.Program;
  try {
    ast = hb.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /line (\d+)/.exec(msg);
    return { diagnostics: [{ code: 'template-syntax', severity: 'error', message: `Handlebars: ${msg.split('\n')[0]}`, file, line: m ? Number(m[1]) : 1, column: 1 }] };
  }
  const diagnostics = guard(ast, file);
  if (diagnostics.length) return { diagnostics };
  const fn = hb.compile(ast, { strict: true, noEscape: false, preventIndent: true });
  return { template: { file, render: (context) => fn(context, { allowProtoPropertiesByDefault: false }) }, diagnostics };
}
