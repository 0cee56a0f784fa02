// The server mode's control directory, shared by the server, its workers, the
// host that starts it and (by convention) test/sim/client.sh:
//   notify      FIFO: one line "<request id>\n" per call (atomic, < PIPE_BUF)
//   pid         the server's pid, written once it is listening
//   server.log  the server's stdout/stderr
//   warm/<n>/   worker n's scratch host while it warms up (server-warmup.ts)
//   req/<id>.*  one call, id = the client's pid: req (NUL-terminated fields:
//               KILN_SIM_STATE, KILN_SIM_ROOT, cwd, stdin captured 0|1, argv...),
//               stdin, out, err (created and held open by the client), reply
//               (FIFO). The server fills out and err, unlinks them all, then
//               writes "<code> <stdout bytes> <stderr bytes>\n" to reply.
import * as path from 'node:path';

export const layout = (ctl: string) => ({
  notify: path.join(ctl, 'notify'),
  pid: path.join(ctl, 'pid'),
  log: path.join(ctl, 'server.log'),
  reqs: path.join(ctl, 'req'),
  /** scratch hosts the workers warm up on */
  warm: path.join(ctl, 'warm'),
});

/** A client's pid: nothing that could climb out of req/. */
export const REQUEST_ID = /^[0-9]+$/;

export const REQUEST_FILES = ['req', 'stdin', 'out', 'err', 'reply'] as const;

export const requestFile = (reqs: string, id: string, name: (typeof REQUEST_FILES)[number]): string => path.join(reqs, `${id}.${name}`);
