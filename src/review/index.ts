/**
 * The review files written next to each environment's YAML: `OVERVIEW.md` (what the render contains, for pull request
 * reviews) and `verify.sh` (read-only installation checks). Argo CD applies only `*.yaml`, so neither is ever applied.
 */
import { RenderedObject } from '../lib/render';
import type { SeldonPlatform } from '../platform';
import { reviewInputOf } from './model';
import { OVERVIEW_FILE, overviewMarkdown } from './overview';
import { VERIFY_FILE, verifyScript } from './verify-script';

/** The review files of a rendered platform: file name (relative to `dist/<environment>/`) → content. */
export function reviewFiles(platform: SeldonPlatform, objects: readonly RenderedObject[]): [string, string][] {
  const input = reviewInputOf(platform, objects);
  return [
    [OVERVIEW_FILE, overviewMarkdown(input)],
    [VERIFY_FILE, verifyScript(input)],
  ];
}
