/**
 * Test support for the network monitor (imported by tests only): forgetting the in-process
 * throttle of last-received writes, so a test can replay arrivals at its own clock.
 */
export { forgetArrivals } from './lastReceived';
