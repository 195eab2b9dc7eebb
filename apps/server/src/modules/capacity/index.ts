/**
 * The capacity planner: from the arrival history by clinic and hour of the week and the readers'
 * measured reading times, the readers each centre needs per hour to meet the SLA (Erlang C,
 * ADR 0029), against the roster, with what-ifs for a centre's hours and a new clinic. Owns no
 * table: it reads the worklist's tasks, the centres' hours and the readers' shift choices.
 */
export { capacityRoutes } from './routes';
export { planCapacity } from './service';
