import { Construct } from 'constructs';
import { SeldonPlatform } from '../src/platform';
import { SeldonDeployment } from '../src/constructs/seldon-deployment';
import { openshiftConfig } from '../src/environments/openshift';
const bad: any = { ...openshiftConfig, name: 'bad', loging: false, kafka: { topics: { numPartiton: 3 } }, delivery: { repoURL: 'https://git.example.com/x.git', destinationserver: 'https://x' }, deploy: { values: { db: { password: 'hunter2' }, url: 'postgres://u:pw@db/x' } } };
const nul: any = { ...openshiftConfig, name: 'nul', kafka: null, serviceMesh: 'yes', coreV2: { security: { envoy: 'PLAINTXT' } }, kafka2: 1 };
export const ENVIRONMENTS = [
  (scope: Construct) => { const p = new SeldonPlatform(scope, 'bad', bad); const ns = p.addModelNamespace('m', { gitop: true, confirmprune: true } as any); p.addModelNamespace('n', { gitops: 'yes' } as any); new SeldonDeployment(ns.scope, 'x', { name: 'x', predictors: [{ name: 'main', graph: { name: 'c', implementation: 'SKLEARN_SERVER', modelUri: 'gs://x', endpoint: { type: 'REST', servicePort: 1 } } as any }] }); return p; },
  (scope: Construct) => new SeldonPlatform(scope, 'nul', nul),
  (scope: Construct) => { const p = new SeldonPlatform(scope, 'ex', { ...openshiftConfig, name: 'ex' }); (p as any).addModelNamspace('x'); return p; },
];
