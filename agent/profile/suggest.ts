// Did-you-mean for unknown keys and enum values.

function distance(a: string, b: string): number {
  const prev: number[] = [];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      const cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** vmadm's and zonecfg's names for what kiln calls otherwise: too far apart to be typos. */
const KNOWN_AS: Record<string, string> = {
  nics: 'nets',
  vlan: 'vlan_id',
  nic_tag: 'over',
  ip: 'allowed_address',
  ips: 'allowed_address',
  gateway: 'defrouter',
  gateways: 'defrouter',
  dns: 'resolvers',
  memory: 'max_physical_memory',
  swap: 'max_swap',
  cpus: 'vcpus',
  zonename: 'name',
};

/** The closest candidate within a third of the word's length, if any. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase().replace(/-/g, '_');
  const known = Object.prototype.hasOwnProperty.call(KNOWN_AS, w) ? KNOWN_AS[w] : undefined;
  if (known !== undefined && candidates.indexOf(known) >= 0) return known;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return bestD <= limit ? best : undefined;
}
