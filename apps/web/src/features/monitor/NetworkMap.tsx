import { Box, Group, Text } from '@mantine/core';
import type { NetworkClinic } from '@telerad/contracts';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { ago, linkState, STATE, type LinkState } from './words';
import { countryCentroid, WORLD } from './worldGeo';

echarts.use([ScatterChart, GeoComponent, TooltipComponent, SVGRenderer]);
echarts.registerMap('telerad-world', WORLD as unknown as Parameters<typeof echarts.registerMap>[1]);

/** The CSS colour of each state (Mantine's palette, readable in light and dark schemes). */
const DOT: Record<LinkState, string> = {
  alert: '#e03131',
  ok: '#0ca678',
  closed: '#868e96',
  never: '#f59f00',
};

/** One dot per clinic: at its country's centroid, spread on a small circle when several share it. */
function placements(clinics: NetworkClinic[]) {
  const byCountry = new Map<string, NetworkClinic[]>();
  for (const c of clinics) byCountry.set(c.country, [...(byCountry.get(c.country) ?? []), c]);
  const out: { clinic: NetworkClinic; at: [number, number] }[] = [];
  const missing: NetworkClinic[] = [];
  for (const [country, list] of byCountry) {
    const centre = countryCentroid(country);
    if (!centre) {
      missing.push(...list);
      continue;
    }
    list.forEach((clinic, i) => {
      const r = list.length > 1 ? 1.2 + list.length * 0.15 : 0;
      const angle = (2 * Math.PI * i) / list.length;
      out.push({ clinic, at: [centre[0] + r * Math.cos(angle), centre[1] + r * Math.sin(angle)] });
    });
  }
  return { out, missing };
}

/**
 * Every clinic on the world outline, coloured by state (alert, sending, outside hours, never
 * sent). Clicking a dot opens the clinic. The outline is bundled (world-atlas), so the map works
 * offline and on a slow link once the page has loaded.
 */
export function NetworkMap({
  clinics,
  onOpen,
}: {
  clinics: NetworkClinic[];
  onOpen: (clinicId: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const { out, missing } = useMemo(() => placements(clinics), [clinics]);

  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      const id = (p.data as { id?: string } | undefined)?.id;
      if (id) open.current(id);
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const lons = out.map((p) => p.at[0]);
    const lats = out.map((p) => p.at[1]);
    // Frame the clinics (with a margin) rather than the whole globe: 95 dots in three countries
    // must not be three specks.
    const pad = 12;
    const bounds = out.length
      ? [
          [Math.max(-180, Math.min(...lons) - pad), Math.min(85, Math.max(...lats) + pad)],
          [Math.min(180, Math.max(...lons) + pad), Math.max(-60, Math.min(...lats) - pad)],
        ]
      : undefined;
    chart.current?.setOption(
      {
        tooltip: {
          trigger: 'item',
          formatter: (p: { data?: { name: string; state: LinkState; last: string | null } }) =>
            p.data
              ? `<b>${p.data.name}</b><br/>${STATE[p.data.state].label} · last image ${ago(p.data.last)}`
              : '',
        },
        geo: {
          map: 'telerad-world',
          roam: true,
          ...(bounds ? { boundingCoords: bounds } : {}),
          itemStyle: { areaColor: '#e9ecef', borderColor: '#adb5bd', borderWidth: 0.5 },
          emphasis: { disabled: true },
          silent: true,
        },
        series: [
          {
            type: 'scatter',
            coordinateSystem: 'geo',
            symbolSize: 12,
            cursor: 'pointer',
            data: out.map(({ clinic, at }) => {
              const state = linkState(clinic);
              return {
                id: clinic.id,
                name: `${clinic.code} · ${clinic.name}`,
                value: at,
                state,
                last: clinic.lastReceivedAt,
                itemStyle: { color: DOT[state], borderColor: '#fff', borderWidth: 1.5 },
              };
            }),
          },
        ],
      },
      true,
    );
  }, [out]);

  return (
    <Box>
      <Box
        ref={ref}
        role="img"
        aria-label={`Map of ${clinics.length} clinics coloured by link state`}
        h={{ base: 280, md: 360 }}
        w="100%"
      />
      <Group gap="md" mt={4} aria-label="Map legend">
        {(Object.keys(DOT) as LinkState[]).map((s) => (
          <Group key={s} gap={4} wrap="nowrap">
            <Box w={10} h={10} bg={DOT[s]} style={{ borderRadius: '50%' }} aria-hidden />
            <Text size="xs">{STATE[s].label}</Text>
          </Group>
        ))}
      </Group>
      {missing.length > 0 && (
        <Text size="xs" c="dimmed">
          Not on the map (country code unknown to the outline):{' '}
          {missing.map((c) => `${c.code} (${c.country})`).join(', ')}
        </Text>
      )}
    </Box>
  );
}
