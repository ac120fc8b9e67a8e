/** Value formats the configuration checks share, so that every concern accepts exactly the same inputs. */

/** A Git URL Argo CD can clone: `https://`, `ssh://` or scp-like `git@host:path`. */
export const GIT_URL = /^(https:\/\/|ssh:\/\/|git@)\S+$/;

/** An http(s) URL. */
export const HTTP_URL = /^https?:\/\/\S+$/;

/** A host name, a `*.` wildcard host or `*` (Istio hosts). */
export const HOST = /^(\*|(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;

/** A Kubernetes quantity: a decimal number with an optional binary (`Ki`…`Ei`), decimal (`m`, `k`…`E`) or exponent suffix. */
export const QUANTITY = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

