// The JSON the CLI prints, as the tests read it: each shape names only the fields a test looks at, so a test
// that reads a field the output lacks fails to compile instead of comparing with undefined.

import type { Diagnostic } from '../../src/diagnostics.js';

/** JSON read from a command's output or a file, with the shape the caller expects. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export interface WithDiagnostics {
  diagnostics: Diagnostic[];
}

export interface BuildJson extends WithDiagnostics {
  offers: { offer: string; written: boolean; plans: { plan: string; size: number; sha256: string }[] }[];
}

export interface PublishJson extends WithDiagnostics {
  resourceGroup: { action: string };
  plans: { plan: string; action: string; package: { uploaded: boolean }; changes?: { field: string; from: unknown; to: unknown }[] }[];
  removedBlobs?: string[];
}

export interface MarketplaceStatusJson extends WithDiagnostics {
  plans: { plan: string; draft: string; preview: string; live?: string }[];
  current: { id: string; state: string; substate: string; stage: string; pendingUpdate?: { type?: string; status?: string; failureReason?: string }; workflow: { type: string; targetEnvironment?: string; steps: { state: string }[] }[] };
  submissions: { id: string; target?: string; state?: string; substate?: string }[];
}
