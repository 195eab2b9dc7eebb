import { createRequire } from 'node:module';

/**
 * A dependency whose private internals Telerad drives no longer has the shape they were written
 * against (DESIGN §2: such a dependency is pinned exactly, and the server refuses to start when an
 * upgrade changed what it relies on). Thrown at start, so the server stops with this message
 * rather than failing on the first association or the first stored object.
 */
export class DependencyShapeError extends Error {
  constructor(
    readonly pkg: string,
    readonly installed: string,
    readonly pinned: string,
    readonly problems: string[],
    why: string,
  ) {
    super(
      `${pkg} ${installed} is installed, but Telerad relies on its internals as of ${pkg} ${pinned} ` +
        `(${why}), and they changed: ${problems.join('; ')}. ` +
        `Install ${pkg} ${pinned} exactly (npm ci restores the locked version), or adapt the code ` +
        `and its start-up check to the new version.`,
    );
    this.name = 'DependencyShapeError';
  }
}

/** The installed version of `pkg`, from its package.json ("unknown" when it cannot be read). */
export function installedVersion(pkg: string): string {
  try {
    const meta = createRequire(import.meta.url)(`${pkg}/package.json`) as { version?: unknown };
    return typeof meta.version === 'string' ? meta.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The source text of a function, or '' when `f` is not one (so a text check then fails). */
export function sourceOf(f: unknown): string {
  return typeof f === 'function' ? Function.prototype.toString.call(f) : '';
}
