import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plan } from '../../../agent/plan/plan.ts';
import { emptyFacts, profileOf } from './_facts.ts';

const HEAD = 'apiVersion: kiln/v1\nkind: Host\nmetadata: { name: t }\n';
const importable = (over = {}) => ({ name: 'zones', id: '123', state: 'ONLINE', foreign: false, importable: true, disks: ['c1t0d0', 'c1t1d0'], ...over });

test('an importable pool is imported without -f', () => {
  const p = plan(profileOf(HEAD + 'pools: [ { name: zones } ]\n'), emptyFacts({ importable: [importable()] }));
  assert.deepEqual(p.actions.map((a) => a.op), [{ kind: 'importPool', pool: 'zones', force: false }]);
});

test('a foreign pool is refused without force and imported with -f with force', () => {
  const facts = emptyFacts({ importable: [importable({ foreign: true })] });
  const refused = plan(profileOf(HEAD + 'pools: [ { name: zones } ]\n'), facts);
  assert.equal(refused.actions[0]?.op.kind, 'fail');
  assert.match(refused.actions[0]?.reason || '', /force: true/);
  const forced = plan(profileOf(HEAD + 'pools: [ { name: zones, force: true } ]\n'), facts);
  assert.deepEqual(forced.actions[0]?.op, { kind: 'importPool', pool: 'zones', force: true });
});

test('an imported pool needs nothing', () => {
  const p = plan(profileOf(HEAD + 'pools: [ { name: zones } ]\n'), emptyFacts({ pools: [{ name: 'zones', size: 1, health: 'ONLINE', guid: '1', disks: [] }] }));
  assert.equal(p.actions.length, 0);
  assert.deepEqual(p.resources, ['pool/zones']);
});

const CREATE = HEAD + 'pools:\n  - name: tank\n    create: { vdevs: [ { type: mirror, disks: [c2t0d0, c2t1d0] } ], spares: [c2t2d0] }\n';

test('a pool is created only when no disk is in use', () => {
  const p = plan(profileOf(CREATE), emptyFacts());
  assert.equal(p.actions[0]?.op.kind, 'createPool');
  const busyImported = plan(profileOf(CREATE), emptyFacts({ pools: [{ name: 'zones', size: 1, health: 'ONLINE', guid: '1', disks: ['c2t1d0'] }] }));
  assert.equal(busyImported.actions[0]?.op.kind, 'fail');
  assert.match(busyImported.actions[0]?.reason || '', /c2t1d0 belongs to imported pool zones/);
  const busyExported = plan(profileOf(CREATE), emptyFacts({ importable: [importable({ name: 'old', disks: ['c2t2d0'] })] }));
  assert.match(busyExported.actions[0]?.reason || '', /c2t2d0 belongs to exported pool old/);
});

test('a pool is not created when the same name is importable, nor when the disks cannot be checked', () => {
  const p = plan(profileOf(CREATE), emptyFacts({ importable: [importable({ name: 'tank' })] }));
  assert.equal(p.actions[0]?.op.kind, 'importPool');
  const blind = plan(profileOf(CREATE), emptyFacts({ errors: ['zpool import: timed out after 100 ms'] }));
  assert.equal(blind.actions[0]?.op.kind, 'fail');
  assert.match(blind.actions[0]?.reason || '', /cannot tell whether the disks/);
});

test('a missing pool with no create fails, and its datasets wait for it', () => {
  const p = plan(profileOf(HEAD + 'pools: [ { name: zones, datasets: [ { name: data } ] } ]\n'), emptyFacts());
  assert.equal(p.actions[0]?.op.kind, 'fail');
  assert.deepEqual(p.actions[1]?.deps, [p.actions[0]?.id]);
});

test('datasets: created when missing, props set when they drift, volumes never shrink', () => {
  const y = HEAD + 'pools:\n  - name: zones\n    datasets: [ { name: data, quota: 10G, compression: lz4 }, { name: vol, volume: { size: 4G } } ]\n';
  const pools = [{ name: 'zones', size: 1, health: 'ONLINE', guid: '1', disks: [] }];
  const fresh = plan(profileOf(y), emptyFacts({ pools }));
  assert.deepEqual(fresh.actions.map((a) => a.op.kind), ['createDataset', 'createDataset']);
  const drift = plan(profileOf(y), emptyFacts({ pools, datasets: [
    { name: 'zones/data', type: 'filesystem', quota: 5 * 1024 ** 3, compression: 'lz4' },
    { name: 'zones/vol', type: 'volume', volsize: 8 * 1024 ** 3 },
  ] }));
  assert.deepEqual(drift.actions.map((a) => a.op), [
    { kind: 'setDatasetProps', name: 'zones/data', props: { quota: String(10 * 1024 ** 3) } },
    { kind: 'fail', error: drift.actions[1]?.reason },
  ]);
  assert.match(drift.actions[1]?.reason || '', /shrinking/);
  const same = plan(profileOf(y), emptyFacts({ pools, datasets: [
    { name: 'zones/data', type: 'filesystem', quota: 10 * 1024 ** 3, compression: 'lz4' },
    { name: 'zones/vol', type: 'volume', volsize: 4 * 1024 ** 3 },
  ] }));
  assert.equal(same.actions.length, 0);
});
