import { createHash } from 'node:crypto';

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, stable((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/**
 * A short, stable hash of a rendered configuration: it changes exactly when the configuration does,
 * so it can trigger a redeployment (API Gateway `aws_api_gateway_deployment.triggers`).
 */
export function configFingerprint(config: unknown): string {
  return createHash('sha256').update(JSON.stringify(stable(config))).digest('hex').slice(0, 16);
}
