// A rendered plan as the bytes of its app.zip (deterministic) and their sha256.

import { createHash } from 'node:crypto';
import type { RenderedPlan } from '../render/render-plan.js';
import { writeDeterministicZip } from './zip-write.js';

export interface PackagedPlan {
  rendered: RenderedPlan;
  zip: Buffer;
  sha256: string;
}

/** The deterministic app.zip of a rendered plan and its sha256. */
export async function packagePlan(rendered: RenderedPlan): Promise<PackagedPlan> {
  const zip = await writeDeterministicZip(rendered.files);
  return { rendered, zip, sha256: createHash('sha256').update(zip).digest('hex') };
}
