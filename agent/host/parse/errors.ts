// Parsers throw this when output does not have the shape they know; observe
// turns it into a facts.errors line so the planner treats that part as unknown.

/** Output of a host command that a parser could not make sense of. */
export class ParseError extends Error {
  readonly code = 'E_PARSE' as const;
  /** 1-based line of the offending input, when known */
  readonly line?: number;

  constructor(message: string, line?: number) {
    super(line !== undefined ? `line ${line}: ${message}` : message);
    this.name = 'ParseError';
    if (line !== undefined) this.line = line;
  }
}

/** True for a ParseError, also across bundling (checks the code, not the prototype). */
export function isParseError(e: unknown): e is ParseError {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'E_PARSE';
}

/** Split command output into lines, dropping the final newline's empty tail. */
export function outputLines(stdout: string): string[] {
  if (stdout === '') return [];
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A whole non-negative decimal number, or a ParseError. */
export function parseCount(text: string, what: string, line?: number): number {
  if (!/^[0-9]+$/.test(text)) throw new ParseError(`${what}: not a number: '${text}'`, line);
  return Number(text);
}
