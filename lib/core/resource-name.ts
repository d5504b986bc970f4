import { configFingerprint } from './fingerprint';

/** Longest name of a CloudFront response headers policy (and of most AWS resource names built here). */
export const RESOURCE_NAME_MAX_LENGTH = 128;

/**
 * Characters kept for the region when it is a deploy-time value (a CDK token in region-agnostic
 * stacks, `data.aws_region` in cdktf). The longest region names today have 14 characters
 * (`ap-southeast-7`, `cn-northwest-1`).
 */
export const REGION_NAME_BUDGET = 16;

/** Longest stack part of a name; longer stack names are cut and suffixed with a hash. */
const STACK_PART_MAX_LENGTH = 48;

/** Letters, digits, `_` and `-` only: every other run of characters becomes one `-`; no `-` at either end. */
export function sanitizeNamePart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The value itself when it fits in `max` characters, otherwise its start followed by `-` and an
 * 8-character hash of `seed` (the full value by default), so two long values that share a start
 * stay distinct. Deterministic.
 */
export function truncateWithHash(value: string, max: number, seed: string = value): string {
  if (value.length <= max) return value;
  const hash = configFingerprint(seed).slice(0, 8);
  return `${value.slice(0, Math.max(0, max - hash.length - 1))}-${hash}`;
}

/** What {@link regionalResourceName} builds a name from. */
export interface RegionalResourceNameParts {
  /** The stack name (CloudFormation stack name, or the cdktf stack id). */
  readonly stackName: string;
  /** The region as it goes into the name: a literal, or a deploy-time value's placeholder (token). */
  readonly region: string;
  /** Whether `region` is a deploy-time value: {@link REGION_NAME_BUDGET} characters are kept for it. */
  readonly regionIsToken: boolean;
  /** The construct path below the stack, `/`-separated (e.g. `Api/Cors`). */
  readonly path: string;
  /**
   * What the hash of a cut path is computed from.
   * @default path
   */
  readonly pathSeed?: string;
}

/**
 * The name of a per-account, cross-region resource (a CloudFront response headers policy):
 * `<stack>-<region>-<path below the stack>`, at most {@link RESOURCE_NAME_MAX_LENGTH} characters once
 * the region is known, deterministic. Both parts are sanitized ({@link sanitizeNamePart}); the stack
 * part is cut at 48 characters and the path part at what is left, each with a hash suffix
 * ({@link truncateWithHash}). Used by the CDK and cdktf flavours alike: the name is part of the output
 * contract.
 */
export function regionalResourceName(parts: RegionalResourceNameParts): string {
  const stackPart = truncateWithHash(sanitizeNamePart(parts.stackName), STACK_PART_MAX_LENGTH, parts.stackName);
  const regionLength = parts.regionIsToken ? REGION_NAME_BUDGET : parts.region.length;
  const pathPart = truncateWithHash(sanitizeNamePart(parts.path), RESOURCE_NAME_MAX_LENGTH - stackPart.length - regionLength - 2, parts.pathSeed ?? parts.path);
  return `${stackPart}-${parts.region}-${pathPart}`;
}
