import { api, ApiError, landingPage, type Me } from './api.js';

const form = document.querySelector<HTMLFormElement>('#login-form')!;
const message = document.querySelector<HTMLElement>('#login-message')!;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
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
});
