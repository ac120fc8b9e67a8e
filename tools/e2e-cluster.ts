/**
 * A throwaway control plane for `npm run e2e`: the real etcd and kube-apiserver (built by tools/build-k8s-binaries.sh)
 * on loopback, on free ports, in a temporary folder, with a self-signed serving certificate (openssl) and a static
 * bearer token for the test client (`system:masters`). No controller manager, no scheduler, no nodes: the API server's
 * own validation, admission (NamespaceLifecycle included), defaulting, CRD handling and server-side apply are what is
 * tested.
 *
 * `stop()` ends both processes and removes the folder; `startCluster` registers it for SIGINT/SIGTERM and process exit,
 * so a failure or timeout never leaves them running.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './e2e-client';

export interface ClusterBinaries {
  readonly kubeApiserver: string;
  readonly etcd: string;
}

export interface Cluster {
  readonly client: ApiClient;
  /**
   * Starts another API server on the same etcd under a new key prefix: an empty cluster, ready in seconds. The running
   * ones keep running (start the next while the current one is in use); {@link release} stops one.
   */
  fresh(label: string): Promise<ApiClient>;
  /** Stops the API server behind a client. */
  release(client: ApiClient): Promise<void>;
  /** Stops everything and removes the temporary folder. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound and released). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** CA, serving certificate for 127.0.0.1/localhost, and the service-account signing key. */
function makeCertificates(dir: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=e2e-ca', '-keyout', 'ca.key', '-out', 'ca.crt'], dir);
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=kube-apiserver', '-keyout', 'serving.key', '-out', 'serving.csr'], dir);
  openssl(['x509', '-req', '-in', 'serving.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', 'san.cnf', '-out', 'serving.crt'], dir);
  openssl(['genrsa', '-out', 'sa.key', '2048'], dir);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
}

/** Ends a child process: SIGTERM, then SIGKILL after `graceMs`. */
async function terminate(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function startCluster(binaries: ClusterBinaries, log: (line: string) => void = () => undefined): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'seldon-e2e-'));
  let etcd: ChildProcess | undefined;
  const apiservers = new Map<ApiClient | 'starting', ChildProcess>();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // All at once: a signal may be followed by a SIGKILL of this process soon after.
    await Promise.all([...apiservers.values(), etcd].map((child) => terminate(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('exit', () => {
    // Last resort (synchronous): never leave the servers running.
    for (const child of [...apiservers.values(), etcd]) if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  try {
    makeCertificates(dir);
    const token = randomBytes(24).toString('hex');
    writeFileSync(join(dir, 'tokens.csv'), `${token},e2e-admin,e2e-admin,system:masters\n`);
    const ca = readFileSync(join(dir, 'ca.crt'));

    const [clientPort, peerPort] = [await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${clientPort}`;
    etcd = spawnLogged(binaries.etcd, [
      '--name', 'e2e',
      '--data-dir', join(dir, 'etcd'),
      '--listen-client-urls', etcdUrl,
      '--advertise-client-urls', etcdUrl,
      '--listen-peer-urls', `http://127.0.0.1:${peerPort}`,
      '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`,
      '--initial-cluster', `e2e=http://127.0.0.1:${peerPort}`,
      '--unsafe-no-fsync', // a throwaway store: durability is not what is tested
      '--log-level', 'warn',
    ], join(dir, 'etcd.log'), dir);
    watchExit(etcd, 'etcd', join(dir, 'etcd.log'), () => stopped);

    let generation = 0;
    const startApiserver = async (label: string): Promise<ApiClient> => {
      const port = await freePort();
      const logFile = join(dir, `kube-apiserver-${generation}.log`);
      const apiserver = spawnLogged(binaries.kubeApiserver, [
        '--etcd-servers', etcdUrl,
        '--etcd-prefix', `/registry-${generation++}`, // a new prefix: an empty cluster
        '--bind-address', '127.0.0.1',
        '--advertise-address', '127.0.0.1',
        '--secure-port', String(port),
        '--cert-dir', join(dir, 'certs'),
        '--tls-cert-file', join(dir, 'serving.crt'),
        '--tls-private-key-file', join(dir, 'serving.key'),
        '--token-auth-file', join(dir, 'tokens.csv'),
        '--authorization-mode', 'RBAC',
        '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file', join(dir, 'sa.pub'),
        '--service-account-signing-key-file', join(dir, 'sa.key'),
        '--service-cluster-ip-range', '10.96.0.0/16',
        '--enable-priority-and-fairness=false',
        '--profiling=false',
        '--v', '0',
      ], logFile);
      watchExit(apiserver, 'kube-apiserver', logFile, () => stopped || ![...apiservers.values()].includes(apiserver));
      const client = new ApiClient(`https://127.0.0.1:${port}`, token, ca);
      apiservers.set(client, apiserver);
      await client.waitReady(90_000, () => tail(logFile));
      log(`kube-apiserver ready for ${label} (port ${port})`);
      return client;
    };

    const client = await startApiserver('the first environment');
    const release = async (used: ApiClient): Promise<void> => {
      const child = apiservers.get(used);
      apiservers.delete(used);
      await terminate(child);
    };
    return { client, fresh: startApiserver, release, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A watchdog beside each server, in a process group of its own: when this process is gone, however it ended (SIGKILL,
 * or a wrapper such as tsx ending it before it could clean up), it sends the server SIGTERM, then SIGKILL after 5 s. It
 * ends by itself when the server does. Given a folder, it removes it once this process is gone (etcd's watchdog: the
 * temporary folder).
 */
const WATCHDOG =
  'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 0.5; done; ' +
  'if kill -0 "$2" 2>/dev/null; then kill -TERM "$2"; sleep 5; kill -KILL "$2" 2>/dev/null; fi; ' +
  'if [ -n "$3" ] && ! kill -0 "$1" 2>/dev/null; then sleep 1; rm -rf "$3"; fi';

/** Spawns a server with its output into a log file, and its watchdog. */
function spawnLogged(command: string, args: string[], logFile: string, removeWhenOrphaned = ''): ChildProcess {
  const fd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  if (child.pid !== undefined) {
    spawn('bash', ['-c', WATCHDOG, 'e2e-watchdog', String(process.pid), String(child.pid), removeWhenOrphaned], { detached: true, stdio: 'ignore' }).unref();
  }
  return child;
}

function watchExit(child: ChildProcess, name: string, logFile: string, expected: () => boolean): void {
  child.on('exit', (code, signal) => {
    if (!expected() && code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGKILL') {
      console.error(`${name} exited (code ${code}, signal ${signal}); last log lines:\n${tail(logFile)}`);
    }
  });
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
