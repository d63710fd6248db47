import { api, ApiError, landingPage, type Me } from './api.js';
import { runInBackground } from './shared/background.js';

const form = document.querySelector<HTMLFormElement>('#login-form')!;
const message = document.querySelector<HTMLElement>('#login-message')!;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  runInBackground(signIn());
});

async function signIn(): Promise<void> {
  const data = new FormData(form);
  message.textContent = '';
  try {
    const { user } = await api<{ user: Me }>('POST', '/api/auth/login', {
      email: String(data.get('email') ?? ''),
      password: String(data.get('password') ?? ''),
    });
    window.location.assign(landingPage[user.role]);
  } catch (err) {
    // textContent, never innerHTML: server messages may echo user input.
    message.textContent = err instanceof ApiError ? err.message : 'Could not reach altpath';
  }
}
