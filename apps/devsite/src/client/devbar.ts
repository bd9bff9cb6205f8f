const CHECK_IN_MEMBER = 'devsite:check-in-member';

/** The devsite's own controls: move the platform's clock, check a member in at the door. Not part of the app. */
export function wireDevbar() {
  const result = document.querySelector<HTMLElement>('[data-hook="devsite-result"]');
  const say = (text: string) => {
    if (result) result.textContent = text;
  };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`/_devsite/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, any>;
    if (!response.ok && response.status !== 409) throw new Error(answer.message ?? `HTTP ${response.status}`);
    return answer;
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-advance]')) {
    button.addEventListener('click', async () => {
      button.disabled = true;
      say('Moving the clock…');
      try {
        await post('/clock', { advance: button.dataset.advance });
        location.reload();
      } catch (error) {
        say(String((error as Error).message));
        button.disabled = false;
      }
    });
  }
  const checkIn = document.querySelector<HTMLButtonElement>('[data-hook="devsite-check-in"]');
  const who = document.querySelector<HTMLSelectElement>('[data-hook="devsite-check-in-member"]');
  // The member chosen for the door stays chosen across the reloads the clock's buttons make.
  const remembered = localStorage.getItem(CHECK_IN_MEMBER);
  if (who && remembered && [...who.options].some((option) => option.value === remembered)) who.value = remembered;
  who?.addEventListener('change', () => localStorage.setItem(CHECK_IN_MEMBER, who.value));
  checkIn?.addEventListener('click', async () => {
    if (!who?.value) return;
    checkIn.disabled = true;
    try {
      const answer = await post('/check-in', { memberId: who.value });
      const name = who.selectedOptions[0]?.textContent ?? 'member';
      say(
        answer.status === 'TOKEN_ISSUED'
          ? `${name}: token issued, balance ${answer.balance}`
          : answer.status === 'ALREADY_COUNTED'
            ? `${name}: already counted today`
            : answer.status === 'NOT_IN_PROGRAM'
              ? `${name}: not in the rewards program`
              : answer.status === 'PROGRAM_UPDATING'
                ? `${name}: program being updated, check in again in a moment`
                : `${name}: ${answer.status ?? answer.message}`,
      );
      document.dispatchEvent(new CustomEvent('devsite:changed'));
    } catch (error) {
      say(String((error as Error).message));
    } finally {
      checkIn.disabled = false;
    }
  });
}
