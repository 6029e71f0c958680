// string-width for the bundled command-line shell: text of printable ASCII (all of offerkit's own help) is as wide
// as it is long; anything else is measured by the real string-width, loaded the first time it is needed. The real
// one strips escapes and matches a large emoji expression on every call, a fifth of `offerkit --help`.
// scripts/bundle-cli.ts points the shell's require('string-width') here.

const PLAIN = /^[\x20-\x7e]*$/;
let full: ((text: string) => number) | undefined;

function stringWidth(text: string): number {
  if (typeof text === 'string' && PLAIN.test(text)) return text.length;
  full ??= require('string-width') as (text: string) => number;
  return full(text);
}

export = stringWidth;
