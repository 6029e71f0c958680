// offerkit's command-line shell, run by main.cts. Commands are declared by their light definition modules;
// the code that does the work (ES modules) is imported only when a command runs (through load-handler.cts),
// so `offerkit --help` stays fast. The shell is CommonJS on purpose: start-up never initialises the ES module
// loader, and the build bundles it with yargs into one file that V8's code cache covers.

import type { Argv, CommandModule } from 'yargs';
import build = require('./commands/build.cjs');
import init = require('./commands/init.cjs');
import inspect = require('./commands/inspect.cjs');
import validate = require('./commands/validate.cjs');
import publish = require('./commands/publish.cjs');
import definitions = require('./commands/definitions.cjs');
import cache = require('./commands/cache.cjs');
import preview = require('./commands/preview.cjs');
import marketplace = require('./commands/marketplace.cjs');
import changes = require('./commands/changes.cjs');
import deploy = require('./commands/deploy.cjs');

const yargs = require('yargs/yargs') as (args: string[]) => Argv;

// A reader that goes away (`offerkit validate … | head`) ends the command quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
}
const { version } = require('../../../package.json') as { version: string };

/**
 * A usage error of the shell, on stderr: it may quote the command line (an unknown option, a value given), so
 * it goes through the one sanitiser and is clipped. The sanitiser is an ES module that reads only diagnostics.ts;
 * the build bundles it into the shell, and it is required only here, when a command line is refused.
 */
function refuseCommandLine(message: string): never {
  const { clipped, terminalSafe } = require('../format/terminal-safe.js') as typeof import('../format/terminal-safe.js');
  process.stderr.write(`offerkit: ${terminalSafe(clipped(message, 400))}\nRun \`offerkit --help\` for usage.\n`);
  process.exit(2);
}

const commands = [init, build, validate, inspect, preview, changes, publish, deploy, marketplace, definitions, cache] as unknown as CommandModule[];

// An option given twice is a mistake yargs would silently resolve (two numbers are even added together):
// only the list options may repeat.
const REPEATABLE = new Set(['plan']);
const seen = new Map<string, number>();
for (const a of process.argv.slice(2)) {
  if (a === '--') break;
  const m = /^--(?:no-)?([a-z][a-z0-9-]*)(=|$)/.exec(a);
  if (m && !REPEATABLE.has(m[1])) seen.set(m[1], (seen.get(m[1]) ?? 0) + 1);
}
const twice = [...seen].find(([, n]) => n > 1);
if (twice) refuseCommandLine(`--${twice[0]} is given ${twice[1]} times; give it once.`);

// `--sarif -` names standard output: yargs would read a lone `-` as a positional and leave the option empty,
// so an option followed by `-` is handed over as `--sarif=-`.
const given = process.argv.slice(2).reduce<string[]>((acc, a, i, all) => {
  if (a === '-' && i > 0 && /^--[a-z][a-z0-9-]*$/.test(all[i - 1]) && !all.slice(0, i).includes('--')) acc[acc.length - 1] = `${all[i - 1]}=-`;
  else acc.push(a);
  return acc;
}, []);

let cli = yargs(given)
  .scriptName('offerkit')
  .usage('$0 <command> [options]\n\nBuild, validate, preview and publish Azure Managed Application offers.')
  .version(version)
  .strict()
  .demandCommand(1, 'Name a command (see the list above).')
  .recommendCommands()
  .wrap(Math.min(110, process.stdout.columns || 100))
  .epilogue('Exit codes: 0 ok, 1 findings or failure, 2 usage or internal error.')
  .fail((message, error) => {
    if (error) throw error;
    refuseCommandLine(message);
  });
// An option that takes a value but was given none (`build --out` at the end, `validate --format --json`) is a
// usage error naming it: yargs would quietly use an empty text or the default instead.
const raw = given;
const end = raw.includes('--') ? raw.indexOf('--') : raw.length;
cli = cli.middleware((argv) => {
  for (let i = 0; i < end; i++) {
    const m = /^--([a-z][a-z0-9-]*)$/.exec(raw[i]);
    if (!m || m[1].startsWith('no-')) continue;
    const next = raw[i + 1];
    if (i + 1 < end && next !== undefined && !next.startsWith('-')) continue;
    const key = m[1].replace(/-([a-z])/g, (_x, c: string) => c.toUpperCase());
    const v = (argv as Record<string, unknown>)[key];
    if (typeof v === 'boolean' || (Array.isArray(v) && v.length)) continue;
    if (v === '' || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || (Array.isArray(v) && !v.length) || typeof v === 'string') refuseCommandLine(`--${m[1]} needs a value.`);
  }
}, true);
for (const c of commands) cli = cli.command(c);
void cli.help().alias('h', 'help').parseAsync();
