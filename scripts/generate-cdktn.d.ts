// Types of scripts/generate-cdktn.js for the tests that import it.
export declare const GENERATED_MARK: string;
export declare class GenerationError extends Error {
  readonly problems: string[];
  constructor(problems: string[]);
}
export declare function rewriteSpecifier(specifier: string): string | { error: string };
export declare function rewriteSource(text: string, fileName: string): string;
export declare function generatedFiles(root?: string): Record<string, string>;
export declare function generate(root?: string, options?: { check?: boolean }): { changed: string[]; stale: string[] };
