import { App, Testing } from 'cdk8s';
import { SeldonDeployment, SeldonDeploymentProps, SeldonPredictor } from '../../src/constructs/seldon-deployment';
import { SeldonPlatform } from '../../src/platform';
import { errorOf, find, testConfig } from '../helpers/render';

/** Renders one SeldonDeployment outside a platform (namespace given explicitly). */
function synth(props: SeldonDeploymentProps): any {
  const chart = Testing.chart();
  new SeldonDeployment(chart, 'Sdep', props);
  const [obj] = Testing.synth(chart);
  return obj;
}

const mockClassifier = (extra: Record<string, unknown> = {}) => ({
  spec: { containers: [{ image: 'seldonio/mock_classifier:1.11.0', imagePullPolicy: 'IfNotPresent', name: 'classifier', ...extra }], terminationGracePeriodSeconds: 1 },
});

const classifierGraph = { name: 'classifier', type: 'MODEL' as const, endpoint: { type: 'REST' as const } };

/** Seed 002 "Using the Istio Service Mesh": canary-example-1, 75/25 inside the mesh. */
const canaryExample1: SeldonDeploymentProps = {
  name: 'canary-example-1',
  namespace: 'my-ns',
  labels: { app: 'seldon' },
  istio: { gateway: 'mesh', host: 'canary-example-1' },
  predictors: [
    { name: 'main', svcName: 'canary-example-1', traffic: 75, graph: classifierGraph, componentSpecs: [mockClassifier({ securityContext: { readOnlyRootFilesystem: false } })] },
    { name: 'canary', traffic: 25, graph: classifierGraph, componentSpecs: [mockClassifier()] },
  ],
};

const main = (overrides: Partial<SeldonPredictor> = {}): SeldonPredictor => ({ name: 'main', graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.2/sklearn/iris' }, ...overrides });
const base = (overrides: Partial<SeldonDeploymentProps> = {}): SeldonDeploymentProps => ({ name: 'iris', namespace: 'models', predictors: [main()], ...overrides });

describe('SeldonDeployment', () => {
  test('GIVEN seed 002 canary-example-1 WHEN rendered THEN it matches the snapshot', () => {
    expect(synth(canaryExample1)).toMatchSnapshot();
  });

  test('GIVEN canary-example-1 THEN the seed\'s mesh annotations, Service name, 75/25 split and sidecar labels are set', () => {
    const sdep = synth(canaryExample1);
    expect(sdep.apiVersion).toBe('machinelearning.seldon.io/v1');
    expect(sdep.metadata).toMatchObject({ name: 'canary-example-1', namespace: 'my-ns', labels: { app: 'seldon' } });
    expect(sdep.spec.name).toBe('canary-example-1');
    expect(sdep.spec.annotations).toEqual({ 'seldon.io/istio-gateway': 'mesh', 'seldon.io/istio-host': 'canary-example-1' });
    const [first, second] = sdep.spec.predictors;
    expect(first).toMatchObject({ name: 'main', traffic: 75, replicas: 1, annotations: { 'seldon.io/svc-name': 'canary-example-1' }, labels: { 'sidecar.istio.io/inject': 'true' } });
    expect(first.graph).toEqual({ name: 'classifier', type: 'MODEL', endpoint: { type: 'REST' } });
    expect(first.componentSpecs[0].spec.containers[0]).toEqual({ image: 'seldonio/mock_classifier:1.11.0', imagePullPolicy: 'IfNotPresent', name: 'classifier', securityContext: { readOnlyRootFilesystem: false } });
    expect(first.componentSpecs[0].spec.terminationGracePeriodSeconds).toBe(1);
    expect(second).toMatchObject({ name: 'canary', traffic: 25, labels: { 'sidecar.istio.io/inject': 'true' } });
    expect(second.annotations).toBeUndefined();
  });

  test('GIVEN a shadow predictor WHEN rendered THEN it matches the snapshot and the shadow is outside the traffic split', () => {
    const sdep = synth(base({ predictors: [main(), main({ name: 'shadow', shadow: true, graph: { name: 'classifier', implementation: 'XGBOOST_SERVER', modelUri: 'gs://seldon-models/xgboost/iris' } })] }));
    expect(sdep).toMatchSnapshot();
    expect(sdep.spec.predictors.map((p: { name: string; shadow?: boolean; traffic?: number }) => [p.name, p.shadow, p.traffic])).toEqual([['main', undefined, undefined], ['shadow', true, undefined]]);
  });

  test('GIVEN a gateway, retries, a retry timeout and several hosts WHEN rendered THEN the annotations are typed strings, hosts comma-joined', () => {
    const sdep = synth(base({ protocol: 'v2', transport: 'grpc', sidecar: false, istio: { gateway: 'istio-system/seldon-gateway', retries: 3, retriesTimeout: 2, host: ['iris.example.com', 'iris.models.svc.cluster.local'] } }));
    expect(sdep).toMatchSnapshot();
    expect(sdep.spec).toMatchObject({ protocol: 'v2', transport: 'grpc' });
    expect(sdep.spec.annotations).toEqual({
      'seldon.io/istio-gateway': 'istio-system/seldon-gateway',
      'seldon.io/istio-retries': '3',
      'seldon.io/istio-retries-timeout': '2',
      'seldon.io/istio-host': 'iris.example.com,iris.models.svc.cluster.local',
    });
    expect(sdep.spec.predictors[0].labels).toBeUndefined();
  });

  test('GIVEN a model namespace of a platform WHEN a SeldonDeployment is created in its scope THEN it renders there, after the platform', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig());
    const models = platform.addModelNamespace('models');
    new SeldonDeployment(models.scope, 'Iris', base({ namespace: undefined }));
    const objects = platform.render();
    const sdep = find(objects, 'SeldonDeployment', 'iris', 'models');
    expect(objects.find((o) => o.object === sdep)?.file).toBe('model-namespaces/models/seldondeployment.models.iris.yaml');
    expect(sdep.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '16', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
    expect(sdep.metadata.labels?.['app.kubernetes.io/component']).toBe('seldon-deployment');
  });
});

describe('SeldonDeployment rejects', () => {
  const reject = (props: SeldonDeploymentProps) => errorOf(() => synth(props));

  test('traffic of the non-shadow predictors that does not add up to 100', () => {
    expect(reject(base({ predictors: [main({ traffic: 70 }), main({ name: 'canary', traffic: 20 })] }))).toContain('predictors[].traffic ("main=70, canary=20"): of the non-shadow predictors adds up to 90, not 100');
  });

  test('two predictors without traffic', () => {
    expect(reject(base({ predictors: [main(), main({ name: 'canary' })] }))).toContain('adds up to 0, not 100');
  });

  test('a single predictor with a partial traffic share', () => {
    expect(reject(base({ predictors: [main({ traffic: 50 })] }))).toContain('predictors[].traffic ("main=50"): of the non-shadow predictors adds up to 50, not 100');
  });

  test('traffic outside 0-100', () => {
    expect(reject(base({ predictors: [main({ traffic: 150 }), main({ name: 'canary', traffic: -50 })] }))).toContain('predictors[0].traffic (150): must be an integer from 0 to 100');
  });

  test('only shadow predictors', () => {
    expect(reject(base({ predictors: [main({ shadow: true })] }))).toContain('predictors (["main"]): are all shadows');
  });

  test('no predictors', () => {
    expect(reject(base({ predictors: [] }))).toContain('predictors ([]): is empty: a SeldonDeployment needs at least one predictor');
  });

  test('the mesh gateway without a host', () => {
    expect(reject({ ...canaryExample1, istio: { gateway: 'mesh' } })).toContain('istio.host (undefined): must be exactly one host with the mesh gateway');
  });

  test('the mesh gateway with several hosts', () => {
    expect(reject({ ...canaryExample1, istio: { gateway: 'mesh', host: ['a', 'b'] } })).toContain('istio.host ("a,b"): must be exactly one host with the mesh gateway');
  });

  test('the mesh gateway without a svcName on the main predictor', () => {
    const predictors = canaryExample1.predictors.map((p) => ({ ...p, svcName: undefined }));
    expect(reject({ ...canaryExample1, predictors })).toContain('predictors[0].svcName (undefined): is required on the main (first) predictor with the mesh gateway');
  });

  test('two predictors with the same svcName', () => {
    expect(reject(base({ predictors: [main({ traffic: 50, svcName: 'iris' }), main({ name: 'canary', traffic: 50, svcName: 'iris' })] }))).toContain('predictors[1].svcName ("iris"): is the Service name of another predictor');
  });

  test('a svcName used by another SeldonDeployment of the namespace', () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'A', base({ predictors: [main({ svcName: 'iris' })] }));
    expect(errorOf(() => new SeldonDeployment(chart, 'B', base({ name: 'iris-2', predictors: [main({ svcName: 'iris' })] })))).toContain('predictors[].svcName ("iris"): is also a Service name of SeldonDeployment "iris" in this namespace');
  });

  test('duplicate and invalid predictor names', () => {
    expect(reject(base({ predictors: [main({ traffic: 50 }), main({ traffic: 50 })] }))).toContain('predictors[1].name ("main"): is the name of another predictor');
    expect(reject(base({ predictors: [main({ name: 'Main' })] }))).toContain('predictors[0].name ("Main"): is not a DNS-1123 label');
  });

  test('negative or fractional retries', () => {
    expect(reject(base({ istio: { retries: -1 } }))).toContain('istio.retries (-1): must be an integer from 0 up');
    expect(reject(base({ istio: { retries: 1.5 } }))).toContain('istio.retries (1.5): must be an integer from 0 up');
  });

  test('a retry timeout without retries', () => {
    expect(reject(base({ istio: { retriesTimeout: 5 } }))).toContain('istio.retriesTimeout (5): is the per-try timeout of retries, but no retries are set');
  });

  test('a host with a comma, and an invalid gateway', () => {
    expect(reject(base({ istio: { host: 'a.example.com,b.example.com' } }))).toContain('istio.host ("a.example.com,b.example.com"): is not a host name');
    expect(reject(base({ istio: { gateway: 'istio-system/Seldon Gateway' } }))).toContain('istio.gateway ("istio-system/Seldon Gateway"): is not an Istio gateway reference');
  });

  test('Istio and svc-name annotations given by hand instead of the typed fields', () => {
    expect(reject(base({ annotations: { 'seldon.io/istio-retries': '3' } }))).toContain('annotations.seldon.io/istio-retries ("3"): is a typed setting of this construct; set it through the typed istio field');
    expect(reject(base({ predictors: [main({ annotations: { 'seldon.io/svc-name': 'x' } })] }))).toContain('predictors[0].annotations.seldon.io/svc-name ("x"): is a typed setting of this construct; set it with svcName');
  });

  test('an unpinned image', () => {
    const predictors = [main({ componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'seldonio/mock_classifier:latest' }] } }] })];
    expect(reject(base({ predictors }))).toContain('predictors[0].componentSpecs[0].spec.containers[0].image ("seldonio/mock_classifier:latest"): is not pinned');
    const untagged = [main({ componentSpecs: [{ spec: { containers: [{ name: 'classifier', image: 'registry:5000/mock_classifier' }] } }] })];
    expect(reject(base({ predictors: untagged }))).toContain('is not pinned');
  });

  test('an unknown protocol and logger mode', () => {
    expect(reject(base({ protocol: 'kserve' as never }))).toContain('protocol ("kserve"): is not one of seldon, tensorflow, kfserving, v2');
    expect(reject(base({ predictors: [main({ graph: { name: 'classifier', logger: { mode: 'everything' as never } } })] }))).toContain('predictors[0].graph.logger.mode ("everything")');
  });

  test('no namespace outside a model namespace', () => {
    expect(reject(base({ namespace: undefined }))).toContain('namespace (undefined): is required outside a model namespace');
  });

  test('a namespace other than the model namespace it is created in', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig());
    const models = platform.addModelNamespace('models');
    expect(errorOf(() => new SeldonDeployment(models.scope, 'Iris', base({ namespace: 'other' })))).toContain('namespace ("other"): differs from the model namespace "models"');
  });

  test('a model namespace that does not serve Core v1', () => {
    const platform = new SeldonPlatform(new App(), 'test', testConfig());
    const models = platform.addModelNamespace('models', { coreV1: false });
    expect(errorOf(() => new SeldonDeployment(models.scope, 'Iris', base({ namespace: undefined })))).toContain('namespace ("models"): does not serve Seldon Core v1');
  });
});
