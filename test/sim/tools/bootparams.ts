// bootparams: the boot properties, one `name=value` per line (SmartOS).
import type { Ctx } from '../ctx.ts';

export function bootparams(ctx: Ctx): number {
  const s = ctx.read();
  ctx.out(Object.entries(s.bootparams).map(([k, v]) => `${k}=${v}\n`).join(''));
  return 0;
}
