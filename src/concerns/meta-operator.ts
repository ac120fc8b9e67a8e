import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import type { PlatformConfig } from '../config';
import { Wave } from '../lib/argo';
import { Concern, PlatformContext } from '../lib/concern';
import { Checks } from '../lib/errors';
import { PlatformApplication } from '../lib/argo-application';
import { deepMerge, OpenPartial } from '../lib/merge';
import { namespaceRole, namespaceSelector, standardLabels } from '../lib/names';
import { Platform } from '../lib/operator';
import { API_VERSIONS } from '../versions';
import { checkGatewayRef, checkIstioTlsMode, CoreV1WebhookPolicy, coreV1PlatformValues, SeldonCoreV1Values } from './core-v1';
import type { ElasticsearchEndpoint } from './elasticsearch';
import { KNATIVE_EVENTING_NAMESPACE } from './serverless';
import { ingressGatewayValues, type SeldonDeployDependencies, type SeldonDeployValues } from './seldon-deploy';
import { GIT_URL } from '../lib/formats';

const COMPONENT = 'meta-operator';

/** The request logger's Service name: detectors reply to `http://seldon-request-logger.<logs namespace>` by default. */
const REQUEST_LOGGER = 'seldon-request-logger';
/** The request logger's HTTP port (`METRONOME_SERVER_HTTP_PORT`, seldon-deploy chart templates/request-logger.yaml:70-72). */
const REQUEST_LOGGER_PORT = 8080;

/**
 * Seldon Deploy (Enterprise) chart values in Meta-Operator mode: the value type of the Deploy Helm install, every field
 * optional, other keys passed through unchecked (as `core.values` shares SeldonCoreV1Values with the Core v1 install).
 */
export type MetaOperatorEnterpriseValues = OpenPartial<SeldonDeployValues>;

/**
 * The `SeldonOperator` spec (`operator.seldon.io/v1alpha1`), typed by hand from seed 003: the Meta-Operator publishes
 * no CRD (it ships inside its install manifest), so there is nothing to import or validate against.
 */
export interface SeldonOperatorSpec {
  readonly enable?: {
    /** Managed Seldon Core Analytics (Prometheus, Alertmanager, exporters). */
    readonly analytics?: boolean;
    /** Built-in trial PostgreSQL for the model catalogue. */
    readonly catalogue?: boolean;
    /** Payload logging: a built-in trial Elasticsearch (OpenSearch), or an external one (`payloadstore`). */
    readonly payloadstore?: boolean;
    /** Istio routing: canaries, shadows, Seldon Deploy behind a gateway. */
    readonly routing?: boolean;
    /** Outlier and drift detectors (Knative). */
    readonly detectors?: boolean;
  };
  readonly routing?: { readonly create_gateway?: boolean };
  readonly payloadstore?: { readonly internal_elastic?: { readonly use_internal?: boolean } };
  readonly core?: { readonly values?: SeldonCoreV1Values };
  readonly enterprise?: { readonly values?: MetaOperatorEnterpriseValues };
}

/**
 * Where Argo CD installs the Meta-Operator from. Seed 003 installs it with `kubectl apply -f
 * https://storage.googleapis.com/seldonoperator/seldonoperator_install.yaml`; Argo CD cannot apply a raw URL, and that
 * URL is unversioned (it changes under you). Mirror the file into a Git repository at a reviewed revision and point
 * this at it.
 */
export interface MetaOperatorInstallSource {
  /** The Git repository holding the mirrored `seldonoperator_install.yaml`. */
  readonly repoURL: string;
  /** Folder of the manifest in the repository (relative), e.g. "vendor/seldon-meta-operator". */
  readonly path: string;
  /** A tag or commit of the mirror (pin it; a branch lets the operator change without review). */
  readonly targetRevision: string;
}

/** Istio routing of the Meta-Operator (seed 003 "Enable Routing"). */
export interface MetaOperatorRouting {
  /**
   * The gateway Seldon Core and Seldon Deploy attach to (`core.values.istio.gateway` and
   * `enterprise.values.virtualService.gateways`), with `routing.create_gateway: false`.
   * @default the platform's Seldon gateway (`istio-system/seldon-gateway`), which has the HTTPS and Route options
   */
  readonly gateway?: string;
  /**
   * Let the Meta-Operator create its own plain-HTTP `seldon-gateway` in the system namespace instead of using the
   * platform's gateway (seed 003's default).
   * @default false
   */
  readonly createGateway?: boolean;
}

/**
 * Options of the Seldon Meta-Operator install mode (seed 003). Preview alpha upstream: "not production ready".
 * Enabling it replaces the separate Core v1 and Seldon Deploy installs, so set `coreV1: false` and `deploy: false`.
 */
export interface MetaOperatorOptions {
  /**
   * Name of the `SeldonOperator` resource in the system namespace. The seed's `seldonoperator-sample` is the
   * kubebuilder sample name; the components keep their own names (`seldon-controller-manager`, `seldon-deploy`), so a
   * name that says what it is reads better in `kubectl get seldonoperators`.
   * @default "seldon"
   */
  readonly name?: string;
  /**
   * Install the Meta-Operator itself with an Argo CD Application from a Git mirror of its manifest. When omitted the
   * operator is a prerequisite you apply yourself (`kubectl apply -f
   * https://storage.googleapis.com/seldonoperator/seldonoperator_install.yaml`, seed 003) before the first sync.
   * @default a prerequisite
   */
  readonly install?: MetaOperatorInstallSource;
  /**
   * Istio routing (`enable.routing`): needs the service mesh, which the Meta-Operator does not install. `true` or an
   * object turns it on (with the platform's gateway unless set), `false` off.
   * @default on with the platform's gateway when serviceMesh is enabled, off otherwise
   */
  readonly routing?: boolean | MetaOperatorRouting;
  /**
   * Outlier and drift detectors (`enable.detectors`): need Knative Serving and Eventing (serverless) and routing.
   * @default true when serverless and routing are on
   */
  readonly detectors?: boolean;
  /**
   * Payload logging store (`enable.payloadstore`). `external`: the platform's Elasticsearch (seed 003 "Enabling
   * External Payloadstore": `use_internal: false` and the Elasticsearch values). `trial`: the Meta-Operator's
   * built-in OpenSearch, for trials only. `false`: no payload logging.
   * @default "external" when elasticsearch is enabled, otherwise false
   */
  readonly payloadStore?: 'external' | 'trial' | false;
  /** Built-in Seldon Core Analytics (`enable.analytics`): a second Prometheus beside the platform's monitoring. @default false */
  readonly analytics?: boolean;
  /** Built-in trial PostgreSQL for the model catalogue (`enable.catalogue`), for trials only. @default false */
  readonly catalogue?: boolean;
  /**
   * Type of the `seldon-deploy` Service (`enterprise.values.service.type`). `LoadBalancer` exposes Seldon Deploy
   * outside the cluster without the gateway; Seldon advises routing through Istio instead.
   * @default "ClusterIP" (seed 003)
   */
  readonly serviceType?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /**
   * Detectors reply to `http://seldon-request-logger.<logs namespace>` by default, but the Meta-Operator runs the
   * request logger in the system namespace and offers no setting for it (seed 003 "Known Issues"). When on, an
   * `ExternalName` Service `seldon-request-logger` in the logs namespace points the default at the real logger, so
   * detectors work without editing each one's `reply_url`.
   * @default true (when detectors are on)
   */
  readonly replyUrlAlias?: boolean;
  /** Seldon Core chart values (`spec.core.values`), merged over the ones the platform sets. */
  readonly coreValues?: SeldonCoreV1Values;
  /** Seldon Deploy chart values (`spec.enterprise.values`), merged over the ones the platform sets. */
  readonly enterpriseValues?: MetaOperatorEnterpriseValues;
}

/** What the Meta-Operator mode needs from the rest of the platform (wired by SeldonPlatform). */
export interface MetaOperatorDependencies {
  /** `<namespace>/<name>` of the platform's Seldon gateway, when the service mesh is enabled. */
  readonly gatewayRef?: string;
  /** The ingress gateway's Service and the namespace of its pods, when the service mesh is enabled. */
  readonly ingressGateway?: SeldonDeployDependencies['ingressGateway'];
  /** Knative Serving and Eventing are installed (serverless). */
  readonly serverless: boolean;
  /** The platform's Elasticsearch, when enabled. */
  readonly elasticsearch?: ElasticsearchEndpoint;
}

/** Which platform components are on: the facts the defaults and checks depend on. */
interface PlatformFacts {
  readonly serviceMesh: boolean;
  readonly serverless: boolean;
  readonly elasticsearch: boolean;
}

interface ResolvedFeatures {
  readonly routing?: MetaOperatorRouting;
  readonly detectors: boolean;
  readonly payloadStore: 'external' | 'trial' | false;
  readonly analytics: boolean;
  readonly catalogue: boolean;
}

function resolveFeatures(options: MetaOperatorOptions, facts: PlatformFacts): ResolvedFeatures {
  const routingOn = options.routing === undefined ? facts.serviceMesh : options.routing !== false;
  return {
    routing: routingOn ? (typeof options.routing === 'object' ? options.routing : {}) : undefined,
    detectors: options.detectors ?? (routingOn && facts.serverless),
    payloadStore: options.payloadStore ?? (facts.elasticsearch ? 'external' : false),
    analytics: options.analytics ?? false,
    catalogue: options.catalogue ?? false,
  };
}

/**
 * The Seldon Meta-Operator install mode (seed 003): one `SeldonOperator` resource in the system namespace from which
 * the Meta-Operator installs and configures Seldon Core (v1) and Seldon Deploy, instead of the separate coreV1 and
 * deploy installs.
 *
 * Renders, on both platforms:
 * - optionally, an Argo CD Application installing the Meta-Operator from a Git mirror of its manifest (wave 2);
 * - the `SeldonOperator` (wave 5) with `spec.enable` flags, routing through the platform's gateway, the platform's
 *   Elasticsearch as external payload store, the Deploy Service type, and pass-through `core`/`enterprise` values;
 * - the NetworkPolicy admitting the API server to the Core admission webhook in the system namespace;
 * - with detectors, the `ExternalName` Service that fixes the detectors' default reply URL (see `replyUrlAlias`).
 *
 * Dependencies it needs but does not manage (Istio for routing, Knative for detectors, Elasticsearch for an external
 * payload store) come from the platform's serviceMesh, serverless and elasticsearch components; a config that enables a
 * feature without its dependency is rejected.
 *
 * Removal: the `SeldonOperator` carries a finalizer that only the Meta-Operator removes. If the operator goes first,
 * deleting the resource hangs (seed 003 "Known Issues"; the workaround is removing the finalizer by hand). The resource
 * is in wave 5 and the operator's Application in wave 2, and Argo CD prunes in reverse wave order, so a sync that drops
 * this mode deletes the resource (and waits for the operator to finalise it) before the operator. Do not delete the
 * operator's Application on its own.
 */
export class MetaOperator extends Construct implements Concern {
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, ctx: PlatformContext, options: MetaOperatorOptions, deps: MetaOperatorDependencies) {
    super(scope, id);
    const features = resolveFeatures(options, { serviceMesh: deps.gatewayRef !== undefined, serverless: deps.serverless, elasticsearch: deps.elasticsearch !== undefined });
    const labels = standardLabels(COMPONENT);
    const system = ctx.namespaces.system;
    if (options.install) this.renderInstall(ctx, options.install);
    this.resource = new ApiObject(this, 'SeldonOperator', {
      apiVersion: API_VERSIONS.SeldonOperator,
      kind: 'SeldonOperator',
      metadata: { name: options.name ?? 'seldon', namespace: system, labels },
      spec: seldonOperatorSpec(options, features, deps, ctx.platform),
    });
    new CoreV1WebhookPolicy(this, 'WebhookPolicy', { namespace: system, component: COMPONENT });
    if (deps.serverless && (features.payloadStore !== false || features.detectors)) this.renderRequestLoggerPolicy(system, features.detectors);
    if (features.detectors && (options.replyUrlAlias ?? true)) {
      new k8s.KubeService(this, 'RequestLoggerAlias', {
        metadata: { name: REQUEST_LOGGER, namespace: ctx.namespaces.logs, labels },
        spec: { type: 'ExternalName', externalName: `${REQUEST_LOGGER}.${system}.svc.cluster.local` },
      });
    }
  }

  /**
   * In this mode the request logger runs in the system namespace (seed 003), whose namespace policy admits only the
   * platform's namespaces: Knative Eventing's trigger deliveries (from knative-eventing) and, with detectors, the
   * detectors' replies (from the model namespaces, through the `seldon-request-logger.<logs>` alias) would be refused.
   * This policy admits exactly those callers, to the request logger pods only, on its HTTP port (8080, seldon-deploy
   * chart templates/request-logger.yaml:70-72); every other pod of the system namespace stays closed to model
   * namespaces (docs/data-paths.md).
   */
  private renderRequestLoggerPolicy(system: string, detectors: boolean): void {
    new k8s.KubeNetworkPolicy(this, 'RequestLoggerPolicy', {
      metadata: { name: 'seldon-request-logger', namespace: system, labels: standardLabels(COMPONENT) },
      spec: {
        podSelector: { matchLabels: { app: REQUEST_LOGGER } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              { namespaceSelector: namespaceSelector(KNATIVE_EVENTING_NAMESPACE) },
              ...(detectors ? [{ namespaceSelector: { matchLabels: namespaceRole('models') } }] : []),
            ],
            ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(REQUEST_LOGGER_PORT) }],
          },
        ],
      },
    });
  }

  private renderInstall(ctx: PlatformContext, source: MetaOperatorInstallSource): void {
    new PlatformApplication(this, 'Install', {
      name: 'seldon-meta-operator',
      source: { repoUrl: source.repoURL, path: source.path, targetRevision: source.targetRevision },
      namespace: ctx.namespaces.system,
      target: ctx.target,
      wave: Wave.OPERATORS,
      syncOptions: ['ServerSideApply=true'],
      component: COMPONENT,
    });
  }
}

function seldonOperatorSpec(options: MetaOperatorOptions, features: ResolvedFeatures, deps: MetaOperatorDependencies, platform: Platform): SeldonOperatorSpec {
  const routing = features.routing;
  const gateway = routing && !routing.createGateway ? routing.gateway ?? deps.gatewayRef : undefined;
  const core: SeldonCoreV1Values = {
    ...coreV1PlatformValues(platform),
    usageMetrics: { enabled: false },
    // No tlsMode: auto mTLS, as for the Core v1 install (see CoreV1IstioOptions.tlsMode, docs/data-paths.md).
    ...(routing ? { istio: { enabled: true, ...(gateway ? { gateway } : {}) } } : {}),
  };
  const es = features.payloadStore === 'external' ? deps.elasticsearch : undefined;
  const enterprise: MetaOperatorEnterpriseValues = {
    service: { type: options.serviceType ?? 'ClusterIP' },
    ...(gateway ? { virtualService: { gateways: [gateway] } } : {}),
    ...(routing ? ingressGatewayValues(deps.ingressGateway) : {}),
    ...(es
      ? {
          elasticsearch: { url: es.url, basicAuth: true, secret: { name: es.credentialsSecret, userKey: 'username', passwordKey: 'password' } },
          requestLogger: { elasticsearch: { host: es.host, port: String(es.port), protocol: es.protocol } },
        }
      : {}),
  };
  return {
    enable: { analytics: features.analytics, catalogue: features.catalogue, payloadstore: features.payloadStore !== false, routing: routing !== undefined, detectors: features.detectors },
    ...(routing ? { routing: { create_gateway: routing.createGateway ?? false } } : {}),
    ...(features.payloadStore ? { payloadstore: { internal_elastic: { use_internal: features.payloadStore === 'trial' } } } : {}),
    core: { values: deepMerge(core, options.coreValues) },
    enterprise: { values: deepMerge(enterprise, options.enterpriseValues) },
  };
}

/** Validates the Meta-Operator options and its dependencies on the rest of the platform. */
export function checkMetaOperator(checks: Checks, options: MetaOperatorOptions, config: PlatformConfig): void {
  const facts: PlatformFacts = { serviceMesh: config.serviceMesh !== false, serverless: config.serverless !== false, elasticsearch: config.elasticsearch !== false };
  if (config.coreV1 !== false) {
    checks.fail('coreV1', config.coreV1, 'is on (it is unless set to false) together with metaOperator, which installs Seldon Core itself: two operators would reconcile the same SeldonDeployments', 'set coreV1: false and give Core settings through metaOperator.coreValues');
  }
  if (config.deploy !== false) {
    checks.fail('deploy', config.deploy, 'is on (it is unless set to false) together with metaOperator, which installs Seldon Deploy itself: two releases would own the same objects', 'set deploy: false and give Deploy settings through metaOperator.enterpriseValues');
  }
  if (options.name !== undefined) checks.dnsLabel('metaOperator.name', options.name);
  if (options.install !== undefined) checkInstallSource(checks, options.install);
  const features = resolveFeatures(options, facts);
  checkRouting(checks, options, facts);
  if (options.detectors === true) {
    if (!facts.serverless) checks.fail('metaOperator.detectors', true, 'needs Knative Serving and Eventing, which the Meta-Operator does not install, and serverless is disabled', 'enable serverless, or set metaOperator.detectors: false');
    if (!features.routing) checks.fail('metaOperator.detectors', true, 'needs routing (Istio), which is off', 'enable serviceMesh and metaOperator.routing, or set metaOperator.detectors: false');
  }
  if (options.payloadStore !== undefined && options.payloadStore !== false) {
    if (checks.oneOf('metaOperator.payloadStore', options.payloadStore, ['external', 'trial'] as const) && options.payloadStore === 'external' && !facts.elasticsearch) {
      checks.fail('metaOperator.payloadStore', 'external', 'points Seldon Deploy at the platform\'s Elasticsearch, but elasticsearch is disabled', 'enable elasticsearch, use "trial" (built-in OpenSearch, not for production), or set payloadStore: false');
    }
  }
  if (options.serviceType !== undefined) checks.oneOf('metaOperator.serviceType', options.serviceType, ['ClusterIP', 'NodePort', 'LoadBalancer'] as const);
  const istio = options.coreValues?.istio;
  if (istio?.tlsMode !== undefined) checkIstioTlsMode(checks, 'metaOperator.coreValues.istio.tlsMode', istio.tlsMode);
  if (istio?.gateway !== undefined) checkGatewayRef(checks, 'metaOperator.coreValues.istio.gateway', istio.gateway);
}

function checkRouting(checks: Checks, options: MetaOperatorOptions, facts: PlatformFacts): void {
  const routing = options.routing;
  if (routing === undefined || routing === false) return;
  if (!facts.serviceMesh) {
    checks.fail('metaOperator.routing', routing, 'needs Istio, which the Meta-Operator does not install, and serviceMesh is disabled', 'enable serviceMesh, or set metaOperator.routing: false (and detectors: false)');
  }
  if (typeof routing !== 'object') return;
  if (routing.gateway !== undefined) {
    if (checkGatewayRef(checks, 'metaOperator.routing.gateway', routing.gateway) && routing.createGateway) {
      checks.fail('metaOperator.routing.createGateway', true, 'asks the Meta-Operator to create its own gateway, but routing.gateway names an existing one', 'remove one of them');
    }
  }
}

function checkInstallSource(checks: Checks, source: MetaOperatorInstallSource): void {
  const mirror = 'mirror seldonoperator_install.yaml into a Git repository and use its https://, ssh:// or git@ URL';
  if (checks.expect(typeof source.repoURL === 'string' && GIT_URL.test(source.repoURL), 'metaOperator.install.repoURL', source.repoURL, 'is not a Git URL Argo CD can clone', mirror)) {
    checks.expect(!/\.ya?ml$/.test(source.repoURL), 'metaOperator.install.repoURL', source.repoURL, 'is a manifest URL, not a Git repository: Argo CD cannot apply a raw URL', mirror);
  }
  checks.expect(typeof source.path === 'string' && source.path.length > 0 && !source.path.startsWith('/') && !source.path.split('/').includes('..'), 'metaOperator.install.path', source.path, 'is not a relative folder inside the repository', 'use the folder holding the manifest, e.g. "vendor/seldon-meta-operator"');
  checks.nonEmpty('metaOperator.install.targetRevision', source.targetRevision, 'pin the mirror to a tag or commit, e.g. "meta-operator-2024-06"');
}
