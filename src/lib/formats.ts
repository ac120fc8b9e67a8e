/** Value formats the configuration checks share, so that every concern accepts exactly the same inputs. */

/** A Git URL Argo CD can clone: `https://`, `ssh://` or scp-like `git@host:path`. */
export const GIT_URL = /^(https:\/\/|ssh:\/\/|git@)\S+$/;

/** An http(s) URL. */
export const HTTP_URL = /^https?:\/\/\S+$/;

/** A host name, a `*.` wildcard host or `*` (Istio hosts). */
export const HOST = /^(\*|(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;

/** A Kubernetes quantity: a decimal number with an optional binary (`Ki`…`Ei`), decimal (`m`, `k`…`E`) or exponent suffix. */
export const QUANTITY = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;


const QUANTITY_SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The number a Kubernetes quantity stands for ("500m" → 0.5, "1Gi" → 1073741824), or undefined when it is not one. */
export function quantityValue(quantity: string): number | undefined {
  if (!QUANTITY.test(quantity)) return undefined;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$/.exec(quantity);
  if (!m) return undefined;
  const suffix = m[2] ?? '';
  return /^[eE]/.test(suffix) ? Number(`${m[1]}${suffix}`) : Number(m[1]) * QUANTITY_SUFFIX[suffix];
}
