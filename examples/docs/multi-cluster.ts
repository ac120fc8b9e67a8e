import { Construct } from 'constructs';
import { PlatformConfig } from '../../src/config';
import { SeldonPlatform } from '../../src/platform';

/**
 * Settings every stage shares. `satisfies` type-checks them against PlatformConfig (a misspelt key or a wrong type is
 * a compile error) and keeps their literal types for the spreads below; `as const` would check nothing.
 */
const shared = {
  platform: 'openshift',
  openshiftVersion: '4.20', // every stage runs the same OpenShift minor
  delivery: { repoURL: 'https://git.example.com/platform/seldon-platform.git' },
  gitops: { repoURL: 'https://git.example.com/models/seldon-gitops.git' },
} satisfies Partial<PlatformConfig>;

/** Each stage changes only what differs; `satisfies` checks every stage as a whole PlatformConfig. */
const stages = [
  { ...shared, name: 'staging', ingressDomain: 'apps.staging.example.com', delivery: { ...shared.delivery, destinationServer: 'https://api.staging.example.com:6443' } },
  { ...shared, name: 'prod', ingressDomain: 'apps.prod.example.com', delivery: { ...shared.delivery, destinationServer: 'https://api.prod.example.com:6443', targetRevision: 'release' } },
] satisfies PlatformConfig[];

/** One builder per stage: each renders into dist/<stage>/ with its own root Application. */
export const [staging, prod] = stages.map((config) => (scope: Construct) => {
  const platform = new SeldonPlatform(scope, config.name, config);
  platform.addModelNamespace('fraud-models', { gitops: true });
  if (config.name === 'prod') platform.addModelNamespace('risk-models');
  return platform;
});
