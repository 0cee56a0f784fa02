// Reporting on the simulated host, under both Nodes: report_url (received,
// down, slow), the copies on the pool (rotated) and the USB key, the console
// device, and `kiln report`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AGENT, nodes, Scenario, variant } from './_harness.ts';
import { deadPort, place, runAgent, TestServer } from './sources-harness.ts';

const withUrl = (url: string, report = '2s') => variant('home.yaml', (t) => t.replace('pools:', `boot: { report_url: "${url}", timeouts: { report: ${report} } }\npools:`));

for (const node of nodes()) {
  describe(`reporting (${node.name})`, () => {
    const server = new TestServer();
    let base = '';
    before(async () => { base = await server.start(); });
    after(() => server.stop());

    test('report_url receives report.json as a JSON POST; the file on disk records the outcome', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      server.routes['/r/ok'] = { status: 204 };
      const run = await runAgent(s, ['--profile', withUrl(`${base}/r/ok`)]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const posts = server.requests.filter((r) => r.url === '/r/ok');
      assert.equal(posts.length, 1);
      assert.equal(posts[0]!.method, 'POST');
      assert.equal(posts[0]!.headers['content-type'], 'application/json');
      const body = JSON.parse(posts[0]!.body);
      assert.equal(body.status, 'converged');
      assert.equal(body.resources.length, 11);
      assert.deepEqual(run.report['report_post'], { url: `${base}/r/ok`, outcome: 'sent', attempts: 1, status: 204, error: null });
    });

    test('report_url down (connection refused): a warning, the run still converges, within the limit', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      const url = `http://127.0.0.1:${await deadPort()}/r`;
      const run = await runAgent(s, ['--profile', withUrl(url, '1500ms')]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.report.status, 'converged');
      assert.match((run.report['warnings'] as string[]).join('\n'), /report_url: could not POST the report .*ECONNREFUSED/);
      assert.match(run.stderr, /warning: report_url/);
      assert.equal((run.report['report_post'] as { outcome: string }).outcome, 'failed');
      assert.ok((run.report['report_post'] as { attempts: number }).attempts >= 2);
    });

    test('report_url slow (answers after the limit): the agent does not wait for it', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      server.routes['/r/slow'] = { status: 200, delayMs: 8000 };
      const run = await runAgent(s, ['--profile', withUrl(`${base}/r/slow`, '1s')]);
      assert.equal(run.code, 0);
      const phases = run.report['phases'] as { report: number };
      assert.ok(phases.report < 2500, `report phase ${phases.report}ms`);
      assert.equal((run.report['report_post'] as { outcome: string }).outcome, 'failed');
    });

    test('reports kept on the system pool (newest 10), on the USB key, and on the console device', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      const dir = path.join(s.root, 'zones/kiln/reports');
      for (let i = 0; i < 10; i++) place(s, `zones/kiln/reports/2020-01-01T00-00-0${i}.000Z.json`, '{}');
      place(s, 'usbkey/kiln/profile.yaml', fs.readFileSync(variant('home.yaml', (t) => t), 'utf8'));
      place(s, 'dev/console', '');
      const run = await runAgent(s);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const kept = fs.readdirSync(dir).sort();
      assert.equal(kept.length, 10);
      assert.ok(kept.indexOf('2020-01-01T00-00-00.000Z.json') < 0, 'the oldest went');
      const mine = kept[kept.length - 1]!;
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, mine), 'utf8')).started_at, run.report['started_at']);
      assert.equal(JSON.parse(fs.readFileSync(path.join(s.root, 'usbkey/kiln/reports/last.json'), 'utf8')).status, 'converged');
      assert.match(fs.readFileSync(path.join(s.root, 'dev/console'), 'utf8'), /kiln: converged — 11 resources/);
    });

    test('kiln report: the last run, readable, and --json', async () => {
      const s = new Scenario('fresh-smartos', node.bin);
      s.host.addFault({ match: ['dladm', 'create-vnic', '*', '*', 'stub0', 'db0'], action: 'fail', stderr: 'dladm: vnic creation over stub0 failed\n' });
      await runAgent(s, ['--profile', variant('home.yaml', (t) => t)]);
      const r = spawnSync(node.bin, [AGENT, 'report', '--root', s.root], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^status: +degraded/m);
      assert.match(r.stdout, /^profile: +scenario from file:/m);
      assert.match(r.stdout, /^phases: +discover \d+ms, validate/m);
      assert.match(r.stdout, /failed +vnic\/db0: dladm create-vnic .*exit 1/);
      assert.match(r.stdout, /skipped +zone\/db/);
      assert.match(r.stdout, /created +zone\/web/);
      const j = spawnSync(node.bin, [AGENT, 'report', '--root', s.root, '--json'], { encoding: 'utf8' });
      assert.equal(JSON.parse(j.stdout).status, 'degraded');
      const none = spawnSync(node.bin, [AGENT, 'report', '--root', path.join(s.root, 'nowhere')], { encoding: 'utf8' });
      assert.equal(none.status, 2);
      assert.match(none.stderr, /no report at/);
    });
  });
}
