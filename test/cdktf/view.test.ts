import { TerraformStack, Testing } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformView } from '../../lib/cdktf/view';

// The reference index answers as refersTo does, for every pair (it only replaces pairwise tests).
describe('TerraformView.referrers', () => {
  test('same answers as refersTo over every (configuration, bucket) pair, including near-miss references', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'view');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const buckets = ['B', 'B-2', 'B_3', 'BB'].map((id) => new S3Bucket(stack, id, { bucket: id.toLowerCase() }));
    const rule = [{ allowedOrigins: ['https://a.example.com'], allowedMethods: ['GET'] }];
    const texts = [
      buckets[0]!.id,
      buckets[1]!.bucket,
      `prefix-${buckets[2]!.id}`,
      'data.aws_s3_bucket.B.id',
      'xaws_s3_bucket.BB.id',
      'aws_s3_bucket.BB-x.id',
      '${aws_s3_bucket.B.id}-${aws_s3_bucket.BB.arn}',
      'literal',
    ];
    const configs = texts.map((bucket, i) => new S3BucketCorsConfiguration(stack, `Cors${i}`, { bucket, corsRule: rule }));
    const view = TerraformView.of(stack)!;
    for (const bucket of buckets) {
      const expected = configs.filter((c) => view.refersTo(view.attribute(c, 'bucket', c.bucketInput), bucket));
      expect(view.referrers<{ bucketInput?: unknown }>(S3BucketCorsConfiguration.tfResourceType, 'bucket', (r) => r.bucketInput, bucket)).toEqual(expected);
    }
    // Sanity: the pairs found.
    expect(view.referrers<{ bucketInput?: unknown }>(S3BucketCorsConfiguration.tfResourceType, 'bucket', (r) => r.bucketInput, buckets[0]!).map((c) => c.node.id)).toEqual(['Cors0', 'Cors6']);
    expect(view.referrers<{ bucketInput?: unknown }>(S3BucketCorsConfiguration.tfResourceType, 'bucket', (r) => r.bucketInput, buckets[3]!).map((c) => c.node.id)).toEqual(['Cors6']);
  });
});
