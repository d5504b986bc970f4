import { getPublicSuffix } from 'tldts';
// tldts ships the Public Suffix List as a flat trie; its lookup API answers "what is the suffix of
// this host" but not "is there any suffix below this domain", which a wildcard pattern needs
// (`https://*.amazonaws.com` covers the private suffix `s3.amazonaws.com`). We walk the same data,
// pinned to the tldts version in package.json, and a unit test fails if its layout ever changes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const trie = require('tldts/dist/cjs/src/data/trie.js') as {
  readonly nodeFlags: Uint8Array;
  readonly edgeStart: ArrayLike<number>;
  readonly edgeLength: ArrayLike<number>;
  readonly edgeChild: ArrayLike<number>;
  readonly labelText: string;
  readonly rulesRoot: number;
};

const PSL_OPTIONS = { allowPrivateDomains: true } as const;

let edgeOffsets: Uint32Array | undefined;

function labelOffsets(): Uint32Array {
  if (!edgeOffsets) {
    edgeOffsets = new Uint32Array(trie.edgeLength.length);
    for (let edge = 0, offset = 0; edge < trie.edgeLength.length; edge += 1) {
      edgeOffsets[edge] = offset;
      offset += trie.edgeLength[edge]!;
    }
  }
  return edgeOffsets;
}

function childByLabel(node: number, label: string): number | undefined {
  const offsets = labelOffsets();
  for (let edge = trie.edgeStart[node]!; edge < trie.edgeStart[node + 1]!; edge += 1) {
    const text = trie.labelText.substr(offsets[edge]!, trie.edgeLength[edge]!);
    if (text === label) return trie.edgeChild[edge]!;
  }
  return undefined;
}

function subtreeHasRule(node: number): boolean {
  const pending = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (let edge = trie.edgeStart[current]!; edge < trie.edgeStart[current + 1]!; edge += 1) {
      const child = trie.edgeChild[edge]!;
      if (trie.nodeFlags[child] !== 0) return true;
      pending.push(child);
    }
  }
  return false;
}

const below = new Map<string, boolean>();

/** Whether the Public Suffix List (ICANN and private sections) has a rule strictly below `domain`. */
export function hasPublicSuffixBelow(domain: string): boolean {
  let cached = below.get(domain);
  if (cached === undefined) {
    let node: number | undefined = trie.rulesRoot;
    for (const label of domain.split('.').reverse()) {
      node = childByLabel(node, label);
      if (node === undefined) break;
    }
    cached = node !== undefined && subtreeHasRule(node);
    below.set(domain, cached);
  }
  return cached;
}

/**
 * Whether `domain` is itself a public suffix (ICANN or private section; an unlisted single-label
 * name counts, by the list's default rule `*`, except `localhost`, which only ever names loopback).
 */
export function isPublicSuffix(domain: string): boolean {
  if (domain === 'localhost') return false;
  return getPublicSuffix(domain, PSL_OPTIONS) === domain;
}
