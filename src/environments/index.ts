import { Construct } from 'constructs';
import { SeldonPlatform } from '../platform';
import { kubernetes } from './kubernetes';
import { openshift } from './openshift';
import { openshift414 } from '../../examples/openshift-4-14';

/** Builds one environment's platform in the given scope (an App of its own). */
export type EnvironmentBuilder = (scope: Construct) => SeldonPlatform;

/** Every environment rendered by `cdk8s synth`, each into `dist/<name>/`. Add yours here. */
export const ENVIRONMENTS: readonly EnvironmentBuilder[] = [openshift, kubernetes, openshift414];
