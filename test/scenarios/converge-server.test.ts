// The first converge scenarios again with the sim in server mode (one Node
// serving every tool call): the agent must converge exactly as it does
// against one process per call, down to the commands it runs.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { SimState } from '../sim/host.ts';
import { assertHomeConverged, assertHomeReport } from './_converged.ts';
import { nodes, profilePath, Scenario } from './_harness.ts';

const HOME = profilePath('home.yaml');

for (const node of nodes()) {
  describe(`converge, sim server mode (${node.name})`, () => {
    const s = new Scenario('fresh-smartos', node.bin, { server: true });
    after(() => s.close());
    let first: ReturnType<Scenario['agent']>;

    test('a fresh host with an importable pool converges', () => {
      first = s.agent(HOME);
      assertHomeConverged(s, first);
    });

    test('the report names every resource with the commands it ran', () => {
      assertHomeReport(first);
    });
  });
}

/** The host as the profile shapes it: what parallel runs may order or number differently left out. */
function shape(st: SimState): unknown {
  const byName = <T extends { name: string }>(xs: T[]): T[] => xs.slice().sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    datasets: byName(st.datasets).map((d) => [d.name, d.type, d.props]),
    links: byName(st.links).map((l) => [l.name, l.class, l.over, l.vid, l.zone, l.macType]),
    zones: byName(st.zones).map((z) => [z.name, z.state, { ...z.config, uuid: undefined }, z.live]),
    pools: st.pools,
  };
}

describe('converge: server mode and one process per call agree', () => {
  test('same host state and the same commands (order aside)', () => {
    const node = process.execPath;
    const runs = [false, true].map((server) => {
      const s = new Scenario('fresh-smartos', node, { server });
      try {
        const r = s.agent(HOME);
        assert.equal(r.code, 0, r.stderr + r.stdout);
        const inv = s.host.invocations().map((i) => JSON.stringify([i.argv, i.stdin, i.code, i.mutating])).sort();
        return { inv, st: shape(s.host.read()) };
      } finally {
        s.close();
      }
    });
    assert.deepEqual(runs[1]?.inv, runs[0]?.inv);
    assert.deepEqual(runs[1]?.st, runs[0]?.st);
  });
});
