import { parse } from 'tldts';
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
export function hasPublicSuffixBelow(fqdn: string): boolean {
  const domain = withoutRootDot(fqdn);
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

// `example.com.` (the DNS root) names the same site as `example.com`, and browsers keep the dot in
// the Origin, so a pattern on `com.` matches as much as one on `com`.
function withoutRootDot(domain: string): string {
  return domain.endsWith('.') ? domain.slice(0, -1) : domain;
}

/**
 * Whether `domain` is itself a rule of the Public Suffix List (ICANN or private section). Names the
 * list does not hold (`test`, `internal`, `local`, `localhost`, `example`: reserved or undelegated,
 * RFC 6761 and 6762) are not: nobody can register a name below them on the public internet.
 */
export function isPublicSuffix(fqdn: string): boolean {
  const domain = withoutRootDot(fqdn);
  const parsed = parse(domain, PSL_OPTIONS);
  return parsed.publicSuffix === domain && (parsed.isIcann === true || parsed.isPrivate === true);
}
