/**
 * The label trie of lib/core/public-suffix-data.ts (written by scripts/generate-public-suffix.js
 * from the pinned tldts): decoding and the right-to-left walk, with tldts' own lookup semantics.
 */

/** A node of the decoded trie: a label path from the root (the top-level label first). */
export interface SuffixNode {
  /** Whether the path to this node is itself a rule of the list. */
  readonly rule: boolean;
  /** The children by label; `*` is the wildcard label. Absent on leaves. */
  readonly children?: Map<string, SuffixNode>;
}

/**
 * Decodes the text format of lib/core/public-suffix-data.ts: `label`, `~` when the node is not a
 * rule, its children in parentheses; siblings separated by commas or newlines.
 */
export function decodeSuffixTrie(text: string): SuffixNode {
  const root: SuffixNode = { rule: false, children: new Map() };
  const parents: SuffixNode[] = [];
  let current = root;
  for (const [, label, notRule, open] of text.matchAll(/([^(),~\n]+)(~?)(\(?)|\)/g)) {
    if (label === undefined) {
      current = parents.pop()!;
      continue;
    }
    const node: SuffixNode = open ? { rule: !notRule, children: new Map() } : { rule: !notRule };
    current.children!.set(label, node);
    if (open) {
      parents.push(current);
      current = node;
    }
  }
  return root;
}

/**
 * How many of `labels` (right to left: the top-level label first) the deepest matching rule covers,
 * 0 when none matches. The walk is tldts' (suffix-trie.js in tldts 7.5.5, the lookup behind
 * `parse`): a label follows its own edge when there is one, otherwise the `*` edge, unless the label
 * is empty; the walk stops at the first label with neither, and never backtracks.
 */
export function deepestRule(root: SuffixNode, labels: readonly string[]): number {
  let node = root;
  let covered = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i]!;
    const next = node.children?.get(label) ?? (label ? node.children?.get('*') : undefined);
    if (!next) break;
    node = next;
    if (node.rule) covered = i + 1;
  }
  return covered;
}

/** The node at the end of `labels` (right to left) following exact labels only, or undefined. */
export function nodeAt(root: SuffixNode, labels: readonly string[]): SuffixNode | undefined {
  let node: SuffixNode | undefined = root;
  for (const label of labels) node = node?.children?.get(label);
  return node;
}

/** Whether any node strictly below `node` is a rule. */
export function hasRuleBelow(node: SuffixNode): boolean {
  for (const child of node.children?.values() ?? []) if (child.rule || hasRuleBelow(child)) return true;
  return false;
}
