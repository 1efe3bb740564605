import '@spark/ui/styles.css';
import './app.css';
import { themeInitScript } from '@spark/ui';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import { Shell } from './shell';

export const metadata: Metadata = {
  title: { default: 'Spark Backtest', template: '%s · Spark Backtest' },
  description: 'Fast, correct backtests on exchange candles',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'dark light',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The inline script sets the stored theme before first paint, so the attribute may differ from the server's.
    <html lang="en" data-theme="dark" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body>
        <Providers>
          <Shell>{children}</Shell>
        </Providers>
      </body>
    </html>
  );
}
