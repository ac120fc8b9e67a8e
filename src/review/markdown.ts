/** Minimal GitHub-flavoured Markdown builders for the generated overview. */

/** A table cell: pipes escaped, line breaks as `<br>`. */
function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A Markdown table (header, separator, one line per row). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Inline code. */
export function code(value: string | number): string {
  return `\`${String(value).replace(/`/g, "'")}\``;
}

/** Several values in one cell, one per line; `empty` when there are none. */
export function lines(values: readonly string[], empty = '—'): string {
  return values.length > 0 ? values.join('<br>') : empty;
}
