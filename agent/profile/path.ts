// Paths name a place in the profile the way users read it: $.zones[2].nets[0].

export type PathSeg = string | number;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatPath(segs: readonly PathSeg[]): string {
  let s = '$';
  for (const seg of segs) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (IDENT.test(seg)) s += `.${seg}`;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}
