import { LabelledSelect } from './LabelledSelect';

import { useMemo } from 'react';
import { timeZones } from '../../features/admin/centres/schedule';

/** A searchable picker of IANA time zones. */
export function TimeZoneSelect({
  value,
  onChange,
  error,
  label = 'Time zone',
  required = true,
}: {
  value: string;
  onChange: (tz: string) => void;
  error?: string;
  label?: string;
  /** False where the zone belongs to an optional part of a form. */
  required?: boolean;
}) {
  const data = useMemo(() => timeZones(), []);
  return (
    <LabelledSelect
      label={label}
      required={required}
      searchable
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error}
      nothingFoundMessage="No matching time zone"
      placeholder="Search, e.g. Manila"
      limit={50}
    />
  );
}
