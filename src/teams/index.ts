export { channelAuthentication, createAdapter } from './adapter';
export { channelAuthenticator } from './channel-auth';
export { activityProcessor, type ActivityAnswer } from './process-activity';
export { McaBot } from './bot';
export { TeamsMessenger } from './messenger';
