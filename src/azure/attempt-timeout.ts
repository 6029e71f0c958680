// A time limit on each attempt of a request, as a pipeline policy placed after the retry policy. The SDK's own
// `timeout` aborts a request with an AbortError, which its retry policy never retries; this policy ends an
// attempt with a RestError of code ETIMEDOUT instead — an error the SDK's exponential retry strategy does retry —
// so a slow answer is retried by the pipeline like a dropped connection, up to the retry limit.

import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export async function attemptTimeoutPolicy(ms: number): Promise<PipelinePolicy> {
  const { RestError } = await import('./lazy-module.js').then((m) => m.load(import('@azure/core-rest-pipeline')));
  return {
    name: 'offerkitAttemptTimeout',
    async sendRequest(request, next) {
      const outer = request.abortSignal;
      const controller = new AbortController();
      const forward = () => controller.abort();
      if (outer?.aborted) controller.abort();
      outer?.addEventListener('abort', forward);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, ms);
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } catch (e) {
        if (timedOut && !outer?.aborted) throw new RestError(`no answer within ${ms / 1000} s`, { code: 'ETIMEDOUT', request });
        throw e;
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', forward);
        request.abortSignal = outer;
      }
    },
  };
}
