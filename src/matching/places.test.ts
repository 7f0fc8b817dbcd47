import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../demo/organisations.ts';
import { distanceKm, isLondon, PLACES } from './places.ts';

describe('places', () => {
  it('has a centroid for every council the demo ships', () => {
    const codes = DEMO_ORGANISATIONS.filter((o) => o.kind === 'local-authority' && o.code).map((o) => o.code!);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(PLACES[code], code).toBeDefined();
  });

  it('puts every centroid in England or Wales', () => {
    for (const [code, p] of Object.entries(PLACES)) {
      expect(code).toMatch(/^[EW]\d{8}$/);
      expect(p.lat).toBeGreaterThan(49.9);
      expect(p.lat).toBeLessThan(55.9);
      expect(p.lon).toBeGreaterThan(-5.8);
      expect(p.lon).toBeLessThan(1.8);
    }
  });

  it('measures straight-line distances in km, roughly as the map has them', () => {
    // Hereford to Worcester is about 40 km; Herefordshire to Thurrock over 200 km; Havering borders Thurrock.
    expect(distanceKm('E06000019', 'E10000034')).toBeGreaterThan(30);
    expect(distanceKm('E06000019', 'E10000034')).toBeLessThan(50);
    expect(distanceKm('E06000019', 'E06000034')).toBeGreaterThan(200);
    expect(distanceKm('E06000019', 'E06000034')).toBeLessThan(260);
    expect(distanceKm('E09000016', 'E06000034')).toBeLessThan(15);
    expect(distanceKm('E06000019', 'E06000019')).toBe(0);
  });

  it('knows no distance for an unknown or missing council', () => {
    expect(distanceKm('E06000019', 'E99999999')).toBeNull();
    expect(distanceKm(null, 'E06000019')).toBeNull();
    expect(distanceKm('E06000019', undefined)).toBeNull();
  });

  it('is symmetric to the last bit', () => {
    const codes = Object.keys(PLACES);
    fc.assert(fc.property(fc.constantFrom(...codes), fc.constantFrom(...codes), (a, b) => {
      expect(distanceKm(a, b)).toBe(distanceKm(b, a));
      expect(distanceKm(a, b)! >= 0).toBe(true);
    }));
  });

  it('tells London boroughs by their E09 code', () => {
    expect(isLondon('E09000016')).toBe(true);
    expect(isLondon('E06000034')).toBe(false);
    expect(isLondon(null)).toBe(false);
  });
});
