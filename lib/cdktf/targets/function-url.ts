import type { FunctionUrlCorsConfig } from '../../core';
import type { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';

/**
 * The `cors` block of an `aws_lambda_function_url`, in the provider's property names.
 * Structurally assignable to `LambdaFunctionUrlCors` of `@cdktf/provider-aws`.
 */
export interface FunctionUrlCors {
  allowOrigins?: string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  allowCredentials?: boolean;
  maxAge?: number;
}

/** Maps the core's neutral function URL configuration onto the provider's `cors` shape. */
export function toFunctionUrlCors(config: FunctionUrlCorsConfig): FunctionUrlCors {
  return {
    allowOrigins: [...config.allowOrigins],
    allowMethods: [...config.allowMethods],
    ...(config.allowHeaders ? { allowHeaders: [...config.allowHeaders] } : {}),
    ...(config.exposeHeaders ? { exposeHeaders: [...config.exposeHeaders] } : {}),
    allowCredentials: config.allowCredentials,
    ...(config.maxAgeSeconds !== undefined ? { maxAge: config.maxAgeSeconds } : {}),
  };
}

/** The `cors` block the function URL holds now, if any. */
export function currentFunctionUrlCors(url: LambdaFunctionUrl): unknown {
  return url.corsInput;
}

/** Sets the function URL's `cors` block. */
export function setFunctionUrlCors(url: LambdaFunctionUrl, cors: FunctionUrlCors): void {
  url.putCors(cors);
}
