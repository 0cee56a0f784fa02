// The exit-code contract. Only the CLI entry points call process.exit with these.
export const EXIT = {
  /** converged, or valid */
  OK: 0,
  /** some resources failed */
  DEGRADED: 1,
  /** invalid or missing profile: nothing on the host touched */
  INVALID: 2,
  /** a bug */
  INTERNAL: 3,
} as const;
