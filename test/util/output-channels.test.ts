// Text from offers and packages reaches terminals, CI logs and report files: in every channel it can neither
// steer a terminal (escape sequences), nor start a runner's logging command on a line of its own
// (`::add-mask::`, `::error`, `##vso[task.setvariable]`), nor make a report invalid (XML 1.0's forbidden characters).

import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics.js';
import { formatGithub } from '../../src/format/github.js';
import { formatJunit } from '../../src/format/junit.js';
import { formatStylish } from '../../src/format/stylish.js';
import { inertJson, inertText, oneLine } from '../../src/format/terminal-safe.js';
import { formatJson } from '../../src/format/json.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { makeZip, MINIMAL_PACKAGE } from '../helpers/make-zip.js';
import { writeFile } from 'node:fs/promises';
import { clipped, terminalSafe } from '../../src/format/terminal-safe.js';

const HOSTILE = ['x\n::add-mask::s3cret', 'y\r\n##vso[task.setvariable variable=A]1', 'z\u001b]8;;https://evil.example\u0007link', 'w\u009b2J', 'v\u202Egnp.exe', 'u\uFFFF\uD800'];

/** A line a runner would obey: GitHub's `::cmd` at a line's start, Azure Pipelines' `##vso[` anywhere. */
const obeyed = (text: string) => text.split(/\r?\n|\r/).some((l) => /^\s*::[a-z-]+/i.test(l) || /##(vso)?\[/i.test(l));
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const steering = (text: string) => /[\u001b\u0080-\u009f\u202a-\u202e\u2066-\u2069]/.test(text);

describe('output channels: one sanitiser', () => {
  it('oneLine keeps a name on one line and inert', () => {
    for (const h of HOSTILE) {
      const s = oneLine(h);
      assert.ok(!/[\r\n]/.test(s), JSON.stringify(s));
      assert.ok(!obeyed(s) && !steering(s), JSON.stringify(s));
    }
  });

  it('inertText breaks a logging command that starts a line', () => {
    assert.equal(obeyed(inertText('fine\n::error file=a::boom')), false);
    assert.equal(obeyed(inertText('::warning::x')), false);
  });

  const diagnostics: Diagnostic[] = HOSTILE.map((h, i) => ({ code: 'c', severity: 'error', message: `message ${h}`, file: `dir/${h}.json`, line: i + 1, column: 1, hint: `hint ${h}` }));

  it('stylish: no file or message starts a command or steers the terminal', () => {
    const text = formatStylish(diagnostics, { color: false });
    assert.ok(!obeyed(text), text);
    assert.ok(!steering(text), text);
  });

  it('JSON: the same data, nothing a terminal or runner acts on', () => {
    const text = formatJson(diagnostics, { extra: HOSTILE });
    assert.ok(!obeyed(text), text);
    assert.ok(!steering(text), text);
    const back = JSON.parse(text) as { extra: string[]; diagnostics: Diagnostic[] };
    assert.deepEqual(back.extra, HOSTILE, 'every string reads back as it was');
    assert.deepEqual(back.diagnostics.map((d) => d.message).sort(), diagnostics.map((d) => d.message).sort());
    assert.equal(inertJson(JSON.stringify('plain')), '"plain"');
  });

  it('GitHub annotations: every command is one line, data escaped', () => {
    const text = formatGithub(diagnostics);
    const lines = text.trim().split('\n').filter((l) => l.startsWith('::'));
    assert.equal(lines.length, diagnostics.length, 'one command line per finding, none injected');
    for (const l of lines) assert.match(l, /^::error file=dir\//);
    assert.ok(!steering(text));
  });

  it('JUnit: characters XML 1.0 forbids never reach the file', () => {
    const text = formatJunit(diagnostics, diagnostics.map((d) => d.file!));
    // XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, and paired surrogates.
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    assert.ok(!bad.test(text), 'well-formed XML characters only');
    assert.ok(text.includes('\uFFFD'), 'a forbidden character is shown as the replacement character');
  });

  it('offerkit inspect prints hostile entry names inert', async () => {
    const dir = await tempDir();
    const zip = join(dir, 'app.zip');
    await writeFile(zip, makeZip([...MINIMAL_PACKAGE, ...HOSTILE.slice(0, 4).map((h) => ({ name: `n${h}.json`, data: '{}' }))]));
    const r = await runCli(['inspect', zip]);
    const all = r.stdout + r.stderr;
    assert.ok(!obeyed(all), all);
    assert.ok(!steering(all), all);
    assert.match(r.stdout, / {2}nx\\u\{a\}::add-mask::s3cret\.json\n/, 'the name is shown on its own line, its line break escaped');
  });

  it('the last pass (terminalSafe): text inert, JSON the same data, colours only offerkit\'s own, CI commands kept', () => {
    for (const h of HOSTILE) {
      const text = terminalSafe(`line\n${h}\n`);
      assert.ok(!obeyed(text) && !steering(text), JSON.stringify(text));
      const json = terminalSafe(JSON.stringify({ h }, null, 2), { channel: 'json' });
      assert.ok(!obeyed(json) && !steering(json), json);
      assert.deepEqual(JSON.parse(json), { h }, 'JSON reads back the same string');
    }
    assert.equal(terminalSafe('\u001b[31mred\u001b[0m', { color: true }), '\u001b[31mred\u001b[0m', 'offerkit\'s colour codes pass when colour is on');
    assert.equal(terminalSafe('\u001b[31mred', { color: false }), '\\u001B[31mred', 'not when it is off');
    assert.equal(terminalSafe('\u001b[8mhidden', { color: true }), '\\u001B[8mhidden', 'never a code that hides text');
    assert.equal(terminalSafe('\u001b]8;;http://x\u0007', { color: true }), '\\u001B]8;;http://x\\u0007', 'never a link or other sequence');
    assert.equal(terminalSafe('\r  50%', { carriageReturn: true }), '\r  50%', 'a progress bar keeps its carriage return');
    assert.equal(terminalSafe('a\rb'), 'a\\u000Db');
    assert.equal(terminalSafe('::error file=a::x\n', { channel: 'ci' }), '::error file=a::x\n', 'offerkit\'s own CI commands pass');
    assert.equal(terminalSafe('##vso[task.logissue]\u001b', { channel: 'ci' }), '##vso[task.logissue]\\u001B', 'controls never do');
  });

  it('clipped: a long value keeps its start and says its length, never cutting a surrogate pair', () => {
    assert.equal(clipped('short'), 'short');
    assert.equal(clipped('x'.repeat(100_000)), `${'x'.repeat(79)}… (100000 characters)`);
    const emoji = `${'x'.repeat(78)}\u{1F600}tail`;
    assert.equal(clipped(emoji), `${'x'.repeat(78)}… (${emoji.length} characters)`);
  });
});
