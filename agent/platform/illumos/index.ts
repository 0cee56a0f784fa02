// The illumos platform (flavours smartos and illumos).
import { observe } from '../../host/observe.ts';
import type { Platform } from '../platform.ts';
import { illumosCommands } from './commands.ts';

export function illumosPlatform(): Platform {
  let flavour: 'smartos' | 'illumos' = 'smartos';
  return {
    name: 'illumos',
    async observe(runner, io, opts) {
      const facts = await observe(runner, io, opts);
      flavour = facts.flavour;
      return facts;
    },
    commands(action, profile) {
      return illumosCommands(action, profile, flavour);
    },
  };
}
