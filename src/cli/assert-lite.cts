// What yargs uses of node:assert (two invariant checks), for the bundled command-line shell: loading node:assert
// itself brings its error class, colour detection and the stderr stream, about a tenth of `offerkit --help`.
// scripts/bundle-cli.ts points yargs's require('assert') here.

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw Object.assign(new Error(message ?? fallback), { code: 'ERR_ASSERTION' });
}

export function strictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!Object.is(actual, expected)) fail(message, `Expected values to be strictly equal: ${String(actual)} !== ${String(expected)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${String(expected)}`);
}
