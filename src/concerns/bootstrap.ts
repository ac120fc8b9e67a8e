import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ArgoCdv1Beta1 } from '../../imports/argocd-operator-argoproj.io';
import { setSyncWave, Wave } from '../lib/argo';
import type { Platform } from '../lib/operator';
import type { RenderedObject } from '../lib/render';
import type { OlmPackage } from '../versions';
import { APPLICATION_HEALTH_CHECK, ELASTICSEARCH_HEALTH_CHECK, healthCheckKey, MAISTRA_HEALTH_CHECKS, OLM_HEALTH_CHECKS, ResourceHealthCheck, SAIL_HEALTH_CHECKS } from './gitops-health-checks';

/** The folder of `dist/<env>/` that the root Application never applies (see RootApplication). */
export const BOOTSTRAP_FOLDER = 'bootstrap';
export const BOOTSTRAP_README = `${BOOTSTRAP_FOLDER}/README.md`;
export const BOOTSTRAP_PREFLIGHT = `${BOOTSTRAP_FOLDER}/preflight.sh`;

/** The field manager the bootstrap applies with, so that its fields are told apart from the operator's and yours. */
export const BOOTSTRAP_FIELD_MANAGER = 'seldon-platform-bootstrap';

export interface BootstrapProps {
  readonly environment: string;
  readonly platform: Platform;
  /** The namespace of the Argo CD that applies the render (`delivery.argoNamespace`). */
  readonly argoNamespace: string;
  /** The render has an Elasticsearch: its single-node-aware health check is needed. */
  readonly elasticsearch: boolean;
  /** The render has Service Mesh 3 (Sail `Istio` and `IstioCNI`): their health checks make the gateway's wave wait for istiod. */
  readonly serviceMesh3: boolean;
  /** The render has Service Mesh 2.x (Maistra `ServiceMeshControlPlane` and `ServiceMeshMemberRoll`): their health checks make later waves wait for the 2.x control plane. */
  readonly serviceMesh2: boolean;
  /** OpenShift: the OpenShift GitOps operator package (name, channel, namespace) the Argo CD instance runs on. */
  readonly gitopsOperator?: OlmPackage;
  /** OpenShift: the render installs the GitOps operator itself (`gitops.installOperator: true`) instead of requiring it. */
  readonly installsGitOpsOperator: boolean;
}

/**
 * What the Argo CD that applies `dist/<env>/` needs before the first sync, rendered into `dist/<env>/bootstrap/`:
 * the health checks that make sync waves wait (child Applications, OLM installs, the single-node Elasticsearch, the
 * Service Mesh 2.x and 3 control planes), as
 * the `ArgoCD` resource of OpenShift GitOps (`spec.resourceHealthChecks`, which the operator writes into argocd-cm) or
 * as the `argocd-cm` keys `resource.customizations.health.<group>_<kind>` of upstream Argo CD
 * (argoproj/argo-cd@v3.5.1:docs/operator-manual/health.md:29-59), plus a generated README with the commands in order
 * and, on OpenShift, a preflight script. The root Application excludes this folder: Argo CD must not manage the
 * configuration of the Argo CD it runs in.
 */
export class Bootstrap extends Construct {
  public readonly healthChecks: readonly ResourceHealthCheck[];
  public readonly props: BootstrapProps;

  constructor(scope: Construct, id: string, props: BootstrapProps) {
    super(scope, id);
    this.props = props;
    this.healthChecks = [
      APPLICATION_HEALTH_CHECK,
      ...(props.platform === 'openshift' ? OLM_HEALTH_CHECKS : []),
      ...(props.elasticsearch ? [ELASTICSEARCH_HEALTH_CHECK] : []),
      ...(props.serviceMesh3 ? SAIL_HEALTH_CHECKS : []),
      ...(props.serviceMesh2 ? MAISTRA_HEALTH_CHECKS : []),
    ];
    const object: ApiObject = props.platform === 'openshift' ? this.argoCdInstance() : this.argoCdConfigMap();
    setSyncWave(object, Wave.BOOTSTRAP);
  }

  /** The name of the OpenShift GitOps instance: the default one is `openshift-gitops` in `openshift-gitops`. */
  public get instanceName(): string {
    return this.props.argoNamespace;
  }

  /**
   * OpenShift GitOps: only the fields the platform needs, applied server-side so that the operator's own fields stay
   * untouched. `resourceHealthChecks` is an atomic list: it replaces any list already there. The operator writes each
   * entry into argocd-cm as `resource.customizations.health.<group>_<kind>`
   * (argoproj-labs/argocd-operator@67ef4ed0cbe208a456db16b21a9c6c09e5e2f74e:controllers/argocd/configmap.go,
   * getResourceHealthChecks).
   */
  private argoCdInstance(): ApiObject {
    return new ArgoCdv1Beta1(this, 'ArgoCD', {
      metadata: { name: this.instanceName, namespace: this.props.argoNamespace },
      spec: { resourceHealthChecks: this.healthChecks.map((c) => ({ group: c.group, kind: c.kind, check: c.check })) },
    });
  }

  /**
   * Upstream Argo CD: the health keys of argocd-cm. The labels are Argo CD's own: it reads only a ConfigMap labelled
   * `app.kubernetes.io/part-of: argocd` (argoproj/argo-cd@v3.5.1:util/settings/settings.go:537,1469; the label as in
   * manifests/base/config/argocd-cm.yaml).
   */
  private argoCdConfigMap(): ApiObject {
    const data = Object.fromEntries(this.healthChecks.map((c) => [`resource.customizations.health.${c.group}_${c.kind}`, c.check]));
    return new k8s.KubeConfigMap(this, 'ArgoCdCm', {
      metadata: { name: 'argocd-cm', namespace: this.props.argoNamespace, labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' } },
      data,
    });
  }
}

/** The generated files of the bootstrap folder (README, preflight), from the rendered objects. */
export function bootstrapFiles(bootstrap: Bootstrap, objects: readonly RenderedObject[], distPath: string): [string, string][] {
  const files: [string, string][] = [[BOOTSTRAP_README, bootstrapReadme(bootstrap, objects, distPath)]];
  if (bootstrap.props.platform === 'openshift' && bootstrap.props.gitopsOperator) files.push([BOOTSTRAP_PREFLIGHT, preflightScript(bootstrap.props.gitopsOperator, bootstrap.props.argoNamespace, bootstrap.props.installsGitOpsOperator)]);
  return files;
}

function bootstrapReadme(b: Bootstrap, objects: readonly RenderedObject[], dist: string): string {
  const p = b.props;
  const cli = p.platform === 'openshift' ? 'oc' : 'kubectl';
  const own = objects.filter((o) => o.file.startsWith(`${BOOTSTRAP_FOLDER}/`)).map((o) => `${dist}/${o.file}`);
  const roots = objects.filter((o) => o.file.startsWith('delivery/')).map((o) => `${dist}/${o.file}`);
  const pkg = p.gitopsOperator;
  const operatorFiles = pkg ? objects.filter((o) => o.file.startsWith('gitops/') && isGitOpsOperatorObject(o, pkg)).map((o) => `${dist}/${o.file}`) : [];
  const checks = b.healthChecks.map((c) => `| \`${healthCheckKey(c)}\` | ${HEALTH_CHECK_PURPOSE[healthCheckKey(c)] ?? ''} |`);
  const lines: string[] = [
    `# Bootstrap of \`${p.environment}\` (generated: do not edit)`,
    '',
    'What the Argo CD that applies this render needs before its first sync, and the commands in order. The root',
    `Application never applies this folder (its \`directory.exclude\` names \`${BOOTSTRAP_FOLDER}/*\`): Argo CD must not`,
    'manage the configuration of the Argo CD it runs in. Run the commands from the root of the repository, logged in',
    'as a cluster administrator.',
    ...(roots.length > 1
      ? ['', 'This environment deploys to another cluster than the one that runs Argo CD: every command here runs against the', 'cluster that runs Argo CD; the second root applies the platform to the target cluster.']
      : []),
    '',
    '## Health checks',
    '',
    'Argo CD starts a sync wave only when every object of the previous wave is Healthy, but it has no health check for',
    'child Applications (removed in Argo CD 1.8) and judges an OLM Subscription by the check of its own version. These',
    'checks make the waves wait for what they depend on; each is tested in a Lua VM set up as Argo CD\'s',
    '(`src/concerns/gitops-health-checks.ts`, `test/concerns/gitops-health-checks.test.ts`).',
    '',
    '| kind | why |',
    '|---|---|',
    ...checks,
    '',
  ];
  let step = 1;
  const section = (title: string): void => {
    lines.push(`## ${step++}. ${title}`, '');
  };
  if (p.platform === 'openshift' && pkg) {
    if (p.installsGitOpsOperator) {
      section('Install the OpenShift GitOps operator from this render');
      lines.push(
        '`gitops.installOperator: true`: the render holds the operator\'s Namespace, OperatorGroup and Subscription with the',
        `names of Red Hat's CLI install (\`${pkg.namespace}\`, OperatorGroup and Subscription \`${pkg.name}\`), so that once the`,
        'root Application adopts them OLM still sees exactly one OperatorGroup and one Subscription. It refuses to run',
        'beside an install from the console (whose OperatorGroup has a generated name): the preflight fails then. Either',
        'remove that install first, or set `gitops.installOperator: false` and keep it.',
        '',
        '```sh',
        `bash ${dist}/${BOOTSTRAP_PREFLIGHT}`,
        `oc apply ${operatorFiles.map((f) => `-f ${f}`).join(' ')}`,
        `oc wait --for=jsonpath='{.status.state}'=AtLatestKnown subscription.operators.coreos.com/${pkg.name} -n ${pkg.namespace} --timeout=15m`,
        `oc wait --for=jsonpath='{.status.phase}'=Available argocd.argoproj.io/${b.instanceName} -n ${p.argoNamespace} --timeout=15m`,
        '```',
        '',
        'These objects carry `Prune=false` and `Delete=false`: deleting the root Application never removes the operator that',
        'runs it.',
        '',
      );
    } else {
      section('Prerequisite: the OpenShift GitOps operator');
      lines.push(
        'The render does not install the operator that runs it (`gitops.installOperator` is false). Install it once per',
        'cluster, from the console (Operators → OperatorHub → "Red Hat OpenShift GitOps") or with `oc`, exactly so:',
        '',
        '| setting | value |',
        '|---|---|',
        `| package | \`${pkg.name}\` from \`${pkg.source}\` in \`openshift-marketplace\` |`,
        `| update channel | \`${pkg.channel}\` |`,
        `| installation mode | all namespaces (OperatorGroup without target namespaces) |`,
        `| installed namespace | \`${pkg.namespace}\` (the default since GitOps 1.10) |`,
        '| update approval | Automatic |',
        '',
        'Red Hat\'s CLI install (https://docs.redhat.com/en/documentation/red_hat_openshift_gitops/1.17/html/installing_gitops/installing-openshift-gitops,',
        '"Installing Red Hat OpenShift GitOps Operator using CLI"), with the channel above:',
        '',
        '```sh',
        `oc create namespace ${pkg.namespace}`,
        'oc apply -f - <<EOF',
        'apiVersion: operators.coreos.com/v1',
        'kind: OperatorGroup',
        'metadata:',
        `  name: ${pkg.name}`,
        `  namespace: ${pkg.namespace}`,
        'spec:',
        '  upgradeStrategy: Default',
        '---',
        'apiVersion: operators.coreos.com/v1alpha1',
        'kind: Subscription',
        'metadata:',
        `  name: ${pkg.name}`,
        `  namespace: ${pkg.namespace}`,
        'spec:',
        `  channel: ${pkg.channel}`,
        '  installPlanApproval: Automatic',
        `  name: ${pkg.name}`,
        `  source: ${pkg.source}`,
        '  sourceNamespace: openshift-marketplace',
        'EOF',
        `oc wait --for=jsonpath='{.status.state}'=AtLatestKnown subscription.operators.coreos.com/${pkg.name} -n ${pkg.namespace} --timeout=15m`,
        `oc wait --for=jsonpath='{.status.phase}'=Available argocd.argoproj.io/${b.instanceName} -n ${p.argoNamespace} --timeout=15m`,
        '```',
        '',
        'Then check it:',
        '',
        '```sh',
        `bash ${dist}/${BOOTSTRAP_PREFLIGHT}`,
        '```',
        '',
      );
    }
    section('Give the Argo CD instance the health checks');
    lines.push(
      `Server-side apply with the field manager \`${BOOTSTRAP_FIELD_MANAGER}\` sets only \`spec.resourceHealthChecks\` of the`,
      `\`ArgoCD\` \`${b.instanceName}\`; the operator writes them into argocd-cm. The list replaces any \`resourceHealthChecks\``,
      `already there (the preflight lists them): \`oc get argocd.argoproj.io/${b.instanceName} -n ${p.argoNamespace} -o jsonpath='{.spec.resourceHealthChecks[*].kind}'\`.`,
      '',
      '```sh',
      `oc apply --server-side --field-manager=${BOOTSTRAP_FIELD_MANAGER} --force-conflicts ${own.map((f) => `-f ${f}`).join(' ')}`,
      `oc get configmap argocd-cm -n ${p.argoNamespace} -o jsonpath='{.data.resource\\.customizations\\.health\\.argoproj\\.io_Application}' | head -3`,
      '```',
      '',
    );
  } else {
    section('Give Argo CD the health checks');
    lines.push(
      `Server-side apply with the field manager \`${BOOTSTRAP_FIELD_MANAGER}\` adds only these keys to \`argocd-cm\` in`,
      `\`${p.argoNamespace}\` and leaves every other key alone. If Helm manages argocd-cm (the argo-cd chart), put the same`,
      'keys into the chart\'s `configs.cm` values instead. Argo CD reads the change without a restart.',
      '',
      '```sh',
      `kubectl apply --server-side --field-manager=${BOOTSTRAP_FIELD_MANAGER} ${own.map((f) => `-f ${f}`).join(' ')}`,
      `kubectl get configmap argocd-cm -n ${p.argoNamespace} -o jsonpath='{.data.resource\\.customizations\\.health\\.argoproj\\.io_Application}' | head -3`,
      '```',
      '',
    );
  }
  const externalSecretCrds = [...new Set(objects.filter((o) => String(o.object.apiVersion).startsWith('external-secrets.io/')).map((o) => `${String(o.object.kind).toLowerCase()}s.external-secrets.io`))].sort();
  if (externalSecretCrds.length > 0) {
    section('Prerequisite: the External Secrets operator');
    lines.push(
      'The render references secrets through external-secrets.io objects (for example the Kafka client secrets kept in sync',
      'from an in-cluster Strimzi, or `secrets.store`; docs/secrets.md, docs/data-paths.md) but does not install their operator.',
      'Install it once per cluster (API `external-secrets.io/v1`), then check that its CRDs are there:',
      '',
      '```sh',
      `${cli} get crd ${externalSecretCrds.join(' ')}`,
      '```',
      '',
    );
  }
  section(roots.length > 1 ? 'Apply the root Applications' : 'Apply the root Application');
  lines.push(
    'From then on it manages itself and everything else in this folder\'s parent, pruning what the render no longer has.',
    '',
    '```sh',
    `${cli} apply ${roots.map((f) => `-f ${f}`).join(' ')}`,
    `${cli} get applications.argoproj.io -n ${p.argoNamespace} -w`,
    '```',
    '',
    'A wave that does not finish names the object it waits for in the root Application\'s sync status:',
    `\`${cli} get application.argoproj.io/${roots.length > 0 ? rootName(objects) : `seldon-platform-${p.environment}`} -n ${p.argoNamespace} -o jsonpath='{.status.operationState.message}'\`.`,
    'See docs/troubleshooting.md.',
    '',
  );
  return lines.join('\n');
}

function rootName(objects: readonly RenderedObject[]): string {
  const root = objects.find((o) => o.file.startsWith('delivery/'));
  return String((root?.object.metadata as { name?: string } | undefined)?.name ?? '');
}

const HEALTH_CHECK_PURPOSE: Readonly<Record<string, string>> = {
  'argoproj.io/Application': 'a wave with chart Applications waits until each is Synced and Healthy (a version bump not yet applied is OutOfSync: it waits)',
  'operators.coreos.com/Subscription': 'a wave with Subscriptions waits until OLM has installed each operator; an upgrade awaiting manual approval does not block (Argo CD v3.5.1 semantics, pinned)',
  'operators.coreos.com/InstallPlan': 'an install plan is Healthy when Complete and Degraded when Failed',
  'elasticsearch.k8s.elastic.co/Elasticsearch': 'a one-node cluster is Healthy when yellow (replicas can never be assigned there); larger clusters keep Argo CD\'s check',
  'sailoperator.io/Istio': 'Service Mesh 3: the wave of the ingress gateway (gateway injection) waits until the control plane is reconciled and istiod, which serves the injection webhook, is ready (Argo CD has no check for this kind)',
  'sailoperator.io/IstioCNI': 'Service Mesh 3: Healthy when reconciled and every istio-cni-node pod is ready (Argo CD has no check for this kind)',
  'maistra.io/ServiceMeshControlPlane': 'Service Mesh 2.x: later waves (sidecar-injected pods) wait until the control plane is reconciled and every component, istiod (the injection webhook) included, is ready; Degraded on the operator\'s failure reasons (Argo CD has no check for this kind)',
  'maistra.io/ServiceMeshMemberRoll': 'Service Mesh 2.x: Healthy when every member namespace is configured (injection needs the maistra.io/member-of label); members whose namespace a later wave creates do not block (Argo CD has no check for this kind)',
};

function isGitOpsOperatorObject(o: RenderedObject, pkg: OlmPackage): boolean {
  const meta = (o.object.metadata ?? {}) as { name?: string; namespace?: string };
  if (o.object.kind === 'Namespace') return meta.name === pkg.namespace;
  return (o.object.kind === 'OperatorGroup' || o.object.kind === 'Subscription') && meta.namespace === pkg.namespace && meta.name === pkg.name;
}

/**
 * OpenShift preflight: read-only checks that the GitOps operator is installed the way the render expects. In
 * prerequisite mode: installed (a Subscription for the package, its CSV Succeeded) and the Argo CD instance present.
 * In install mode: no other install of the package anywhere (another namespace, another Subscription name, or an
 * OperatorGroup with another name in its namespace: OLM refuses a namespace with two OperatorGroups,
 * TooManyOperatorGroups).
 */
function preflightScript(pkg: OlmPackage, argoNamespace: string, installs: boolean): string {
  const q = (s: string): string => `'${s}'`;
  return `#!/usr/bin/env bash
# Generated by seldon-platform: preflight of the OpenShift GitOps operator before the bootstrap (read-only).
# Mode: ${installs ? 'the render installs the operator (gitops.installOperator: true)' : 'the operator is a prerequisite (gitops.installOperator: false)'}.
set -euo pipefail
PACKAGE=${q(pkg.name)}
NAMESPACE=${q(pkg.namespace)}
CHANNEL=${q(pkg.channel)}
ARGO_NAMESPACE=${q(argoNamespace)}
INSTALLS=${installs ? 'true' : 'false'}
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

# Every Subscription of the package, as namespace/name channel.
subs=$(oc get subscriptions.operators.coreos.com -A -o jsonpath='{range .items[*]}{.spec.name} {.metadata.namespace}/{.metadata.name} {.spec.channel}{"\\n"}{end}' | awk -v p="$PACKAGE" '$1 == p { print $2, $3 }')
groups=$(oc get operatorgroups.operators.coreos.com -n "$NAMESPACE" -o jsonpath='{range .items[*]}{.metadata.name}{"\\n"}{end}' 2>/dev/null || true)

if [ "$INSTALLS" = true ]; then
  others=$(printf '%s\\n' "$subs" | awk -v want="$NAMESPACE/$PACKAGE" 'NF && $1 != want')
  if [ -n "$others" ]; then fail "the package $PACKAGE is already subscribed elsewhere: $others; remove that install or set gitops.installOperator: false"; else ok "no other Subscription of $PACKAGE"; fi
  strangers=$(printf '%s\\n' "$groups" | awk -v want="$PACKAGE" 'NF && $1 != want')
  if [ -n "$strangers" ]; then fail "OperatorGroup(s) $strangers in $NAMESPACE (a console install?): OLM allows one per namespace; remove them or set gitops.installOperator: false"; else ok "no foreign OperatorGroup in $NAMESPACE"; fi
else
  if [ -z "$subs" ]; then
    fail "the OpenShift GitOps operator is not installed: install $PACKAGE (channel $CHANNEL) in $NAMESPACE as bootstrap/README.md says"
  else
    ok "subscribed: $subs"
    count=$(printf '%s\\n' "$subs" | grep -c . || true)
    [ "$count" -eq 1 ] || fail "$count Subscriptions of $PACKAGE: keep one"
    # shellcheck disable=SC2086 # split "namespace/name channel" into words
    set -- $subs
    channel=$2
    [ "$channel" = "$CHANNEL" ] || echo "note: subscribed on channel $channel, the render was written for $CHANNEL"
    sub_ns=\${1%%/*}
    sub_name=\${1##*/}
    csv=$(oc get subscriptions.operators.coreos.com "$sub_name" -n "$sub_ns" -o jsonpath='{.status.installedCSV}')
    phase=''
    if [ -n "$csv" ]; then phase=$(oc get clusterserviceversions.operators.coreos.com "$csv" -n "$sub_ns" -o jsonpath='{.status.phase}' || true); fi
    if [ "$phase" = Succeeded ]; then ok "$csv Succeeded"; else fail "operator CSV \${csv:-<none>} is \${phase:-not installed}"; fi
  fi
fi
if oc get crd argocds.argoproj.io >/dev/null 2>&1; then ok "CRD argocds.argoproj.io served"; elif [ "$INSTALLS" = true ]; then ok "CRD argocds.argoproj.io not there yet (the operator install creates it)"; else fail "CRD argocds.argoproj.io missing"; fi
if [ "$INSTALLS" = false ]; then
  if oc get argocds.argoproj.io "$ARGO_NAMESPACE" -n "$ARGO_NAMESPACE" >/dev/null 2>&1; then
    ok "ArgoCD $ARGO_NAMESPACE runs in $ARGO_NAMESPACE"
    existing=$(oc get argocds.argoproj.io "$ARGO_NAMESPACE" -n "$ARGO_NAMESPACE" -o jsonpath='{range .spec.resourceHealthChecks[*]}{.group}/{.kind} {end}')
    [ -z "$existing" ] || echo "note: the bootstrap replaces its resourceHealthChecks: $existing"
  else
    fail "no ArgoCD $ARGO_NAMESPACE in $ARGO_NAMESPACE (the default instance of OpenShift GitOps)"
  fi
fi
if [ "$failures" -gt 0 ]; then echo "preflight: $failures problem(s)"; exit 1; fi
echo "preflight: ok"
`;
}
