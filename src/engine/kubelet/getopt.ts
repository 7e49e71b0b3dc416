/**
 * Option parsing as busybox's getopt32 does it on glibc: GNU getopt_long,
 * which permutes (options may follow operands until `--`), bundles short
 * options (`-in`), takes an option's argument from the rest of the word or
 * the next word, and prints glibc's messages with the program's argv[0].
 */
// Behaviour of busybox libbb/getopt32.c over glibc posix/getopt.c (busybox 1.36.1, glibc 2.36).

export interface GetoptSpec {
  /** Short options without an argument. */
  flags: string;
  /** Short options that take an argument. */
  withArg: string;
  /** Long options (name → takes an optional argument); only their presence is reported. */
  long?: string[];
}

export interface GetoptResult {
  /** Each option in the order given, with its argument when it takes one. */
  opts: { name: string; arg?: string }[];
  operands: string[];
}

/** Thrown with glibc's message; the caller prints it and its usage text. */
export class GetoptError extends Error {}

/**
 * Parses `args`. `onOption`, when given, sees each option as it is parsed (busybox converts an
 * option's number at that point, so its error comes before any later option's).
 */
export function getopt(argv0: string, args: string[], spec: GetoptSpec, onOption?: (name: string, arg?: string) => void): GetoptResult {
  const opts: GetoptResult['opts'] = [];
  const push = (o: { name: string; arg?: string }) => {
    opts.push(o);
    onOption?.(o.name, o.arg);
  };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), undefined];
      const hits = (spec.long ?? []).filter((l) => l.startsWith(name));
      const exact = (spec.long ?? []).find((l) => l === name);
      const hit = exact ?? (hits.length === 1 ? hits[0] : undefined);
      if (!hit) throw new GetoptError(hits.length > 1 ? `${argv0}: option '${a}' is ambiguous` : `${argv0}: unrecognized option '${a}'`);
      push(value === undefined ? { name: hit } : { name: hit, arg: value });
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const ch = a[k] as string;
      if (spec.withArg.includes(ch)) {
        let arg = a.slice(k + 1);
        if (arg === '') {
          if (i + 1 >= args.length) throw new GetoptError(`${argv0}: option requires an argument -- '${ch}'`);
          arg = args[++i] as string;
        }
        push({ name: ch, arg });
        break;
      }
      if (!spec.flags.includes(ch)) throw new GetoptError(`${argv0}: invalid option -- '${ch}'`);
      push({ name: ch });
    }
  }
  return { opts, operands };
}

/**
 * busybox's xatoi_positive: decimal digits only, 0..INT_MAX. Returns the number, or the
 * message busybox dies with (without the applet prefix).
 */
export function xatoiPositive(s: string): number | string {
  if (!/^[0-9]+$/.test(s)) return `invalid number '${s}'`;
  const digits = s.replace(/^0+(?=.)/, '');
  // Parsed as a 32-bit unsigned long first: beyond that it is not a number at all.
  if (digits.length > 10 || Number(digits) > 4294967295) return `invalid number '${s}'`;
  const n = Number(digits);
  if (n > 2147483647) return `number ${s} is not in 0..2147483647 range`;
  return n;
}
