import type { Disposition } from '../shared/contract.js';

// What every dashboard chart shares: the palette and the options that follow the
// reader's motion setting.

export const colours = {
  accent: '#0b5cad',
  ok: '#1e7b34',
  okSoft: 'rgb(30 123 52 / 0.75)',
  late: 'rgb(168 100 0 / 0.75)',
  danger: '#b3261e',
  bars: 'rgb(11 92 173 / 0.18)',
  grid: 'rgb(0 0 0 / 0.07)',
};

export const dispositionColours: Record<Disposition, string> = {
  emergency_department: '#b3261e',
  crisis_centre: '#6a3fb5',
  cp_clinic: '#0b7a75',
  home_visit: '#0b5cad',
};

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export const baseOptions = () => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: reducedMotion() ? (false as const) : { duration: 300 },
});
