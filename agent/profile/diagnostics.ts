// Profile problems are collected as diagnostics, never thrown one at a time:
// a user with no shell must see every mistake, each with where and why.

export interface Position {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** stable code, e.g. E_UNKNOWN_KEY */
  code: string;
  /** JSONPath-like: $.zones[2].nets[0].physical */
  path: string;
  message: string;
  hint?: string;
  file: string;
  loc?: Position;
}

/** `FILE:LINE:COL: error: $.path: message` — the contract format, hint on its own line. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.loc ? `${d.file}:${d.loc.line}:${d.loc.column}` : `${d.file}:1:1`;
  let s = `${where}: ${d.severity}: ${d.path}: ${d.message}`;
  if (d.hint) s += `\n  hint: ${d.hint}`;
  return s;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Sort by position so the output reads top to bottom like the file. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const la = a.d.loc ? a.d.loc.line : 0;
      const lb = b.d.loc ? b.d.loc.line : 0;
      if (la !== lb) return la - lb;
      const ca = a.d.loc ? a.d.loc.column : 0;
      const cb = b.d.loc ? b.d.loc.column : 0;
      if (ca !== cb) return ca - cb;
      return a.i - b.i;
    })
    .map((x) => x.d);
}
