/** The data-path model: who talks to whom, on which port, with which TLS and credentials. */

/** What an application speaks (client) or accepts (server) on a connection, below the mesh. */
export type AppTls = 'plaintext' | 'tls' | 'mtls';

/** One end of a path. */
export interface Workload {
  /** Human name, e.g. `Seldon Deploy`. */
  readonly name: string;
  readonly namespace: string;
  /** Pod labels (and the injection annotation) as far as the render fixes them; `{}` means any pod of the namespace. */
  readonly labels: Readonly<Record<string, string>>;
  /** Whether the pod runs an Istio sidecar (or is an Envoy gateway): decided by the mesh facts from the render. */
  readonly sidecar: boolean;
  /** TLS the application itself speaks (client) or its listener requires (server). */
  readonly tls: AppTls;
  /** Where this end's settings come from (rendered object or chart value, and the upstream code that reads it). */
  readonly source: string;
}

/** The server end also has a port and may be outside the render (a managed service, a cluster component). */
export interface ServerEnd extends Workload {
  readonly port: number;
  /** The server is not rendered by this platform (managed Kafka, the cluster's monitoring): its facts are documented. */
  readonly external?: boolean;
  /** SASL mechanism the listener requires, if any. */
  readonly sasl?: string;
  /** Kafka: the listener enforces ACLs (`authorization: simple`). */
  readonly aclEnforced?: boolean;
}

/** The client end may carry an explicit Istio DestinationRule TLS mode for the server host. */
export interface ClientEnd extends Workload {
  /** `trafficPolicy.tls.mode` that applies to this host for this client's Envoy (undefined: none, auto mTLS decides). */
  readonly destinationRuleTls?: string;
  /** Where that mode comes from. */
  readonly destinationRuleSource?: string;
  readonly sasl?: string;
  /** Set when the client is rendered switched off or otherwise cannot use the path, with the reason. */
  readonly disabled?: string;
}

/** A secret the client needs, in the client's namespace. */
export interface Credential {
  readonly secret: string;
  readonly namespace: string;
  readonly keys: readonly string[];
  /** The operator that writes the original, when it is generated in-cluster (e.g. Strimzi in seldon-kafka). */
  readonly generatedBy?: { readonly operator: string; readonly namespace: string };
}

/** Kafka resources a client uses. */
export interface KafkaUse {
  readonly principal: string;
  /** Topic names or `prefix*` patterns. */
  readonly topics: readonly string[];
  /** Consumer group names or `prefix*` patterns. */
  readonly groups: readonly string[];
}

/** A data path. */
export interface DataPath {
  /** Stable id, e.g. `gateway->core-v1/seldon`. */
  readonly id: string;
  /** What the path is, in words. */
  readonly title: string;
  /** `open` paths must work; `denied` ones (the design's forbidden paths) must be refused by NetworkPolicy. */
  readonly expect: 'open' | 'denied';
  /** Application protocol (http, grpc, kafka, …). */
  readonly protocol: string;
  readonly client: ClientEnd;
  readonly server: ServerEnd;
  readonly credentials: readonly Credential[];
  readonly kafka?: KafkaUse;
  /**
   * Forbidden paths from many namespaces at once (e.g. every other model namespace): the client stands for each of
   * these namespaces, any pod. Evaluated once per server.
   */
  readonly clientNamespaces?: readonly string[];
}
