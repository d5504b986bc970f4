export * from './capabilities';
export * from './cloudfront';
export * from './function-url';
export * from './http-api';
export * from './rest-api';
export * from './s3';
export { targetMethods, toServiceCorsBlockConfig, type ServiceCorsBlockConfig, type ServiceCorsFields } from './lists';
