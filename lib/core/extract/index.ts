export { extractFromCloudFormation } from './cloudformation';
export { extractFromTerraform } from './terraform';
export { detectSynthesizedKind, extractCors, type SynthesizedKind } from './detect';
export { recoverPolicies, originFromRegex, locateDiagnostic, type FieldLocations, type PolicyLocations, type RecoveredPolicy } from './policy';
export { auditExtracted, auditSituational, auditSynthesized, type AuditFinding } from './audit';
export { selectExtracted, describeExtracted } from './select';
export { isOpaqueValue } from './opaque';
export type { ExtractedConfigs, ExtractedCors, ExtractionSource, ExtractOptions, SourceLocation, UnresolvedValue } from './types';
