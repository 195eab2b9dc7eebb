import { Box, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { ageAt, formatCalendarDate, formatPersonName } from '../archive/studyFormat';
import { studyHeader, type ViewerInstance } from './studyMetadata';

const corner = (pos: CSSProperties): CSSProperties => ({
  position: 'absolute',
  ...pos,
  pointerEvents: 'none',
  padding: '6px 8px',
  maxWidth: '34%',
  lineHeight: 1.3,
  color: '#e8e8e8',
  textShadow: '0 0 3px #000, 0 0 2px #000',
  fontSize: 12,
  zIndex: 2,
});

function Line({ children, strong }: { children: ReactNode; strong?: boolean }) {
  return (
    <Text size="xs" fw={strong ? 700 : 400} c="inherit" truncate="end" style={{ fontSize: 12 }}>
      {children}
    </Text>
  );
}

/** The patient identity the server resolved for a study (correction ?? header). */
export interface OverlayPatient {
  id: string;
  name: string | null;
}

/**
 * The DICOM overlay of one viewport, in the four corners only so the lungs in the centre stay
 * clear: patient top left, study and clinic top right, view bottom left, label bottom right.
 */
export function ViewportOverlay({
  instance,
  label,
  clinic,
  windowText,
  patient = null,
}: {
  instance: ViewerInstance;
  label: string;
  clinic: string | null;
  windowText: string | null;
  /** When given, shown instead of the header's Patient Name and ID. */
  patient?: OverlayPatient | null;
}) {
  const h = studyHeader(instance.metadata);
  const birth = h.patientBirthDate;
  const age =
    h.patientAge?.replace(/^0+/, '') ??
    ageAt(
      birth ? `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` : null,
      h.studyDate
        ? `${h.studyDate.slice(0, 4)}-${h.studyDate.slice(4, 6)}-${h.studyDate.slice(6, 8)}`
        : null,
    );
  const studyDate = h.studyDate
    ? formatCalendarDate(
        `${h.studyDate.slice(0, 4)}-${h.studyDate.slice(4, 6)}-${h.studyDate.slice(6, 8)}`,
      )
    : '—';
  return (
    <>
      <Box style={corner({ top: 0, left: 0 })} data-overlay="top-left">
        <Line strong>{formatPersonName(patient ? patient.name : h.patientName)}</Line>
        <Line>{(patient ? patient.id : h.patientId) || '—'}</Line>
        <Line>
          {h.patientSex || '—'} · {age ?? '—'}
        </Line>
      </Box>
      <Box style={corner({ top: 0, right: 0, textAlign: 'right' })} data-overlay="top-right">
        <Line strong>{studyDate}</Line>
        <Line>{clinic ?? h.institution ?? '—'}</Line>
      </Box>
      <Box style={corner({ bottom: 0, left: 0 })} data-overlay="bottom-left">
        <Line strong>{instance.viewPosition || instance.view}</Line>
        <Line>{instance.seriesDescription ?? ''}</Line>
      </Box>
      <Box style={corner({ bottom: 0, right: 0, textAlign: 'right' })} data-overlay="bottom-right">
        {/* "PA" under "PA" says nothing: the label shows when it adds to the view. */}
        {label.toUpperCase() !== (instance.viewPosition || instance.view).toUpperCase() && (
          <Line strong>{label}</Line>
        )}
        {windowText && <Line>{windowText}</Line>}
        <Line>
          {instance.columns}×{instance.rows} · {instance.bitsStored}-bit
        </Line>
      </Box>
    </>
  );
}
