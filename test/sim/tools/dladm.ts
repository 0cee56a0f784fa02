// dladm: dispatch of the subcommands the agent uses.
import type { Ctx } from '../ctx.ts';
import { createEtherstub, createVnic, deleteLink, setLinkprop } from './dladm-create.ts';
import { showEtherstub, showLink, showLinkprop, showPhys, showVnic } from './dladm-show.ts';

export function dladm(ctx: Ctx): number {
  const [sub, ...rest] = ctx.args;
  switch (sub) {
    case 'show-phys':
      return showPhys(ctx, rest);
    case 'show-link':
      return showLink(ctx, rest);
    case 'show-vnic':
      return showVnic(ctx, rest);
    case 'show-etherstub':
      return showEtherstub(ctx, rest);
    case 'show-linkprop':
      return showLinkprop(ctx, rest);
    case 'create-vnic':
      return createVnic(ctx, rest);
    case 'create-etherstub':
      return createEtherstub(ctx, rest);
    case 'delete-vnic':
      return deleteLink(ctx, rest, 'vnic');
    case 'delete-etherstub':
      return deleteLink(ctx, rest, 'etherstub');
    case 'set-linkprop':
      return setLinkprop(ctx, rest);
    default:
      ctx.err(sub === undefined ? 'usage: dladm <subcommand> <args> ...\n' : `dladm: unknown subcommand '${sub}'\n`);
      return 1;
  }
}
