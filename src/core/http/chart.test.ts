import { describe, expect, it } from 'vitest';
import { chartSvg, type ChartSpec } from './chart.ts';

const spec: ChartSpec = {
  kind: 'line',
  title: 'A1 <days> & "waits"',
  summary: 'Herefordshire was above the threshold in every window.',
  categories: ['2021', '2022', '2023', '2024'],
  series: [
    { name: 'Herefordshire', values: [500, null, 460, 430] },
    { name: 'England', values: [480, 470, 460, 450] },
  ],
  unit: 'days',
  threshold: { value: 426, label: 'Threshold' },
};

const count = (svg: string, pattern: RegExp): number => svg.match(pattern)?.length ?? 0;

describe('chartSvg', () => {
  it('is an image named by its title and described by its summary, with every text escaped', () => {
    const svg = chartSvg(spec);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    const [, titleId, descId] = /aria-labelledby="(\S+) (\S+)"/.exec(svg)!;
    expect(svg).toContain(`<title id="${titleId}">A1 &lt;days&gt; &amp; &quot;waits&quot;</title>`);
    expect(svg).toContain(`<desc id="${descId}">Herefordshire was above the threshold in every window.</desc>`);
    expect(svg).not.toContain('<days>');
  });

  it('draws one mark per value, none for a missing value, and breaks the line at the gap', () => {
    const svg = chartSvg(spec);
    expect(count(svg, /class="chart-mark"/g)).toBe(7);
    const herefordshire = /<g class="chart-series" data-series="Herefordshire">(.*?)<\/g>/.exec(svg)![1]!;
    const line = /<path d="([^"]+)" fill="none"/.exec(herefordshire)![1]!;
    // A gap starts a new sub-path: two moves, not one.
    expect(count(line, /M/g)).toBe(2);
    expect(herefordshire).not.toContain('2022:');
  });

  it('labels each series directly and tells them apart by shape', () => {
    const svg = chartSvg(spec);
    expect(svg).toContain('>Herefordshire</text>');
    expect(svg).toContain('>England</text>');
    const shape = (name: string): string => new RegExp(`data-series="${name}"><path d="[^"]+"[^>]*>.*?class="chart-mark" d="([^"]+)"`).exec(svg)![1]!;
    expect(shape('Herefordshire')).not.toBe(shape('England'));
  });

  it('draws the threshold as a labelled line', () => {
    const svg = chartSvg(spec);
    expect(svg).toContain('class="chart-threshold"');
    expect(svg).toContain('Threshold: 426 days');
    expect(chartSvg({ ...spec, threshold: undefined })).not.toContain('chart-threshold');
  });

  it('draws a bar per value in a bar chart, leaving missing values out', () => {
    const svg = chartSvg({ ...spec, kind: 'bar' });
    expect(count(svg, /<rect class="chart-mark"/g)).toBe(7);
    expect(svg).toContain('Herefordshire, 2024: 430 days');
  });

  it('copes with no values at all', () => {
    const svg = chartSvg({ ...spec, series: [{ name: 'None', values: [null, null, null, null] }], threshold: undefined });
    expect(count(svg, /class="chart-mark"/g)).toBe(0);
    expect(svg).toContain('</svg>');
  });
});
