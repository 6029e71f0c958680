#!/usr/bin/env node
// offerkit's command line. Commands are declared here by their light definition modules; the code that
// does the work is imported only when a command runs, so `offerkit --help` stays fast.
// yargs is loaded through its CommonJS build: one pre-bundled file, much faster to start than its ESM graph.

import { createRequire } from 'node:module';
import type { Argv, CommandModule } from 'yargs';
import * as build from './commands/build.js';
import * as init from './commands/init.js';
import * as inspect from './commands/inspect.js';
import { OFFERKIT_VERSION } from '../version.js';

const require = createRequire(import.meta.url);
const yargs = require('yargs/yargs') as (args: string[]) => Argv;

const commands = [init, build, inspect] as unknown as CommandModule[];

let cli = yargs(process.argv.slice(2))
  .scriptName('offerkit')
  .usage('$0 <command> [options]\n\nBuild, validate, preview and publish Azure Managed Application offers.')
  .version(OFFERKIT_VERSION)
  .strict()
  .demandCommand(1, 'Name a command (see the list above).')
  .recommendCommands()
  .wrap(Math.min(110, process.stdout.columns || 100))
  .epilogue('Exit codes: 0 ok, 1 findings or failure, 2 usage or internal error.')
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`offerkit: ${message}\nRun \`offerkit --help\` for usage.\n`);
    process.exit(2);
  });
for (const c of commands) cli = cli.command(c);
await cli.help().alias('h', 'help').parseAsync();
