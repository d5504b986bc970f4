import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_CATALOGUE } from 'cors-constructs';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

  test('the rule table lists every rule of the code, with its severity, and nothing else', () => {
    const section = readme.slice(readme.indexOf('## Validation rules'), readme.indexOf('\n## ', readme.indexOf('## Validation rules') + 1));
    const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \| ([a-z /]+?)( \(target\))? \|/gm)].map((m) => ({ rule: m[1], severity: m[2], target: m[3] !== undefined }));
    const expected = Object.entries(RULE_CATALOGUE).map(([rule, entry]) => ({
      rule,
      severity: rule === 'origin-null' || rule === 'origin-pattern-public-suffix' ? 'error / warning' : rule === 'origin-not-canonical' || rule === 'method-not-normalized' ? 'warning / error' : entry.severity,
      target: entry.targetLimit,
    }));
    expect(rows).toEqual(expected);
  });

  test('shows the two commands', () => {
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
  });
});
