// What the recipe tests share: a repository of offers as a user keeps it (the example offer, optionally one
// with a mistake), the az stand-in on PATH, and a runner's base environment without any Azure secret.

import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMPLE_OFFER, ROOT, tempDir } from '../helpers/cli.js';

/** Line of the mistake in offers/broken/offer.yaml (an unknown key). */
export const BROKEN_LINE = 17;

/**
 * A repository of offers, as git: `main` holds the example offer; the checked-out branch `pr` adds what the
 * options ask for (a broken offer, a new column with every plan at 1.3.0) as a pull request would.
 */
export async function offersRepo(options: { broken?: boolean; newColumn?: boolean } = {}): Promise<string> {
  const repo = join(await tempDir('offerkit-repo-'), 'repo');
  await cp(EXAMPLE_OFFER, join(repo, 'offers', 'contoso-mail-insights'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'offers');
  git('checkout', '-q', '-b', 'pr');
  if (options.newColumn) {
    const file = join(repo, 'offers', 'contoso-mail-insights', 'offer.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('      - hasAttachments\n', '      - hasAttachments\n      - subject\n').replace(/version: 1\.2\.0/g, 'version: 1.3.0'));
  }
  if (options.broken) {
    const dir = join(repo, 'offers', 'broken');
    await cp(EXAMPLE_OFFER, dir, { recursive: true });
    const lines = (await readFile(join(dir, 'offer.yaml'), 'utf8')).split('\n');
    lines.splice(BROKEN_LINE - 1, 0, 'colour: blue');
    await writeFile(join(dir, 'offer.yaml'), lines.join('\n'));
  }
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'the pull request');
  return repo;
}

/** A folder holding `az`: the stand-in for the Azure CLI. */
export async function azStandIn(): Promise<string> {
  const bin = join(await tempDir('offerkit-az-'), 'bin');
  await mkdir(bin, { recursive: true });
  const script = join(bin, 'az');
  await writeFile(script, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'build', 'test', 'ci', 'azure-cli-stand-in.js')}" "$@"\n`);
  await chmod(script, 0o755);
  return bin;
}

/** The environment a hosted runner starts a job with: PATH (with `az`), HOME, no AZURE_* or OFFERKIT_* variables. */
export function runnerEnv(bin: string, home: string, extra: Record<string, string> = {}): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(AZURE_|IDENTITY_|MSI_|OFFERKIT_|GITHUB_|RUNNER_|TF_BUILD|AGENT_|BUILD_|SYSTEM_|ACTIONS_)/.test(k))) as Record<string, string>;
  return { ...kept, PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: home, AZURE_CONFIG_DIR: join(home, '.azure'), NO_COLOR: '1', ...extra };
}
