/**
 * The network monitor (owns `inbound_refusals`, `clinic_last_received`, `clinic_working_hours`
 * and `network_alerts`): every refusal at the doors, the last study per clinic and door, the
 * clinics' working hours, and the alerts raised when a clinic goes silent or its gateway queue
 * grows. See docs/adr/0034.
 */
export { monitorRoutes } from './routes';
export { recordRefusal, refusalsSettled, onRefusalWriteError, type Refusal } from './recorder';
export { listRefusals, sweepOldRefusals } from './refusals';
export {
  noteArrival,
  arrivalsSettled,
  onArrivalWriteError,
  lastReceivedByClinic,
  type Arrival,
} from './lastReceived';
export { sweepNetworkAlerts, evaluateRules, openAlerts, type ClinicSignals } from './alerts';
export { networkOverview, clinicHistory } from './network';
export { type GatewayHealthRow, type GatewayHistoryBucket } from './gatewayHealth';
export { getWorkingHours, putWorkingHours } from './workingHours';
export { getMonitorSettings, putMonitorSettings, MONITOR_SETTINGS_KEY } from './settings';
export { startMonitorSweep } from './sweep';
