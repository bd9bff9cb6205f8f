import { wireDevbar } from './devbar.ts';
import { config, connectWix } from './wix.ts';

/**
 * The live site: the app's custom element (the real `redeemable-benefits` from apps/gym-rewards) on a page whose Wix
 * client carries the visitor's or member's session, and the devsite's log-in, log-out and sign-up.
 */
const widgets = import.meta.glob<{ default: CustomElementConstructor }>(
  '../../../gym-rewards/src/site/widgets/custom-elements/*/element.tsx',
);

/**
 * The site as a host, the way a Wix site answers its host modules (`channel.invoke({ namespace, method, args })`): the
 * members API's current member (`@wix/site-members`' `currentMember.getMember`) is the member the page was served to,
 * or `undefined` for a visitor, as the site knows it without a call of the app's; its login prompt
 * (`authentication.promptLogin`) is the devsite's log-in and sign-up form. Logging in there reloads the page, as a login
 * on Wix gives the page the member's session; the prompt's promise ends with the page.
 */
const siteHost = {
  channel: {
    invoke: async ({ namespace, method }: { namespace: string; method: string }) => {
      if (namespace === 'members' && method === 'currentMember.getMember') {
        const member = config.member;
        if (!member) return undefined;
        return {
          _id: member.id,
          contactId: member.contactId,
          loginEmail: member.email,
          status: member.status,
          profile: { nickname: member.name },
        };
      }
      if (namespace === 'members' && method === 'authentication.promptLogin') {
        document.querySelector<HTMLElement>('[data-hook="site-login-member"], [data-hook="site-join-name"]')?.focus();
        return new Promise<never>(() => {});
      }
      throw new Error(`The devsite's site does not answer ${namespace} ${method}`);
    },
  },
};

connectWix(siteHost);
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

for (const [path, load] of Object.entries(widgets)) {
  const name = /custom-elements\/([^/]+)\/element\.tsx$/.exec(path)?.[1];
  if (!name || customElements.get(name)) continue;
  const { default: element } = await load();
  customElements.define(name, element);
}
