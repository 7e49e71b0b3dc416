/**
 * Label selectors: matching (metav1.LabelSelector as controllers use it),
 * kubectl's `-l` text syntax with apimachinery's exact parse errors, and the
 * text form kubectl prints (`app=web,tier in (a,b)`).
 *
 * Semantics (metav1.LabelSelectorAsSelector): a null/undefined selector
 * matches NOTHING; an empty selector `{}` matches EVERYTHING.
 */
import { getOwn, hasOwn } from '../../lib/own';
import { goStringSlice, goQuote } from './gofmt';
import { isQualifiedName, isValidLabelValue } from './names';
import type { LabelSelector } from './types';

export type Labels = Readonly<Record<string, string>>;

/** selection.Operator values as apimachinery spells them. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  /** Sorted, de-duplicated (sets.String.List()). */
  values: string[];
}

/** A compiled selector: call it with a label set. */
export interface LabelMatcher {
  (labels: Labels | undefined | null): boolean;
  /** Requirements sorted by key, as labels.Selector keeps them. */
  readonly requirements: readonly Requirement[];
  /** Selector.String(): "" for both everything and nothing. */
  readonly text: string;
  /** True for the selector that matches nothing (a null LabelSelector). */
  readonly nothing: boolean;
}

/** A `-l` selector that does not parse; `message` is labels.Parse's error text. */
export class SelectorParseError extends Error {}

// ------------------------------------------------------------------ requirements

function errorsToAggregate(msgs: string[]): string | undefined {
  const uniq = [...new Set(msgs)];
  if (uniq.length === 0) return undefined;
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`;
}

/**
 * labels.NewRequirement: validates and returns the requirement, or the
 * aggregated field-error text. `path` is the parser's field path (nil in
 * labels.Parse, so fields print as `key`, `values[0][app]`).
 */
// Behaviour of staging/src/k8s.io/apimachinery/pkg/labels/selector.go NewRequirement (v1.32)
function newRequirement(key: string, op: Operator, vals: string[]): Requirement | string {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(`key: Invalid value: ${goQuote(key)}: ${keyErrs.join('; ')}`);
  switch (op) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(`values: Invalid value: ${goStringSlice(vals)}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(`values: Invalid value: ${goStringSlice(vals)}: exact-match compatibility requires one single value`);
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(`values: Invalid value: ${goStringSlice(vals)}: values set must be empty for exists and does not exist`);
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(`values: Invalid value: ${goStringSlice(vals)}: for 'Gt', 'Lt' operators, exactly one value is required`);
      vals.forEach((v, i) => {
        if (!/^[+-]?[0-9]+$/.test(v)) errs.push(`values[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
  }
  vals.forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length) errs.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${ve.join('; ')}`);
  });
  const agg = errorsToAggregate(errs);
  return agg === undefined ? { key, operator: op, values: vals } : agg;
}

const has = (labels: Labels, key: string): boolean => hasOwn(labels, key);

// Behaviour of staging/src/k8s.io/apimachinery/pkg/labels/selector.go Requirement.Matches (v1.32)
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, r.key) && r.values.includes(labels[r.key] as string);
    case 'notin':
    case '!=':
      return !has(labels, r.key) || !r.values.includes(labels[r.key] as string);
    case 'exists':
      return has(labels, r.key);
    case '!':
      return !has(labels, r.key);
    case 'gt':
    case 'lt': {
      if (!has(labels, r.key) || r.values.length !== 1) return false;
      const want = parseInt64(r.values[0] as string);
      const got = parseInt64(labels[r.key] as string);
      if (want === undefined || got === undefined) return false;
      return r.operator === 'gt' ? got > want : got < want;
    }
  }
}

function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/labels/selector.go Requirement.String (v1.32)
export function requirementString(r: Requirement): string {
  let s = r.operator === '!' ? '!' : '';
  s += r.key;
  switch (r.operator) {
    case '=':
      s += '=';
      break;
    case '==':
      s += '==';
      break;
    case '!=':
      s += '!=';
      break;
    case 'in':
      s += ' in ';
      break;
    case 'notin':
      s += ' notin ';
      break;
    case 'gt':
      s += '>';
      break;
    case 'lt':
      s += '<';
      break;
    case 'exists':
    case '!':
      return s;
  }
  const vals = r.values.length === 1 ? (r.values[0] as string) : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${vals})` : s + vals;
}

function sortByKey(reqs: Requirement[]): Requirement[] {
  return reqs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i))
    .map((x) => x.r);
}

function makeMatcher(reqs: Requirement[], nothing: boolean): LabelMatcher {
  const sorted = sortByKey(reqs);
  const fn = ((labels: Labels | undefined | null) => {
    if (nothing) return false;
    const ls = labels ?? {};
    return sorted.every((r) => requirementMatches(r, ls));
  }) as LabelMatcher;
  Object.defineProperty(fn, 'requirements', { value: sorted });
  Object.defineProperty(fn, 'text', { value: nothing ? '' : sorted.map(requirementString).join(',') });
  Object.defineProperty(fn, 'nothing', { value: nothing });
  return fn;
}

/** labels.Everything() */
export const EVERYTHING: LabelMatcher = makeMatcher([], false);
/** labels.Nothing() */
export const NOTHING: LabelMatcher = makeMatcher([], true);

// ------------------------------------------------------------------ metav1.LabelSelector

/** An invalid LabelSelector (bad key, operator or values); message as LabelSelectorAsSelector returns it. */
export class InvalidSelectorError extends Error {}

const OP_FROM_API: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: null → nothing, {} → everything.
 * Throws InvalidSelectorError for an invalid selector.
 */
// Behaviour of staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector (v1.32)
export function labelSelectorAsMatcher(sel: LabelSelector | null | undefined): LabelMatcher {
  if (sel === null || sel === undefined) return NOTHING;
  const ml = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  if (Object.keys(ml).length + exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const k of Object.keys(ml)) {
    const r = newRequirement(k, '=', [String(ml[k])]);
    if (typeof r === 'string') throw new InvalidSelectorError(r);
    reqs.push(r);
  }
  for (const e of exprs) {
    const operator = typeof e.operator === 'string' ? e.operator : '';
    const op = getOwn(OP_FROM_API, operator);
    if (!op) throw new InvalidSelectorError(`${goQuote(operator)} is not a valid label selector operator`);
    const r = newRequirement(e.key, op, [...(e.values ?? [])]);
    if (typeof r === 'string') throw new InvalidSelectorError(r);
    reqs.push(r);
  }
  return makeMatcher(reqs, false);
}

/**
 * Whether `labels` match a metav1.LabelSelector. An undefined/null selector
 * matches nothing, an empty one matches everything, an invalid one matches
 * nothing (controllers skip objects whose selector does not convert).
 */
export function matchesSelector(labels: Labels | undefined | null, selector: LabelSelector | null | undefined): boolean {
  try {
    return labelSelectorAsMatcher(selector)(labels);
  } catch {
    return false;
  }
}

/**
 * metav1.FormatLabelSelector, as `kubectl describe` prints `Selector:`:
 * `app=nginx`, `app in (a,b),tier=web`; `<none>` for a null or empty
 * selector; `<error>` for an invalid one.
 */
// Behaviour of staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go FormatLabelSelector (v1.32)
export function selectorToString(selector: LabelSelector | null | undefined): string {
  let m: LabelMatcher;
  try {
    m = labelSelectorAsMatcher(selector);
  } catch {
    return '<error>';
  }
  return m.text === '' ? '<none>' : m.text;
}

/** labels.FormatLabels: `a=b,c=d` sorted by key, `<none>` when empty (kubectl's LABELS / service SELECTOR columns). */
export function formatLabels(labels: Labels | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Labels)[k]}`).join(',');
}

/** The selector matching exactly these labels (labels.SelectorFromSet), e.g. a Service's spec.selector. */
export function selectorFromSet(labels: Labels | undefined | null): LabelMatcher {
  const keys = Object.keys(labels ?? {});
  if (keys.length === 0) return EVERYTHING;
  return makeMatcher(
    keys.map((k) => ({ key: k, operator: '=' as Operator, values: [String((labels as Labels)[k])] })),
    false,
  );
}

// ------------------------------------------------------------------ `-l` text syntax

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const STRING_TO_TOKEN: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => c === '=' || c === '!' || c === '(' || c === ')' || c === ',' || c === '>' || c === '<';

interface Scanned {
  tok: Tok;
  lit: string;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/labels/selector.go Lexer.Lex (v1.32)
function lex(s: string): Scanned[] {
  const out: Scanned[] = [];
  let pos = 0;
  const read = (): string => (pos < s.length ? (s[pos++] as string) : '');
  const unread = () => {
    pos--;
  };
  for (;;) {
    let ch = read();
    while (ch !== '' && isWhitespace(ch)) ch = read();
    if (ch === '') {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    if (isSpecial(ch)) {
      unread();
      let buf = '';
      let last: Scanned | undefined;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecial(c)) {
          buf += c;
          const t = getOwn(STRING_TO_TOKEN, buf);
          if (t) last = { tok: t, lit: buf };
          else if (last) {
            unread();
            break;
          }
        } else {
          unread();
          break;
        }
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
    } else {
      unread();
      let buf = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecial(c) || isWhitespace(c)) {
          unread();
          break;
        }
        buf += c;
      }
      out.push({ tok: getOwn(STRING_TO_TOKEN, buf) ?? 'id', lit: buf });
    }
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

// Behaviour of staging/src/k8s.io/apimachinery/pkg/labels/selector.go Parser (v1.32)
class Parser {
  private pos = 0;
  constructor(private readonly items: Scanned[]) {}

  /** In the Values context the keywords `in`/`notin` are identifiers. */
  private look(values: boolean): Scanned {
    const it = this.items[Math.min(this.pos, this.items.length - 1)] as Scanned;
    if (values && (it.tok === 'in' || it.tok === 'notin')) return { tok: 'id', lit: it.lit };
    return it;
  }

  private consume(values: boolean): Scanned {
    const it = this.look(values);
    if (this.pos < this.items.length - 1) this.pos++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'id' || tok === '!') {
        let r: Requirement;
        try {
          r = this.requirement();
        } catch (e) {
          throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const n = this.consume(true);
        if (n.tok === 'eos') return reqs;
        if (n.tok === ',') {
          const n2 = this.look(true);
          if (n2.tok !== 'id' && n2.tok !== '!') throw new SelectorParseError(`found '${n2.lit}', expected: identifier after ','`);
          continue;
        }
        throw new SelectorParseError(`found '${n.lit}', expected: ',' or 'end of string'`);
      }
      if (tok === 'eos') return reqs;
      throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private requirement(): Requirement {
    let op: Operator | undefined;
    let t = this.consume(true);
    if (t.tok === '!') {
      op = '!';
      t = this.consume(true);
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new Error(`<nil>: Invalid value: ${goQuote(key)}: ${keyErrs.join('; ')}`);
    const next = this.look(true).tok;
    if (next === 'eos' || next === ',') {
      if (op !== '!') op = 'exists';
    }
    if (op === 'exists' || op === '!') return this.make(key, op, []);

    const o = this.consume(false);
    switch (o.tok) {
      case 'in':
        op = 'in';
        break;
      case '=':
        op = '=';
        break;
      case '==':
        op = '==';
        break;
      case '>':
        op = 'gt';
        break;
      case '<':
        op = 'lt';
        break;
      case 'notin':
        op = 'notin';
        break;
      case '!=':
        op = '!=';
        break;
      default:
        throw new Error(`found '${o.lit}', expected: ${BINARY_OPERATORS}`);
    }
    const values = op === 'in' || op === 'notin' ? this.setValues() : this.exactValue();
    return this.make(key, op, [...values].sort());
  }

  private make(key: string, op: Operator, vals: string[]): Requirement {
    const r = newRequirement(key, op, vals);
    if (typeof r === 'string') throw new Error(r);
    return r;
  }

  private setValues(): Set<string> {
    const t = this.consume(true);
    if (t.tok !== '(') throw new Error(`found '${t.lit}' expected: '('`);
    const { tok, lit } = this.look(true);
    if (tok === 'id' || tok === ',') {
      const s = this.identifiers();
      if (this.consume(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.consume(true);
      return new Set(['']);
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private identifiers(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'id') {
        s.add(lit);
        const n = this.look(true);
        if (n.tok === ',') continue;
        if (n.tok === ')') return s;
        throw new Error(`found '${n.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (s.size === 0) s.add('');
        const n = this.look(true);
        if (n.tok === ')') {
          s.add('');
          return s;
        }
        if (n.tok === ',') {
          this.consume(true);
          s.add('');
        }
      } else {
        throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): Set<string> {
    const n = this.look(true);
    if (n.tok === 'eos' || n.tok === ',') return new Set(['']);
    const t = this.consume(true);
    if (t.tok === 'id') return new Set([t.lit]);
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

/**
 * Parses kubectl's `-l` syntax (`app=web`, `app==web`, `app!=web`,
 * `app in (a,b)`, `app notin (a)`, `app`, `!app`, `n>3`, comma-joined) into a
 * matcher. Throws SelectorParseError whose message is exactly labels.Parse's
 * error, e.g. `unable to parse requirement: found '', expected: ',' or ')'`.
 */
// Behaviour of staging/src/k8s.io/apimachinery/pkg/labels/selector.go Parse (v1.32)
export function parseSelector(text: string): LabelMatcher {
  const reqs = new Parser(lex(text)).parse();
  return makeMatcher(reqs, false);
}
