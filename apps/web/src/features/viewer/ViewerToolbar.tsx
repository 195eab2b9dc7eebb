import { ActionIcon, Button, Divider, Group, Kbd, Menu, Text, Tooltip } from '@mantine/core';
import {
  IconAdjustmentsHorizontal,
  IconAngle,
  IconArrowAutofitContent,
  IconArrowUpRight,
  IconChevronDown,
  IconFlipHorizontal,
  IconFlipVertical,
  IconHandMove,
  IconHelp,
  IconHistory,
  IconLayoutColumns,
  IconOvalVertical,
  IconRefresh,
  IconRotateClockwise,
  IconRuler2,
  IconSunMoon,
  IconZoomIn,
  IconZoomScan,
  type Icon,
} from '@tabler/icons-react';
import { WINDOW_PRESETS, type PriorStudy } from '@telerad/contracts';
import { formatCalendarDate } from '../archive/studyFormat';
import type { ViewerAction } from './keyboard';
import { PriorReportSummary } from './PriorReportSummary';
import type { LeftTool } from './leftTools';

const TOOLS: { tool: LeftTool; label: string; key: string; icon: Icon }[] = [
  { tool: 'window', label: 'Window / level', key: 'W', icon: IconAdjustmentsHorizontal },
  { tool: 'zoom', label: 'Zoom', key: 'Z', icon: IconZoomIn },
  { tool: 'pan', label: 'Pan', key: 'P', icon: IconHandMove },
  { tool: 'magnify', label: 'Magnifier', key: 'M', icon: IconZoomScan },
  { tool: 'length', label: 'Length', key: 'L', icon: IconRuler2 },
  { tool: 'angle', label: 'Angle', key: 'A', icon: IconAngle },
  { tool: 'ellipse', label: 'Ellipse ROI', key: 'E', icon: IconOvalVertical },
  { tool: 'arrow', label: 'Arrow with text', key: 'T', icon: IconArrowUpRight },
];

const ACTIONS: { action: ViewerAction; label: string; key: string; icon: Icon }[] = [
  { action: { kind: 'invert' }, label: 'Invert', key: 'I', icon: IconSunMoon },
  { action: { kind: 'rotate' }, label: 'Rotate 90°', key: 'R', icon: IconRotateClockwise },
  { action: { kind: 'flipH' }, label: 'Flip horizontal', key: 'H', icon: IconFlipHorizontal },
  { action: { kind: 'flipV' }, label: 'Flip vertical', key: 'V', icon: IconFlipVertical },
  { action: { kind: 'reset' }, label: 'Reset', key: 'Esc', icon: IconRefresh },
];

function Tip({ label, shortcut }: { label: string; shortcut: string }) {
  return (
    <Text size="xs">
      {label} <Kbd size="xs">{shortcut}</Kbd>
    </Text>
  );
}

/**
 * Labelled buttons keep their width on a narrow screen (a tablet upright): the toolbar scrolls
 * instead of cutting "Window" to "Winc".
 */
const KEEP_WIDTH = { flexShrink: 0 } as const;

/** The viewer's toolbar: tools, display actions, presets, priors and comparison, help. */
export function ViewerToolbar({
  tool,
  onAction,
  priors,
  priorUid,
  onPickPrior,
  compare,
  protocolLabel,
}: {
  tool: LeftTool;
  onAction: (a: ViewerAction) => void;
  priors: PriorStudy[] | undefined;
  priorUid: string | null;
  onPickPrior: (studyUid: string) => void;
  compare: boolean;
  protocolLabel: string | null;
}) {
  const prior = priors?.find((p) => p.studyUid === priorUid);
  return (
    <Group
      gap={4}
      px="xs"
      py={4}
      wrap="nowrap"
      style={{ overflowX: 'auto' }}
      role="toolbar"
      aria-label="Viewer tools"
    >
      {TOOLS.map((t) => (
        <Tooltip key={t.tool} label={<Tip label={t.label} shortcut={t.key} />}>
          <ActionIcon
            variant={tool === t.tool ? 'filled' : 'subtle'}
            aria-label={t.label}
            aria-pressed={tool === t.tool}
            onClick={() => onAction({ kind: 'tool', tool: t.tool })}
          >
            <t.icon size={18} />
          </ActionIcon>
        </Tooltip>
      ))}
      <Divider orientation="vertical" />
      {ACTIONS.map((a) => (
        <Tooltip key={a.label} label={<Tip label={a.label} shortcut={a.key} />}>
          <ActionIcon variant="subtle" aria-label={a.label} onClick={() => onAction(a.action)}>
            <a.icon size={18} />
          </ActionIcon>
        </Tooltip>
      ))}
      <Divider orientation="vertical" />
      <Menu position="bottom-start">
        <Menu.Target>
          <Button
            size="compact-sm"
            variant="subtle"
            rightSection={<IconChevronDown size={14} />}
            style={KEEP_WIDTH}
          >
            Window
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {WINDOW_PRESETS.map((p) => (
            <Menu.Item
              key={p.id}
              rightSection={<Kbd size="xs">{p.key}</Kbd>}
              onClick={() => onAction({ kind: 'preset', presetId: p.id })}
            >
              {p.label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Menu position="bottom-start" width={380}>
        <Menu.Target>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconHistory size={16} />}
            rightSection={<IconChevronDown size={14} />}
            aria-label="Priors"
            style={KEEP_WIDTH}
          >
            {priors === undefined
              ? 'Priors…'
              : priors.length === 0
                ? 'No priors'
                : `Priors (${priors.length})`}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {priors?.length ? (
            priors.map((p) => (
              <Menu.Item
                key={p.studyUid}
                onClick={() => onPickPrior(p.studyUid)}
                fw={p.studyUid === priorUid ? 700 : undefined}
              >
                {formatCalendarDate(p.studyDate)} · {p.studyDescription ?? p.modalities.join(', ')}
                {p.otherClinic ? ` · ${p.clinicCode}` : ''}
                <PriorReportSummary report={p.report} />
              </Menu.Item>
            ))
          ) : (
            <Menu.Label>No earlier studies of this patient in your scope.</Menu.Label>
          )}
        </Menu.Dropdown>
      </Menu>
      <Tooltip
        label={
          <Tip
            label={
              prior ? `Compare with ${formatCalendarDate(prior.studyDate)}` : 'Compare with prior'
            }
            shortcut="C"
          />
        }
      >
        <Button
          size="compact-sm"
          variant={compare ? 'filled' : 'light'}
          leftSection={<IconLayoutColumns size={16} />}
          disabled={!priors?.length}
          aria-pressed={compare}
          onClick={() => onAction({ kind: 'compare' })}
          style={KEEP_WIDTH}
        >
          Compare
        </Button>
      </Tooltip>
      {protocolLabel && (
        <Text size="xs" c="dimmed" ml="xs" style={{ whiteSpace: 'nowrap', ...KEEP_WIDTH }}>
          <IconArrowAutofitContent size={12} /> {protocolLabel}
        </Text>
      )}
      <Tooltip label={<Tip label="Shortcuts" shortcut="?" />}>
        <ActionIcon
          variant="subtle"
          aria-label="Keyboard shortcuts"
          ml="auto"
          onClick={() => onAction({ kind: 'help' })}
        >
          <IconHelp size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
