import type { Metadata } from 'next';
import { PresetsView } from './view';

export const metadata: Metadata = { title: 'Presets' };

export default function PresetsPage() {
  return <PresetsView />;
}
