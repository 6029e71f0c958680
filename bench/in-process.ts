// Runs the offerkit CLI inside this process and reports wall time and peak RSS on stderr as JSON,
// so the bench can read what one build of many offers costs.

import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const cli = process.argv[2];
const args = process.argv.slice(3);
process.argv = [process.argv[0], cli, ...args];
const t0 = process.hrtime.bigint();
process.on('exit', (code) => {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stderr.write(`\n${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, code })}\n`);
});
await import(pathToFileURL(resolve(cli)).href);
