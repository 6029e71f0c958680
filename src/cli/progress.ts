// How publishing shows its progress on stderr: one line per step event, and a bar for uploads over 1 MB.

import type { Diagnostic } from '../diagnostics.js';
import { err } from './output.js';

export interface StepEvent {
  plan?: string;
  step: string;
  status: 'start' | 'done' | 'skipped' | 'planned';
  detail?: string;
}

const MARK: Record<StepEvent['status'], string> = { start: '…', done: '✓', skipped: '=', planned: '○' };

export function eventLine(e: StepEvent, stepWidth = 15): string {
  return `${MARK[e.status]} ${(e.plan ?? '').padEnd(12)} ${e.step.padEnd(stepWidth)} ${e.status}${e.detail ? `: ${e.detail}` : ''}\n`;
}

export function uploadBar(plan: string, loaded: number, total: number): void {
  if (total < 1024 * 1024) return;
  const width = 30;
  const filled = Math.round((loaded / total) * width);
  err(`\r  ${plan.padEnd(12)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.floor((loaded / total) * 100)}%${loaded >= total ? '\n' : ''}`, { progress: true });
}

/** A publish step that failed, as the diagnostic the user sees: where it stopped, and that a re-run resumes. */
export function stepFailure(e: { message: string; hint?: string | undefined }): Diagnostic {
  return {
    code: 'publish-failed',
    severity: 'error',
    message: e.message,
    hint: `${e.hint ? `${e.hint} ` : ''}Nothing is left half-done: run the same command again and it resumes where this one stopped.`,
  };
}
