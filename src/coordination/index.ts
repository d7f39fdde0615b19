export * from './types';
export { localCoordination, localHooks, localKeyedLock, localSingleFlight, localWorkRegistry } from './local';
