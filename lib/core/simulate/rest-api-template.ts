/**
 * Reads the VTL of a REST API OPTIONS integration response: which response headers it overrides
 * with a request header (`#set($context.responseOverride.header.<Name> = $var)` where `$var` was read
 * with `$input.params().header.get("<Header>")`), and under which `#if(...)` condition on `$var`
 * (`$var == '<literal>'` and `$var.matches('<regex>')` terms joined by `||`, as renderRestApiCors
 * writes them; `$var == "<literal>"`, as hand-written templates often do, is read too). API Gateway developer guide, "Use a mapping template to override an API's request
 * and response parameters and status codes" documents `$context.responseOverride.header`.
 */

/** One header the template sets from a request header. */
export interface TemplateEcho {
  /** The response header set, e.g. `Access-Control-Allow-Origin`. */
  readonly header: string;
  /** The request header echoed, lowercase, e.g. `origin`. */
  readonly from: string;
  /** The `||` terms guarding the echo; `undefined` when unconditional (or only an emptiness check). */
  readonly conditions?: readonly TemplateCondition[];
}

/** One term of a guard: an exact compare or an anchored Java regex match. */
export type TemplateCondition = { readonly equals: string } | { readonly matches: string };

/** What the simulator understood of a template. */
export interface TemplateReading {
  /** Headers echoed from the request. */
  readonly echoes: readonly TemplateEcho[];
  /** Lines the reader did not understand (hand-written VTL); they are ignored. */
  readonly ignored: readonly string[];
}

const READ = /^#set\(\$(\w+)\s*=\s*\$input\.params\(\)\.header\.get\("([^"]+)"\)\)$/;
const EMPTY_FALLBACK = /^#if\("\$!(\w+)"\s*==\s*""\)#set\(\$(\w+)\s*=\s*\$input\.params\(\)\.header\.get\("([^"]+)"\)\)#end$/;
const OVERRIDE = /#set\(\$context\.responseOverride\.header\.([A-Za-z0-9-]+)\s*=\s*\$(\w+)\)/;
const IF = /^#if\((.*)\)$/;
const IF_INLINE = /^#if\((.*?)\)#set\(/;
// Velocity 1.7 string literals: a quote inside is written twice.
const EQUALS = /^\$(\w+)\s*==\s*(?:"((?:[^"]|"")*)"|'((?:[^']|'')*)')$/;
const MATCHES = /^\$(\w+)\.matches\('((?:[^']|'')*)'\)$/;
const NOT_EMPTY = /^"\$!(\w+)"\s*!=\s*""$/;

// Splits a condition at the `||` outside string literals: a compared origin or regex may hold `||` itself.
function splitTerms(condition: string): string[] {
  const terms: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < condition.length; i++) {
    const char = condition[i]!;
    if (quote !== undefined) {
      if (char === quote) {
        if (condition[i + 1] === quote) i++;
        else quote = undefined;
      }
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '|' && condition[i + 1] === '|') {
      terms.push(condition.slice(start, i).trim());
      start = i + 2;
      i++;
    }
  }
  terms.push(condition.slice(start).trim());
  return terms;
}

function parseConditions(condition: string, variable: string): TemplateCondition[] | undefined | 'unknown' {
  const terms = splitTerms(condition);
  if (terms.length === 1 && NOT_EMPTY.test(terms[0]!)) return undefined;
  const result: TemplateCondition[] = [];
  for (const term of terms) {
    const eq = EQUALS.exec(term);
    const m = MATCHES.exec(term);
    if (eq && eq[1] === variable) result.push({ equals: eq[2] !== undefined ? eq[2].replaceAll('""', '"') : eq[3]!.replaceAll("''", "'") });
    else if (m && m[1] === variable) result.push({ matches: m[2]!.replaceAll("''", "'") });
    else return 'unknown';
  }
  return result;
}

/** Reads a REST API integration response template. */
export function readRestApiTemplate(template: string | undefined): TemplateReading {
  if (template === undefined) return { echoes: [], ignored: [] };
  const variables = new Map<string, string>();
  const echoes: TemplateEcho[] = [];
  const ignored: string[] = [];
  let guard: string | undefined;
  for (const raw of template.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const read = READ.exec(line);
    if (read) { variables.set(read[1]!, read[2]!.toLowerCase()); continue; }
    if (EMPTY_FALLBACK.test(line)) continue;
    const override = OVERRIDE.exec(line);
    const ifLine = override ? IF_INLINE.exec(line) : IF.exec(line);
    if (ifLine && !override) { guard = ifLine[1]; continue; }
    if (line === '#end') { guard = undefined; continue; }
    if (override) {
      const [, header, variable] = override;
      const from = variables.get(variable!);
      if (from === undefined) { ignored.push(line); continue; }
      const condition = ifLine ? ifLine[1]! : guard;
      const conditions = condition === undefined ? undefined : parseConditions(condition, variable!);
      if (conditions === 'unknown') { ignored.push(line); continue; }
      echoes.push({ header: header!, from, ...(conditions !== undefined ? { conditions } : {}) });
      continue;
    }
    ignored.push(line);
  }
  return { echoes, ignored };
}

/** Whether a request header value satisfies an echo's guard. */
export function echoApplies(echo: TemplateEcho, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (echo.conditions === undefined) return true;
  return echo.conditions.some((c) => ('equals' in c ? c.equals === value : safeRegex(c.matches)?.test(value) === true));
}

function safeRegex(source: string): RegExp | undefined {
  try {
    // Java's String.matches anchors the whole input.
    return new RegExp(`^(?:${source})$`);
  } catch {
    return undefined;
  }
}
