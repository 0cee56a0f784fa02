// Generated profiles for benchmarks: N zones, two VNICs each, caps on all.
export function bigProfile(zones: number): string {
  const lines = ['apiVersion: kiln/v1', 'kind: Host', 'metadata: { name: bench }', 'pools: [ { name: zones } ]', 'network:', '  etherstubs: [ stub0 ]', '  vnics:'];
  for (let i = 0; i < zones; i++) {
    lines.push(`    - { name: a${i}x0, over: e1000g0, vlan_id: ${(i % 4000) + 2} }`, `    - { name: b${i}x0, over: stub0 }`);
  }
  lines.push('zones:');
  for (let i = 0; i < zones; i++) {
    lines.push(`  - { name: z${i}, brand: joyent, nets: [ { physical: a${i}x0 }, { physical: b${i}x0 } ], max_physical_memory: 1G, max_swap: 2G, cpu_cap: 100, cpu_shares: 100, zfs_io_priority: 100, max_lwps: 2000 }`);
  }
  return lines.join('\n') + '\n';
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
