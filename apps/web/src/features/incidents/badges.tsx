import { Badge } from '@mantine/core';
import {
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STATE_LABELS,
  type IncidentSeverity,
  type IncidentState,
} from '@telerad/contracts';

const SEVERITY_COLOURS: Record<IncidentSeverity, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};
const STATE_COLOURS: Record<IncidentState, string> = {
  open: 'red',
  investigating: 'blue',
  resolved: 'teal',
  closed: 'gray',
};

/** A badge keeps its whole word in a narrow table cell. */
const WHOLE = { minWidth: 'max-content' } as const;

export function SeverityBadge({ severity }: { severity: IncidentSeverity }) {
  return (
    <Badge variant="light" color={SEVERITY_COLOURS[severity]} style={WHOLE}>
      {INCIDENT_SEVERITY_LABELS[severity]}
    </Badge>
  );
}

export function IncidentStateBadge({ state }: { state: IncidentState }) {
  return (
    <Badge variant="dot" color={STATE_COLOURS[state]} style={WHOLE}>
      {INCIDENT_STATE_LABELS[state]}
    </Badge>
  );
}
