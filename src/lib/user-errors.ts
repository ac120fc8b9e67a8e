/**
 * Exceptions and load errors of environment files, said without a stack trace: an exception names the environment
 * and the call in the user's code (`file:line:col`, function); a syntax error in an environment file (reported by
 * esbuild through tsx) gives `file:line:col` and esbuild's message.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';

/** The project root: its src/ (but src/environments/) is library code. */
const ROOT_ABS = resolve(__dirname, '../..');

/** One stack frame: function (if named), file, line, column. */
interface Frame {
  readonly fn?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

function framesOf(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const line of stack.split('\n')) {
    const m = /^\s+at (?:(.*?) \()?(?:file:\/\/)?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (m) frames.push({ fn: m[1], file: m[2], line: Number(m[3]), column: Number(m[4]) });
  }
  return frames;
}

/** Library code: this project's src/ (except the environment files) and every dependency. */
function isLibrary(file: string): boolean {
  if (file.includes(`${sep}node_modules${sep}`) || file.startsWith('node:')) return true;
  if (!file.startsWith(`${ROOT_ABS}${sep}`)) return false;
  const own = relative(ROOT_ABS, file);
  return own.startsWith(`src${sep}`) && !own.startsWith(`src${sep}environments${sep}`);
}

function show(frame: Frame): string {
  const where = `${relative(process.cwd(), frame.file) || frame.file}:${frame.line}:${frame.column}`;
  return frame.fn && !/^(Object|Module)\.<anonymous>$/.test(frame.fn) ? `${frame.fn}() at ${where}` : where;
}

/**
 * An exception thrown while building an environment, in one line: what was thrown and where the user's code made the
 * call (and, when it was thrown inside the platform's code, that place too), e.g.
 * `TypeError: Cannot read properties of undefined (reading 'scope'), in openshift() at src/environments/openshift.ts:25:19`.
 */
export function describeException(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : `a non-error value was thrown: ${String(error)}`;
  const frames = error instanceof Error && error.stack ? framesOf(error.stack) : [];
  const user = frames.find((f) => !isLibrary(f.file));
  const top = frames[0];
  const parts = [message];
  if (user) parts.push(`in ${show(user)}`);
  if (top && top !== user && !top.file.includes(`${sep}node_modules${sep}`) && !top.file.startsWith('node:')) parts.push(`(thrown in ${show(top)})`);
  if (!user) parts.push('(no call in an environment file on the stack; set SELDON_PLATFORM_DEBUG=1 for the stack trace)');
  return parts.join(', ').replace(', (', ' (');
}

/** An esbuild message location, as tsx reports transform errors. */
interface EsbuildMessage {
  readonly text: string;
  readonly location?: { readonly file: string; readonly line: number; readonly column: number; readonly lineText?: string } | null;
}

/**
 * A syntax error while loading an environment file, as `file:line:col: message` lines (esbuild columns are 0-based,
 * shown 1-based as editors do), or undefined when the error is not one.
 */
export function describeLoadError(error: unknown): string | undefined {
  const errors = (error as { errors?: EsbuildMessage[] })?.errors;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => typeof e?.text === 'string')) {
    return errors
      .map((e) => (e.location ? `${relative(process.cwd(), e.location.file) || e.location.file}:${e.location.line}:${e.location.column + 1}: ${e.text}${e.location.lineText ? `\n    ${e.location.lineText.trim()}` : ''}` : e.text))
      .join('\n');
  }
  // tsx's TransformError: "Transform failed with N error(s):\n<file>:<line>:<col>: ERROR: <text>" (0-based column).
  if (error instanceof Error && error.name === 'TransformError') {
    const lines = error.message.split('\n').flatMap((line) => {
      const m = /^(.+?):(\d+):(\d+): ERROR: (.*)$/.exec(line);
      if (!m) return [];
      const text = sourceLine(m[1], Number(m[2]));
      return [`${relative(process.cwd(), m[1]) || m[1]}:${m[2]}:${Number(m[3]) + 1}: ${m[4]}${text ? `\n    ${text.trim()}` : ''}`];
    });
    if (lines.length > 0) return lines.join('\n');
  }
  // Node's own parser (a file loaded without tsx): "file:line" is the first line of the stack.
  if (error instanceof SyntaxError && error.stack) {
    const where = /^(.+):(\d+)\n/.exec(error.stack);
    if (where) return `${relative(process.cwd(), where[1])}:${where[2]}: ${error.message}`;
  }
  return undefined;
}

function sourceLine(file: string, line: number): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n')[line - 1];
  } catch {
    return undefined;
  }
}
