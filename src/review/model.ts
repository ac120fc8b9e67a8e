/**
 * What the review files (OVERVIEW.md, verify.sh) are generated from: the rendered objects plus the few facts the
 * objects do not carry (delivery settings, the Core 2 topic budget, secret references). Plain data, so the generators
 * can be tested without building a platform.
 */
import { DeliveryConfig } from '../config';
import { Platform } from '../lib/operator';
import { RenderedObject } from '../lib/render';
import type { SeldonPlatform } from '../platform';
import { computeTopicBudget, TopicBudget } from './kafka-topics';

/** A secret the render depends on. */
export interface ReviewSecret {
  readonly name: string;
  readonly namespace: string;
  readonly keys: readonly string[];
  readonly purpose: string;
  /** True when an ExternalSecret provides it; false when it must be created out of band. */
  readonly external: boolean;
}

/** Everything the review files are generated from. */
export interface ReviewInput {
  readonly environment: string;
  readonly platform: Platform;
  readonly delivery: Required<DeliveryConfig>;
  /** The rendered objects with their files (relative to `dist/<environment>/`). */
  readonly objects: readonly RenderedObject[];
  readonly secrets: readonly ReviewSecret[];
  /** The Kafka topic budget of the Core 2 namespaces (from their planned models and pipelines). */
  readonly topicBudget: TopicBudget;
}

/** The review input of a rendered platform. */
export function reviewInputOf(platform: SeldonPlatform, objects: readonly RenderedObject[]): ReviewInput {
  const planned = platform.modelNamespaces
    .filter((ns) => ns.options.coreV2)
    .map((ns) => ({ namespace: ns.name, models: ns.options.plannedModels, pipelines: ns.options.plannedPipelines }));
  return {
    environment: platform.config.name,
    platform: platform.config.platform,
    delivery: platform.resolved.delivery,
    objects,
    secrets: platform.secrets.map((s) => ({ name: s.name, namespace: s.namespace, keys: s.keys, purpose: s.purpose, external: s.external })),
    topicBudget: computeTopicBudget(planned, platform.kafka?.topicBudget()),
  };
}
