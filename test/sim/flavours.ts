// What differs between SmartOS (illumos-joyent) and vanilla illumos, as data so
// a target that behaves otherwise is a one-line change.
import type { Flavour, SimState } from './state.ts';

export interface FlavourTraits {
  /** brand of the global zone in `zoneadm list -p` (smartos: test data; illumos: [UNCERTAIN], distro-specific) */
  globalBrand: string;
  /** /etc/zones/index carries `:brand:ip-type:debugid` (illumos-joyent getzoneent.c) */
  indexHasBrand: boolean;
  /** brand of a `create -b` config that never sets one [UNCERTAIN] */
  defaultBrand: string;
  /** `zoneadm install` of a zone whose dataset it creates prints this line (vanilla) */
  installMessage?: string;
  uninstallMessage?: string;
  /** URL scheme of `see:` lines (newer builds use https) [UNCERTAIN which release switched] */
  msgUrl: string;
}

export const FLAVOURS: Record<Flavour, FlavourTraits> = {
  smartos: {
    globalBrand: 'liveimg',
    indexHasBrand: true,
    defaultBrand: 'joyent',
    msgUrl: 'http://illumos.org/msg/',
  },
  illumos: {
    globalBrand: 'ipkg',
    indexHasBrand: false,
    defaultBrand: 'ipkg',
    installMessage: 'A ZFS file system has been created for this zone.',
    uninstallMessage: 'The ZFS file system for this zone has been destroyed.',
    msgUrl: 'http://illumos.org/msg/',
  },
};

export function traits(s: SimState): FlavourTraits {
  return FLAVOURS[s.flavour];
}

export function globalBrand(s: SimState): string {
  return s.globalBrand ?? traits(s).globalBrand;
}
