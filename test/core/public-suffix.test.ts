import * as fs from 'node:fs';
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { hasPublicSuffixBelow, isPublicSuffix, publicSuffixReach } from '../../lib/core/public-suffix';
import { PUBLIC_SUFFIX_EXCEPTIONS, PUBLIC_SUFFIX_RULES } from '../../lib/core/public-suffix-data';
import { parseOrigin } from 'cors-constructs';

// The generator is plain CommonJS run by node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-public-suffix.js') as {
  generate(): string;
  TARGET: string;
  tldtsTrie(): TldtsTrie;
  edgeOffsets(trie: TldtsTrie): Uint32Array;
  childrenOf(trie: TldtsTrie, offsets: Uint32Array, node: number): [string, number][];
};

interface TldtsTrie {
  readonly nodeFlags: Uint8Array;
  readonly rulesRoot: number;
  readonly exceptionsRoot: number;
}

// Every rule of tldts' trie, read with tldts' layout, as written in the list (`co.uk`, `*.ck`), in
// ASCII: a Unicode label is mapped to punycode, as the URL parser serializes a host.
function tldtsRules(root: 'rulesRoot' | 'exceptionsRoot'): string[] {
  const trie = generator.tldtsTrie();
  const offsets = generator.edgeOffsets(trie);
  const found: string[] = [];
  const visit = (node: number, suffix: string[]): void => {
    for (const [label, child] of generator.childrenOf(trie, offsets, node)) {
      // Per label: domainToASCII reads a whole name, and would turn a numeric label into an IPv4 address.
      const path = [/^[\x21-\x7e]+$/.test(label) ? label : domainToASCII(label), ...suffix];
      if (trie.nodeFlags[child] !== 0) found.push(path.join('.'));
      visit(child, path);
    }
  };
  visit(trie[root], []);
  return [...new Set(found)].sort();
}

// The rules written in the text format, read with a parser of the test's own (the walker searches the
// text instead of decoding it; the tables below compare its answers with tldts').
function writtenRules(text: string): string[] {
  const found: string[] = [];
  const path: string[] = [];
  let last = '';
  for (const [token, label, notRule] of text.matchAll(/([^(),~\n]+)(~?)|[()]/g)) {
    if (token === '(') path.unshift(last);
    else if (token === ')') path.shift();
    else {
      last = label!;
      if (!notRule) found.push([label, ...path].join('.'));
    }
  }
  return found.sort();
}

const RULES = tldtsRules('rulesRoot');
const EXCEPTIONS = tldtsRules('exceptionsRoot');

describe('lib/core/public-suffix-data.ts is the pinned tldts list', () => {
  test('the file is what scripts/generate-public-suffix.js writes from the installed tldts', () => {
    expect(fs.readFileSync(generator.TARGET, 'utf8')).toBe(generator.generate());
  });

  test('it holds every rule of tldts, Unicode rules in punycode, and nothing else', () => {
    expect(RULES.length).toBeGreaterThan(10000);
    expect(writtenRules(PUBLIC_SUFFIX_RULES)).toEqual(RULES);
  });

  test('it holds every exception rule of tldts, and nothing else', () => {
    expect(EXCEPTIONS).toContain('www.ck');
    expect(writtenRules(PUBLIC_SUFFIX_EXCEPTIONS)).toEqual(EXCEPTIONS);
  });
});

// What the core decided with tldts' parser before it walked the generated copy.
function tldtsIsPublicSuffix(domain: string): boolean {
  const name = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  const parsed = parse(name, { allowPrivateDomains: true });
  return parsed.publicSuffix === name && (parsed.isIcann === true || parsed.isPrivate === true);
}

// Names around every rule: the rule with its wildcard filled in, a name below it, the name above it;
// every exception and a name below it; and names tldts treats specially (IPs, case, dots).
const DOMAINS = [...new Set([
  ...RULES.flatMap((rule) => {
    const concrete = rule.replace(/\*/g, 'x');
    return [concrete, rule.replace(/\*/g, 'www'), rule.replace(/\*/g, 'city'), `x.${concrete}`, concrete.slice(concrete.indexOf('.') + 1)];
  }),
  ...EXCEPTIONS.flatMap((rule) => [rule, `a.${rule}`, `a.b.${rule}`, rule.slice(rule.indexOf('.') + 1)]),
  'com', 'com.', 'COM', 'x.COM', 'co.uk', 'example.com', 'ck', 'www.ck', 'x.ck', 'x.www.ck', 'github.io', 'x.github.io', 'amazonaws.com',
  's3.amazonaws.com', 'localhost', 'test', 'internal', 'local', 'example', '', '.', '.com', '.ck', '.kawasaki.jp', 'com..', 'a..com', '127.0.0.1', '1.2.3.4', '[::1]',
  'kawasaki.jp', 'x.kawasaki.jp', 'city.kawasaki.jp', 'x.city.kawasaki.jp', 'xn--p1ai', 'xn--90ais', 'bücher.de',
])];

describe('isPublicSuffix decides as tldts parse', () => {
  test(`on ${DOMAINS.length} names around every rule, wildcard and exception`, () => {
    const disagree = DOMAINS.filter((domain) => isPublicSuffix(domain) !== tldtsIsPublicSuffix(domain));
    expect(disagree).toEqual([]);
    // Not vacuous: both answers occur, and on the rules that need the wildcard and exception semantics.
    expect(DOMAINS.filter(isPublicSuffix).length).toBeGreaterThan(10000);
    expect(DOMAINS.filter((domain) => !isPublicSuffix(domain)).length).toBeGreaterThan(10000);
  });

  test.each([
    ['x.ck', true, 'the wildcard *.ck'],
    ['www.ck', false, 'the exception !www.ck'],
    ['x.www.ck', false, 'below the exception'],
    ['ck', true, 'tldts holds the top-level label of *.ck as a rule too'],
    ['city.kawasaki.jp', false, 'the exception !city.kawasaki.jp'],
    ['x.kawasaki.jp', true, 'the wildcard *.kawasaki.jp'],
    ['com.', true, 'the root dot names the same suffix'],
    ['COM', false, 'hosts are compared as the URL parser writes them, lowercase'],
  ])('%s: %s (%s)', (domain, expected) => {
    expect(isPublicSuffix(domain)).toBe(expected);
    expect(tldtsIsPublicSuffix(domain)).toBe(expected);
  });
});

describe('hasPublicSuffixBelow: some rule lies strictly below the name', () => {
  const domains = [...new Set([...DOMAINS, ...RULES, ...RULES.map((rule) => rule.slice(rule.indexOf('.') + 1))])];
  test(`on ${domains.length} names`, () => {
    const suffixes = new Set(RULES.flatMap((rule) => rule.split('.').slice(1).map((_, i, labels) => labels.slice(i).join('.'))));
    // A rule ends with `.name` exactly when `name` is one of its proper suffixes.
    const expected = (domain: string): boolean => suffixes.has(domain.endsWith('.') ? domain.slice(0, -1) : domain);
    const disagree = domains.filter((domain) => hasPublicSuffixBelow(domain) !== expected(domain));
    expect(disagree).toEqual([]);
    expect(domains.filter(hasPublicSuffixBelow).length).toBeGreaterThan(1000);
  });
});

describe('publicSuffixReach', () => {
  test.each([
    ['https://*.com', 'is'], ['https://*.github.io', 'is'], ['https://*.co.uk', 'is'], ['https://*.amazonaws.com', 'below'],
    ['https://*.example.com', undefined], ['https://*.myapp.github.io', undefined], ['https://com', undefined], ['*', undefined],
  ])('%s: %s', (raw, expected) => {
    expect(publicSuffixReach(parseOrigin(raw).origin!)).toBe(expected);
  });
});
