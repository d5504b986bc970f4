// CDK and cdktf encode deploy-time values as marker strings (`${Token[…]}`, `${TfToken[…]}`,
// `#{Token[…]}` for lists) and numbers as doubles with reserved high bits (aws-cdk-lib
// core/lib/private/encoding.ts; cdktf's copy uses other marker bits). Measured: CDK number tokens
// are near -1.8881545897e+289, cdktf ones near -8.1095622125e+298. Neither can be checked at synth.
const STRING_TOKEN = /[$#]\{(?:Tf)?Token\[/;
const NUMBER_TOKEN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [-1.9e289, -1.8e289],
  [-8.2e298, -8.0e298],
];

/** Whether a value is an unresolved CDK or cdktf token that validation must skip. */
export function isUnresolvedToken(value: unknown): boolean {
  if (typeof value === 'string') return STRING_TOKEN.test(value);
  if (typeof value === 'number') return NUMBER_TOKEN_RANGES.some(([min, max]) => value > min && value < max);
  return false;
}
