import type { Router } from '../../core/router';
import { help } from './help';
import { unknownCommand } from './unknown-command';

export { stillChecking } from './still-checking';
export { welcome } from './welcome';

export function registerHelp(router: Router): void {
  router.command(
    ['help', '?', 'hi', 'hello', 'start', 'hilfe', 'aide', 'ayuda', 'aiuto', 'ajuda', 'ヘルプ'],
    help,
    {
      audience: 'anyone',
    },
  );
  router.fallback(unknownCommand);
}
