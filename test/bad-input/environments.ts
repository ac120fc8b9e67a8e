/**
 * The catalogue as a synth input: `SELDON_PLATFORM_ENVIRONMENTS=test/bad-input/environments.ts npm run synth` builds
 * every case as an environment of its own (named case-001, case-002, …). SELDON_CATALOGUE_CASES=3,17 keeps only
 * those cases (1-based), for the representative runs of one case per synth.
 */
import { EnvironmentBuilder } from '../../src/environments';
import { CATALOGUE, caseName } from './catalogue';

const only = process.env.SELDON_CATALOGUE_CASES?.split(',').map(Number);

export const ENVIRONMENTS: readonly EnvironmentBuilder[] = CATALOGUE.flatMap(([, build], i) => (!only || only.includes(i + 1) ? [build(caseName(i))] : []));
