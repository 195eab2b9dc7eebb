import {
  HANGING_PROTOCOLS,
  type CxrView,
  type HangingProtocol,
  type ViewportSpec,
} from '@telerad/contracts';
import type { ViewerInstance } from './studyMetadata';

/** One viewport the protocol fills: what it asks for and the instance that answers it. */
export interface HungViewport {
  id: string;
  label: string;
  spec: ViewportSpec;
  instance: ViewerInstance;
}

/** The chosen protocol and its filled viewports (empty specs are dropped). */
export interface HangingLayout {
  protocol: HangingProtocol;
  viewports: HungViewport[];
}

function pick(
  instances: readonly ViewerInstance[],
  views: readonly CxrView[],
  taken: ReadonlySet<string>,
): ViewerInstance | undefined {
  for (const v of views) {
    const hit = instances.find((i) => i.view === v && !taken.has(i.sopUid));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Chooses the hanging protocol for a study: the highest-priority protocol one of whose required
 * views the current study holds (and that has a prior when it needs one), from `protocols` (data).
 * `comparePrior` false leaves out protocols that need a prior, so the reader can toggle it.
 */
export function selectHangingProtocol(
  current: readonly ViewerInstance[],
  prior: readonly ViewerInstance[] | null,
  comparePrior: boolean,
  protocols: readonly HangingProtocol[] = HANGING_PROTOCOLS,
): HangingLayout | null {
  if (!current.length) return null;
  const ordered = [...protocols].sort((a, b) => b.priority - a.priority);
  for (const protocol of ordered) {
    if (protocol.requires.prior && (!comparePrior || !prior?.length)) continue;
    const { views } = protocol.requires;
    if (views.length && !views.some((v) => current.some((i) => i.view === v))) continue;
    const viewports = layoutFor(protocol, current, prior ?? []);
    if (viewports.length) return { protocol, viewports };
  }
  return null;
}

function layoutFor(
  protocol: HangingProtocol,
  current: readonly ViewerInstance[],
  prior: readonly ViewerInstance[],
): HungViewport[] {
  const taken = new Set<string>();
  const out: HungViewport[] = [];
  protocol.viewports.forEach((spec, i) => {
    const source = spec.study === 'prior' ? prior : current;
    const instance = pick(source, spec.views, taken) ?? (i === 0 ? source[0] : undefined);
    if (!instance) return;
    taken.add(instance.sopUid);
    out.push({ id: `vp-${i}`, label: spec.label, spec, instance });
  });
  // Extra views (lordotic, decubitus) of the current study get a viewport each.
  for (const instance of current) {
    if (taken.has(instance.sopUid) || !protocol.extraViews.includes(instance.view)) continue;
    taken.add(instance.sopUid);
    const label = instance.view.charAt(0) + instance.view.slice(1).toLowerCase();
    out.push({
      id: `vp-${out.length}`,
      label,
      spec: { views: [instance.view], study: 'current', label },
      instance,
    });
  }
  return out;
}
