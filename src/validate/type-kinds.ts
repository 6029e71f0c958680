// What a catalogue type accepts, by JSON kind, and how a message names it (a boolean; one of a set of strings):
// the first question the walk (src/validate/type-walk.ts) asks of every value.

import type { ValueKind } from '../arm/static-eval.js';
import type { CatalogueType } from '../arm/type-catalogue.js';

export interface Described {
  kinds: Set<ValueKind | 'any'>;
  text: string;
}

/** The namespace's types and the descriptions already made of them. */
export interface TypeSource {
  type(index: number): CatalogueType | undefined;
  described: Map<number, Described>;
}

export const quoteList = (xs: string[], max = 8) => `${xs.slice(0, max).map((x) => JSON.stringify(x)).join(', ')}${xs.length > max ? `, … (${xs.length} in all)` : ''}`;

/** The value kinds the type at an index accepts, and a description of it for messages (computed once per type). */
export function describeAt(w: TypeSource, t: number): Described {
  let d = w.described.get(t);
  if (!d) w.described.set(t, (d = describe(w, w.type(t))));
  return d;
}

function describe(w: TypeSource, t: CatalogueType | undefined, depth = 0): Described {
  if (t === undefined) return { kinds: new Set(['any']), text: 'any value' };
  if (typeof t === 'string') return { kinds: new Set(['string']), text: JSON.stringify(t) };
  switch (t[0]) {
    case 'a':
      return { kinds: new Set(['any']), text: 'any value' };
    case 'b':
      return { kinds: new Set(['boolean']), text: 'a boolean' };
    case 's':
      return { kinds: new Set(['string']), text: 'a string' };
    case 'i':
      return { kinds: new Set(['integer']), text: 'an integer' };
    case 'r':
      return { kinds: new Set(['array']), text: 'an array' };
    case 'o':
    case 'd':
      return { kinds: new Set(['object']), text: 'an object' };
    case 'e':
      return { kinds: new Set(['string']), text: t[2] ? 'a string' : `one of ${quoteList(t[1])}` };
    case 'u': {
      const kinds = new Set<ValueKind | 'any'>();
      const literals: string[] = [];
      const texts: string[] = [];
      for (const e of t[1]) {
        const el = w.type(e);
        if (el === undefined) continue;
        if (typeof el === 'string') literals.push(el);
        else if (depth < 4) {
          const d = describe(w, el, depth + 1);
          d.kinds.forEach((k) => kinds.add(k));
          texts.push(d.text);
        }
      }
      if (literals.length) kinds.add('string');
      const open = texts.includes('a string');
      return { kinds, text: [...new Set([...(literals.length && !open ? [`one of ${quoteList(literals)}`] : []), ...texts])].join(' or ') };
    }
  }
}

export const accepts = (kinds: Set<ValueKind | 'any'>, k: ValueKind) => kinds.has('any') || kinds.has(k) || k === 'null' || (k === 'integer' && kinds.has('number'));

/** Does a value of this kind fit the type (the usual types answered without describing them)? */
export function fits(w: TypeSource, type: CatalogueType, t: number, kind: ValueKind): boolean {
  if (typeof type === 'string') return kind === 'string';
  switch (type[0]) {
    case 's':
    case 'e':
      return kind === 'string';
    case 'b':
      return kind === 'boolean';
    case 'i':
      return kind === 'integer';
    case 'r':
      return kind === 'array';
    case 'o':
    case 'd':
      return kind === 'object';
    default:
      return accepts(describeAt(w, t).kinds, kind);
  }
}
