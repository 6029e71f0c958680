// A memory-heavy check run in a Node process of its own. A mocha worker runs many test files one after another
// and V8 keeps the memory of its largest moment: a test that builds a 50 MB document in a worker would hold the
// worker at most of a gigabyte for the rest of the run. In a child, the memory goes when the check ends.

import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * Runs `body` (the text of an async function body, ES module syntax inside) in a new Node process, with
 * `imports` (name → path of a built module) in scope as namespaces, and resolves with the JSON it returns.
 */
export function inChild<T>(imports: Record<string, string>, body: string): Promise<T> {
  const head = Object.entries(imports)
    .map(([name, path]) => `import * as ${name} from ${JSON.stringify(pathToFileURL(path).href)};`)
    .join('\n');
  const source = `${head}\nconst result = await (async () => {\n${body}\n})();\nprocess.stdout.write(JSON.stringify(result));\n`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the child process exited with ${code}:\n${err}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch {
        reject(new Error(`the child process printed no JSON:\n${out}\n${err}`));
      }
    });
  });
}
