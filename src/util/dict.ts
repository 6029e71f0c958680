// Names a stranger chose (template parameters, resource types, output names, policy parameters) as keys: a
// map with no prototype, so `__proto__`, `constructor` or `toString` are names like any other — set as an own
// key, never the object's prototype, and never found on Object.prototype when looked up.

/** An empty map from names to values, without a prototype (JSON.stringify and Object.entries treat it as any object). */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (entries) for (const [k, v] of entries) out[k] = v;
  return out;
}
