/** Quality assurance: the statistics behind peer review, QC agreement, KPIs and staffing. */
export {
  agentsForResponseLevel,
  agentsForServiceLevel,
  cohensKappa,
  erlangC,
  erlangMeanWait,
  erlangResponseLevel,
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
