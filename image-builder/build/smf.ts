// The SMF side of the image: the service manifest and its start method. The
// manifest follows service_bundle.dtd.1, whose element order is strict.
export type Target = 'smartos' | 'illumos' | 'linux';

export const SERVICE_FMRI = 'svc:/system/kiln:default';
export const METHOD_PATH = '/lib/svc/method/kiln';

const dep = (name: string, fmri: string): string[] => [
  `    <dependency name="${name}" grouping="require_all" restart_on="none" type="service">`,
  `      <service_fmri value="${fmri}"/>`,
  '    </dependency>',
];
// optional_all: the zones still boot when kiln is disabled or in maintenance.
const dependent = (name: string, fmri: string): string[] => [
  `    <dependent name="${name}" grouping="optional_all" restart_on="none">`,
  `      <service_fmri value="${fmri}"/>`,
  '    </dependent>',
];

/**
 * svc:/system/kiln:default, transient: runs once per boot after the local file
 * systems (and, on SmartOS, the imported pools) and the physical network are
 * up, and before zones and VMs autoboot.
 * `timeoutS`: the start method's limit, seconds (the agent has its own).
 */
export function smfManifest(target: Exclude<Target, 'linux'>, timeoutS: number): string {
  const smartos = target === 'smartos';
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE service_bundle SYSTEM "/usr/share/lib/xml/dtd/service_bundle.dtd.1">',
    '<!--',
    '  kiln: converge this host from its profile at every boot (kiln-agent agent).',
    '  Written by kiln build; exit codes of the method: see /lib/svc/method/kiln.',
    '-->',
    '<service_bundle type="manifest" name="kiln">',
    '  <service name="system/kiln" type="service" version="1">',
    '    <create_default_instance enabled="true"/>',
    '    <single_instance/>',
    ...dep('filesystem-local', 'svc:/system/filesystem/local'),
    ...(smartos ? dep('filesystem-smartdc', 'svc:/system/filesystem/smartdc') : []),
    ...dep('network-physical', 'svc:/network/physical:default'),
    ...dependent('kiln_zones', 'svc:/system/zones:default'),
    ...(smartos ? dependent('kiln_vmadmd', 'svc:/system/smartdc/vmadmd') : []),
    `    <exec_method type="method" name="start" exec="${METHOD_PATH}" timeout_seconds="${timeoutS}"/>`,
    '    <exec_method type="method" name="stop" exec=":true" timeout_seconds="60"/>',
    '    <property_group name="startd" type="framework">',
    '      <propval name="duration" type="astring" value="transient"/>',
    '    </property_group>',
    '    <stability value="Unstable"/>',
    '    <template>',
    '      <common_name>',
    '        <loctext xml:lang="C">kiln boot agent</loctext>',
    '      </common_name>',
    '    </template>',
    '  </service>',
    '</service_bundle>',
    '',
  ].join('\n');
}

/** Paths the method uses; tests substitute fakes. */
export interface MethodPaths {
  node: string;
  agent: string;
  smfInclude: string;
  console: string;
}

export const SMF_METHOD_PATHS: MethodPaths = {
  node: '/usr/node/bin/node',
  agent: '/usr/lib/kiln/kiln-agent.js',
  smfInclude: '/lib/svc/share/smf_include.sh',
  console: '/dev/console',
};

// The console line, also in the service log (stdout). A write to a console we
// cannot open must not change the outcome.
const SAY = [
  'say() {',
  '\techo "kiln: $*"',
  '\techo "kiln: $*" 2>/dev/null >"$CONSOLE" || :',
  '}',
];


/** Both start scripts: set PATH, name the paths, run the agent once, keep its exit code in $rc. */
function runAgent(p: Omit<MethodPaths, 'smfInclude'>): string[] {
  return [
    'PATH=/usr/sbin:/usr/bin:/sbin:/bin',
    'export PATH',
    `NODE=${p.node}`,
    `AGENT=${p.agent}`,
    `CONSOLE=${p.console}`,
    '',
    ...SAY,
    '',
    '"$NODE" "$AGENT" agent',
    'rc=$?',
  ];
}

/**
 * The start method (POSIX sh). kiln's exit codes -> SMF's: a degraded host
 * still finishes booting (the report says what failed); an invalid profile is a
 * configuration error (maintenance); anything else is fatal.
 */
export function methodScript(p: MethodPaths = SMF_METHOD_PATHS): string {
  return [
    '#!/bin/sh',
    '# kiln start method for svc:/system/kiln:default (written by kiln build).',
    '# Runs the agent once per boot; exit 0 converged, 1 degraded, 2 invalid or',
    '# missing profile, 3 internal error. The run report is /var/kiln/report.json.',
    `. ${p.smfInclude}`,
    '',
    ...runAgent(p),
    'case $rc in',
    '0)',
    '\tsay "host converged"',
    '\texit $SMF_EXIT_OK ;;',
    '1)',
    '\tsay "*** DEGRADED: some resources failed or were skipped, or a refused profile was replaced by the last good one; see /var/kiln/report.json ***"',
    '\texit $SMF_EXIT_OK ;;',
    '2)',
    '\tsay "FAILED: invalid or missing profile, nothing was changed (exit 2)"',
    '\texit $SMF_EXIT_ERR_CONFIG ;;',
    '*)',
    '\tsay "FAILED: internal error (exit $rc); see the service log"',
    '\texit $SMF_EXIT_ERR_FATAL ;;',
    'esac',
    '',
  ].join('\n');
}

export const LINUX_BOOT_PATHS: Omit<MethodPaths, 'smfInclude'> = {
  node: '/usr/bin/node',
  agent: '/usr/lib/kiln/kiln-agent.js',
  console: '/dev/console',
};

/** The Linux start script: run the agent, say how it went, pass its exit code on to init. */
export function linuxBootScript(p: Omit<MethodPaths, 'smfInclude'> = LINUX_BOOT_PATHS): string {
  return [
    '#!/bin/sh',
    '# kiln boot script (written by kiln build): run it from init once per boot.',
    '# Exits with the agent\'s code: 0 converged, 1 degraded, 2 invalid or missing',
    '# profile, 3 internal error. The run report is /var/kiln/report.json.',
    ...runAgent(p),
    'case $rc in',
    '0) say "host converged" ;;',
    '1) say "*** DEGRADED: some resources failed or were skipped, or a refused profile was replaced by the last good one; see /var/kiln/report.json ***" ;;',
    '2) say "FAILED: invalid or missing profile, nothing was changed (exit 2)" ;;',
    '*) say "FAILED: internal error (exit $rc)" ;;',
    'esac',
    'exit $rc',
    '',
  ].join('\n');
}
