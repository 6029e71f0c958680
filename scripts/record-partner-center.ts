// Makes a `--trace` file of offerkit's exchanges with Partner Center into a test: writes the redacted recording
// to test/recordings/partner-center/<name>.json, which the contract test replays against offerkit's client on
// every `npm test`.
//
//   npm run record:partner-center -- <trace.jsonl> <name> [--note "what was run"] [--source "…"] [--out <folder>] [--force]
//
// A relative trace path is read from where npm was run. An existing recording is not replaced without --force.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeOutputFile } from '../src/fs/output-folder.js';
import { readBounded } from '../src/fs/read-inside.js';
import { packagePath } from '../src/paths.js';
import { formatRecording, recordingFromTrace, RecordingError } from './partner-center-recording.js';

const USAGE = 'usage: npm run record:partner-center -- <trace.jsonl> <name> [--note "what was run"] [--source "…"] [--out <folder>] [--force]';
const DEFAULT_SOURCE = 'Partner Center (api.partner.microsoft.com), as recorded by offerkit --trace';
const MAX_TRACE = 256 * 1024 * 1024;

function fail(message: string, code: number): never {
  process.stderr.write(`record:partner-center: ${message}\n`);
  process.exit(code);
}

async function main(argv: string[]): Promise<void> {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') options.force = true;
    else if (a === '--note' || a === '--source' || a === '--out') {
      if (argv[i + 1] === undefined) fail(`${a} needs a value\n${USAGE}`, 2);
      options[a.slice(2)] = argv[++i];
    } else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`, 2);
    else positional.push(a);
  }
  const [trace, name] = positional;
  if (!trace || !name || positional.length > 2) fail(USAGE, 2);
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) fail(`the name ${JSON.stringify(name)} must be lower-case letters, digits and dashes (it becomes <name>.json)`, 2);
  const from = resolve(process.env.INIT_CWD ?? process.cwd(), trace);
  const folder = typeof options.out === 'string' ? resolve(process.env.INIT_CWD ?? process.cwd(), options.out) : packagePath('test', 'recordings', 'partner-center');
  const target = join(folder, `${name}.json`);
  if (existsSync(target) && !options.force) fail(`${target} exists; a recording is evidence — choose another name, or pass --force to replace it`, 2);
  const text = (await readBounded(from, MAX_TRACE, 'Trace')).toString('utf8');
  let recording;
  try {
    recording = recordingFromTrace(text, { source: typeof options.source === 'string' ? options.source : DEFAULT_SOURCE, ...(typeof options.note === 'string' ? { note: options.note } : {}) });
  } catch (e) {
    if (e instanceof RecordingError) fail(`${from}: ${e.message}`, 1);
    throw e;
  }
  await writeOutputFile(target, formatRecording(recording));
  process.stdout.write(`${target}: ${recording.exchanges.length} exchanges recorded, secrets removed. \`npm test\` now replays it (test/publish/marketplace-recordings.test.ts).\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e), 2));
