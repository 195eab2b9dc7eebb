/** Quality assurance: the statistics behind peer review, QC agreement, KPIs and staffing. */
export {
  agentsForServiceLevel,
  cohensKappa,
  erlangC,
  erlangMeanWait,
  erlangServiceLevel,
  funnelLimits,
  funnelZone,
  nearestRankPercentile,
  percentile,
  FUNNEL_Z,
  type FunnelLimits,
  type FunnelZone,
  type Kappa,
} from './stats';
