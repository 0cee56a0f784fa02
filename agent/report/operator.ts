// What the operator sees: stdout/stderr (on SmartOS, the SMF service log)
// and, when it exists, <root>/dev/console, because on an appliance nobody
// reads the service log. The device is skipped when stdout is a terminal
// (someone is watching already) and any error writing it is ignored.
import * as fs from 'fs';
import type { Output } from '../io/types.ts';
import { rootPath } from '../sources/local.ts';

export interface Operator extends Output {
  /** resolves once every line so far reached the console device */
  flush(): Promise<void>;
}

function append(path: string, text: string): Promise<void> {
  return new Promise<void>((resolve) => {
    fs.stat(path, (e) => {
      if (e) return resolve();
      fs.appendFile(path, text, () => resolve());
    });
  });
}

export function operator(io: Output, root: string, useDevice: boolean): Operator {
  const device = rootPath(root, '/dev/console');
  let chain: Promise<void> = Promise.resolve();
  const tee = (text: string): void => {
    if (useDevice) chain = chain.then(() => append(device, text));
  };
  return {
    out(text) {
      io.out(text);
      tee(text);
    },
    err(text) {
      io.err(text);
      tee(text);
    },
    flush: () => chain,
  };
}
