/**
 * The label trie of lib/core/public-suffix-data.ts (written by scripts/generate-public-suffix.js
 * from the pinned tldts), looked up in its text without decoding it, and the right-to-left walk
 * with tldts' lookup semantics.
 */

const PARENTHESIS = /[()]/g;
const OPEN = /\(/g;
const CLOSE = /\)/g;
// A label followed by anything but `~` is a rule.
const RULE = /[^(),~\n](?=[(),\n]|$)/;

// Lookups a node answers by searching its text before it indexes its children instead.
const SEARCHES_BEFORE_INDEX = 16;

/**
 * A node of the trie: where its children are written in the text. A child is found by searching the
 * text for its label (a native string search), and remembered; nothing else is read, so the first
 * lookup costs a search through the list rather than a decoding of its 11,000 rules. A node asked for
 * more than a few distinct labels (a validator given thousands of `https://*.<name>.com`) indexes its
 * direct children once instead: each search rescans the node's text, 17 KB for `com`, and each miss
 * would be remembered. What is kept is bounded by the list, not by the input.
 */
export class SuffixNode {
  private readonly found = new Map<string, SuffixNode | undefined>();
  private children?: ReadonlyMap<string, SuffixNode>;

  /**
   * @param rule - whether the path to this node is itself a rule of the list.
   * @param text - the whole text of the trie.
   * @param from - where the children start in `text`.
   * @param to - where they end (exclusive); `from === to` for a leaf.
   */
  constructor(readonly rule: boolean, private readonly text: string, private readonly from: number, private readonly to: number) {}

  /** The child with this label (`*` is the wildcard label), or undefined. */
  child(label: string): SuffixNode | undefined {
    if (this.children !== undefined) return this.children.get(label);
    if (!this.found.has(label)) {
      if (this.found.size >= SEARCHES_BEFORE_INDEX) {
        this.children = this.index();
        this.found.clear();
        return this.children.get(label);
      }
      this.found.set(label, this.search(label));
    }
    return this.found.get(label);
  }

  /** Whether any node strictly below this one is a rule. */
  hasRuleBelow(): boolean {
    return RULE.test(this.text.slice(this.from, this.to));
  }

  // Every direct child in one pass, separated by commas (by newlines at the root); a child already found by a
  // search is kept, with what it has looked up or indexed below it.
  private index(): Map<string, SuffixNode> {
    const { text, to } = this;
    const children = new Map<string, SuffixNode>();
    for (let at = this.from; at < to; ) {
      let labelEnd = at;
      while (labelEnd < to && !SEPARATORS.has(text[labelEnd]!)) labelEnd += 1;
      const label = text.slice(at, labelEnd);
      const entry = entryAfterLabel(text, labelEnd);
      if (label !== '') children.set(label, this.found.get(label) ?? entry.node);
      at = entry.end + 1;
    }
    return children;
  }

  private search(label: string): SuffixNode | undefined {
    const { text, from, to } = this;
    if (!label || /[(),~\n]/.test(label)) return undefined;
    // The root's entries are the lines, each a top-level label; below it, entries are separated by
    // commas, and only those with as many parentheses opened as closed before them are this node's.
    const root = from === 0 && to === text.length;
    let depth = 0;
    let counted = from;
    for (let at = text.indexOf(label, from); at !== -1 && at < to; at = text.indexOf(label, at + 1)) {
      const end = at + label.length;
      const starts = at === from || text[at - 1] === (root ? '\n' : ',');
      if (!starts || (end < to && !'(),~\n'.includes(text[end]!))) continue;
      if (!root) {
        depth += count(OPEN, text, counted, at) - count(CLOSE, text, counted, at);
        counted = at;
        if (depth !== 0) continue;
      }
      return entryAfterLabel(text, end).node;
    }
    return undefined;
  }
}

const SEPARATORS = new Set(['(', ')', ',', '~', '\n']);

function count(pattern: RegExp, text: string, from: number, to: number): number {
  return text.slice(from, to).match(pattern)?.length ?? 0;
}

// The node of the entry whose label ends at `labelEnd` (`~` when it is not a rule, then `(children)`), and where
// the entry ends (exclusive).
function entryAfterLabel(text: string, labelEnd: number): { readonly node: SuffixNode; readonly end: number } {
  const rule = text[labelEnd] !== '~';
  const open = rule ? labelEnd : labelEnd + 1;
  if (text[open] !== '(') return { node: new SuffixNode(rule, text, open, open), end: open };
  const close = closingParenthesis(text, open);
  return { node: new SuffixNode(rule, text, open + 1, close), end: close + 1 };
}

// The index of the `)` that closes the `(` at `open`.
function closingParenthesis(text: string, open: number): number {
  PARENTHESIS.lastIndex = open + 1;
  for (let depth = 1; ; ) {
    const found = PARENTHESIS.exec(text)!;
    depth += found[0] === '(' ? 1 : -1;
    if (depth === 0) return found.index;
  }
}

/**
 * The root of the trie written in the text format of lib/core/public-suffix-data.ts: `label`, `~`
 * when the node is not a rule, its children in parentheses; siblings separated by commas, top-level
 * entries by newlines. Nothing is read until a lookup asks for it.
 */
export function decodeSuffixTrie(text: string): SuffixNode {
  return new SuffixNode(false, text, 0, text.length);
}

/**
 * How many of `labels` (right to left: the top-level label first) the deepest matching rule covers,
 * 0 when none matches. The walk is the one behind tldts' `parse` (test/core/public-suffix.test.ts compares
 * the two on every rule): a label follows its own edge when there is one, otherwise the `*` edge, unless the
 * label is empty; the walk stops at the first label with neither, and never backtracks.
 */
export function deepestRule(root: SuffixNode, labels: readonly string[]): number {
  let node = root;
  let covered = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i]!;
    const next = node.child(label) ?? (label ? node.child('*') : undefined);
    if (!next) break;
    node = next;
    if (node.rule) covered = i + 1;
  }
  return covered;
}

/** The node at the end of `labels` (right to left) following exact labels only, or undefined. */
export function nodeAt(root: SuffixNode, labels: readonly string[]): SuffixNode | undefined {
  let node: SuffixNode | undefined = root;
  for (const label of labels) node = node?.child(label);
  return node;
}
