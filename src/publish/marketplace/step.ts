// A step of publishing to Partner Center: its failure names the step (and the plan) and says what went wrong
// in Partner Center's words, with what to do about the usual refusals.

import { describePartnerCenterError } from '../../azure/partner-center.js';
import { runStep } from '../steps.js';
import { PackageProcessingError } from './uploads.js';

export const describeFailure = (e: unknown): string => (e instanceof PackageProcessingError ? e.message : describePartnerCenterError(e).message);
const hintFor = (e: unknown) => describePartnerCenterError(e).hint;

export function step<T>(name: string, plan: string | undefined, fn: () => Promise<T>): Promise<T> {
  return runStep(name, plan, describeFailure, fn, hintFor);
}
