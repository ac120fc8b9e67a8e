/**
 * Renders a Mermaid diagram to PNG the way a reader sees it, with `@mermaid-js/mermaid-cli` (mmdc) driving Debian's
 * `chromium` (no browser download: install the npm package with PUPPETEER_SKIP_DOWNLOAD=1), and reads the PNG's size,
 * so that a test can hold the apply-order diagram of OVERVIEW.md to a legible shape.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The chromium binary: `CHROMIUM_PATH`, else Debian's /usr/bin/chromium; undefined when neither exists. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

/** Chromium flags for a headless, sandbox-free, network-quiet render (as in CI containers, running as root). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The bodies of the ```mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]);
}

/**
 * Renders one diagram to `outFile` (PNG, natural size: `useMaxWidth` off, so the size is the layout's own) and returns
 * its size. Throws with mmdc's output when the render fails.
 */
export function renderMermaidPng(diagram: string, outFile: string, chromium: string): { width: number; height: number } {
  const dir = mkdtempSync(join(tmpdir(), 'mermaid-'));
  try {
    const input = join(dir, 'diagram.mmd');
    const puppeteer = join(dir, 'puppeteer.json');
    const config = join(dir, 'mermaid.json');
    writeFileSync(input, diagram);
    writeFileSync(puppeteer, JSON.stringify({ executablePath: chromium, args: CHROMIUM_ARGS }));
    writeFileSync(config, JSON.stringify({ flowchart: { useMaxWidth: false } }));
    const mmdc = resolve(__dirname, '../../node_modules/.bin/mmdc');
    const result = spawnSync(mmdc, ['-p', puppeteer, '-c', config, '-i', input, '-o', outFile, '-b', 'white', '-q'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
    });
    if (result.status !== 0) throw new Error(`mmdc failed (${result.status ?? result.signal}): ${result.stderr || result.stdout || result.error?.message}`);
    return pngSize(readFileSync(outFile));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
