import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { checkPlatformConfig, PlatformConfig, ResolvedPlatform, resolvePlatform } from './config';
import { checkCoreV1, CoreV1 } from './concerns/core-v1';
import { checkCoreV2, CoreV2 } from './concerns/core-v2';
import { Bootstrap } from './concerns/bootstrap';
import { RootApplication } from './concerns/delivery';
import { checkElasticsearch, Elasticsearch } from './concerns/elasticsearch';
import { checkGitOps, GitOps } from './concerns/gitops';
import { checkKafka, Kafka } from './concerns/kafka';
import { checkLogging, Logging } from './concerns/logging';
import { checkMetaOperator, MetaOperator } from './concerns/meta-operator';
import { ModelAuth } from './concerns/model-auth';
import { checkModelCatalogue, ModelCatalogue } from './concerns/model-catalogue';
import { checkModelNamespace, ModelNamespace, ModelNamespaceDefaults, ModelNamespaceOptions, resolveModelNamespaceOptions } from './concerns/model-namespace';
import { checkMonitoring, Monitoring } from './concerns/monitoring';
import { PlatformNamespaceSet } from './concerns/namespaces';
import { checkSeldonDeploy, SeldonDeploy } from './concerns/seldon-deploy';
import { checkServerless, Serverless } from './concerns/serverless';
import { INGRESS_GATEWAY_SERVICE } from './concerns/ingress';
import { checkServiceMesh, ServiceMesh } from './concerns/service-mesh';
import { checkTls, Tls } from './concerns/tls';
import { applyArgoConventions, Wave } from './lib/argo';
import { olmPackage } from './lib/openshift-matrix';
import { OPERATOR_PINS_CONTEXT } from './lib/operator';
import { Concern, PlatformChart, PlatformContext } from './lib/concern';
import { checkUserInput } from './lib/config-schema';
import { Checks, checkAll, ConfigError, named, problemCollector, raise } from './lib/errors';
import { redactSecrets } from './lib/secret-scan';
import { checkRender } from './lib/invariants';
import { openshiftLine } from './lib/openshift-matrix';
import { renderApp, RenderedObject } from './lib/render';
import { SecretReference, SecretRequirement } from './lib/secrets';

/** The components a config can switch on or off, by config key. */
type ComponentKey = 'serviceMesh' | 'serverless' | 'elasticsearch' | 'logging' | 'monitoring' | 'modelCatalogue' | 'gitops' | 'kafka' | 'tls' | 'coreV1' | 'coreV2' | 'deploy' | 'metaOperator';

/** Components off unless configured. */
const OFF_BY_DEFAULT: ReadonlySet<ComponentKey> = new Set(['metaOperator']);

/** API groups (or group/Kind) whose CRDs exist before this render syncs, per platform: they need no SkipDryRun. */
const PREINSTALLED: Readonly<Record<PlatformConfig['platform'], readonly string[]>> = {
  // argoproj.io/ArgoCD: the OpenShift GitOps operator runs the Argo CD that applies the render (a prerequisite, or
  // installed by the bootstrap before the first sync), so its CRD exists before the first sync.
  openshift: ['operators.coreos.com/*', 'route.openshift.io/*', 'monitoring.coreos.com/*', 'argoproj.io/Application', 'argoproj.io/AppProject', 'argoproj.io/ArgoCD'],
  kubernetes: ['argoproj.io/Application', 'argoproj.io/AppProject'],
};

/**
 * The whole Seldon serving platform for one environment, built from one typed config. Every enabled concern renders
 * into its own chart (`dist/<environment>/<concern>/`); `addModelNamespace()` adds a model namespace in one call.
 *
 * The config is validated in full before anything is built: a bad config throws a ConfigError naming every field
 * path, value and fix.
 */
export class SeldonPlatform extends Construct {
  public readonly config: PlatformConfig;
  public readonly resolved: ResolvedPlatform;
  public readonly context: PlatformContext;
  /** Every secret the render depends on (for the overview and the verify script). */
  public readonly secrets: SecretReference[] = [];
  private readonly concerns: Concern[] = [];
  private readonly models = new Map<string, ModelNamespace>();
  /** Names of model namespaces whose options were rejected (the synth collects the problems and renders nothing). */
  private readonly rejected: string[] = [];
  /** False when the config was rejected: nothing is built, but model namespaces and constructs are still checked. */
  public readonly valid: boolean;

  public readonly serviceMesh?: ServiceMesh;
  public readonly serverless?: Serverless;
  public readonly elasticsearch?: Elasticsearch;
  public readonly logging?: Logging;
  public readonly monitoring?: Monitoring;
  public readonly modelCatalogue?: ModelCatalogue;
  public readonly gitops?: GitOps;
  public readonly kafka?: Kafka;
  public readonly tls?: Tls;
  public readonly coreV1?: CoreV1;
  public readonly coreV2?: CoreV2;
  public readonly deploy?: SeldonDeploy;
  public readonly metaOperator?: MetaOperator;
  /** What the Argo CD that applies the render needs first: `dist/<env>/bootstrap/`. */
  public readonly bootstrap?: Bootstrap;
  /** Per-model-namespace mTLS and token policies; present when the service mesh is. */
  public readonly modelAuth?: ModelAuth;

  constructor(scope: Construct, id: string, config: PlatformConfig) {
    super(scope, id);
    const collector = problemCollector(this);
    if (collector) collector.environment = String(redactSecrets(typeof config?.name === 'string' ? config.name : id));
    const problems = SeldonPlatform.problems(config);
    this.valid = problems === undefined || !raise(this, problems);
    this.config = config;
    // Every OperatorInstall below reads its package's pin (startingCSV, installPlanApproval) from here.
    this.node.setContext(OPERATOR_PINS_CONTEXT, (this.valid ? config.operators : undefined) ?? {});
    const resolved = resolvePlatform(this.valid ? config : { ...emptyConfig(config), name: id });
    this.resolved = { ...resolved, target: { ...resolved.target, applications: this.chart('applications') } };
    const secrets = this.secrets;
    const secretsConfig = config.secrets ?? {};
    this.context = {
      environment: config.name,
      platform: config.platform,
      namespaces: this.resolved.namespaces,
      target: this.resolved.target,
      ingressDomain: config.ingressDomain,
      openshiftVersion: config.openshiftVersion,
      workloadValues: config.workloadValues,
      openshift: config.platform === 'openshift' ? openshiftLine(config.openshiftVersion) : undefined,
      secret(s: Construct, secretId: string, requirement: SecretRequirement): SecretReference {
        const ref = new SecretReference(s, secretId, requirement, secretsConfig);
        secrets.push(ref);
        return ref;
      },
    };
    if (!this.valid) return;
    const ctx = this.context;
    const ns = this.resolved.namespaces;
    // The Kafka namespace exists only for an in-cluster (Strimzi / AMQ Streams) cluster, not for managed Kafka.
    const kafkaNamespace = this.enabled('kafka') && ((config.kafka || {}).provider?.type ?? 'strimzi') === 'strimzi' ? [ns.kafka] : [];

    new RootApplication(this.chart('delivery'), 'Root', { environment: config.name, delivery: this.resolved.delivery });
    const platformNamespaces = new PlatformNamespaceSet(this.chart('namespaces'), 'Namespaces', {
      // Seldon's own Argo CD instance exists only on OpenShift; on Kubernetes Seldon Deploy uses the platform's Argo CD.
      names: [ns.system, ns.logs, ...kafkaNamespace, ...(this.enabled('gitops') && config.platform === 'openshift' ? [ns.argocd] : [])],
      admitModelNamespaces: [ns.logs, ...kafkaNamespace],
    });

    this.serviceMesh = this.build('serviceMesh', 'service-mesh', (s, o) => new ServiceMesh(s, 'ServiceMesh', ctx, o));
    // Seed 004 member roll: the platform namespaces (Seldon's own Argo CD stays out: OSSM's member NetworkPolicies would cut off its Route).
    for (const member of [ns.system, ns.logs, ...kafkaNamespace]) this.serviceMesh?.addMember(member, platformNamespaces.namespace(member));
    this.serverless = this.build('serverless', 'serverless', (s, o) => new Serverless(s, 'Serverless', ctx, o));
    this.elasticsearch = this.build('elasticsearch', 'elasticsearch', (s, o) => new Elasticsearch(s, 'Elasticsearch', ctx, o));
    this.logging = this.build('logging', 'logging', (s, o) => new Logging(s, 'Logging', ctx, o, this.elasticsearch?.endpoint));
    this.monitoring = this.build('monitoring', 'monitoring', (s, o) => new Monitoring(s, 'Monitoring', ctx, o));
    this.modelCatalogue = this.build('modelCatalogue', 'model-catalogue', (s, o) => new ModelCatalogue(s, 'ModelCatalogue', ctx, o));
    this.gitops = this.build('gitops', 'gitops', (s, o) => new GitOps(s, 'GitOps', ctx, o));
    this.kafka = this.build('kafka', 'kafka', (s, o) => new Kafka(s, 'Kafka', ctx, o));
    this.tls = this.build('tls', 'tls', (s, o) => new Tls(s, 'Tls', ctx, o));
    this.coreV1 = this.build('coreV1', 'seldon-core-v1', (s, o) => new CoreV1(s, 'CoreV1', ctx, o, { gatewayRef: this.serviceMesh?.gatewayRef, brokerUrl: this.serverless?.brokerUrl, certManager: this.tls !== undefined }));
    const mesh = this.serviceMesh && { gatewayRef: this.serviceMesh.gatewayRef, gatewayNamespace: this.serviceMesh.ingress.workloadNamespace };
    this.coreV2 = this.build('coreV2', 'seldon-core-v2', (s, o) => new CoreV2(s, 'CoreV2', ctx, o, { kafka: this.kafka?.connection, tls: this.tls, mesh }));
    const meshIngress = this.serviceMesh && { namespace: this.serviceMesh.ingress.workloadNamespace, service: INGRESS_GATEWAY_SERVICE };
    this.deploy = this.build('deploy', 'seldon-deploy', (s, o) => new SeldonDeploy(s, 'SeldonDeploy', ctx, o, {
      monitoring: this.monitoring?.endpoints,
      elasticsearch: this.elasticsearch?.endpoint,
      kafka: this.kafka?.connection,
      gitops: this.gitops?.wiring,
      modelCatalogueSecret: this.modelCatalogue?.secretName,
      coreV1: this.coreV1 !== undefined,
      coreV2: this.coreV2 !== undefined,
      coreV2Scheme: this.coreV2?.downstreamScheme,
      gatewayRef: this.serviceMesh?.gatewayRef,
      ingressGateway: meshIngress,
    }));
    this.metaOperator = this.build('metaOperator', 'meta-operator', (s, o) => new MetaOperator(s, 'MetaOperator', ctx, o, { gatewayRef: this.serviceMesh?.gatewayRef, ingressGateway: meshIngress, serverless: this.serverless !== undefined, elasticsearch: this.elasticsearch?.endpoint }));
    // Per-namespace authn/authz are Istio policies: on exactly when the mesh is.
    this.modelAuth = this.build('serviceMesh', 'model-auth', (s, o) => new ModelAuth(s, 'ModelAuth', o.mtls));
    this.bootstrap = new Bootstrap(this.chart('bootstrap'), 'Bootstrap', {
      environment: config.name,
      platform: config.platform,
      argoNamespace: this.resolved.delivery.argoNamespace,
      elasticsearch: this.elasticsearch !== undefined,
      serviceMesh3: this.serviceMesh?.version === 3,
      serviceMesh2: this.serviceMesh?.version === 2,
      gitopsOperator: config.platform === 'openshift' ? olmPackage(this.context.openshift, 'gitops') : undefined,
      installsGitOpsOperator: config.platform === 'openshift' && this.enabled('gitops') && (config.gitops || {}).installOperator === true,
    });
  }

  /** Validates a whole config (every concern's options) and throws a ConfigError listing every problem. */
  public static validate(config: PlatformConfig): void {
    const problems = SeldonPlatform.problems(config);
    if (problems) throw problems;
  }

  /**
   * Every problem of a config, or undefined: the structure against the generated JSON Schema and the secret scan
   * (src/lib/config-schema.ts), then each enabled concern's own checks.
   */
  public static problems(config: PlatformConfig): ConfigError | undefined {
    const issues = checkAll(
      (checks) => checkUserInput(checks, 'platformConfig', config, ''),
      (checks) => SeldonPlatform.checkConcerns(checks, config),
    );
    return issues.length > 0 ? new ConfigError(issues, named('environment', config?.name)) : undefined;
  }

  private static checkConcerns(checks: Checks, config: PlatformConfig): void {
    checkPlatformConfig(checks, config);
    const on = (key: ComponentKey) => isEnabled(config, key);
    if (on('serviceMesh')) checkServiceMesh(checks, config.serviceMesh || {}, config);
    if (on('serverless')) checkServerless(checks, config.serverless || {}, config);
    if (on('elasticsearch')) checkElasticsearch(checks, config.elasticsearch || {}, config);
    if (on('logging')) checkLogging(checks, config.logging || {}, config);
    if (on('monitoring')) checkMonitoring(checks, config.monitoring || {}, config);
    if (on('modelCatalogue')) checkModelCatalogue(checks, config.modelCatalogue || {}, config);
    if (on('gitops')) checkGitOps(checks, config.gitops || {}, config);
    if (on('kafka')) checkKafka(checks, config.kafka || {}, config);
    if (on('tls')) checkTls(checks, config.tls || {}, config);
    if (on('coreV1')) checkCoreV1(checks, config.coreV1 || {}, config);
    if (on('coreV2')) checkCoreV2(checks, config.coreV2 || {}, config);
    if (on('deploy')) checkSeldonDeploy(checks, config.deploy || {}, config);
    if (on('metaOperator')) checkMetaOperator(checks, config.metaOperator || {}, config);
  }

  /**
   * Adds a model namespace: the Namespace, its policies, monitors, rules, mesh membership, GitOps wiring and Core 2
   * runtime, as the enabled concerns require. Its objects go to `dist/<env>/model-namespaces/<name>/`; remove the call
   * and they, and every registry entry, disappear from the render.
   */
  public addModelNamespace(name: string, options: ModelNamespaceOptions = {}): ModelNamespace {
    const available = this.modelNamespaceDefaults();
    const path = `addModelNamespace(${JSON.stringify(name)})`;
    const context = named('environment', this.config?.name);
    const issues = checkAll(
      (checks) => checkUserInput(checks, 'modelNamespaceOptions', options, path),
      (checks) =>
        checkModelNamespace(checks, path, name, options, {
          namespaces: this.resolved.namespaces,
          existing: new Set([...this.models.keys(), ...this.rejected]),
          available,
          // Configurable namespaces of components: the platform's Argo CD and the Kubernetes monitoring stack.
          componentNamespaces: [this.resolved.target.argoNamespace, ...(this.config?.monitoring ? [this.config.monitoring.namespace ?? 'monitoring'] : [])],
        }),
    );
    if (issues.length > 0) raise(this, new ConfigError(issues, context));
    if (issues.length > 0 || !this.valid) {
      // Collected problems (the synth reports them all at once): a stand-in the caller can keep using, so that the
      // SeldonDeployments it creates in the namespace are checked too. Nothing is rendered.
      this.rejected.push(name);
      const standIn = new PlatformChart(this, `rejected-model-namespace-${this.rejected.length}`);
      return new ModelNamespace(standIn, 'ModelNamespace', String(name), resolveModelNamespaceOptions({}, available));
    }
    const chart = new PlatformChart(this, `model-namespace-${name}`, { outputDir: `model-namespaces/${name}`, waveOffset: Wave.MODEL_NAMESPACES });
    const model = new ModelNamespace(chart, 'ModelNamespace', name, resolveModelNamespaceOptions(options, available));
    try {
      for (const concern of this.concerns) concern.addModelNamespace?.(model);
    } catch (error) {
      // A concern may find a problem only once it sees the namespace (e.g. GitOps without a repository).
      if (error instanceof ConfigError) raise(this, new ConfigError(error.issues, context));
      else throw error;
    }
    this.models.set(name, model);
    return model;
  }

  /** The model namespaces added so far, sorted by name. */
  public get modelNamespaces(): ModelNamespace[] {
    return [...this.models.keys()].sort().map((k) => this.models.get(k) as ModelNamespace);
  }

  /**
   * Runs the final Argo CD pass and renders every object, then checks the whole-render invariants. Throws (and writes
   * nothing) on any problem.
   */
  public render(): RenderedObject[] {
    if (!this.valid) throw new Error(`${named('environment', this.config?.name)}: the config was rejected (see the collected problems); nothing can be rendered`);
    applyArgoConventions(this, { preinstalled: PREINSTALLED[this.config.platform] });
    const objects = renderApp(App.of(this) as App);
    const problems = checkRender(objects);
    if (problems.length > 0) {
      throw new ConfigError(problems.map((p) => ({ path: 'render', value: this.config.name, problem: p, fix: 'see the construct that renders it' })), named('environment', this.config.name));
    }
    return objects;
  }

  private modelNamespaceDefaults(): ModelNamespaceDefaults {
    return {
      coreV1: this.enabled('coreV1') || this.enabled('metaOperator'),
      coreV2: this.enabled('coreV2'),
      gitops: this.enabled('gitops'),
      serviceMesh: this.enabled('serviceMesh'),
    };
  }

  private enabled(key: ComponentKey): boolean {
    return isEnabled(this.config, key);
  }

  private chart(id: string): PlatformChart {
    return new PlatformChart(this, id);
  }

  /** Builds a concern in its own chart when enabled, and registers it for model-namespace hooks. */
  private build<K extends ComponentKey, C extends Concern>(
    key: K,
    chartId: string,
    make: (scope: Construct, options: Exclude<NonNullable<PlatformConfig[K]>, false>) => C,
  ): C | undefined {
    if (!this.enabled(key)) return undefined;
    const value = this.config[key];
    const concern = make(this.chart(chartId), (value || {}) as Exclude<NonNullable<PlatformConfig[K]>, false>);
    this.concerns.push(concern);
    return concern;
  }
}

/** The platform-wide fields of a rejected config that are safe to resolve defaults from (nothing is built from it). */
function emptyConfig(config: unknown): PlatformConfig {
  const c = (typeof config === 'object' && config !== null ? config : {}) as Partial<PlatformConfig>;
  const platform = c.platform === 'kubernetes' ? 'kubernetes' : 'openshift';
  return { name: 'rejected', platform, delivery: { repoURL: '' } };
}

function isEnabled(config: PlatformConfig, key: ComponentKey): boolean {
  const value = (config as Partial<PlatformConfig> | undefined)?.[key];
  return value === false ? false : value !== undefined || !OFF_BY_DEFAULT.has(key);
}
