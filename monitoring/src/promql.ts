/**
 * A small PromQL parser, enough to say which metrics and labels an expression refers to.
 * The monitoring tests use it to prove that every alert, recording rule, dashboard panel and
 * runbook query names only series the app really exports, with labels those series carry.
 *
 * It follows the grammar of Prometheus 2.x (promql/parser/generated_parser.y): selectors with
 * matchers, range and subquery brackets, offset and @ modifiers, function calls, aggregations
 * with by/without before or after the arguments, and binary operators with bool, on/ignoring
 * and group_left/group_right. An identifier directly followed by "(" is always a function or
 * aggregation, never a metric. A keyword (and, by, offset, ...) is an operator or modifier
 * where one can stand; where an expression starts, Prometheus reads it as a metric name, and
 * so does this parser. Grafana's
 * duration variables ($__rate_interval, $__interval, $__range) are accepted where PromQL
 * takes a duration.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export interface Grouping {
  without: boolean;
  labels: string[];
}

export interface VectorMatching {
  /** true for on(...), false for ignoring(...) */
  on: boolean;
  labels: string[];
  group?: { side: 'left' | 'right'; labels: string[] };
}

export type PromqlNode =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'selector'; name?: string; matchers: Matcher[] }
  | { type: 'call'; func: string; args: PromqlNode[] }
  | { type: 'aggregate'; op: string; grouping?: Grouping; param?: PromqlNode; expr: PromqlNode }
  | { type: 'binary'; op: string; bool: boolean; matching?: VectorMatching; lhs: PromqlNode; rhs: PromqlNode }
  | { type: 'unary'; op: '+' | '-'; expr: PromqlNode }
  | { type: 'paren'; expr: PromqlNode }
  /** a range [5m], a subquery [5m:1m], an offset or an @ on the wrapped expression */
  | { type: 'modified'; expr: PromqlNode; range?: string; offset?: string; at?: string };

export class PromqlSyntaxError extends Error {
  constructor(
    readonly expr: string,
    readonly position: number,
    detail: string,
  ) {
    super(`PromQL syntax error at character ${position + 1}: ${detail}\n  ${expr}\n  ${' '.repeat(position)}^`);
    this.name = 'PromqlSyntaxError';
  }
}

export const aggregationOperators: ReadonlySet<string> = new Set([
  'sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar',
  'topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio',
]);
const parameterisedAggregations = new Set(['topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio']);

/** PromQL's operator and modifier words (metric names only where an expression starts). */
export const keywords: ReadonlySet<string> = new Set([
  'and', 'or', 'unless', 'atan2', 'bool', 'by', 'without', 'on', 'ignoring',
  'group_left', 'group_right', 'offset',
]);

const durationUnit = '(?:ms|[smhdwy])';
const durationPattern = `(?:\\d+${durationUnit})+`;
const grafanaDuration = '\\$(?:__rate_interval|__interval|__range)\\b|\\$\\{(?:__rate_interval|__interval|__range)\\}';
const durationRe = new RegExp(`^(?:${durationPattern}|${grafanaDuration})$`);
const rangeRe = new RegExp(`^\\s*(${durationPattern}|${grafanaDuration})\\s*(?::\\s*(${durationPattern}|${grafanaDuration})?\\s*)?$`);

type Token =
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'number'; text: string; pos: number }
  | { kind: 'string'; text: string; pos: number }
  | { kind: 'duration'; text: string; pos: number }
  | { kind: 'range'; text: string; pos: number }
  | { kind: 'punct'; text: string; pos: number }
  | { kind: 'eof'; text: ''; pos: number };

const operatorsByLength = ['==', '!=', '<=', '>=', '=~', '!~', '+', '-', '*', '/', '%', '^', '<', '>', '=', '(', ')', '{', '}', ',', '@', ':'];

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = expr.length;
  const fail = (pos: number, detail: string): never => {
    throw new PromqlSyntaxError(expr, pos, detail);
  };
  while (i < n) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && expr[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      let value = '';
      i++;
      while (i < n && expr[i] !== c) {
        if (expr[i] === '\\' && c !== '`') {
          const next = expr[i + 1];
          if (next === undefined) fail(i, 'unterminated escape in string');
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
          continue;
        }
        value += expr[i];
        i++;
      }
      if (i >= n) fail(start, 'unterminated string');
      i++;
      tokens.push({ kind: 'string', text: value, pos: start });
      continue;
    }
    if (c === '[') {
      const start = i;
      const end = expr.indexOf(']', i);
      if (end < 0) fail(start, 'unclosed "["');
      const body = expr.slice(i + 1, end);
      if (!rangeRe.test(body)) fail(start, `"[${body}]" is not a range or subquery (expected e.g. [5m] or [1h:1m])`);
      tokens.push({ kind: 'range', text: body.replace(/\s+/g, ''), pos: start });
      i = end + 1;
      continue;
    }
    if (c === '$') {
      const m = new RegExp(`^(?:${grafanaDuration})`).exec(expr.slice(i));
      if (!m) fail(i, 'template variable outside a string or a duration');
      tokens.push({ kind: 'duration', text: m![0], pos: i });
      i += m![0].length;
      continue;
    }
    const numberMatch = /^(?:0x[0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(expr.slice(i));
    if (numberMatch) {
      // A duration literal (offset 5m, @ is a number) starts like a number.
      const durationMatch = new RegExp(`^${durationPattern}`).exec(expr.slice(i));
      if (durationMatch && durationMatch[0].length > numberMatch[0].length) {
        tokens.push({ kind: 'duration', text: durationMatch[0], pos: i });
        i += durationMatch[0].length;
      } else {
        tokens.push({ kind: 'number', text: numberMatch[0], pos: i });
        i += numberMatch[0].length;
      }
      continue;
    }
    const identMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(expr.slice(i));
    if (identMatch) {
      tokens.push({ kind: 'ident', text: identMatch[0], pos: i });
      i += identMatch[0].length;
      continue;
    }
    const op = operatorsByLength.find((o) => expr.startsWith(o, i));
    if (!op) fail(i, `unexpected character "${c}"`);
    tokens.push({ kind: 'punct', text: op!, pos: i });
    i += op!.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: n });
  return tokens;
}

const binaryPrecedence: Record<string, number> = {
  or: 1,
  and: 2, unless: 2,
  '==': 3, '!=': 3, '<=': 3, '<': 3, '>=': 3, '>': 3,
  '+': 4, '-': 4,
  '*': 5, '/': 5, '%': 5, atan2: 5,
  '^': 6,
};
const comparisonOperators = new Set(['==', '!=', '<=', '<', '>=', '>']);

class Parser {
  private i = 0;
  constructor(
    private readonly expr: string,
    private readonly tokens: Token[],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }
  private fail(token: Token, detail: string): never {
    throw new PromqlSyntaxError(this.expr, token.pos, detail);
  }
  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === text;
  }
  private isIdent(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text === text;
  }
  private expectPunct(text: string): Token {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== text) this.fail(t, `expected "${text}", found ${describe(t)}`);
    return t;
  }

  parseAll(): PromqlNode {
    const node = this.parseExpr(0);
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t, `unexpected ${describe(t)} after a complete expression`);
    return node;
  }

  private binaryOperatorAt(): string | undefined {
    const t = this.peek();
    if (t.kind === 'punct' && t.text in binaryPrecedence) return t.text;
    if (t.kind === 'ident' && ['and', 'or', 'unless', 'atan2'].includes(t.text)) return t.text;
    return undefined;
  }

  private parseExpr(minPrecedence: number): PromqlNode {
    let lhs = this.parseUnary();
    for (;;) {
      const op = this.binaryOperatorAt();
      if (!op) return lhs;
      const precedence = binaryPrecedence[op]!;
      if (precedence < minPrecedence) return lhs;
      this.next();
      let bool = false;
      if (this.isIdent('bool')) {
        if (!comparisonOperators.has(op)) this.fail(this.peek(), `"bool" only follows a comparison, not "${op}"`);
        this.next();
        bool = true;
      }
      let matching: VectorMatching | undefined;
      if (this.isIdent('on') || this.isIdent('ignoring')) {
        const on = this.next().text === 'on';
        matching = { on, labels: this.parseLabelList() };
        if (this.isIdent('group_left') || this.isIdent('group_right')) {
          const side = this.next().text === 'group_left' ? 'left' : 'right';
          matching.group = { side, labels: this.isPunct('(') ? this.parseLabelList() : [] };
        }
      }
      // ^ is right-associative; everything else is left-associative.
      const rhs = this.parseExpr(op === '^' ? precedence : precedence + 1);
      lhs = { type: 'binary', op, bool, lhs, rhs, ...(matching ? { matching } : {}) };
    }
  }

  private parseUnary(): PromqlNode {
    if (this.isPunct('-') || this.isPunct('+')) {
      const op = this.next().text as '+' | '-';
      // Unary minus binds looser than ^ (-2^2 is -4) and tighter than * and /.
      return { type: 'unary', op, expr: this.parseExpr(binaryPrecedence['^']!) };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(node: PromqlNode): PromqlNode {
    let current = node;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'range') {
        this.next();
        current = { type: 'modified', expr: current, range: t.text };
      } else if (t.kind === 'ident' && t.text === 'offset') {
        this.next();
        let sign = '';
        if (this.isPunct('-')) {
          this.next();
          sign = '-';
        }
        const d = this.next();
        if (d.kind !== 'duration' || !durationRe.test(d.text)) this.fail(d, `expected a duration after "offset", found ${describe(d)}`);
        current = { type: 'modified', expr: current, offset: sign + d.text };
      } else if (t.kind === 'punct' && t.text === '@') {
        this.next();
        const at = this.next();
        if (at.kind === 'number') {
          current = { type: 'modified', expr: current, at: at.text };
        } else if (at.kind === 'ident' && (at.text === 'start' || at.text === 'end')) {
          this.expectPunct('(');
          this.expectPunct(')');
          current = { type: 'modified', expr: current, at: `${at.text}()` };
        } else {
          this.fail(at, `expected a Unix time, start() or end() after "@", found ${describe(at)}`);
        }
      } else {
        return current;
      }
    }
  }

  private parsePrimary(): PromqlNode {
    const t = this.peek();
    if (t.kind === 'number') {
      this.next();
      return { type: 'number', value: Number(t.text) };
    }
    if (t.kind === 'string') {
      this.next();
      return { type: 'string', value: t.text };
    }
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const expr = this.parseExpr(0);
      this.expectPunct(')');
      return { type: 'paren', expr };
    }
    if (t.kind === 'punct' && t.text === '{') {
      const matchers = this.parseMatchers();
      const nameMatcher = matchers.find((m) => m.label === '__name__' && m.op === '=');
      if (!matchers.some((m) => m.op === '=' ? m.value !== '' : m.op === '=~' ? !new RegExp(`^(?:${m.value})$`).test('') : false)) {
        this.fail(t, 'a selector without a metric name needs at least one matcher that does not match the empty string');
      }
      return nameMatcher
        ? { type: 'selector', name: nameMatcher.value, matchers: matchers.filter((m) => m !== nameMatcher) }
        : { type: 'selector', matchers };
    }
    if (t.kind === 'ident') {
      const lower = t.text.toLowerCase();
      if (lower === 'inf' || lower === 'nan') {
        this.next();
        return { type: 'number', value: lower === 'inf' ? Infinity : NaN };
      }
      if (aggregationOperators.has(t.text) && (this.isPunct('(', 1) || this.isIdent('by', 1) || this.isIdent('without', 1))) {
        return this.parseAggregation();
      }
      if (this.isPunct('(', 1)) return this.parseCall();
      this.next();
      const matchers = this.isPunct('{') ? this.parseMatchers() : [];
      return { type: 'selector', name: t.text, matchers };
    }
    return this.fail(t, `expected an expression, found ${describe(t)}`);
  }

  private parseAggregation(): PromqlNode {
    const op = this.next().text;
    let grouping: Grouping | undefined;
    if (this.isIdent('by') || this.isIdent('without')) {
      grouping = { without: this.next().text === 'without', labels: this.parseLabelList() };
    }
    this.expectPunct('(');
    let param: PromqlNode | undefined;
    if (parameterisedAggregations.has(op)) {
      param = this.parseExpr(0);
      this.expectPunct(',');
    }
    const expr = this.parseExpr(0);
    this.expectPunct(')');
    if (this.isIdent('by') || this.isIdent('without')) {
      if (grouping) this.fail(this.peek(), `"${op}" has two grouping clauses`);
      grouping = { without: this.next().text === 'without', labels: this.parseLabelList() };
    }
    return { type: 'aggregate', op, expr, ...(grouping ? { grouping } : {}), ...(param ? { param } : {}) };
  }

  private parseCall(): PromqlNode {
    const func = this.next().text;
    this.expectPunct('(');
    const args: PromqlNode[] = [];
    if (!this.isPunct(')')) {
      for (;;) {
        args.push(this.parseExpr(0));
        if (this.isPunct(',')) {
          this.next();
          continue;
        }
        break;
      }
    }
    this.expectPunct(')');
    return { type: 'call', func, args };
  }

  private parseLabelList(): string[] {
    this.expectPunct('(');
    const labels: string[] = [];
    while (!this.isPunct(')')) {
      const t = this.next();
      if (t.kind !== 'ident') this.fail(t, `expected a label name, found ${describe(t)}`);
      labels.push(t.text);
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct(')')) this.fail(this.peek(), `expected "," or ")" in a label list, found ${describe(this.peek())}`);
    }
    this.next();
    return labels;
  }

  private parseMatchers(): Matcher[] {
    this.expectPunct('{');
    const matchers: Matcher[] = [];
    while (!this.isPunct('}')) {
      const label = this.next();
      if (label.kind !== 'ident') this.fail(label, `expected a label name in a selector, found ${describe(label)}`);
      const op = this.next();
      if (op.kind !== 'punct' || !['=', '!=', '=~', '!~'].includes(op.text)) {
        this.fail(op, `expected =, !=, =~ or !~ after label "${label.text}", found ${describe(op)}`);
      }
      const value = this.next();
      if (value.kind !== 'string') this.fail(value, `expected a quoted value for label "${label.text}", found ${describe(value)}`);
      matchers.push({ label: label.text, op: op.text as MatchOp, value: value.text });
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct('}')) this.fail(this.peek(), `expected "," or "}" in a selector, found ${describe(this.peek())}`);
    }
    this.next();
    return matchers;
  }
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'the end of the expression' : `"${t.kind === 'string' ? JSON.stringify(t.text) : t.text}"`;
}

/** Parses a PromQL expression; throws PromqlSyntaxError naming the position and what was expected. */
export function parsePromql(expr: string): PromqlNode {
  return new Parser(expr, tokenize(expr)).parseAll();
}

/** Calls `visit` on every node, parents before children. */
export function walk(node: PromqlNode, visit: (node: PromqlNode) => void): void {
  visit(node);
  switch (node.type) {
    case 'call':
      node.args.forEach((a) => walk(a, visit));
      break;
    case 'aggregate':
      if (node.param) walk(node.param, visit);
      walk(node.expr, visit);
      break;
    case 'binary':
      walk(node.lhs, visit);
      walk(node.rhs, visit);
      break;
    case 'unary':
    case 'paren':
    case 'modified':
      walk(node.expr, visit);
      break;
    default:
      break;
  }
}

export interface SelectorRef {
  /** the metric name, or undefined for a selector that names its metric by regex or not at all */
  name?: string;
  matchers: Matcher[];
}

/** Every vector selector in the expression (metric name and label matchers). */
export function selectors(expr: string | PromqlNode): SelectorRef[] {
  const root = typeof expr === 'string' ? parsePromql(expr) : expr;
  const found: SelectorRef[] = [];
  walk(root, (node) => {
    if (node.type === 'selector') found.push({ ...(node.name !== undefined ? { name: node.name } : {}), matchers: node.matchers });
  });
  return found;
}

/** The distinct metric names an expression reads, sorted. Regex name matchers are not names. */
export function metricNames(expr: string | PromqlNode): string[] {
  return [...new Set(selectors(expr).flatMap((s) => (s.name === undefined ? [] : [s.name])))].sort();
}

/** Regexes of `{__name__=~"..."}` selectors, anchored as Prometheus anchors them. */
export function metricNamePatterns(expr: string | PromqlNode): RegExp[] {
  return selectors(expr).flatMap((s) =>
    s.name === undefined ? s.matchers.filter((m) => m.label === '__name__' && m.op === '=~').map((m) => new RegExp(`^(?:${m.value})$`)) : [],
  );
}

/**
 * Label names a series may carry, per metric name; undefined for a metric whose labels are
 * unknown (no check is made through it).
 */
export type LabelCatalog = (metric: string) => ReadonlySet<string> | undefined;

export interface LabelProblem {
  label: string;
  message: string;
}

/** What inference knows about a node's labels: a set, "scalar" (numbers, strings), or unknown. */
type LabelSet = ReadonlySet<string> | 'scalar' | 'unknown';

// Functions returning a scalar; and date functions, which without an argument return a
// label-less vector of time(). Every other function keeps its vector argument's labels.
const scalarFunctions = new Set(['time', 'pi', 'scalar']);
const dateFunctions = new Set(['minute', 'hour', 'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'month', 'year']);

/**
 * Infers the labels an expression's result can carry and reports labels used where the series
 * cannot have them: in matchers, in by()/without() of an aggregation, in on()/group_*() of a
 * binary operation, as the source of label_replace, and a histogram_quantile whose argument
 * lost the `le` label.
 */
export function inferLabels(expr: string | PromqlNode, catalog: LabelCatalog): { labels: ReadonlySet<string> | undefined; problems: LabelProblem[] } {
  const root = typeof expr === 'string' ? parsePromql(expr) : expr;
  const problems: LabelProblem[] = [];
  const expectLabels = (labels: readonly string[], available: LabelSet, where: string) => {
    if (available === 'unknown' || available === 'scalar') return;
    for (const label of labels) {
      if (!available.has(label)) {
        problems.push({ label, message: `${where} uses label "${label}", which the series there do not have (they have: ${[...available].sort().join(', ') || 'none'})` });
      }
    }
  };
  const union = (a: LabelSet, b: LabelSet): LabelSet => {
    if (a === 'unknown' || b === 'unknown') return 'unknown';
    if (a === 'scalar') return b;
    if (b === 'scalar') return a;
    return new Set([...a, ...b]);
  };

  const infer = (node: PromqlNode): LabelSet => {
    switch (node.type) {
      case 'number':
      case 'string':
        return 'scalar';
      case 'selector': {
        const known = node.name === undefined ? undefined : catalog(node.name);
        if (!known) return 'unknown';
        const matched = node.matchers.filter((m) => m.label !== '__name__').map((m) => m.label);
        expectLabels(matched, known, `the selector of ${node.name}`);
        return known;
      }
      case 'paren':
      case 'unary':
      case 'modified':
        return infer(node.expr);
      case 'call':
        return inferCall(node);
      case 'aggregate': {
        if (node.param) infer(node.param);
        const inner = infer(node.expr);
        const extra = node.op === 'count_values' && node.param?.type === 'string' ? [node.param.value] : [];
        if (['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(node.op)) {
          if (node.grouping && !node.grouping.without) expectLabels(node.grouping.labels, inner, `${node.op} by (...)`);
          return inner;
        }
        if (!node.grouping) return new Set(extra);
        if (node.grouping.without) {
          if (inner === 'unknown' || inner === 'scalar') return inner;
          return new Set([...[...inner].filter((l) => !node.grouping!.labels.includes(l)), ...extra]);
        }
        expectLabels(node.grouping.labels, inner, `${node.op} by (${node.grouping.labels.join(', ')})`);
        return new Set([...node.grouping.labels, ...extra]);
      }
      case 'binary': {
        const lhs = infer(node.lhs);
        const rhs = infer(node.rhs);
        const m = node.matching;
        if (m?.on) {
          const where = `"${node.op} on (${m.labels.join(', ')})"`;
          expectLabels(m.labels, lhs, `the left side of ${where}`);
          expectLabels(m.labels, rhs, `the right side of ${where}`);
        }
        if (m?.group) {
          const include = m.group.side === 'left' ? rhs : lhs;
          expectLabels(m.group.labels, include, `group_${m.group.side} (${m.group.labels.join(', ')})`);
        }
        if (node.op === 'or') return union(lhs, rhs);
        if (node.op === 'and' || node.op === 'unless') return lhs;
        if (lhs === 'scalar') return rhs;
        if (rhs === 'scalar') return lhs;
        if (m?.group) {
          const base = m.group.side === 'left' ? lhs : rhs;
          return union(base, new Set(m.group.labels));
        }
        if (lhs === 'unknown') return 'unknown';
        // One-to-one matching keeps the on() labels, or drops the ignoring() ones.
        if (m) return m.on ? new Set(m.labels) : new Set([...lhs].filter((l) => !m.labels.includes(l)));
        return lhs;
      }
    }
  };

  const inferCall = (node: Extract<PromqlNode, { type: 'call' }>): LabelSet => {
    const args = node.args.map(infer);
    const vectorArg = (): LabelSet => args.find((a) => a !== 'scalar') ?? 'scalar';
    const stringArg = (i: number): string | undefined => {
      const a = node.args[i];
      return a?.type === 'string' ? a.value : undefined;
    };
    switch (node.func) {
      case 'histogram_quantile': {
        const v = args[1] ?? 'unknown';
        if (v !== 'unknown' && v !== 'scalar' && !v.has('le')) {
          problems.push({ label: 'le', message: 'histogram_quantile needs the "le" label in its argument: keep le in by (...)' });
        }
        if (v === 'unknown' || v === 'scalar') return v;
        return new Set([...v].filter((l) => l !== 'le'));
      }
      case 'label_replace': {
        const v = args[0] ?? 'unknown';
        const dst = stringArg(1);
        const src = stringArg(3);
        if (src) expectLabels([src], v, 'label_replace');
        return dst ? union(v, new Set([dst])) : v;
      }
      case 'label_join': {
        const v = args[0] ?? 'unknown';
        const dst = stringArg(1);
        const sources = node.args.slice(3).flatMap((a) => (a.type === 'string' ? [a.value] : []));
        expectLabels(sources, v, 'label_join');
        return dst ? union(v, new Set([dst])) : v;
      }
      case 'absent':
      case 'absent_over_time': {
        const arg = node.args[0];
        const inner = arg?.type === 'modified' ? arg.expr : arg;
        if (inner?.type === 'selector') return new Set(inner.matchers.filter((m) => m.op === '=' && m.label !== '__name__').map((m) => m.label));
        return new Set();
      }
      case 'vector':
        return new Set();
      default:
        if (scalarFunctions.has(node.func)) return 'scalar';
        if (dateFunctions.has(node.func) && node.args.length === 0) return new Set();
        return vectorArg();
    }
  };

  const result = infer(root);
  return { labels: result === 'unknown' || result === 'scalar' ? undefined : result, problems };
}
