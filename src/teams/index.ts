export { createAdapter, messageProcessor } from './adapter';
export { McaBot } from './bot';
export { TeamsMessenger } from './messenger';
