/**
 * How deeply a YAML text nests, measured before any YAML library sees it.
 *
 * The `yaml` package composes documents recursively, and so does much of the
 * code that reads the result (toJS, deep copies, validation, printers): a
 * 20,000-deep `[[[[…` or a few thousand indented levels would exhaust the
 * stack — at a point that differs between Node, a browser and a worker, so
 * the same input would not give the same bytes everywhere. This scan is
 * iterative and decides first, the same way everywhere.
 *
 * It counts what go-yaml counts: flow levels (`[` and `{` that open a flow
 * collection) and block levels (indented block mappings and sequences). It
 * errs on the side of counting: a bracket inside a plain scalar that follows
 * a space may count as a level; a bracket inside quotes, a comment or a block
 * scalar never does.
 */

/** go-yaml's own limits, for flow levels and for block indents (sigs.k8s.io/yaml goyaml.v2 scannerc.go max_flow_level, max_indents). */
export const GO_YAML_MAX_DEPTH = 10_000;

/**
 * SIM: the deepest nesting (flow and block levels together) the playground
 * reads. Kubernetes objects nest about 15 levels; kubectl itself allows 10,000.
 */
export const MAX_YAML_NESTING = 100;

export interface YamlDepthProblem {
  /** 1-based line and column (in UTF-16 units) where the limit was passed. */
  line: number;
  column: number;
  /** True when go-yaml itself would refuse the text (more than 10,000 flow levels or indents). */
  goYaml: boolean;
}

/**
 * Where `text` nests deeper than `limit` levels (flow and block together),
 * or undefined. By default a place where go-yaml's own limit is passed wins
 * (that is what kubectl reports); with `first`, the first place past
 * `limit` is returned.
 */
export function yamlDepthProblem(text: string, limit = MAX_YAML_NESTING, first = false): YamlDepthProblem | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const indents: number[] = [];
  let flow = 0;
  let quote: string | undefined;
  /** Indentation of the node a block scalar belongs to, while inside one. */
  let blockScalarParent: number | undefined;
  let worst: YamlDepthProblem | undefined;

  const check = (line: number, column: number): YamlDepthProblem | undefined => {
    if (flow > GO_YAML_MAX_DEPTH || indents.length > GO_YAML_MAX_DEPTH) return { line, column, goYaml: true };
    if (flow + indents.length > limit) {
      worst ??= { line, column, goYaml: false };
      if (first) return worst;
    }
    return undefined;
  };

  for (let ln = 0; ln < lines.length; ln++) {
    const s = lines[ln] as string;
    let i = 0;
    while (i < s.length && s[i] === ' ') i++;
    const indent = i;
    const blank = i >= s.length || s[i] === '#';
    const marker = /^(---|\.\.\.)(\s|$)/.test(s);

    if (blockScalarParent !== undefined) {
      if (!marker && (blank || indent > blockScalarParent)) continue;
      blockScalarParent = undefined;
    }
    if (marker) {
      // A new document: nothing stays open.
      indents.length = 0;
      flow = 0;
      quote = undefined;
      i = 3;
    } else if (flow === 0 && quote === undefined && !blank) {
      // Block context: leaving indentation closes levels; a key or entry further in opens one.
      while (indents.length && (indents[indents.length - 1] as number) >= indent) indents.pop();
      let p = i;
      for (;;) {
        const c = s[p];
        if (!((c === '-' || c === '?') && (p + 1 >= s.length || s[p + 1] === ' '))) break;
        if (!indents.length || (indents[indents.length - 1] as number) < p) indents.push(p);
        const found = check(ln + 1, p + 1);
        if (found) return found;
        p++;
        while (p < s.length && s[p] === ' ') p++;
      }
      if (startsBlockKey(s, p)) {
        if (!indents.length || (indents[indents.length - 1] as number) < p) indents.push(p);
        const found = check(ln + 1, p + 1);
        if (found) return found;
      }
    }

    // The rest of the line, token by token: quotes, comments, flow brackets, block scalar indicators.
    // In block context a bracket opens a flow collection only where a node starts, never inside a plain scalar.
    let node = true;
    for (; i < s.length; i++) {
      const c = s[i] as string;
      const before = i > 0 ? (s[i - 1] as string) : ' ';
      if (quote) {
        if (quote === "'" && c === "'") {
          if (s[i + 1] === "'") i++;
          else quote = undefined;
        } else if (quote === '"' && c === '\\') i++;
        else if (quote === '"' && c === '"') quote = undefined;
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (before === ' ' || before === '\t' || i === 0)) break;
      if (flow > 0) {
        if (c === '[' || c === '{') {
          flow++;
          const found = check(ln + 1, i + 1);
          if (found) return found;
        } else if (c === ']' || c === '}') flow--;
        else if ((c === '"' || c === "'") && (before === ' ' || before === '\t' || '[{,:'.includes(before) || i === 0)) quote = c;
        continue;
      }
      if (node) {
        if (c === '[' || c === '{') {
          flow++;
          const found = check(ln + 1, i + 1);
          if (found) return found;
          continue;
        }
        if (c === '"' || c === "'") {
          quote = c;
          node = false;
          continue;
        }
        if ((c === '-' || c === '?') && (s[i + 1] === ' ' || i + 1 >= s.length)) continue;
        if (c === '!' || c === '&') {
          // A tag or an anchor: the node itself follows.
          while (i + 1 < s.length && s[i + 1] !== ' ') i++;
          continue;
        }
        if ((c === '|' || c === '>') && /^[|>][-+0-9]*\s*(#.*)?$/.test(s.slice(i))) {
          blockScalarParent = indents.length ? (indents[indents.length - 1] as number) : -1;
          break;
        }
        node = false;
      }
      // Inside a plain scalar or after a quoted one: `: ` makes it a key, and a value node follows.
      if (c === ':' && (i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t')) node = true;
    }
  }
  return worst;
}

/** Whether a block mapping key starts at `p`: a plain or quoted key followed by `:` and a space or the line's end. */
function startsBlockKey(s: string, p: number): boolean {
  const c = s[p];
  if (c === undefined || c === '#' || c === '[' || c === '{' || c === '|' || c === '>') return false;
  let i = p;
  if (c === '"' || c === "'") {
    i++;
    while (i < s.length && s[i] !== c) i += s[i] === '\\' && c === '"' ? 2 : 1;
    i++;
    return s[i] === ':' && (i + 1 >= s.length || s[i + 1] === ' ');
  }
  for (; i < s.length; i++) {
    if (s[i] === ':' && (i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t')) return true;
    if (s[i] === '#' && s[i - 1] === ' ') return false;
  }
  return false;
}

/** The words for a depth problem (`exceeded max depth of 10000`, or of the playground's limit). */
export function depthMessage(p: YamlDepthProblem): string {
  return `exceeded max depth of ${p.goYaml ? GO_YAML_MAX_DEPTH : MAX_YAML_NESTING}`;
}

/**
 * go-yaml's error for text nested too deeply, as sigs.k8s.io/yaml reports
 * it (`yaml: line 6: exceeded max depth of 10000`; no line on the first
 * line), or undefined. With `documents`, the text is split as kubectl's
 * YAMLReader splits a file (a line starting with `---` and nothing else but
 * a comment) and lines count from the start of each document; `offset` is
 * where the offending document starts, so the documents before it can be
 * read first. Beyond the playground's limit (MAX_YAML_NESTING) the same
 * words name that limit instead.
 */
export function goYamlDepthError(text: string, documents: boolean): { message: string; offset: number } | undefined {
  const chunks: [number, string][] = [];
  if (documents) {
    let start = 0;
    const re = /^---[ \t]*(#.*)?(\r?\n|$)/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      chunks.push([start, text.slice(start, m.index)]);
      start = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    chunks.push([start, text.slice(start)]);
  } else chunks.push([0, text]);
  for (const [offset, chunk] of chunks) {
    const p = yamlDepthProblem(chunk);
    if (!p) continue;
    const where = p.line > 1 ? `line ${p.line}: ` : '';
    return { message: `yaml: ${where}${depthMessage(p)}`, offset };
  }
  return undefined;
}
