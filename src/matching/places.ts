// Where councils are, roughly: a centroid (latitude, longitude, to about 0.05°) for each council
// the demo uses and those around them, by ONS code, so the matching engine can say how far a
// household lives from a child's council. Public-knowledge approximations (the county town or the
// middle of the area), good for "about 40 km", not for maps. A council not listed has no distance,
// and the engine says so. Pure data and arithmetic; no I/O.

export interface Place {
  name: string;
  lat: number;
  lon: number;
}

/** Centroids by ONS code (E06 unitary, E08 metropolitan district, E09 London borough, E10 county; W06 Welsh principal area). */
export const PLACES: Readonly<Record<string, Place>> = {
  // West Mercia and around it
  E06000019: { name: 'Herefordshire', lat: 52.08, lon: -2.74 },
  E06000051: { name: 'Shropshire', lat: 52.62, lon: -2.78 },
  E06000020: { name: 'Telford and Wrekin', lat: 52.71, lon: -2.49 },
  E10000034: { name: 'Worcestershire', lat: 52.22, lon: -2.20 },
  E10000028: { name: 'Staffordshire', lat: 52.80, lon: -2.03 },
  E10000031: { name: 'Warwickshire', lat: 52.30, lon: -1.55 },
  E10000013: { name: 'Gloucestershire', lat: 51.83, lon: -2.23 },
  E06000021: { name: 'Stoke-on-Trent', lat: 53.01, lon: -2.18 },
  E06000049: { name: 'Cheshire East', lat: 53.16, lon: -2.35 },
  E06000050: { name: 'Cheshire West and Chester', lat: 53.19, lon: -2.79 },
  E06000023: { name: 'Bristol', lat: 51.45, lon: -2.59 },
  E06000025: { name: 'South Gloucestershire', lat: 51.53, lon: -2.45 },
  E10000025: { name: 'Oxfordshire', lat: 51.78, lon: -1.28 },
  E10000018: { name: 'Leicestershire', lat: 52.66, lon: -1.15 },
  E10000007: { name: 'Derbyshire', lat: 53.10, lon: -1.58 },
  // The West Midlands metropolitan boroughs
  E08000025: { name: 'Birmingham', lat: 52.48, lon: -1.89 },
  E08000026: { name: 'Coventry', lat: 52.41, lon: -1.51 },
  E08000027: { name: 'Dudley', lat: 52.51, lon: -2.09 },
  E08000028: { name: 'Sandwell', lat: 52.51, lon: -2.01 },
  E08000029: { name: 'Solihull', lat: 52.41, lon: -1.77 },
  E08000030: { name: 'Walsall', lat: 52.59, lon: -1.98 },
  E08000031: { name: 'Wolverhampton', lat: 52.59, lon: -2.13 },
  // Wales, over the border from Herefordshire and Shropshire
  W06000023: { name: 'Powys', lat: 52.35, lon: -3.40 },
  W06000021: { name: 'Monmouthshire', lat: 51.78, lon: -2.90 },
  W06000006: { name: 'Wrexham', lat: 53.00, lon: -3.00 },
  // Thurrock's consortium and around it
  E06000034: { name: 'Thurrock', lat: 51.50, lon: 0.35 },
  E06000033: { name: 'Southend-on-Sea', lat: 51.55, lon: 0.71 },
  E09000016: { name: 'Havering', lat: 51.57, lon: 0.21 },
  E09000002: { name: 'Barking and Dagenham', lat: 51.55, lon: 0.13 },
  E09000026: { name: 'Redbridge', lat: 51.58, lon: 0.07 },
  E09000025: { name: 'Newham', lat: 51.53, lon: 0.03 },
  E09000030: { name: 'Tower Hamlets', lat: 51.52, lon: -0.03 },
  E09000031: { name: 'Waltham Forest', lat: 51.59, lon: -0.01 },
  E09000004: { name: 'Bexley', lat: 51.45, lon: 0.15 },
  E10000012: { name: 'Essex', lat: 51.80, lon: 0.60 },
  E10000016: { name: 'Kent', lat: 51.20, lon: 0.72 },
  E06000035: { name: 'Medway', lat: 51.40, lon: 0.54 },
  E10000015: { name: 'Hertfordshire', lat: 51.81, lon: -0.24 },
  E10000029: { name: 'Suffolk', lat: 52.20, lon: 1.00 },
  E10000003: { name: 'Cambridgeshire', lat: 52.37, lon: 0.03 },
};

const EARTH_RADIUS_KM = 6371;
const RADIANS = Math.PI / 180;

/** Great-circle (haversine) distance in km between two councils' centroids, to 0.1 km; null when either is not known. */
export function distanceKm(codeA: string | null | undefined, codeB: string | null | undefined): number | null {
  if (!codeA || !codeB) return null;
  const a = PLACES[codeA];
  const b = PLACES[codeB];
  if (!a || !b) return null;
  if (codeA === codeB) return 0;
  // Always computed in the same order, so distanceKm(a, b) === distanceKm(b, a) to the last bit.
  const [p, q] = codeA < codeB ? [a, b] : [b, a];
  const dLat = (q.lat - p.lat) * RADIANS;
  const dLon = (q.lon - p.lon) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p.lat * RADIANS) * Math.cos(q.lat * RADIANS) * Math.sin(dLon / 2) ** 2;
  const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  return Math.round(km * 10) / 10;
}

/** A London borough (ONS E09…), for the inter-agency fee's London weighting. */
export function isLondon(code: string | null | undefined): boolean {
  return typeof code === 'string' && code.startsWith('E09');
}
