// One way to compare versions, everywhere: Semantic Versioning 2.0 precedence (major.minor.patch, then a
// pre-release below its release, identifiers compared numerically or in ASCII order, build metadata ignored),
// which is how Partner Center and ARM order a plan's versions. Text that is not a version compares by the
// leading digits of its parts, so nothing turns into NaN.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: (string | number)[];
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | undefined {
  const m = SEMVER.exec(text.trim());
  if (!m) return undefined;
  const pre = m[4] ? m[4].split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)) : [];
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre };
}

/** A version read leniently: `1.2` is 1.2.0, `1.0.1rc` is 1.0.1 (leading digits of each part). */
function lenient(text: string): Version {
  const strict = parseVersion(text);
  if (strict) return strict;
  const [core = '', ...rest] = text.trim().replace(/^v/, '').split('-');
  const n = core.split('.').map((x) => Number(/^\d+/.exec(x)?.[0] ?? 0));
  return { major: n[0] ?? 0, minor: n[1] ?? 0, patch: n[2] ?? 0, pre: rest.length ? rest.join('-').split('.') : [] };
}

function comparePre(a: (string | number)[], b: (string | number)[]): number {
  if (!a.length || !b.length) return a.length ? -1 : b.length ? 1 : 0; // a release ranks above its pre-releases
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Negative when a < b, 0 when they rank the same, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const x = lenient(a);
  const y = lenient(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch || comparePre(x.pre, y.pre);
}

export const versionAbove = (a: string, b: string): boolean => compareVersions(a, b) > 0;

/** Does `after` raise the major or minor version of `before`? */
export function minorRaised(before: string, after: string): boolean {
  const x = lenient(before);
  const y = lenient(after);
  return y.major > x.major || (y.major === x.major && y.minor > x.minor);
}
