/**
 * The KPI dashboard (DOMAIN.md §6): turnaround, volumes, queue, findings with funnel plots,
 * retakes, peer review, consultations and incidents, each figure drillable to its studies. Owns
 * `kpi_reads`, `kpi_daily` and `kpi_stale_days` (migration 0031), rebuilt by day as releases mark
 * days stale (docs/adr/0024-kpi-aggregates.md), and the CAD calibration facts `kpi_cad_reads`,
 * `kpi_cad_bins` and `kpi_cad_stale_days` (migration 0059, docs/adr/0045).
 */
export { kpiRoutes } from './routes';
export { kpiDashboard } from './dashboard';
export { kpiStudies } from './drill';
export { refreshStaleDays, resultKinds, type Refresh } from './refresh';
export { refreshCadStaleDays, type CadRefresh } from './cadRefresh';
export { cadCalibration } from './cadCalibration';
export { cadCalibrationReads } from './cadDrill';
export { KPI_PANELS } from './panels';
export { settle, type Scope } from './filters';
