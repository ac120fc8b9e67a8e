import { Construct } from 'constructs';
import { SeldonPlatform } from '../../src/platform';
import { prodConfig } from './environment';

/** OLM operators pinned to an exact version; every upgrade waits for a manually approved InstallPlan. */
export function prod(scope: Construct): SeldonPlatform {
  return new SeldonPlatform(scope, 'prod', {
    ...prodConfig,
    operators: {
      servicemeshoperator: { startingCSV: 'servicemeshoperator.v2.6.5' }, // Manual approval is the default with a pin
      'amq-streams': { installPlanApproval: 'Manual' }, // follow the channel, approve each upgrade
    },
  });
}
