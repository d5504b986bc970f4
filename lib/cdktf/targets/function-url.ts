import type { ServiceCorsBlock } from './service-cors';
import type { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';

/** The `cors` block of an `aws_lambda_function_url` (structurally assignable to `LambdaFunctionUrlCors`). */
export type FunctionUrlCors = ServiceCorsBlock;

/** The `cors` block the function URL holds now, if any. */
export function currentFunctionUrlCors(url: LambdaFunctionUrl): unknown {
  return url.corsInput;
}

/** Sets the function URL's `cors` block. */
export function setFunctionUrlCors(url: LambdaFunctionUrl, cors: FunctionUrlCors): void {
  url.putCors(cors);
}
