import { Center, Loader } from '@mantine/core';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteMatch } from 'react-router';

/**
 * A page whose code is a chunk of its own, fetched the first time it is shown. Clinics on slow
 * links (issue 17 §5) must not download the admin pages, the report editor or the viewer to sign
 * in or to read their reports, so every page but the sign-in page is loaded this way.
 */
export type LazyPage = LazyExoticComponent<ComponentType> & {
  /** Starts fetching the page's chunk (once); the page then renders without waiting for it. */
  preload(): Promise<unknown>;
};

/** Makes a {@link LazyPage} from a dynamic `import()` and the export that is the page. */
export function lazyPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): LazyPage {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const preload = () => (loading ??= load().then((m) => ({ default: pick(m) })));
  return Object.assign(lazy(preload), { preload });
}

/** The route `handle` that names the lazy page of a route, for {@link preloadMatchedPages}. */
export interface PageHandle {
  page: LazyPage;
}

/**
 * Starts fetching the chunks of the pages the first URL shows, at boot: in parallel with the
 * session check, instead of one round trip after it (each round trip is 300–600 ms on the links
 * the clinics have).
 */
export function preloadMatchedPages(matches: readonly RouteMatch[]): void {
  for (const m of matches) void (m.route.handle as PageHandle | undefined)?.page.preload();
}

/** What the content area shows while a page's chunk arrives on the first visit. */
export function PageLoader() {
  return (
    <Center h="50vh">
      <Loader aria-label="Loading the page" />
    </Center>
  );
}
