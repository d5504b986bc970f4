import { REGION_NAME_BUDGET, RESOURCE_NAME_MAX_LENGTH, regionalResourceName, sanitizeNamePart, truncateWithHash } from '../../lib/core/internal';

describe('sanitizeNamePart', () => {
  test('keeps letters, digits, _ and -; every other run becomes one -; no - at either end', () => {
    expect(sanitizeNamePart('Api/Cors')).toBe('Api-Cors');
    expect(sanitizeNamePart('/a..b c/')).toBe('a-b-c');
    expect(sanitizeNamePart('My_Stack-1')).toBe('My_Stack-1');
    expect(sanitizeNamePart('ünï/çødé')).toBe('n-d');
  });
});

describe('truncateWithHash', () => {
  test('a value that fits is returned as it is', () => {
    expect(truncateWithHash('abc', 3)).toBe('abc');
  });

  test('a longer value is cut to max characters with an 8-hex hash of the seed; deterministic; distinct seeds stay distinct', () => {
    const cut = truncateWithHash('a'.repeat(50), 20);
    expect(cut).toMatch(/^a{11}-[0-9a-f]{8}$/);
    expect(cut).toHaveLength(20);
    expect(truncateWithHash('a'.repeat(50), 20)).toBe(cut);
    expect(truncateWithHash('a'.repeat(50), 20, 'other')).not.toBe(cut);
  });
});

describe('regionalResourceName', () => {
  test('<stack>-<region>-<path below the stack>, sanitized', () => {
    expect(regionalResourceName({ stackName: 'Cdn', region: 'eu-west-1', regionIsToken: false, path: 'Cors' })).toBe('Cdn-eu-west-1-Cors');
    expect(regionalResourceName({ stackName: 'web-stack', region: '${data.aws_region.r.region}', regionIsToken: true, path: 'Api/Cors' })).toBe('web-stack-${data.aws_region.r.region}-Api-Cors');
  });

  test('long parts are cut with a hash; the name fits 128 characters once any region is substituted; deterministic', () => {
    const parts = { stackName: 's'.repeat(60), region: '${Token[AWS.Region.9]}', regionIsToken: true, path: Array.from({ length: 6 }, (_, i) => `Level${i}-${'x'.repeat(20)}`).join('/') + '/Cors' };
    const name = regionalResourceName(parts);
    expect(regionalResourceName(parts)).toBe(name);
    const [stackPart, pathPart] = name.split('-${Token[AWS.Region.9]}-');
    expect(stackPart).toMatch(/^s{39}-[0-9a-f]{8}$/);
    expect(pathPart).toMatch(/-[0-9a-f]{8}$/);
    expect(stackPart!.length + pathPart!.length + 2 + REGION_NAME_BUDGET).toBe(RESOURCE_NAME_MAX_LENGTH);
    expect(`${stackPart}-ap-southeast-7-${pathPart}`.length).toBeLessThanOrEqual(RESOURCE_NAME_MAX_LENGTH);
    // Another path with the same start gets another hash.
    expect(regionalResourceName({ ...parts, path: `${parts.path}2` })).not.toBe(name);
  });

  test('a literal region takes its own length: the name is exactly 128 characters when cut', () => {
    const name = regionalResourceName({ stackName: 'Stack', region: 'us-east-1', regionIsToken: false, path: 'p'.repeat(200) });
    expect(name).toHaveLength(RESOURCE_NAME_MAX_LENGTH);
    expect(name.startsWith('Stack-us-east-1-ppp')).toBe(true);
  });
});
