/**
 * Command-line flags with pflag's rules as kubectl (cobra) applies them:
 * `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`,
 * grouped boolean shorthands, `--` to end flags, and flags anywhere among
 * the arguments. Errors carry cobra's text.
 */
import { goDurationMs, parseGoDuration } from '../lib/duration';
import { parseGoInt } from '../lib/goint';
export type FlagType = 'bool' | 'string' | 'int' | 'strings' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  /** pflag's NoOptDefVal: the value of `--name` given alone (a value then only follows `=`). */
  noOptDefault?: string;
}

export type FlagValues = Record<string, string | number | boolean | string[] | undefined>;

export class FlagError extends Error {}

export interface Parsed {
  args: string[];
  flags: FlagValues;
  /** Names of flags given explicitly. */
  set: Set<string>;
  /** Arguments after `--`, if any. */
  afterDash: string[] | undefined;
}

export function parseFlags(argv: string[], specs: FlagSpec[]): Parsed {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const flags: FlagValues = {};
  for (const s of specs) flags[s.name] = Array.isArray(s.default) ? [...s.default] : s.default;
  const set = new Set<string>();
  const args: string[] = [];
  let afterDash: string[] | undefined;

  const assign = (spec: FlagSpec, raw: string, shown: string) => {
    set.add(spec.name);
    switch (spec.type) {
      case 'bool':
        if (!/^(1|0|t|f|T|F|true|false|TRUE|FALSE|True|False)$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
        flags[spec.name] = /^(1|t|T|true|TRUE|True)$/.test(raw);
        break;
      case 'int': {
        // pflag's int: strconv.ParseInt(raw, 0, 64), so 0x10, 0o17, 010 and 1_000 are numbers too.
        const n = parseGoInt(raw);
        if ('error' in n) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: ${n.error}`);
        flags[spec.name] = Number(n.value);
        break;
      }
      case 'duration': {
        // pflag's duration: time.ParseDuration; the value is kept as whole milliseconds (negative allowed).
        const d = parseGoDuration(raw);
        if ('error' in d) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: ${d.error}`);
        flags[spec.name] = goDurationMs(d.ns);
        break;
      }
      case 'strings': {
        const prev = set.has(spec.name) && Array.isArray(flags[spec.name]) && flags[`__${spec.name}`] ? (flags[spec.name] as string[]) : [];
        flags[spec.name] = [...prev, ...raw.split(',')];
        flags[`__${spec.name}`] = true;
        break;
      }
      default:
        flags[spec.name] = raw;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      afterDash = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) assign(spec, a.slice(eq + 1), `--${name}`);
      else if (spec.type === 'bool') assign(spec, 'true', `--${name}`);
      else if (spec.noOptDefault !== undefined) assign(spec, spec.noOptDefault, `--${name}`);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        assign(spec, argv[++i] as string, `--${name}`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let j = 1;
      while (j < a.length) {
        const c = a[j] as string;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const rest = a.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            assign(spec, rest.slice(1), `-${c}, --${spec.name}`);
            break;
          }
          assign(spec, 'true', `-${c}, --${spec.name}`);
          j++;
          continue;
        }
        if (rest.length > 0) assign(spec, rest.startsWith('=') ? rest.slice(1) : rest, `-${c}, --${spec.name}`);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          assign(spec, argv[++i] as string, `-${c}, --${spec.name}`);
        }
        break;
      }
      continue;
    }
    args.push(a);
  }
  for (const k of Object.keys(flags)) if (k.startsWith('__')) delete flags[k];
  return { args, flags, set, afterDash };
}
