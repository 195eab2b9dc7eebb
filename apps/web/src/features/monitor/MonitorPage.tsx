import { Alert, Button, Drawer, Group, Paper, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import {
  IconAdjustments,
  IconAlertTriangle,
  IconPlugConnectedX,
  IconRefresh,
} from '@tabler/icons-react';
import type { NetworkClinic } from '@telerad/contracts';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryState } from '../../app/components/QueryState';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCan } from '../../app/useCan';
import { AlertRulesDrawer } from './AlertRules';
import { useCheckAlerts, useNetwork } from './api';
import { ClinicInboundSection } from './ClinicInboundSection';
import { NetworkTable } from './NetworkTable';
import { RefusalsFeed } from './RefusalsFeed';
import { ALERT_LABELS } from './words';

// The world outline is the page's heaviest part: it loads after the table, in its own chunk.
const NetworkMap = lazy(() => import('./NetworkMap').then((m) => ({ default: m.NetworkMap })));

/**
 * Support → Network: every clinic on a map and in a table (last image, heartbeat, queue, lag,
 * errors, link speed), open alerts on top, and the feed of refused associations and objects.
 * Refreshes itself every 15 s.
 */
export function MonitorPage() {
  const network = useNetwork();
  const check = useCheckAlerts();
  const canCheck = useCan('monitor:write');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'refusals' ? 'refusals' : 'clinics';
  const [history, setHistory] = useState<NetworkClinic | null>(null);
  const [rules, setRules] = useState(false);

  const runCheck = () =>
    check.mutate(undefined, {
      onSuccess: (r) =>
        notifySuccess(
          r.raised.length || r.cleared.length
            ? `${r.raised.length} alert(s) raised, ${r.cleared.length} cleared.`
            : 'Alerts checked: nothing changed.',
        ),
      onError: (e) => notifyError(e),
    });

  return (
    <>
      <PageHeader
        title="Network monitor"
        description="Every clinic's link to the centre: when it last sent, its gateway's queue and errors. Alerts come when a clinic is silent in its working hours or its queue grows."
        actions={
          canCheck && (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconAdjustments size={16} />}
                onClick={() => setRules(true)}
              >
                Alert rules
              </Button>
              <Button
                variant="light"
                leftSection={<IconRefresh size={16} />}
                loading={check.isPending}
                onClick={runCheck}
              >
                Check alerts now
              </Button>
            </Group>
          )
        }
      />
      <QueryState query={network}>
        {(n) => {
          const alerting = n.clinics.filter((c) => c.alerts.length);
          return (
            <Stack gap="md">
              {alerting.length > 0 && (
                <Alert
                  color="red"
                  icon={<IconAlertTriangle />}
                  title={`${alerting.length} clinic(s) need a look`}
                  data-testid="network-alerts"
                >
                  {alerting.map((c) => (
                    <Text key={c.id} size="sm">
                      <b>{c.code}</b> {c.name}:{' '}
                      {c.alerts.map((a) => `${ALERT_LABELS[a.kind]} — ${a.detail}`).join('; ')}
                    </Text>
                  ))}
                </Alert>
              )}
              <Tabs
                value={tab}
                onChange={(v) => setParams(v === 'refusals' ? { tab: v } : {})}
                keepMounted={false}
              >
                <Tabs.List mb="md">
                  <Tabs.Tab value="clinics">Clinics ({n.clinics.length})</Tabs.Tab>
                  <Tabs.Tab value="refusals">Refusals</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="clinics">
                  {n.clinics.length === 0 ? (
                    <EmptyTableState
                      icon={<IconPlugConnectedX />}
                      title="No clinics yet"
                      description="Clinics appear here once they are registered under Clinics; add one there, with its AE titles and allowed networks."
                    />
                  ) : (
                    <Stack gap="md">
                      <Paper withBorder p="xs">
                        <Suspense fallback={<Skeleton h={300} />}>
                          <NetworkMap
                            clinics={n.clinics}
                            onOpen={(id) => void navigate(`/support/clinics/${id}`)}
                          />
                        </Suspense>
                      </Paper>
                      {n.clinics.every((c) => !c.gateway) && (
                        <Text size="sm" c="dimmed">
                          No gateway enrolled at any clinic yet: heartbeat, queue, lag and link
                          speed stay empty until one is. Add a gateway from the clinic's page.
                        </Text>
                      )}
                      <NetworkTable clinics={n.clinics} onHistory={setHistory} />
                    </Stack>
                  )}
                </Tabs.Panel>
                <Tabs.Panel value="refusals">
                  <RefusalsFeed clinics={n.clinics} />
                </Tabs.Panel>
              </Tabs>
            </Stack>
          );
        }}
      </QueryState>
      <AlertRulesDrawer opened={rules} onClose={() => setRules(false)} />
      <Drawer
        opened={history !== null}
        onClose={() => setHistory(null)}
        position="right"
        size="xl"
        title={history ? `${history.code} · ${history.name}` : ''}
      >
        {history && <ClinicInboundSection clinicId={history.id} />}
      </Drawer>
    </>
  );
}
