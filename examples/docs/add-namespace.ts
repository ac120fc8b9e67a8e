import { Construct } from 'constructs';
import { SeldonPlatform } from '../../src/platform';
import { prodConfig } from './environment';

/** A model namespace is one call; removing the call removes its objects and its registry entries from the render. */
export function prod(scope: Construct): SeldonPlatform {
  const platform = new SeldonPlatform(scope, 'prod', prodConfig);
  platform.addModelNamespace('fraud-models', { gitops: true });
  platform.addModelNamespace('risk-models', { plannedModels: 4, plannedPipelines: 2 });
  return platform;
}
