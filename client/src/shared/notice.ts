/** Shows a transient message in the view's status line (role=status, read by screen readers). */
export function notify(message: string, tone: 'info' | 'error' = 'info'): void {
  const line = document.querySelector<HTMLElement>('#notice');
  if (!line) return;
  line.textContent = message;
  line.dataset.tone = tone;
}
