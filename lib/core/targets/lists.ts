import { ANY_METHOD } from '../methods';
import type { NormalizedCorsPolicy } from '../normalize';
import { TARGET_CAPABILITIES } from './capabilities';
import type { CorsTarget } from '../props';

/** The policy's methods as a target can hold them: `*` kept, expanded or turned into the service keyword. */
export function targetMethods(policy: NormalizedCorsPolicy, target: CorsTarget): string[] {
  const caps = TARGET_CAPABILITIES[target];
  if (!policy.allowMethods.includes(ANY_METHOD)) return [...policy.allowMethods];
  switch (caps.methodWildcard) {
    case 'native': return [ANY_METHOD];
    case 'all': return ['ALL'];
    case 'expand': return [...(caps.methods ?? [])];
  }
}

/** `{ key: list }` when the list has items, `{}` otherwise: services with minItems 1 reject `[]`. */
export function nonEmpty<K extends string>(key: K, values: readonly string[]): Partial<Record<K, string[]>> {
  return values.length > 0 ? ({ [key]: [...values] } as Partial<Record<K, string[]>>) : {};
}
