// "Did you mean …?" suggestions: the closest known name by edit distance, case-insensitive.

export function editDistance(a: string, b: string): number {
  return editDistanceWithin(a, b, Math.max(a.length, b.length));
}

/** Two rows of the distance table, grown as needed and reused (suggestions are asked for in bulk). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * The edit distance of `a` and `b` when it is at most `max`, else `max + 1`: a row whose every cell is past
 * `max` ends the computation, and so does a length difference past it.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[b.length], max + 1);
}

/** The closest candidate, if it is close enough to be a plausible typo (or differs only in case). */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.ceil(name.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    // Only a score within the limit, and below the best so far, can change the answer: the distance is not
    // computed past that.
    const bound = Math.min(limit, Math.ceil(bestScore) - 1);
    const d = editDistanceWithin(lower, cl, bound);
    let score = d > bound ? Infinity : d;
    // A candidate that contains the name (or the reverse) is a good guess even if long.
    if (cl.includes(lower) || lower.includes(cl)) score = Math.min(score, Math.abs(cl.length - lower.length) / 2 + 1);
    if (score < bestScore && score <= limit) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
  const n = nearest(name, candidates);
  return n ? ` Did you mean "${n}"?` : '';
}
