// Actions → illumos commands (argv only; stdin for zonecfg scripts).
import type { Command } from '../../host/runner.ts';
import type { Action } from '../../plan/actions.ts';
import type { Vdev } from '../../profile/v1/types.ts';
import type { Profile } from '../../profile/v1/types.ts';
import { linkProps } from '../../plan/plan-network.ts';
import { configureScript, updateScript } from './zonecfg-script.ts';

function vdevArgs(vs: Vdev[]): string[] {
  const out: string[] = [];
  for (const v of vs) {
    if (v.type !== 'stripe') out.push(v.type);
    out.push(...v.disks);
  }
  return out;
}

function propArgs(flag: string, props: Record<string, string>): string[] {
  const out: string[] = [];
  for (const k of Object.keys(props).sort()) out.push(flag, `${k}=${props[k] as string}`);
  return out;
}

function joinProps(props: Record<string, string>): string {
  return Object.keys(props).sort().map((k) => `${k}=${props[k] as string}`).join(',');
}

export function illumosCommands(a: Action, profile: Profile, flavour: 'smartos' | 'illumos'): Command[] {
  const op = a.op;
  switch (op.kind) {
    case 'fail':
      return [];
    case 'importPool':
      return [{ argv: ['zpool', 'import'].concat(op.force ? ['-f'] : [], [op.pool]) }];
    case 'createPool': {
      const c = op.create;
      let argv = ['zpool', 'create'].concat(propArgs('-o', c.properties), propArgs('-O', c.filesystem_properties), [op.pool], vdevArgs(c.vdevs));
      if (c.log.length) argv = argv.concat(['log'], vdevArgs(c.log));
      if (c.cache.length) argv = argv.concat(['cache'], c.cache);
      if (c.spares.length) argv = argv.concat(['spare'], c.spares);
      return [{ argv }];
    }
    case 'createDataset': {
      let argv = ['zfs', 'create', '-p'];
      if (op.volume) {
        if (op.volume.sparse) argv.push('-s');
        if (op.volume.blocksize) argv.push('-b', String(op.volume.blocksize));
        argv.push('-V', String(op.volume.size));
      }
      argv = argv.concat(propArgs('-o', op.props), [op.name]);
      return [{ argv }];
    }
    case 'setDatasetProps':
      return [{ argv: ['zfs', 'set'].concat(Object.keys(op.props).sort().map((k) => `${k}=${op.props[k] as string}`), [op.name]) }];
    case 'createEtherstub':
      return [{ argv: ['dladm', 'create-etherstub', '-t', op.name] }];
    case 'createVnic': {
      const v = op.vnic;
      const argv = ['dladm', 'create-vnic', '-t', '-l', op.link];
      if (v.mac.kind === 'fixed') argv.push('-m', v.mac.address);
      else if (v.mac.kind === 'random') argv.push('-m', 'random');
      if (v.vlan_id) argv.push('-v', String(v.vlan_id));
      const props = linkProps(v);
      if (v.mtu) props.mtu = String(v.mtu);
      if (Object.keys(props).length) argv.push('-p', joinProps(props));
      argv.push(v.name);
      return [{ argv }];
    }
    case 'setLinkProps':
      return [{ argv: ['dladm', 'set-linkprop', '-t', '-p', joinProps(op.props), op.link] }];
    case 'configureZone':
      return [{ argv: ['zonecfg', '-z', op.config.zone, '-f', '-'], stdin: configureScript(op.config, flavour).join('\n') + '\n' }];
    case 'updateZoneConfig':
      return [{ argv: ['zonecfg', '-z', op.zone, '-f', '-'], stdin: updateScript(op.changes).join('\n') + '\n' }];
    case 'installZone':
      return [{ argv: ['zoneadm', '-z', op.zone, 'install'].concat(op.image_uuid ? ['-t', op.image_uuid] : []), timeoutMs: profile.boot.timeouts.zone_boot }];
    case 'bootZone':
      return [{ argv: ['zoneadm', '-z', op.zone, 'boot'], timeoutMs: profile.boot.timeouts.zone_boot }];
    case 'setRctl':
      return [{ argv: ['prctl', '-n', op.rctl, '-t', 'privileged', '-v', String(op.value), op.replace ? '-r' : '-s', '-i', 'zone', op.zone] }];
  }
}
