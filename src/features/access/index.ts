/** Who may do what in Partner Center: used by every feature that writes there. */

// What other features use (they import this feature only through this file).
export { requireRole } from './roles';
