/** The path table, as plain text for `npm run validate` and as Markdown for OVERVIEW.md. */
import { countResults, PathReport, PathResult } from './prove';

const HEADERS = ['path', 'allowed by', 'TLS (client → server)', 'credentials', 'ACL', 'verdict'];

function verdict(r: PathResult): string {
  if (r.problems.length > 0) return r.path.expect === 'denied' ? 'OPEN (must be denied)' : 'BROKEN';
  return r.path.expect === 'denied' ? 'denied, as designed' : 'works';
}

/** The rows of the table. */
export function pathRows(report: PathReport): string[][] {
  return report.results.map((r) => [r.path.title, r.allowedBy, r.tls, r.credentials, r.acl, verdict(r)]);
}

/** One line with the counts, e.g. `data paths: 40 work, 6 denied as designed, 0 failing (mesh: istio)`. */
export function pathSummary(report: PathReport): string {
  const c = countResults(report);
  return `data paths: ${c.open} work, ${c.denied} denied as designed, ${c.failing} failing (mesh: ${report.mesh})`;
}

/** Every problem, one line each, prefixed by the path id. */
export function pathProblems(report: PathReport): string[] {
  return report.results.flatMap((r) => r.problems.map((p) => `${r.path.id}: ${p}`));
}

/** A Markdown table. */
export function pathTableMarkdown(report: PathReport): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`, ...pathRows(report).map((row) => `| ${row.map(esc).join(' | ')} |`)].join('\n');
}

/** Plain text: one block per path (the table is too wide for a terminal). */
export function pathTableText(report: PathReport): string {
  return pathRows(report)
    .map((row) => `  ${row[5].padEnd(20)} ${row[0]}\n${HEADERS.slice(1, 5).map((h, i) => `      ${h}: ${row[i + 1]}`).join('\n')}`)
    .join('\n');
}
