// The kiln/v1 field table: every key a profile may hold, its type, range,
// default and what it means. Frozen once released; new keys go to v2.
import {
  absPathProblem,
  cidrProblem,
  DISK_DOC,
  DISK_NAME,
  datasetNameProblem,
  HOSTNAME,
  ipProblem,
  linkNameProblem,
  macProblem,
  NIC_TAG,
  poolNameProblem,
  UUID,
  zoneNameProblem,
} from '../names.ts';
import type { Field, ObjectField } from '../schema-dsl.ts';
import { CAPS } from './caps.ts';
import { HVM_BRANDS, OS_BRANDS } from './types.ts';

const HVM: readonly string[] = HVM_BRANDS;
const MIB = 1024 * 1024;

const linkName = (doc: string, extra: Partial<Field> = {}): Field =>
  ({ t: 'string', doc, check: linkNameProblem, ...extra }) as Field;

const props = (doc: string): Field => ({
  t: 'map',
  doc,
  keyPattern: /^[a-z][a-z0-9_:.-]*$/,
  keyDoc: 'a zfs property name (lower-case letters, digits, _ : . -)',
  values: { t: 'union', doc: 'property value', of: [{ t: 'string', doc: 'value', pattern: /^[^\s;&|`$<>\\]*$/, patternDoc: 'a property value without blanks or shell characters' }, { t: 'int', doc: 'value' }, { t: 'bool', doc: 'value' }] },
});

const vdev = (types: readonly string[]): Field => ({
  t: 'object',
  doc: 'A top-level vdev.',
  fields: {
    type: { t: 'string', doc: 'stripe (plain disks), mirror, raidz, raidz2 or raidz3.', enum: types, default: 'stripe' },
    disks: { t: 'array', doc: 'Disks in this vdev.', required: true, minItems: 1, items: { t: 'string', doc: 'disk', pattern: DISK_NAME, patternDoc: DISK_DOC } },
  },
});

const dataset: ObjectField = {
  t: 'object',
  doc: 'A filesystem or volume (zvol) on the pool.',
  fields: {
    name: { t: 'string', doc: 'Name below the pool: data becomes <pool>/data.', required: true, check: datasetNameProblem },
    quota: { t: 'size', doc: 'zfs quota.' },
    reservation: { t: 'size', doc: 'zfs reservation.' },
    compression: { t: 'string', doc: 'zfs compression (illumos ZFS has no zstd).', enum: ['on', 'off', 'lz4', 'lzjb', 'gzip', 'gzip-1', 'gzip-2', 'gzip-3', 'gzip-4', 'gzip-5', 'gzip-6', 'gzip-7', 'gzip-8', 'gzip-9', 'zle'] },
    recordsize: { t: 'size', doc: 'zfs recordsize (a power of two, 512 bytes to 1M).', min: 512, max: MIB },
    mountpoint: { t: 'string', doc: 'zfs mountpoint: a path, legacy or none.', check: (v) => (v === 'legacy' || v === 'none' ? undefined : absPathProblem(v)) },
    volume: {
      t: 'object',
      doc: 'Make this a volume (zvol) instead of a filesystem.',
      fields: {
        size: { t: 'size', doc: 'Volume size.', required: true, min: 128 * 1024 },
        sparse: { t: 'bool', doc: 'No reservation (zfs create -s).', default: false },
        blocksize: { t: 'size', doc: 'volblocksize.', min: 512, max: MIB },
      },
    },
    properties: props('Other zfs properties, set as given.'),
  },
};

const pool: ObjectField = {
  t: 'object',
  doc: 'A ZFS pool: imported if importable; created only when `create` says how and no disk is in use.',
  fields: {
    name: { t: 'string', doc: 'Pool name.', required: true, check: poolNameProblem },
    force: { t: 'bool', doc: 'Import a pool last used by another host (zpool import -f).', default: false },
    system: { t: 'bool', doc: 'Keep kiln state (last good profile, reports) here. Default: the pool named zones, else the first.' },
    create: {
      t: 'object',
      doc: 'How to create the pool when it is neither imported nor importable and none of its disks is in use.',
      fields: {
        vdevs: { t: 'array', doc: 'Top-level data vdevs.', required: true, minItems: 1, items: vdev(['stripe', 'mirror', 'raidz', 'raidz2', 'raidz3']) },
        log: { t: 'array', doc: 'Intent-log vdevs (stripe or mirror).', items: vdev(['stripe', 'mirror']) },
        cache: { t: 'array', doc: 'L2ARC cache disks.', items: { t: 'string', doc: 'disk', pattern: DISK_NAME, patternDoc: DISK_DOC } },
        spares: { t: 'array', doc: 'Hot spare disks.', items: { t: 'string', doc: 'disk', pattern: DISK_NAME, patternDoc: DISK_DOC } },
        properties: props('Pool properties (zpool create -o), e.g. ashift.'),
        filesystem_properties: props('Root filesystem properties (zpool create -O), e.g. compression.'),
      },
    },
    datasets: { t: 'array', doc: 'Filesystems and volumes.', items: dataset },
  },
};

const arc: ObjectField = {
  t: 'object',
  doc: 'ZFS ARC size policy: a fixed max, or the provisioner rule.',
  exclusive: [['max', 'os_reserve'], ['max', 'min_percent']],
  fields: {
    max: { t: 'size', doc: 'Fixed ARC maximum.', min: 64 * MIB },
    os_reserve: { t: 'size', doc: 'Provisioner rule: memory kept free for the OS and zones.' },
    min_percent: { t: 'int', doc: 'Provisioner rule: ARC never below this percent of RAM.', min: 0, max: 100, default: 20 },
  },
};

const network: ObjectField = {
  t: 'object',
  doc: 'Etherstubs, nic tags and VNICs.',
  fields: {
    nic_tags: {
      t: 'array',
      doc: 'Names for physical NICs, chosen by link name or by MAC address (so a renamed NIC still matches).',
      items: {
        t: 'object',
        doc: 'A nic tag.',
        exclusive: [['link', 'mac']],
        fields: {
          name: { t: 'string', doc: 'Tag name, usable as a VNIC\'s `over`.', required: true, pattern: NIC_TAG, patternDoc: 'a nic tag name (a letter, then letters, digits or _; at most 31)' },
          link: linkName('The physical link.'),
          mac: { t: 'string', doc: 'The physical NIC\'s MAC address.', check: macProblem },
        },
      },
    },
    etherstubs: { t: 'array', doc: 'Etherstubs (virtual switches).', items: linkName('Etherstub name.') },
    vnics: {
      t: 'array',
      doc: 'VNICs in the global zone.',
      items: {
        t: 'object',
        doc: 'A VNIC.',
        fields: {
          name: linkName('VNIC name.', { required: true }),
          over: { t: 'string', doc: 'A physical link, a declared etherstub or a declared nic tag.', required: true },
          vlan_id: { t: 'int', doc: 'VLAN id.', min: 1, max: 4094 },
          mac: { t: 'string', doc: 'auto, random, or a fixed unicast MAC.', default: 'auto', check: (v) => (v === 'auto' || v === 'random' ? undefined : macProblem(v)) },
          maxbw: { t: 'bandwidth', doc: 'Bandwidth limit: Mb/s integer or string with K/M/G.', min: 1200 * 1000 },
          priority: { t: 'string', doc: 'Link priority.', enum: ['high', 'medium', 'low'] },
          mtu: { t: 'int', doc: 'MTU.', min: 576, max: 9000 },
        },
      },
    },
  },
};

const zoneNet: ObjectField = {
  t: 'object',
  doc: 'A network interface of the zone.',
  fields: {
    physical: linkName('The declared VNIC the zone gets.', { required: true }),
    allowed_address: { t: 'string', doc: 'Address/prefix the zone may use (zonecfg allowed-address).', check: cidrProblem },
    defrouter: { t: 'string', doc: 'Default router.', check: ipProblem },
    primary: { t: 'bool', doc: 'The primary interface (default: the first).' },
    model: { t: 'string', doc: 'Emulated NIC model for guests.', enum: ['virtio', 'e1000', 'rtl8139'], brands: HVM },
  },
};

const guestDisk: ObjectField = {
  t: 'object',
  doc: 'A guest disk (a zvol).',
  exclusive: [['size', 'volume']],
  fields: {
    size: { t: 'size', doc: 'Size of a new zvol.', min: MIB },
    volume: { t: 'string', doc: 'Use an existing zvol (below the zone\'s pool) instead.', check: datasetNameProblem },
    boot: { t: 'bool', doc: 'The boot disk (one per guest).', default: false },
    model: { t: 'string', doc: 'Disk model: kvm virtio/ide/scsi, bhyve virtio/ahci/nvme.', enum: ['virtio', 'ide', 'scsi', 'ahci', 'nvme'] },
    media: { t: 'string', doc: 'disk or cdrom.', enum: ['disk', 'cdrom'], default: 'disk' },
  },
};

const zoneFields: Record<string, Field> = {
  name: { t: 'string', doc: 'Zone name.', required: true, check: zoneNameProblem },
  brand: { t: 'string', doc: 'OS zone brand, or kvm/bhyve for a hardware guest.', required: true, enum: [...OS_BRANDS, ...HVM_BRANDS] },
  autoboot: { t: 'bool', doc: 'Boot the zone (now and at every boot).', default: true },
  pool: { t: 'string', doc: 'Pool for the zone root. Default: the system pool.', check: poolNameProblem },
  zonepath: { t: 'string', doc: 'Zone path. Default: /<pool>/<name>.', check: absPathProblem },
  uuid: { t: 'string', doc: 'Zone UUID.', pattern: UUID, patternDoc: 'a UUID' },
  image_uuid: { t: 'string', doc: 'Image to install from (joyent, joyent-minimal, lx).', pattern: UUID, patternDoc: 'a UUID', brands: ['joyent', 'joyent-minimal', 'lx'] },
  hostname: { t: 'string', doc: 'Host name inside the zone.', pattern: HOSTNAME, patternDoc: 'a host name (RFC 1123)' },
  resolvers: { t: 'array', doc: 'DNS resolvers.', items: { t: 'string', doc: 'resolver', check: ipProblem } },
  nets: { t: 'array', doc: 'Network interfaces.', items: zoneNet },
  quota: { t: 'size', doc: 'Quota of the zone\'s dataset.' },
  ram: { t: 'size', doc: 'Guest memory.', brands: HVM, min: 64 * MIB },
  vcpus: { t: 'int', doc: 'Guest virtual CPUs.', brands: HVM, min: 1, max: 64, default: 1 },
  disks: { t: 'array', doc: 'Guest disks.', brands: HVM, items: guestDisk },
  cdrom: { t: 'string', doc: 'ISO image path attached as a CD-ROM.', brands: HVM, check: absPathProblem },
  bootrom: { t: 'string', doc: 'bios, uefi, or a ROM path (bhyve).', brands: ['bhyve'], check: (v) => (v === 'bios' || v === 'uefi' ? undefined : absPathProblem(v)) },
  vnc: { t: 'union', doc: 'VNC console: true, false, or a port.', brands: HVM, of: [{ t: 'bool', doc: 'on/off' }, { t: 'int', doc: 'port', min: 5900, max: 65535 }] },
};
for (const cap of CAPS) {
  zoneFields[cap.name] = cap.unit === 'bytes' ? { t: 'size', doc: cap.doc, min: cap.min, max: cap.max } : { t: 'int', doc: cap.doc, min: cap.min, max: cap.max };
}

const zone: ObjectField = { t: 'object', doc: 'An OS zone or a hardware guest, by brand.', fields: zoneFields };

const boot: ObjectField = {
  t: 'object',
  doc: 'How the agent runs at boot.',
  fields: {
    strict: { t: 'bool', doc: 'Boot no zone if anything before it failed.', default: false },
    concurrency: { t: 'int', doc: 'Actions run at once.', min: 1, max: 64, default: 4 },
    timeouts: {
      t: 'object',
      doc: 'Time limits.',
      fields: {
        command: { t: 'duration', doc: 'Per host command.', min: 100, max: 3600000, default: '60s' },
        zone_boot: { t: 'duration', doc: 'Per zone boot.', min: 1000, max: 3600000, default: '5m' },
        total: { t: 'duration', doc: 'Whole run.', min: 1000, max: 24 * 3600000, default: '30m' },
        report: { t: 'duration', doc: 'POST to report_url.', min: 100, max: 600000, default: '10s' },
      },
    },
    report_url: { t: 'string', doc: 'POST report.json here after each run.', pattern: /^https?:\/\/[^\s]+$/, patternDoc: 'an http:// or https:// URL' },
  },
};

const file: ObjectField = {
  t: 'object',
  doc: 'A file placed into the live image by kiln build.',
  exclusive: [['content', 'source']],
  fields: {
    path: { t: 'string', doc: 'Absolute path in the image.', required: true, check: absPathProblem },
    mode: { t: 'string', doc: 'Octal mode as a quoted string, like "0644".', pattern: /^0?[0-7]{3,4}$/, patternDoc: 'an octal mode like "0644"', default: '0644' },
    owner: { t: 'string', doc: 'Owner.', pattern: /^[a-z_][a-z0-9_-]{0,31}$/, patternDoc: 'a user name', default: 'root' },
    group: { t: 'string', doc: 'Group.', pattern: /^[a-z_][a-z0-9_-]{0,31}$/, patternDoc: 'a group name', default: 'root' },
    content: { t: 'string', doc: 'The file\'s text.' },
    source: { t: 'string', doc: 'A file to copy, relative to the profile.' },
  },
};

/** The whole kiln/v1 document. */
export const PROFILE_V1: ObjectField = {
  t: 'object',
  doc: 'A kiln host profile.',
  fields: {
    apiVersion: { t: 'string', doc: 'Always kiln/v1.', required: true, enum: ['kiln/v1'] },
    kind: { t: 'string', doc: 'Always Host.', required: true, enum: ['Host'] },
    metadata: {
      t: 'object',
      doc: 'Who this profile is.',
      required: true,
      fields: {
        name: { t: 'string', doc: 'Profile name (reported).', required: true, pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, patternDoc: 'a lower-case name of letters, digits and - (at most 63)' },
        description: { t: 'string', doc: 'Free text.' },
        labels: { t: 'map', doc: 'Free-form labels.', keyPattern: /^[A-Za-z0-9][A-Za-z0-9_./-]{0,62}$/, keyDoc: 'a label key', values: { t: 'string', doc: 'label value', maxLength: 253 } },
      },
    },
    boot,
    pools: { t: 'array', doc: 'ZFS pools.', items: pool },
    arc,
    network,
    zones: { t: 'array', doc: 'Zones and hardware guests.', items: zone },
    files: { t: 'array', doc: 'Files added to the live image.', items: file },
  },
};
