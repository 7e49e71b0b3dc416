/**
 * Share links: a scenario file travels in the URL fragment as
 * `#<version>.<base64url(deflate-raw(UTF-8 text))>`. The text is the scenario
 * file itself, so a link, a download and `npm run sim` all read the same
 * thing.
 *
 * - Version 1: plain raw deflate.
 * - Version 2 (written today): raw deflate with the preset dictionary of
 *   dictionary-v2.ts, which holds the gallery and the words of Kubernetes,
 *   kubectl and scenarios, so a gallery lesson or a typical session takes
 *   tens to a few hundred characters instead of a thousand or more.
 *
 * Every link a playground ever wrote keeps decoding to the same text. A
 * version's dictionary is frozen: a new dictionary is a new version number.
 *
 * Decoding never trusts the link: sizes are capped before and during
 * inflation, the data must be one complete, valid stream (inflate.ts reads
 * exactly what zlib reads) and nothing more, and every failure is a LinkError
 * with a message for people.
 */
import { deflateSync } from 'fflate';
import { DICTIONARY_V2 } from './dictionary-v2';
import { inflateStrict } from './inflate';

/** The versions this playground reads: each with the preset dictionary its deflate data refers to (none for 1). */
const VERSIONS = { 1: undefined, 2: DICTIONARY_V2 } as const satisfies Record<number, Uint8Array | undefined>;
export type LinkVersion = keyof typeof VERSIONS;
/** The version links are written in. */
export const LINK_VERSION: LinkVersion = 2;
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

/** A character for a message: itself when it can be seen, else its code point (never half a surrogate pair). */
function shown(text: string, i: number): string {
  const cp = text.codePointAt(i) as number;
  const ch = String.fromCodePoint(cp);
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]+$/u.test(ch) ? `"${ch}"` : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function fromBase64Url(text: string): Uint8Array {
  for (let i = 0; i < text.length; i++) {
    if (!B64_INDEX.has(text[i] as string)) throw new LinkError(`The link contains ${shown(text, i)}, which is not part of a playground link.`);
  }
  if (text.length % 4 === 1) throw new LinkError('The link is cut short: its data does not end where it should.');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let n = 0;
  let k = 0;
  for (let i = 0; i < text.length; i += 4) {
    n = 0;
    for (k = 0; k < 4 && i + k < text.length; k++) n |= (B64_INDEX.get(text[i + k] as string) as number) << (18 - 6 * k);
    out[o++] = (n >> 16) & 255;
    if (k > 2) out[o++] = (n >> 8) & 255;
    if (k > 3) out[o++] = n & 255;
  }
  // The bits after the last whole byte are zero in every link the playground writes: one text, one link.
  if ((k === 2 && (n & 0xffff) !== 0) || (k === 3 && (n & 0xff) !== 0)) throw new LinkError('The link is damaged: its last character is not one a playground writes.');
  return out.subarray(0, o);
}

/** The fragment (without `#`) for a scenario text, in the current link version unless another is asked for. */
export function encodeScenario(text: string, version: LinkVersion = LINK_VERSION): string {
  const bytes = new TextEncoder().encode(text);
  const dictionary = VERSIONS[version];
  return `${version}.${toBase64Url(deflateSync(bytes, dictionary ? { level: 9, dictionary } : { level: 9 }))}`;
}

/**
 * The scenario bytes of a link's data: exactly one complete raw-deflate stream
 * (read against the version's dictionary) and nothing after it, unpacked under
 * a hard cap so a small link cannot expand into gigabytes. Throws LinkError.
 */
function unpack(data: Uint8Array, dictionary: Uint8Array | undefined): Uint8Array {
  const r = inflateStrict(data, dictionary, MAX_SCENARIO_BYTES);
  if (!r.ok) {
    if (r.why === 'too-large') throw new LinkError(`The scenario in this link is larger than ${Math.round(MAX_SCENARIO_BYTES / 1024)} KB once unpacked; the playground does not open it.`);
    if (r.why === 'truncated') throw new LinkError('The link is cut short: its data ends too early.');
    throw new LinkError('The link is damaged: its data does not unpack.');
  }
  if (r.used !== data.length) throw new LinkError('The link is damaged: it has extra data after the scenario.');
  return r.bytes;
}

/** 100000 → "100,000" (the same in every locale). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** The scenario text in a fragment (with or without `#`). Throws LinkError. */
export function decodeScenario(fragment: string): string {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (f.length > MAX_LINK_CHARS) throw new LinkError(`The link is longer than ${thousands(MAX_LINK_CHARS)} characters; the playground does not open it.`);
  const dot = f.indexOf('.');
  const version = dot > 0 ? f.slice(0, dot) : '';
  if (!/^[0-9]+$/.test(version)) throw new LinkError('This is not a playground link: it has no version.');
  if (version.length > 1 && version.startsWith('0')) throw new LinkError(`This is not a playground link: its version "${version.slice(0, 12)}${version.length > 12 ? '…' : ''}" starts with a zero.`);
  if (version === '0') throw new LinkError('This is not a playground link: link versions start at 1.');
  if (version.length > 6) throw new LinkError('This is not a playground link: its version number is too large.');
  if (!Object.hasOwn(VERSIONS, version)) {
    throw new LinkError(`This link was made by a newer playground (link version ${version}); this one reads link versions up to ${LINK_VERSION}.`);
  }
  const bytes = unpack(fromBase64Url(f.slice(dot + 1)), VERSIONS[Number(version) as LinkVersion]);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new LinkError('The link is damaged: its scenario is not text.');
  }
}
