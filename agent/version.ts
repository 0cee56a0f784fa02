// The version is stamped in at build time from package.json.
declare const __KILN_VERSION__: string | undefined;

export const VERSION: string = typeof __KILN_VERSION__ === 'string' ? __KILN_VERSION__ : '0.0.0-dev';
