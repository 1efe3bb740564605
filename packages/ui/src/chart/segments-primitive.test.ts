// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { SegmentsPrimitive, type SegmentBand } from './segments-primitive';

function fakeTarget(width: number, height: number) {
  const calls: { op: string; args: unknown[]; fill: unknown }[] = [];
  const context = {
    fillStyle: '' as unknown,
    font: '',
    textBaseline: '',
    fillRect: (...args: unknown[]) => calls.push({ op: 'fillRect', args, fill: context.fillStyle }),
    fillText: (...args: unknown[]) => calls.push({ op: 'fillText', args, fill: context.fillStyle }),
    // Monospace-like stand-in: 6 px per character.
    measureText: (text: string) => ({ width: text.length * 6 }),
  };
  const target = { useMediaCoordinateSpace: (f: (scope: unknown) => void) => f({ context, mediaSize: { width, height } }) };
  return { target, calls };
}

const band = (from: number, to: number, label: string, row = 0): SegmentBand => ({ from, to, fill: `fill-${label}`, label, labelColor: 'ink', labelBackground: 'paper', row });

describe('SegmentsPrimitive', () => {
  it('shades from half a bar before the first bar to half a bar after the last, clipped to the pane', () => {
    const primitive = new SegmentsPrimitive();
    const requestUpdate = vi.fn();
    // 10 px per bar, bar 0 at x = 0; like the library, fractional indices map to 0.
    const timeScale = { logicalToCoordinate: (l: number) => (Number.isInteger(l) ? l * 10 : 0) };
    primitive.attached({ chart: { timeScale: () => timeScale }, requestUpdate } as never);
    primitive.setBands([band(2, 7, 'train'), band(8, 200, 'test', 1), band(-50, -10, 'off')]);
    expect(requestUpdate).toHaveBeenCalledTimes(1);
    const { target, calls } = fakeTarget(500, 300);
    const renderer = primitive.paneViews()[0]!.renderer()!;
    renderer.drawBackground!(target as never);
    expect(calls).toEqual([
      { op: 'fillRect', args: [15, 0, 60, 300], fill: 'fill-train' },
      { op: 'fillRect', args: [18, 4, 36, 15], fill: 'paper' },
      { op: 'fillText', args: ['train', 21, 6, 48], fill: 'ink' },
      { op: 'fillRect', args: [75, 0, 425, 300], fill: 'fill-test' },
      { op: 'fillRect', args: [78, 22, 30, 15], fill: 'paper' },
      { op: 'fillText', args: ['test', 81, 24, 413], fill: 'ink' },
    ]);
  });

  it('draws nothing once detached', () => {
    const primitive = new SegmentsPrimitive();
    primitive.attached({ chart: { timeScale: () => ({ logicalToCoordinate: (l: number) => l }) }, requestUpdate: () => {} } as never);
    primitive.setBands([band(0, 5, 'x')]);
    primitive.detached();
    const { target, calls } = fakeTarget(100, 100);
    primitive.paneViews()[0]!.renderer()!.drawBackground!(target as never);
    expect(calls).toEqual([]);
  });
});
