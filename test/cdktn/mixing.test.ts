import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktn';
import { Apigatewayv2Api } from '@cdktn/provider-aws/lib/apigatewayv2-api';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import type { CorsPolicyProps } from 'cors-constructs';
import { CorsPolicy as CdktfCorsPolicy } from 'cors-constructs/cdktf';
import { CorsPolicy } from 'cors-constructs/cdktn';

// The mixing trap as the README describes it ("Moving from CDKTF to CDK Terrain"): a cors-constructs/cdktf policy
// in a cdktn app compiles (a scope is any construct; the builders return this library's own types), then either
// fails app.synth() or synthesizes without its warnings. If a cdktn release changes either, the README must too.

const WARNS: CorsPolicyProps = { allowOrigins: ['https://app.example.com', 'null'] };
let outdir: string;
beforeEach(() => { outdir = mkdtempSync(path.join(tmpdir(), 'cors-constructs-mixing-')); });
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

function cdktnStack(): { app: App; stack: TerraformStack } {
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'web');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return { app, stack };
}

const written = <T>(file: string) => JSON.parse(readFileSync(path.join(outdir, file), 'utf8')) as T;
const annotations = () => written<{ stacks: Record<string, { annotations: { message: string }[] }> }>('manifest.json').stacks['web']!.annotations;

test('a cdktf policy that creates a resource in a cdktn app fails app.synth()', () => {
  const { app, stack } = cdktnStack();
  // Only a cast gets a cdktn bucket past the cdktf typings (JavaScript has none).
  new CdktfCorsPolicy(stack, 'Cors', WARNS).applyToBucket(new S3Bucket(stack, 'Uploads', {}) as never);
  expect(() => app.synth()).toThrow(/_resetResolveDiscoveredProviderFeatureUsage is not a function/);
});

test('a cdktf policy used through its builders in a cdktn app synthesizes, keeps its errors and loses every warning', () => {
  const { app, stack } = cdktnStack();
  const cors = new CdktfCorsPolicy(stack, 'Cors', WARNS);
  new Apigatewayv2Api(stack, 'Api', { name: 'api', protocolType: 'HTTP', corsConfiguration: cors.toHttpApiCorsConfiguration() });
  app.synth();
  const api = written<{ resource: { aws_apigatewayv2_api: { Api: { cors_configuration: unknown } } } }>('stacks/web/cdk.tf.json').resource.aws_apigatewayv2_api.Api;
  expect(api.cors_configuration).toEqual({ allow_credentials: false, allow_methods: ['GET', 'HEAD'], allow_origins: ['https://app.example.com', 'null'] });
  expect(annotations()).toEqual([]);

  // The same policy from cors-constructs/cdktn warns (its Aspect is cdktn's).
  rmSync(outdir, { recursive: true, force: true });
  const right = cdktnStack();
  const own = new CorsPolicy(right.stack, 'Cors', WARNS);
  new Apigatewayv2Api(right.stack, 'Api', { name: 'api', protocolType: 'HTTP', corsConfiguration: own.toHttpApiCorsConfiguration() });
  right.app.synth();
  expect(annotations().map((a) => a.message)).toEqual([expect.stringMatching(/^cors-constructs:origin-null /)]);

  // Errors come from node.addValidation (constructs), which cdktn runs.
  const wrong = cdktnStack();
  new CdktfCorsPolicy(wrong.stack, 'Cors', { allowOrigins: ['*'], allowCredentials: true }).toHttpApiCorsConfiguration();
  expect(() => wrong.app.synth()).toThrow(/\[web\/Cors\] cors-constructs:origin-wildcard-with-credentials/);
});
