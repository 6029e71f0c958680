// A publish is a sequence of named steps; a failure names the step (and the plan) and says what went wrong
// without secrets, so the user knows where it stopped — and that running the same command again resumes.

export class PublishStepError extends Error {
  constructor(
    readonly step: string,
    readonly plan: string | undefined,
    override readonly cause: unknown,
    describe: (e: unknown) => string,
    readonly hint?: string,
  ) {
    super(`${plan ? `plan ${plan}: ` : ''}${step} failed: ${describe(cause)}`);
  }
}

/** Runs `fn` as the step `name`; any failure becomes a PublishStepError described by `describe`. */
export async function runStep<T>(name: string, plan: string | undefined, describe: (e: unknown) => string, fn: () => Promise<T>, hint?: (e: unknown) => string | undefined): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    // A step already named, or offerkit's own bug (an internal error that no re-run fixes), goes up as it is.
    if (e instanceof PublishStepError || (e instanceof Error && (e as { internal?: boolean }).internal === true)) throw e;
    throw new PublishStepError(name, plan, e, describe, hint?.(e));
  }
}
