// Files under a folder matching CI path patterns (`dist/**/app.zip`, `offerkit-*.xml`), as the upload and
// test-result tasks resolve them: relative to a root, * within one folder level, ** across levels.

import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function globToRegExp(pattern: string): RegExp {
  const re = pattern
    .replace(/^\.\//, '')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '\u0001')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    .replace(/\u0001/g, '(?:.*/)?')
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${re}$`);
}

export function globFiles(root: string, patterns: string[]): string[] {
  const all: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) all.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  const res = patterns.map(globToRegExp);
  return all.filter((f) => res.some((r) => r.test(f))).sort();
}
