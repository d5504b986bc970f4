import { extractFromCloudFormation } from './cloudformation';
import { asRecord } from './reader';
import { extractFromTerraform } from './terraform';
import type { ExtractedCors, ExtractOptions } from './types';

/** What kind of synthesized output a JSON document is. */
export type SynthesizedKind = 'cloudformation' | 'terraform';

/** Whether a parsed JSON document is a CloudFormation template (`Resources`) or Terraform JSON (`resource`); `undefined` otherwise. */
export function detectSynthesizedKind(document: unknown): SynthesizedKind | undefined {
  const record = asRecord(document);
  if (!record) return undefined;
  if (asRecord(record['Resources'])) return 'cloudformation';
  if (asRecord(record['resource']) || asRecord(record['terraform'])) return 'terraform';
  return undefined;
}

/**
 * Extracts every CORS configuration from a CloudFormation template or Terraform JSON document,
 * or from a cdktf synth string (`Testing.synth` output). Documents of neither kind give `[]`.
 */
export function extractCors(document: unknown, options: ExtractOptions = {}): ExtractedCors[] {
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch {
      return [];
    }
  }
  switch (detectSynthesizedKind(parsed)) {
    case 'cloudformation': return extractFromCloudFormation(parsed, options);
    case 'terraform': return extractFromTerraform(parsed, options);
    default: return [];
  }
}
