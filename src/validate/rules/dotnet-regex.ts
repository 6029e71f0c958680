// Checks a regular expression the way .NET would accept it (arm-ttk compiles them with [Regex]::new),
// by translating the .NET-only syntax JavaScript lacks before compiling.

export function compileDotNetRegex(pattern: string): string | undefined {
  let p = pattern;
  let flags = 'u';
  // Inline options at the start: (?i), (?x), (?im)…
  const inline = /^\(\?([imsx]+)\)/.exec(p);
  if (inline) {
    p = p.slice(inline[0].length);
    if (inline[1].includes('i')) flags += 'i';
    if (inline[1].includes('m')) flags += 'm';
    if (inline[1].includes('s')) flags += 's';
  }
  p = p
    .replace(/\(\?#[^)]*\)/g, '')
    .replace(/\(\?'([A-Za-z_]\w*)'/g, '(?<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\[Zz]/g, '$');
  for (const f of [flags, flags.replace('u', '')]) {
    try {
      new RegExp(p, f);
      return undefined;
    } catch (e) {
      if (f === flags.replace('u', '')) return (e as Error).message.replace(/^Invalid regular expression: /, '');
    }
  }
  return undefined;
}

/** The numbers n of every `{n` quantifier in the pattern. */
export function quantifierMinimums(pattern: string): number[] {
  return [...pattern.matchAll(/\{(\d+)/g)].map((m) => Number(m[1]));
}

/** Does the pattern have a `{m}`, `{m,}` or `{m,n}` quantifier? */
export function hasLengthQuantifier(pattern: string): boolean {
  return /\{\d+(,\d*)?\}/.test(pattern);
}
