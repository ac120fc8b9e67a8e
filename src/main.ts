/**
 * Composition root: for each environment, an App → SeldonPlatform → render; then publish every environment into
 * dist/<environment>/ at once. Run by `cdk8s synth` (see cdk8s.yaml) or directly with `node --import tsx src/main.ts`.
 */
import { synthCommand } from './cli';
import { ENVIRONMENTS } from './environments';

process.exitCode = synthCommand(ENVIRONMENTS, {
  dist: process.env.SELDON_PLATFORM_DIST ?? 'dist',
  staging: process.env.SELDON_PLATFORM_STAGING ?? '.synth-staging',
  bundleDir: process.env.CDK8S_OUTDIR,
  debug: Boolean(process.env.SELDON_PLATFORM_DEBUG),
});
