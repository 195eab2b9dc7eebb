import { Badge, Button, Group, Kbd, Loader, Slider, Switch, Text, Tooltip } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import type { CadViewerAnswer, ReaderChoice } from '@telerad/contracts';
import { useEffect } from 'react';
import { errorMessage } from '../../app/apiError';
import { notifyError } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { CAD_BAND_LOOK } from '../worklist/taskBadges';
import { useFirstImpression, useReadCad } from './cadApi';
import { CAD_KEYS, isTyping } from './keyboard';

/** Props of {@link CadPanel}. */
export interface CadPanelProps {
  taskId: string;
  overlay: boolean;
  onOverlay: (on: boolean) => void;
  opacity: number;
  onOpacity: (opacity: number) => void;
  /** True while a dialog or the images' own prompt has the keyboard. */
  keysOff?: boolean;
}

const choiceLabel: Record<ReaderChoice, string> = { normal: 'Normal', abnormal: 'Abnormal' };

/**
 * The viewer's CAD strip (docs/adr/0043). Blind first: "Your first impression" with Normal (N)
 * and Abnormal (B), and nothing of CAD, because the server sends nothing until the choice is
 * recorded. Then the score with its band colour and product version, and the heatmap overlay's
 * switch (O) and opacity. No result: it says so, quietly. Uncalibrated: no band colour.
 */
export function CadPanel(p: CadPanelProps) {
  const cad = useReadCad(p.taskId);
  const choose = useFirstImpression(p.taskId);
  const canChoose = useCan('report:write');
  const answer = cad.data;
  const open = answer && (answer.state === 'blind' || answer.preliminary === null) && canChoose;
  const result = answer?.state === 'shown' ? answer.result : null;
  const hasOverlay =
    !!result && (!!result.heatmapUrl || result.labels.some((l) => l.box || l.point));

  const { mutate, isPending } = choose;
  const { onOverlay, overlay, keysOff } = p;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (keysOff || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (open && !isPending && (key === CAD_KEYS.normal || key === CAD_KEYS.abnormal)) {
        e.preventDefault();
        mutate(key === CAD_KEYS.normal ? 'normal' : 'abnormal', {
          onError: (err) => notifyError(err, 'Your first impression was not recorded'),
        });
      } else if (key === CAD_KEYS.overlay && hasOverlay) {
        e.preventDefault();
        onOverlay(!overlay);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, isPending, mutate, hasOverlay, onOverlay, overlay, keysOff]);

  const pick = (choice: ReaderChoice) =>
    mutate(choice, {
      onError: (err) => notifyError(err, 'Your first impression was not recorded'),
    });

  return (
    <Group
      gap="sm"
      px="xs"
      py={4}
      wrap="wrap"
      bg="dark.7"
      c="gray.3"
      role="region"
      aria-label="CAD"
      data-testid="cad-panel"
      data-cad-state={answer?.state ?? 'loading'}
      style={{ borderBottom: '1px solid var(--mantine-color-dark-4)', minHeight: 36 }}
    >
      <Text size="xs" fw={700} c="gray.5" tt="uppercase">
        CAD
      </Text>
      {cad.isPending && <Loader size="xs" aria-label="Loading CAD" />}
      {cad.isError && (
        <Text size="xs" c="red.4">
          CAD unavailable: {errorMessage(cad.error)}
        </Text>
      )}
      {answer?.state === 'blind' && (
        <Group gap={4} wrap="nowrap">
          <IconEyeOff size={14} aria-hidden />
          <Text size="xs" c="gray.4">
            Hidden until your first impression
          </Text>
        </Group>
      )}
      {answer?.state === 'shown' && <Shown answer={answer} />}
      {open && (
        <Group gap={6} wrap="nowrap" ml={answer?.state === 'blind' ? 'md' : undefined}>
          <Text size="sm" fw={600} c="gray.1">
            Your first impression:
          </Text>
          {(['normal', 'abnormal'] as const).map((c) => (
            <Button
              key={c}
              size="compact-sm"
              variant="default"
              loading={isPending && choose.variables === c}
              disabled={isPending}
              onClick={() => pick(c)}
              rightSection={<Kbd size="xs">{CAD_KEYS[c].toUpperCase()}</Kbd>}
            >
              {choiceLabel[c]}
            </Button>
          ))}
        </Group>
      )}
      {hasOverlay && (
        <Group gap="xs" wrap="nowrap" ml="auto">
          <Switch
            size="xs"
            checked={p.overlay}
            onChange={(e) => p.onOverlay(e.currentTarget.checked)}
            label={
              <Text size="xs" c="gray.3" span>
                Heatmap <Kbd size="xs">O</Kbd>
              </Text>
            }
            aria-label="Show the CAD heatmap"
          />
          <Slider
            w={90}
            size="xs"
            min={0.1}
            max={1}
            step={0.05}
            value={p.opacity}
            onChange={p.onOpacity}
            disabled={!p.overlay}
            label={(v) => `${Math.round(v * 100)}%`}
            aria-label="Heatmap opacity"
          />
        </Group>
      )}
    </Group>
  );
}

/** The unblinded state: the score with its band, the version, and the first impression kept. */
function Shown({ answer }: { answer: Extract<CadViewerAnswer, { state: 'shown' }> }) {
  const r = answer.result;
  const first = answer.preliminary;
  return (
    <>
      {r ? (
        <Group gap={6} wrap="nowrap">
          {r.band === 'uncalibrated' ? (
            <Tooltip label="No threshold is set for this product version and programme yet">
              <Badge
                variant="outline"
                color="gray"
                radius="sm"
                data-cad-band="uncalibrated"
                aria-label={`CAD score ${r.score}, uncalibrated`}
              >
                {r.score} · uncalibrated
              </Badge>
            </Tooltip>
          ) : (
            <Badge
              color={CAD_BAND_LOOK[r.band].color}
              variant="filled"
              radius="sm"
              data-cad-band={r.band}
              aria-label={`CAD score ${r.score}, ${CAD_BAND_LOOK[r.band].label}`}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {r.score} · {CAD_BAND_LOOK[r.band].label}
            </Badge>
          )}
          <Text size="xs" c="gray.5">
            {r.product} {r.version}
          </Text>
        </Group>
      ) : (
        <Text size="xs" c="gray.5" data-testid="cad-none">
          No CAD result for this study.
        </Text>
      )}
      {first && (
        <Text size="xs" c="gray.4">
          Your first impression: <b>{choiceLabel[first.choice]}</b>
        </Text>
      )}
    </>
  );
}
