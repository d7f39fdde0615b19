import type { Router } from '../../core/router';
import { help } from './help';
import { unknownCommand } from './unknown-command';

export { stillChecking } from './still-checking';
export { welcome } from './welcome';

export function registerHelp(router: Router): void {
  // Read when asked: features registered after help (and sandbox-only `order`) are listed too.
  const available = () => router.commandNames();
  router.command(
    ['help', '?', 'hi', 'hello', 'start', 'hilfe', 'aide', 'ayuda', 'aiuto', 'ajuda', 'ヘルプ'],
    help(available),
    { audience: 'anyone' },
  );
  router.fallback(unknownCommand(available));
}
