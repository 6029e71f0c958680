// ARM's uniqueString(): the arguments joined with "-", hashed with the 64-bit MurmurHash variant Azure Resource
// Manager uses (two 32-bit lanes mixed as MurmurHash3 x86 does, its constants, seed 0), and the hash written as
// 13 characters of lower-case base32 (RFC 4648 alphabet, 5 bits at a time from the top). Written from the
// algorithm as Microsoft reproduces it in Azure/terraform-provider-azapi
// (internal/services/functions/unique_string_function.go, "an Azure equivalent uniqueString value"), whose test
// vector and the widely reproduced ones are checked in test/arm/unique-string.test.ts. A name a template builds
// with uniqueString(resourceGroup().id) can so be computed before ARM computes it.

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const F1 = 0x85ebca6b;
const F2 = 0xc2b2ae35;

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const mul = (a: number, b: number): number => Math.imul(a, b) >>> 0;
const fmix = (h: number): number => {
  h = (h ^ (h >>> 16)) >>> 0;
  h = mul(h, F1);
  h = (h ^ (h >>> 13)) >>> 0;
  h = mul(h, F2);
  return (h ^ (h >>> 16)) >>> 0;
};

/** Little-endian 32-bit word of up to 4 bytes from `offset`. */
function word(bytes: Uint8Array, offset: number, count: number): number {
  let v = 0;
  for (let j = 0; j < count; j++) v |= bytes[offset + j] << (8 * j);
  return v >>> 0;
}

/** The 64-bit hash, as [high, low] 32-bit halves. */
export function armHash64(bytes: Uint8Array): [number, number] {
  const n = bytes.length;
  let h1 = 0;
  let h2 = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const k1 = mul(rotl(mul(word(bytes, i, 4), C1), 15), C2);
    h1 = (h1 ^ k1) >>> 0;
    h1 = (mul(((rotl(h1, 19) + h2) >>> 0), 5) + 0x561ccd1b) >>> 0;
    const k2 = mul(rotl(mul(word(bytes, i + 4, 4), C2), 17), C1);
    h2 = (h2 ^ k2) >>> 0;
    h2 = (mul(((rotl(h2, 13) + h1) >>> 0), 5) + 0x0bcaa747) >>> 0;
  }
  const tail = n - i;
  if (tail > 0) {
    h1 = (h1 ^ mul(rotl(mul(word(bytes, i, Math.min(tail, 4)), C1), 15), C2)) >>> 0;
    if (tail > 4) h2 = (h2 ^ mul(rotl(mul(word(bytes, i + 4, tail - 4), C2), 17), C1)) >>> 0;
  }
  h1 = (h1 ^ n) >>> 0;
  h2 = (h2 ^ n) >>> 0;
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  return [h2, h1];
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** ARM's uniqueString(a, b, …). */
export function uniqueString(...parts: string[]): string {
  const [high, low] = armHash64(new TextEncoder().encode(parts.join('-')));
  let h = (BigInt(high) << 32n) | BigInt(low);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += ALPHABET[Number((h >> 59n) & 31n)];
    h = (h << 5n) & 0xffffffffffffffffn;
  }
  return out;
}
