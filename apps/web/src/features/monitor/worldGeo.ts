import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';

/**
 * The bundled world outline (Natural Earth 1:110m via world-atlas, as TopoJSON, turned into
 * GeoJSON here): loaded only by the network monitor, never downloaded at run time.
 */
export const WORLD: FeatureCollection<Geometry, { name: string }> = feature(
  countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>,
  (countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>)
    .objects.countries,
) as FeatureCollection<Geometry, { name: string }>;

/** Where the outline's short names differ from the English region names browsers give. */
const OUTLINE_NAME: Record<string, string> = {
  US: 'United States of America',
  CD: 'Dem. Rep. Congo',
  CG: 'Congo',
  CF: 'Central African Rep.',
  DO: 'Dominican Rep.',
  SS: 'S. Sudan',
  GQ: 'Eq. Guinea',
  SZ: 'eSwatini',
  BA: 'Bosnia and Herz.',
  MK: 'Macedonia',
  CI: "Côte d'Ivoire",
  MM: 'Myanmar',
  SB: 'Solomon Is.',
  EH: 'W. Sahara',
  FK: 'Falkland Is.',
  TL: 'Timor-Leste',
  PS: 'Palestine',
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Area-weighted centroid of a ring (planar, in degrees: fine for placing a dot). */
function ringCentroid(ring: Position[]): { x: number; y: number; area: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[i + 1] as [number, number];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  return a === 0
    ? { x: 0, y: 0, area: 0 }
    : { x: cx / (3 * a), y: cy / (3 * a), area: Math.abs(a / 2) };
}

/** The centroid of a country's largest polygon (so France sits in Europe, not near Guiana). */
function centroidOf(f: Feature<Geometry>): [number, number] | null {
  const g = f.geometry;
  const polygons =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let best: { x: number; y: number; area: number } | null = null;
  for (const p of polygons) {
    const c = ringCentroid(p[0]!);
    if (!best || c.area > best.area) best = c;
  }
  return best ? [best.x, best.y] : null;
}

const byName = new Map(WORLD.features.map((f) => [f.properties.name, f]));

/** A country's centroid by its ISO 3166 alpha-2 code; null when the outline lacks it. */
export function countryCentroid(alpha2: string): [number, number] | null {
  const code = alpha2.toUpperCase();
  const name = OUTLINE_NAME[code] ?? regionNames.of(code) ?? '';
  const f = byName.get(name);
  return f ? centroidOf(f) : null;
}
