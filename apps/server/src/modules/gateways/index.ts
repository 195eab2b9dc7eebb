/**
 * Clinic edge gateways, centre side (docs/adr/0033): enrolment by one-time code, the gateway's
 * service account and token, rotation and revocation, heartbeats and their 30-day history, and
 * the read functions the network monitor calls. Owns `gateways` and `gateway_heartbeats`
 * (migration 0040).
 */
export { gatewayRoutes, type GatewayRouteOptions } from './routes';
export { gatewayScope } from './scopes';
export { latestGatewayHealth, gatewayHeartbeatHistory } from './health';
export { listGateways, gatewayOfAccount } from './service';
export { recordHeartbeat } from './heartbeats';
export { pruneHeartbeats, startHeartbeatRetention, HEARTBEAT_RETENTION_DAYS } from './retention';
export { seedDemoGateway } from './demo';
