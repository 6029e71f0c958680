// What the recipe tests share: a repository of offers as a user keeps it (the example offer, optionally one
// with a mistake), the az stand-in on PATH, and a runner's base environment without any Azure secret.

import { chmod, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMPLE_OFFER, ROOT, tempDir } from '../helpers/cli.js';

/** Line of the mistake in offers/broken/offer.yaml (an unknown key). */
export const BROKEN_LINE = 17;

export async function offersRepo(options: { broken?: boolean } = {}): Promise<string> {
  const repo = join(await tempDir('offerkit-repo-'), 'repo');
  await cp(EXAMPLE_OFFER, join(repo, 'offers', 'contoso-mail-insights'), { recursive: true });
  if (options.broken) {
    const dir = join(repo, 'offers', 'broken');
    await cp(EXAMPLE_OFFER, dir, { recursive: true });
    const lines = (await readFile(join(dir, 'offer.yaml'), 'utf8')).split('\n');
    lines.splice(BROKEN_LINE - 1, 0, 'colour: blue');
    await writeFile(join(dir, 'offer.yaml'), lines.join('\n'));
  }
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
