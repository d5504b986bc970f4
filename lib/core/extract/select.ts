import type { ExtractedCors } from './types';

/**
 * The configurations a selector names: a CloudFormation logical id, a Terraform address
 * (`aws_s3_bucket_cors_configuration.site`) or resource name (`site`), or a construct path, whole or
 * as a prefix ending at a path separator (`Stack/Site` selects `Stack/Site/Resource`). Exact matches
 * win over prefix matches.
 */
export function selectExtracted(items: readonly ExtractedCors[], selector: string): ExtractedCors[] {
  const exact = items.filter((item) =>
    item.resourceId === selector
    || (item.source === 'terraform' && item.resourceId.slice(item.resourceId.indexOf('.') + 1) === selector)
    || item.constructPath === selector);
  if (exact.length > 0) return exact;
  const prefix = selector.endsWith('/') ? selector : `${selector}/`;
  return items.filter((item) => item.constructPath !== undefined && item.constructPath.startsWith(prefix));
}

/** How a configuration is named in messages: the id and, when known, the construct path. */
export function describeExtracted(item: ExtractedCors): string {
  return item.constructPath !== undefined && item.constructPath !== item.resourceId ? `${item.resourceId} (${item.constructPath})` : item.resourceId;
}
