/** A fixed hex string derived from `text` (FNV-1a), for identities that must not draw on the RNG. */
export function stableHex(text: string, n: number): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < n; round++) {
    for (const ch of `${round}:${text}`) h = Math.imul(h ^ (ch.codePointAt(0) as number), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}
