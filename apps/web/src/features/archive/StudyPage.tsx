import { Badge, Button, Skeleton, Stack, Tabs } from '@mantine/core';
import { IconHistory, IconMessages, IconPhoto, IconPhotoOff, IconTags } from '@tabler/icons-react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { EmptyTableState } from '../../app/components/EmptyTableState';
import { useCan } from '../../app/useCan';
import { QueryState } from '../../app/components/QueryState';
import { isNotFound, useStudy } from './api';
import { OriginHistory } from './OriginHistory';
import { StudyFlags } from './StudyFlags';
import { StudyReports } from '../reports/StudyReports';
import { ClinicReadCard } from '../qc/ClinicReadCard';
import { StudySecondOpinions } from '../secondOpinions/StudySecondOpinions';
import { StudyThread } from '../messaging/StudyThread';
import { SeriesImages } from './SeriesImages';
import { BackToStudies, StudyHeader } from './StudyHeader';
import type { StudyOpenState } from './studyLinks';
import { TagsPanel } from './TagsPanel';

const TABS = ['images', 'messages', 'tags', 'history'] as const;
type Tab = (typeof TABS)[number];

/** Shown when the study does not exist or lies outside the user's clinics (the server says 404 for both). */
function StudyNotFound({ listSearch }: { listSearch: string }) {
  return (
    <Stack gap="sm">
      <BackToStudies listSearch={listSearch} />
      <EmptyTableState
        icon={<IconPhotoOff size={32} />}
        title="Study not found or not available to you"
        description="The link may be wrong, the study may have been removed, or it belongs to a clinic you do not work with."
        action={
          <Button component={Link} to={`/studies${listSearch}`}>
            Back to studies
          </Button>
        }
      />
    </Stack>
  );
}

/** A study: summary, then tabs for its images, its conversation, DICOM tags and origin history. */
export function StudyPage() {
  const { studyUid = '' } = useParams();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const study = useStudy(studyUid);
  const listSearch = (location.state as StudyOpenState | null)?.listSearch ?? '';
  const tabParam = params.get('tab');
  // Tags and origin history are the archive's technical detail: staff see them, clinics do not.
  const technical = useCan('archive:technical');
  // The study's conversation with the centre is everyone's who may message.
  const canMessage = useCan('messages:read');
  const allowed = (t: Tab) => t === 'images' || (t === 'messages' ? canMessage : technical);
  const tab: Tab =
    TABS.includes(tabParam as Tab) && allowed(tabParam as Tab) ? (tabParam as Tab) : 'images';

  /** Updates the tab or instance in the URL, keeping the back link's state. */
  const show = (next: Tab, sopUid?: string) => {
    const p = new URLSearchParams(params);
    if (next === 'images') p.delete('tab');
    else p.set('tab', next);
    if (sopUid) p.set('sop', sopUid);
    setParams(p, { replace: true, state: location.state });
  };

  if (study.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading study">
        <Skeleton height={14} width={90} />
        <Skeleton height={32} width="40%" />
        <Skeleton height={96} />
        <Skeleton height={240} />
      </Stack>
    );
  }
  if (isNotFound(study.error)) return <StudyNotFound listSearch={listSearch} />;

  return (
    <QueryState query={study}>
      {(detail) => (
        <>
          <StudyHeader study={detail.study} listSearch={listSearch} />
          <StudyFlags flags={detail.flags} />
          <StudyReports
            studyUid={detail.study.studyUid}
            readingStatus={detail.study.readingStatus}
          />
          <ClinicReadCard studyUid={detail.study.studyUid} />
          <StudySecondOpinions studyUid={detail.study.studyUid} />
          <Tabs value={tab} onChange={(v) => v && show(v as Tab)} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="images" leftSection={<IconPhoto size={16} />}>
                Images
              </Tabs.Tab>
              {canMessage && (
                <Tabs.Tab value="messages" leftSection={<IconMessages size={16} />}>
                  Messages
                </Tabs.Tab>
              )}
              {technical && (
                <>
                  <Tabs.Tab value="tags" leftSection={<IconTags size={16} />}>
                    Tags
                  </Tabs.Tab>
                  <Tabs.Tab
                    value="history"
                    leftSection={<IconHistory size={16} />}
                    rightSection={
                      <Badge size="xs" variant="light" color="gray">
                        {detail.history.length}
                      </Badge>
                    }
                  >
                    Origin history
                  </Tabs.Tab>
                </>
              )}
            </Tabs.List>
            <Tabs.Panel value="images">
              <SeriesImages detail={detail} onShowTags={(sop) => show('tags', sop)} />
            </Tabs.Panel>
            {canMessage && (
              <Tabs.Panel value="messages" maw={820}>
                <StudyThread studyUid={detail.study.studyUid} height={300} />
              </Tabs.Panel>
            )}
            {technical && (
              <>
                <Tabs.Panel value="tags">
                  <TagsPanel
                    detail={detail}
                    sopUid={params.get('sop')}
                    onSelectSop={(sop) => show('tags', sop)}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="history">
                  <OriginHistory history={detail.history} />
                </Tabs.Panel>
              </>
            )}
          </Tabs>
        </>
      )}
    </QueryState>
  );
}
