// The Azure SDK is loaded lazily. Bundled (scripts/bundle-cli.ts), a CommonJS package loaded with import()
// arrives as its default export only; unbundled, Node gives its named exports too. This hands back the
// named exports either way.

export async function load<T extends object>(module: Promise<T>): Promise<T> {
  const m = (await module) as T & { default?: unknown };
  const keys = Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule');
  if (!keys.length && m.default && typeof m.default === 'object') return m.default as T;
  return m;
}
