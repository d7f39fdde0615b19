import type { CommandHandler } from '../../core/router';
import { helpReply } from './help';

/** Any text the bot does not understand: say so, and list what it does understand (partners only). */
export const unknownCommand =
  (available: () => readonly string[]): CommandHandler =>
  (ctx, text) =>
    helpReply(ctx, available(), text === '' ? undefined : text);
