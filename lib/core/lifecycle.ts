import { formatDiagnostic, type CorsDiagnostic } from './diagnostic';
import { CORS_TARGETS, type CorsPolicyProps, type CorsTarget } from './props';
import { compileCorsPolicyUnchecked, compileDiagnostics } from './compile';
import type { NormalizedCorsPolicy } from './normalize';
import { originParser, type OriginParser } from './origin-parser';
import { readPropsOnce } from './rules/input';
import { DiagnosticSink } from './rules/sink';

/**
 * The library name every reported finding starts with, followed by `:` and the rule id
 * (`cors-constructs:proxy-responses-uncovered`): the id users acknowledge or grep for, in both flavours.
 */
export const DIAGNOSTIC_ID_PREFIX = 'cors-constructs';

/** `cors-constructs:<rule>`: the id of a finding (the CDK flavour's warning id). */
export function diagnosticId(diagnostic: CorsDiagnostic): string {
  return `${DIAGNOSTIC_ID_PREFIX}:${diagnostic.rule}`;
}

/** `cors-constructs:<rule> [rule] field (target): message`: one finding as a synth message. */
export function formatSynthMessage(diagnostic: CorsDiagnostic): string {
  return `${diagnosticId(diagnostic)} ${formatDiagnostic(diagnostic)}`;
}

/**
 * What a `CorsPolicy` construct of either flavour remembers between its application calls and the
 * framework's passes: the targets it was applied or rendered for, whether its REST applications carry
 * gateway responses, the core's diagnostics of the policy for those targets and the warnings already
 * reported. Pure: the adapters call it and surface what it returns.
 */
export class CorsPolicyLifecycle {
  private readonly targets = new Set<CorsTarget>();
  private readonly restApplications: boolean[] = [];
  private readonly reported = new Set<string>();
  private validated?: { readonly key: string; readonly diagnostics: readonly CorsDiagnostic[] };

  /** The policy in canonical form, rendered by every target: normalized from the same copy that is validated. */
  public readonly policy: NormalizedCorsPolicy;
  /** The copy of the props taken at construction (frozen): what is validated and rendered. */
  public readonly props: CorsPolicyProps;
  private readonly readDiagnostics: readonly CorsDiagnostic[];
  // One memo for the construct's life: the copy is frozen, so each origin is parsed once for the canonical form
  // and every validation (one per set of targets).
  private readonly parse: OriginParser = originParser();

  /**
   * @param props the policy as written. It is copied once, here: what the targets render and what synthesis
   * validates come from that copy, so props changed after construction (a JavaScript caller's list is
   * mutable) can neither pass validation nor reach a target unvalidated.
   * @param reported what a front end already reported while reading the props itself (the CDK flavour's
   * `maxAge`), reported first and counted as the fields' findings.
   */
  constructor(props: CorsPolicyProps, reported: readonly CorsDiagnostic[] = []) {
    const sink = new DiagnosticSink();
    sink.diagnostics.push(...reported);
    const read = readPropsOnce(props, sink);
    // A non-object stays as given: the validator names what it was.
    this.props = read.isObject ? (Object.freeze(read.record) as unknown as CorsPolicyProps) : props;
    this.readDiagnostics = sink.diagnostics;
    this.policy = compileCorsPolicyUnchecked(this.props, this.parse).policy;
  }

  /** Records that the policy was applied to, or rendered for, a target. */
  public useTarget(target: CorsTarget): void {
    this.targets.add(target);
  }

  /** Records one application to a REST API, with or without gateway responses. */
  public useRestApi(gatewayResponses: boolean): void {
    this.targets.add('rest-api');
    this.restApplications.push(gatewayResponses);
  }

  /** The targets recorded so far, in {@link CORS_TARGETS} order. */
  public get appliedTargets(): CorsTarget[] {
    return CORS_TARGETS.filter((target) => this.targets.has(target));
  }

  /**
   * Whether the gateway-response rules apply: not when every REST application opted out of gateway
   * responses (`gateway-response-origin` would then describe nothing).
   */
  public get restApiGatewayResponses(): boolean {
    return this.restApplications.length === 0 || this.restApplications.some((withResponses) => withResponses);
  }

  /** The core's diagnostics of the policy for the recorded targets, computed once per set of targets. */
  public policyDiagnostics(): CorsDiagnostic[] {
    const targets = this.appliedTargets;
    const restApiGatewayResponses = this.restApiGatewayResponses;
    // The frameworks ask at least twice per synth (aspects or warnings, then validation).
    const key = `${targets.join(',')}|${restApiGatewayResponses}`;
    if (this.validated?.key !== key) {
      // A getter that threw while copying is reported once, before what the copy holds, and counts as the
      // field's finding (no second "allowOrigins is empty" for the field it left out).
      this.validated = { key, diagnostics: compileDiagnostics(this.props, { targets, restApiGatewayResponses }, this.parse, this.readDiagnostics) };
    }
    return [...this.validated.diagnostics];
  }

  /**
   * The warnings among `diagnostics` not returned by an earlier call, each once (by its synth message):
   * every pass recomputes the findings, a framework must show each only once.
   */
  public newWarnings(diagnostics: readonly CorsDiagnostic[]): CorsDiagnostic[] {
    return diagnostics.filter((d) => {
      if (d.severity !== 'warning') return false;
      const text = formatSynthMessage(d);
      if (this.reported.has(text)) return false;
      this.reported.add(text);
      return true;
    });
  }
}
