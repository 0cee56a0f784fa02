// Each server worker runs a round of typical calls against a scratch host
// before it reports ready: a new thread compiles the tool code afresh, and
// that cost (several ms per tool) belongs in start-up, not in the first calls
// a benchmark times.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostWithRunningZones } from './presets.ts';
import { runTool } from './run-tool.ts';
import { saveState } from './store.ts';

const ZONE = 'create -b\nset zonepath=/zones/w1\nset brand=joyent\nset autoboot=true\nset ip-type=exclusive\n' +
  'add net\nset physical=w1_0\nend\nadd rctl\nset name=zone.max-physical-memory\nadd value (priv=privileged,limit=536870912,action=deny)\nend\ncommit\n';

const CALLS: Array<[string[], string?]> = [
  [['zpool', 'import']],
  [['zpool', 'list', '-H', '-p', '-o', 'name,size,health,guid']],
  [['zpool', 'status']],
  [['zfs', 'list', '-H', '-p', '-o', 'name,type,volsize,quota,reservation,compression,recordsize,mountpoint', '-t', 'filesystem,volume']],
  [['zfs', 'create', '-o', 'compression=lz4', 'zones/w']],
  [['dladm', 'show-phys', '-p', '-o', 'link,media,state,device']],
  [['dladm', 'show-etherstub', '-p']],
  [['dladm', 'show-vnic', '-p', '-o', 'link,over,vid,macaddress,zone']],
  [['dladm', 'show-linkprop', '-c', '-o', 'link,property,value', '-p', 'maxbw,priority']],
  [['dladm', 'create-vnic', '-t', '-l', 'e1000g0', 'w1_0']],
  [['kstat', '-p', 'zfs:0:arcstats:c_max', 'zfs:0:arcstats:size', 'unix:0:system_pages:physmem']],
  [['bootparams']],
  [['zoneadm', 'list', '-cp']],
  [['zonecfg', '-z', 'w1', '-f', '-'], ZONE],
  [['zonecfg', '-z', 'w1', 'export']],
  [['zoneadm', '-z', 'w1', 'install']],
  [['zoneadm', '-z', 'w1', 'boot']],
  [['prctl', '-P', '-i', 'zone', 'w1']],
  [['zoneadm', '-z', 'w1', 'halt']],
];

export function warmUp(scratch: string): void {
  const dir = path.join(scratch, 'state');
  const root = path.join(scratch, 'root');
  fs.mkdirSync(dir, { recursive: true });
  saveState(dir, hostWithRunningZones(2, 'smartos'));
  try {
    for (const [argv, stdin] of CALLS) {
      runTool({ argv, env: { KILN_SIM_STATE: dir, KILN_SIM_ROOT: root }, cwd: scratch, stdin: () => stdin ?? '' });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
