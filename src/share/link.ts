/**
 * Share links: a scenario file travels in the URL fragment as
 * `#<version>.<base64url(deflate-raw(UTF-8 text))>`. The text is the scenario
 * file itself, so a link, a download and `npm run sim` all read the same
 * thing. Version 1 is plain raw deflate; a later version may add a preset
 * dictionary, and version 1 links must keep decoding.
 *
 * Decoding never trusts the link: sizes are capped before and during
 * inflation, and every failure is a LinkError with a message for people.
 */
import { deflateSync, Inflate } from 'fflate';

export const LINK_VERSION = 1;
/** Longest fragment accepted (characters). */
export const MAX_LINK_CHARS = 100_000;
/** Largest scenario text a link may inflate to (bytes). */
export const MAX_SCENARIO_BYTES = 512 * 1024;

export class LinkError extends Error {}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    if (b !== undefined) out += B64[(n >> 6) & 63]!;
    if (c !== undefined) out += B64[n & 63]!;
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new LinkError('The link is cut short: its data does not end where it should.');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    let k = 0;
    for (; k < 4 && i + k < text.length; k++) {
      const v = B64_INDEX.get(text[i + k] as string);
      if (v === undefined) throw new LinkError(`The link contains "${text[i + k]}", which is not part of a playground link.`);
      n |= v << (18 - 6 * k);
    }
    out[o++] = (n >> 16) & 255;
    if (k > 2) out[o++] = (n >> 8) & 255;
    if (k > 3) out[o++] = n & 255;
  }
  return out.subarray(0, o);
}

/** The fragment (without `#`) for a scenario text. */
export function encodeScenario(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return `${LINK_VERSION}.${toBase64Url(deflateSync(bytes, { level: 9 }))}`;
}

/** Inflates with a hard cap, so a small link cannot expand into gigabytes. */
function inflateCapped(data: Uint8Array, cap: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > cap) throw new LinkError(`The scenario in this link is larger than ${Math.round(cap / 1024)} KB once unpacked; the playground does not open it.`);
    parts.push(chunk);
    if (final) ended = true;
  });
  try {
    // Feed in small pieces so the cap is checked as the output grows.
    for (let i = 0; i < data.length; i += 1024) inflater.push(data.subarray(i, i + 1024), i + 1024 >= data.length);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('The link is damaged: its data does not unpack.');
  }
  if (!ended) throw new LinkError('The link is cut short: its data ends too early.');
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The scenario text in a fragment (with or without `#`). Throws LinkError. */
export function decodeScenario(fragment: string): string {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (f.length > MAX_LINK_CHARS) throw new LinkError(`The link is longer than ${MAX_LINK_CHARS.toLocaleString('en')} characters; the playground does not open it.`);
  const dot = f.indexOf('.');
  const version = dot > 0 ? f.slice(0, dot) : '';
  if (!/^\d+$/.test(version)) throw new LinkError('This is not a playground link: it has no version.');
  if (Number(version) !== 1) throw new LinkError(`This link was made by a newer playground (link version ${version}); this one reads version ${LINK_VERSION}.`);
  const bytes = inflateCapped(fromBase64Url(f.slice(dot + 1)), MAX_SCENARIO_BYTES);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LinkError('The link is damaged: its scenario is not text.');
  }
}
