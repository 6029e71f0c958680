// Text of a value read from untrusted JSON: strings as they are, numbers and booleans as written, nothing as
// the fallback, and objects as short JSON rather than "[object Object]".

const MAX_OBJECT_TEXT = 120;

export function textOf(value: unknown, fallback = ''): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return fallback;
    case 'object': {
      if (value === null) return fallback;
      let json: string;
      try {
        json = JSON.stringify(value);
      } catch {
        return fallback;
      }
      return json.length > MAX_OBJECT_TEXT ? `${json.slice(0, MAX_OBJECT_TEXT - 1)}…` : json;
    }
    default:
      return fallback;
  }
}
