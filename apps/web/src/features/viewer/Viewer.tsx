import { Alert, Box, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPhotoOff } from '@tabler/icons-react';
import { WINDOW_PRESETS, type ViewerAnnotation } from '@telerad/contracts';
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type Ref,
} from 'react';
import { errorMessage } from '../../app/apiError';
import { ArrowTextPrompt } from './ArrowTextPrompt';
import { useReadCad } from './cadApi';
import { CadOverlay } from './CadOverlay';
import { CadPanel } from './CadPanel';
import { usePrefetchPrior, usePriors, useStudyInstances } from './api';
import { selectHangingProtocol } from './hangingProtocol';
import { HelpOverlay } from './HelpOverlay';
import { actionForKey, isTyping, type ViewerAction } from './keyboard';
import { logViewerEvent } from './viewerEvents';
import { registerMetadata } from './imageMetadata';
import type { LeftTool } from './leftTools';
import { ViewerEngine } from './viewerEngine';
import { ViewerToolbar } from './ViewerToolbar';
import { ViewportOverlay, type OverlayPatient } from './ViewportOverlay';

/** What a parent (the report form) can do with the viewer. */
export interface ViewerHandle {
  /** Puts saved annotations back on the images; answers how many were placed. */
  loadAnnotations: (list: readonly ViewerAnnotation[]) => number;
  /** The annotations now on the images. */
  getAnnotations: () => ViewerAnnotation[];
}

/** Props of {@link Viewer}. */
export interface ViewerProps {
  studyUid: string;
  /** The clinic's name for the overlay (the DICOM institution is shown when absent). */
  clinicName?: string | null;
  /**
   * The study's effective patient identity from the server (an assistant's correction, else the
   * header's): the overlay shows it over the current study instead of the header's.
   */
  patient?: OverlayPatient | null;
  /** Annotations to show once the images are up (e.g. from a saved draft report). */
  initialAnnotations?: readonly ViewerAnnotation[];
  /** Called whenever annotations are drawn, changed, removed or loaded. */
  onAnnotationsChange?: (annotations: ViewerAnnotation[]) => void;
  /** Called once the first image is on screen at full resolution. */
  onImageShown?: () => void;
  /** Start comparing with the most recent prior. */
  defaultCompare?: boolean;
  /**
   * Another WADO-RS root to read the study from (a teaching case's de-identified copy). Such a
   * study has no priors: comparing is off.
   */
  dicomwebBase?: string;
  /**
   * The read being reported: shows its CAD strip (blind first, docs/adr/0043) and, once CAD is
   * shown, the heatmap over the current study's images.
   */
  cadTaskId?: string | null;
  ref?: Ref<ViewerHandle>;
}

const fmtWindow = (w: { center: number; width: number }) =>
  `W ${Math.round(w.width)} / L ${Math.round(w.center)}`;

/**
 * The diagnostic viewer: the study hung by the hanging protocols (data), with the most recent
 * prior beside it on `C`, tools and keyboard shortcuts, and annotations as JSON for the report.
 */
export function Viewer({
  studyUid,
  clinicName = null,
  patient = null,
  initialAnnotations,
  onAnnotationsChange,
  onImageShown,
  defaultCompare = false,
  dicomwebBase,
  cadTaskId = null,
  ref,
}: ViewerProps) {
  const cad = useReadCad(cadTaskId);
  const cadShown = cad.data?.state === 'shown' ? cad.data.result : null;
  const [cadOverlay, setCadOverlay] = useState(true);
  const [cadOpacity, setCadOpacity] = useState(0.5);
  const current = useStudyInstances(studyUid, true, dicomwebBase);
  const priors = usePriors(dicomwebBase ? null : studyUid);
  const [priorUid, setPriorUid] = useState<string | null>(null);
  const [compare, setCompare] = useState(defaultCompare);
  const effectivePrior = priorUid ?? priors.data?.priors[0]?.studyUid ?? null;
  const prior = useStudyInstances(compare ? effectivePrior : null);
  const [shown, setShown] = useState(false);
  // Once the current image is on screen, the prior loads in the background: C only draws.
  usePrefetchPrior(effectivePrior, shown);
  const shownRef = useRef(onImageShown);
  shownRef.current = onImageShown;
  useEffect(() => {
    if (shown) shownRef.current?.();
  }, [shown]);
  const [tool, setTool] = useState<LeftTool>('window');
  const [help, setHelp] = useState(false);
  const [arrowDone, setArrowDone] = useState<((text: string) => void) | null>(null);
  const [windows, setWindows] = useState<Record<string, string>>({});
  const [activeId, setActiveId] = useState('vp-0');
  const [engine, setEngine] = useState<ViewerEngine | null>(null);
  const onChangeRef = useRef(onAnnotationsChange);
  onChangeRef.current = onAnnotationsChange;
  const initialRef = useRef(initialAnnotations);
  const elements = useRef(new Map<string, HTMLDivElement>());
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const e = new ViewerEngine({
      onAnnotations: (list) => onChangeRef.current?.(list),
      onWindow: (id, w) => setWindows((prev) => ({ ...prev, [id]: fmtWindow(w) })),
      arrowText: (done) => setArrowDone(() => done),
      onFullRender: () => setShown(true),
    });
    setEngine(e);
    return () => e.destroy();
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      loadAnnotations: (list) => engine?.loadAnnotations(list) ?? 0,
      getAnnotations: () => engine?.annotations() ?? [],
    }),
    [engine],
  );

  const layout = useMemo(
    () =>
      current.data
        ? selectHangingProtocol(current.data, compare ? (prior.data ?? null) : null, compare)
        : null,
    [current.data, prior.data, compare],
  );
  const layoutKey = layout
    ? `${layout.protocol.id}:${layout.viewports.map((v) => v.instance.sopUid).join(',')}`
    : '';

  useEffect(() => {
    if (!engine || !layout) return;
    const inputs = layout.viewports.flatMap((v) => {
      const element = elements.current.get(v.id);
      return element ? [{ id: v.id, element, instance: v.instance }] : [];
    });
    registerMetadata(inputs.map((i) => i.instance));
    const comparing = layout.protocol.requires.prior;
    logViewerEvent({ type: comparing ? 'COMPARE_OPENED' : 'STUDY_OPENED' });
    let cancelled = false;
    void engine.show(inputs, layout.protocol.syncZoomPan).then(() => {
      if (cancelled) return;
      const saved = initialRef.current;
      if (saved?.length) {
        engine.loadAnnotations(saved);
        initialRef.current = undefined;
      }
    });
    return () => {
      cancelled = true;
    };
    // The layout key names everything the layout depends on: a new layout object with the same
    // key (a refetch) must not reload the images.
  }, [engine, layoutKey]);

  useEffect(() => {
    const grid = gridRef.current;
    if (!grid || !engine) return;
    const observer = new ResizeObserver(() => engine.resize());
    observer.observe(grid);
    return () => observer.disconnect();
  }, [engine]);

  const act = useCallback(
    (a: ViewerAction) => {
      if (!engine) return;
      const ids = [activeId];
      switch (a.kind) {
        case 'tool':
          engine.setLeftTool(a.tool);
          setTool(a.tool);
          return;
        case 'preset': {
          const preset = WINDOW_PRESETS.find((p) => p.id === a.presetId);
          if (preset) engine.applyPreset(preset);
          return;
        }
        case 'invert':
          return engine.invert(ids);
        case 'rotate':
          return engine.rotate(ids);
        case 'flipH':
          return engine.flip(ids, 'h');
        case 'flipV':
          return engine.flip(ids, 'v');
        case 'zoomIn':
          return engine.zoom(ids, 1.25);
        case 'zoomOut':
          return engine.zoom(ids, 0.8);
        case 'reset':
          return engine.reset('all');
        case 'compare':
          // While the priors list is still on its way the wish is kept; with none there is
          // nothing to compare.
          if (!dicomwebBase && (priors.isPending || priors.data?.priors.length))
            setCompare((c) => !c);
          return;
        case 'help':
          setHelp((h) => !h);
          return;
      }
    },
    [engine, activeId, priors.isPending, priors.data, dicomwebBase],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (help || arrowDone || isTyping(e.target)) return;
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault();
      act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, help, arrowDone]);

  const error = current.error ?? prior.error;
  const priorEntry = priors.data?.priors.find((p) => p.studyUid === effectivePrior);
  return (
    <Stack gap={0} h="100%" bg="#000" style={{ minHeight: 0 }} data-testid="viewer">
      <Box bg="dark.7" style={{ borderBottom: '1px solid var(--mantine-color-dark-4)' }}>
        <ViewerToolbar
          tool={tool}
          onAction={act}
          priors={dicomwebBase ? [] : priors.data?.priors}
          priorUid={effectivePrior}
          onPickPrior={(uid) => {
            setPriorUid(uid);
            setCompare(true);
          }}
          compare={compare}
          protocolLabel={layout?.protocol.label ?? null}
        />
      </Box>
      {cadTaskId && (
        <CadPanel
          taskId={cadTaskId}
          overlay={cadOverlay}
          onOverlay={setCadOverlay}
          opacity={cadOpacity}
          onOpacity={setCadOpacity}
          keysOff={help || arrowDone !== null}
        />
      )}
      {error && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={16} />}
          m="xs"
          title="Images could not be loaded"
        >
          {errorMessage(error)}
        </Alert>
      )}
      {current.isPending && (
        <Center flex={1}>
          <Loader aria-label="Loading images" />
        </Center>
      )}
      {current.data && !layout && (
        <Center flex={1}>
          <Stack align="center" gap="xs">
            <IconPhotoOff size={32} color="gray" />
            <Text c="dimmed">This study holds no images to show.</Text>
          </Stack>
        </Center>
      )}
      <Box
        ref={gridRef}
        flex={1}
        style={{ display: layout ? 'flex' : 'none', minHeight: 0, gap: 2 }}
        onContextMenu={(e) => e.preventDefault()}
      >
        {layout?.viewports.map((v) => (
          <Box
            key={`${v.id}:${v.instance.sopUid}`}
            pos="relative"
            flex={1}
            miw={0}
            style={{
              outline:
                activeId === v.id && layout.viewports.length > 1 ? '1px solid #3b82f6' : 'none',
            }}
            onMouseDownCapture={() => setActiveId(v.id)}
            data-viewport={v.id}
            data-sop-uid={v.instance.sopUid}
          >
            <div
              ref={(el) => {
                if (el) elements.current.set(v.id, el);
                else elements.current.delete(v.id);
              }}
              style={{ position: 'absolute', inset: 0 }}
              data-testid="viewport-element"
              aria-label={`${v.label} image`}
            />
            {engine && cadShown && cadOverlay && v.spec.study !== 'prior' && (
              <div
                style={{
                  position: 'absolute',
                  inset: 0,
                  overflow: 'hidden',
                  pointerEvents: 'none',
                }}
              >
                <CadOverlay
                  engine={engine}
                  viewportId={v.id}
                  element={elements.current.get(v.id)}
                  result={cadShown}
                  opacity={cadOpacity}
                />
              </div>
            )}
            <ViewportOverlay
              instance={v.instance}
              label={v.label}
              clinic={
                v.spec.study === 'prior' && priorEntry?.otherClinic
                  ? priorEntry.clinicCode
                  : clinicName
              }
              windowText={windows[v.id] ?? null}
              patient={v.spec.study === 'prior' ? null : patient}
            />
          </Box>
        ))}
      </Box>
      <HelpOverlay opened={help} onClose={() => setHelp(false)} />
      <ArrowTextPrompt
        opened={arrowDone !== null}
        onDone={(text) => {
          arrowDone?.(text);
          setArrowDone(null);
        }}
      />
    </Stack>
  );
}
