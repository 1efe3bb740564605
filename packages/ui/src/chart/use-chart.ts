'use client';
import { createChart, type IChartApi } from 'lightweight-charts';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ThemeName } from '../lib/theme';
import { chartOptions, sizeOf } from './options';

/**
 * The lifecycle every chart component shares: create the chart in the
 * container (themed and sized) when `mountKey` says a canvas is shown, let
 * `setup` add its series, follow the container's size, re-theme on change,
 * and remove the chart on unmount. Returns the handles `setup` built, or null
 * while there is no chart.
 */
export function useChart<H extends { chart: IChartApi }>(
  containerRef: RefObject<HTMLDivElement | null>,
  mountKey: unknown,
  theme: ThemeName,
  setup: (chart: IChartApi, theme: ThemeName) => H,
): H | null {
  const [handles, setHandles] = useState<H | null>(null);
  // Read at creation only: theme changes are applied below without recreating the chart.
  const themeRef = useRef(theme);
  themeRef.current = theme;
  const setupRef = useRef(setup);
  setupRef.current = setup;

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const chart = createChart(el, { ...chartOptions(themeRef.current), ...sizeOf(el) });
    let observer: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => {
        const size = sizeOf(el);
        if (size.width > 0 && size.height > 0) chart.resize(size.width, size.height);
      });
      observer.observe(el);
    }
    setHandles(setupRef.current(chart, themeRef.current));
    return () => {
      observer?.disconnect();
      setHandles(null);
      chart.remove();
    };
  }, [containerRef, mountKey]);

  useEffect(() => {
    handles?.chart.applyOptions(chartOptions(theme));
  }, [handles, theme]);

  return handles;
}
