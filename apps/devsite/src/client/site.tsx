import { wireDevbar } from './devbar.ts';
import { connectWix } from './wix.ts';

/**
 * The live site: the app's custom element (the real `redeemable-benefits` from apps/gym-rewards) on a page whose Wix
 * client carries the visitor's or member's session, and the devsite's log-in, log-out and sign-up.
 */
const widgets = import.meta.glob<{ default: CustomElementConstructor }>(
  '../../../gym-rewards/src/site/widgets/custom-elements/*/element.tsx',
);

connectWix();
wireDevbar();

async function post(path: string, body: unknown) {
  const response = await fetch(`/_devsite/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { message?: string };
  if (!response.ok) throw new Error(answer.message ?? `HTTP ${response.status}`);
  return answer;
}

document.querySelector('[data-hook="site-login"]')?.addEventListener('click', async () => {
  const memberId = document.querySelector<HTMLSelectElement>('[data-hook="site-login-member"]')?.value;
  if (memberId) await post('/login', { memberId });
  location.reload();
});
document.querySelector('[data-hook="site-logout"]')?.addEventListener('click', async () => {
  await post('/logout', {});
  location.reload();
});
document.querySelector<HTMLFormElement>('[data-hook="site-join-form"]')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  try {
    await post('/signup', { name: form.get('name'), email: form.get('email') });
    location.reload();
  } catch (error) {
    alert((error as Error).message);
  }
});
document.addEventListener('gym-rewards:login', () => {
  document.querySelector<HTMLElement>('[data-hook="site-login-member"], [data-hook="site-join-name"]')?.focus();
});

for (const [path, load] of Object.entries(widgets)) {
  const name = /custom-elements\/([^/]+)\/element\.tsx$/.exec(path)?.[1];
  if (!name || customElements.get(name)) continue;
  const { default: element } = await load();
  customElements.define(name, element);
}
