// Azurite's blob service as a child of one test process, which it never outlives: it exits as soon as its
// stdin closes, which happens however the parent ends (a finished mocha worker, a killed run). Azurite is
// reused across the test files of a worker (test/emulator/azurite.ts), so this guard is what keeps an
// interrupted run from leaving emulators behind.
// Usage: node azurite-process.js <Azurite's blob main.js> <Azurite's arguments…>

import { createRequire } from 'node:module';

const [main, ...args] = process.argv.slice(2);
if (!main) {
  process.stderr.write('usage: azurite-process <azurite blob main.js> [arguments]\n');
  process.exit(2);
}
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
// Azurite reads its options from process.argv, as if it had been started directly.
process.argv = [process.argv[0], main, ...args];
createRequire(import.meta.url)(main);
