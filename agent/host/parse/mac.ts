// MAC addresses in the form dladm prints them (`%x` per octet): lower-case hex
// without leading zeros, so profile, zonecfg and dladm values compare as strings.

/** `02:08:20:0A:01:5C` → `2:8:20:a:1:5c`; null when it is not a 6-octet MAC. */
export function normaliseMac(text: string): string | null {
  const parts = text.trim().split(/[:-]/);
  if (parts.length !== 6) return null;
  const out: string[] = [];
  for (const p of parts) {
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) return null;
    out.push(parseInt(p, 16).toString(16));
  }
  return out.join(':');
}

/** True when text is a 6-octet MAC in any of the accepted spellings. */
export function isMac(text: string): boolean {
  return normaliseMac(text) !== null;
}
