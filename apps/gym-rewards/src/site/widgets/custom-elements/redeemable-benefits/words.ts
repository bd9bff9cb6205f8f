import {
  countOf,
  type EveryLanguage,
  type Language,
  languageOf,
  phrasesIn,
  type WordsOf,
} from '../../../../shared/words';

/**
 * Every string the widget shows, in the app's phrase tables (`src/shared/words.ts`): each phrase in English, German and
 * Spanish (the widget's table must give all three: a missing one is a type error), a text or a function of its values.
 * A counted phrase picks its form with `Intl.PluralRules` (`countOf`), its number formatted for `locale`.
 */
export const widgetPhrases = (locale: string) => {
  const count = (n: number, one: string, other: string) => countOf(n, locale, { one, other });
  const number = new Intl.NumberFormat(locale).format;
  return {
    title: ['Your rewards', 'Deine Prämien', 'Tus recompensas'],
    loading: ['Loading your rewards…', 'Deine Prämien werden geladen…', 'Cargando tus recompensas…'],
    visitor: [
      'Log in to see your tokens and the rewards you can pick up.',
      'Melde dich an, um deine Tokens und die Prämien zum Abholen zu sehen.',
      'Inicia sesión para ver tus tokens y las recompensas que puedes recoger.',
    ],
    logIn: ['Log in', 'Anmelden', 'Iniciar sesión'],
    loadFailed: [
      'We could not load your rewards.',
      'Deine Prämien konnten nicht geladen werden.',
      'No pudimos cargar tus recompensas.',
    ],
    tryAgain: ['Try again', 'Erneut versuchen', 'Reintentar'],
    notInProgram: [
      'You are not in the rewards program. Ask at the front desk to join.',
      'Du bist nicht im Prämienprogramm. Frag am Empfang, um mitzumachen.',
      'No estás en el programa de recompensas. Pregunta en recepción para unirte.',
    ],
    ended: [
      'Your rewards membership has ended. Thanks for training with us! Ask at the front desk about a new one.',
      'Deine Prämien-Mitgliedschaft ist beendet. Danke fürs Trainieren! Frag am Empfang nach einer neuen.',
      'Tu membresía de recompensas ha terminado. ¡Gracias por entrenar con nosotros! Pregunta en recepción por una nueva.',
    ],
    paused: [
      'Your rewards are paused at the moment. Ask at the front desk.',
      'Deine Prämien sind gerade pausiert. Frag am Empfang.',
      'Tus recompensas están en pausa. Pregunta en recepción.',
    ],
    tokens: [
      (n: number) => count(n, '# token', '# tokens'),
      (n: number) => count(n, '# Token', '# Tokens'),
      (n: number) => count(n, '# token', '# tokens'),
    ],
    toNextTier: [
      (n: number, tier: string) => count(n, `# more token to ${tier}`, `# more tokens to ${tier}`),
      (n: number, tier: string) => count(n, `Noch # Token bis ${tier}`, `Noch # Tokens bis ${tier}`),
      (n: number, tier: string) => count(n, `Falta # token para ${tier}`, `Faltan # tokens para ${tier}`),
    ],
    progressLabel: [
      (tier: string) => `Progress to ${tier}`,
      (tier: string) => `Fortschritt bis ${tier}`,
      (tier: string) => `Progreso hacia ${tier}`,
    ],
    tierName: [
      (n: number) => `Tier ${number(n)}`,
      (n: number) => `Stufe ${number(n)}`,
      (n: number) => `Nivel ${number(n)}`,
    ],
    catalogue: ['All rewards', 'Alle Prämien', 'Todas las recompensas'],
    unlocked: ['Yours to redeem', 'Jetzt einlösbar', 'Para canjear ya'],
    lockedVisits: [
      (n: number) => count(n, 'Locked: # more visit', 'Locked: # more visits'),
      (n: number) => count(n, 'Gesperrt: noch # Besuch', 'Gesperrt: noch # Besuche'),
      (n: number) => count(n, 'Bloqueado: falta # visita', 'Bloqueado: faltan # visitas'),
    ],
    redeem: ['Redeem', 'Einlösen', 'Canjear'],
    redeemLabel: [
      (product: string) => `Redeem ${product}`,
      (product: string) => `${product} einlösen`,
      (product: string) => `Canjear ${product}`,
    ],
    confirmQuestion: [
      (product: string, price: string) => `Redeem ${product} for ${price}?`,
      (product: string, price: string) => `${product} für ${price} einlösen?`,
      (product: string, price: string) => `¿Canjear ${product} por ${price}?`,
    ],
    confirm: ['Confirm', 'Bestätigen', 'Confirmar'],
    redeeming: ['Redeeming…', 'Wird eingelöst…', 'Canjeando…'],
    cancel: ['Cancel', 'Abbrechen', 'Cancelar'],
    pickupReady: [
      (product: string) => `${product} is yours. Show this code at the front desk:`,
      (product: string) => `${product} gehört dir. Zeig diesen Code am Empfang:`,
      (product: string) => `${product} es tuyo. Muestra este código en recepción:`,
    ],
    done: ['Done', 'Fertig', 'Listo'],
    nothingYet: [
      'Nothing to redeem yet. Every visit brings you closer.',
      'Noch nichts einzulösen. Jeder Besuch bringt dich näher.',
      'Aún no hay nada que canjear. Cada visita te acerca.',
    ],
    notEnough: [
      (price: string, balance: string) => `Not enough tokens: this costs ${price} and you have ${balance}.`,
      (price: string, balance: string) => `Nicht genug Tokens: Das kostet ${price}, du hast ${balance}.`,
      (price: string, balance: string) => `No tienes suficientes tokens: cuesta ${price} y tienes ${balance}.`,
    ],
    notRedeemable: [
      'This reward is no longer offered.',
      'Diese Prämie wird nicht mehr angeboten.',
      'Esta recompensa ya no se ofrece.',
    ],
    updating: [
      'Your rewards are being updated: try again in a moment.',
      'Deine Prämien werden gerade aktualisiert: Versuch es gleich noch einmal.',
      'Tus recompensas se están actualizando: inténtalo de nuevo en un momento.',
    ],
    failed: [
      (reason: string) => `That did not work: ${reason}`,
      (reason: string) => `Das hat nicht geklappt: ${reason}`,
      (reason: string) => `No funcionó: ${reason}`,
    ],
    pickups: ['My rewards to pick up', 'Meine Prämien zum Abholen', 'Mis recompensas por recoger'],
    noPickups: [
      'Nothing waiting for you at the front desk.',
      'Am Empfang wartet nichts auf dich.',
      'No hay nada esperándote en recepción.',
    ],
    code: ['Code', 'Code', 'Código'],
    waiting: ['Ready at the front desk', 'Liegt am Empfang bereit', 'Lista en recepción'],
    handedOver: [
      (date: string) => `Picked up ${date}`,
      (date: string) => `Abgeholt am ${date}`,
      (date: string) => `Recogida el ${date}`,
    ],
    voided: ['Cancelled, tokens returned', 'Storniert, Tokens zurückgebucht', 'Cancelada, tokens devueltos'],
    history: ['Picked up lately', 'Zuletzt abgeholt', 'Recogidas recientes'],
    carryOver: [
      (n: number, date: string) => count(n, `# token carries over on ${date}`, `# tokens carry over on ${date}`),
      (n: number, date: string) =>
        count(n, `# Token wird am ${date} übertragen`, `# Tokens werden am ${date} übertragen`),
      (n: number, date: string) => count(n, `# token pasa al ${date}`, `# tokens pasan al ${date}`),
    ],
    expire: [
      (n: number) => count(n, '# expires: spend it before then.', '# expire: spend them before then.'),
      (n: number) => count(n, '# verfällt: Löse es vorher ein.', '# verfallen: Löse sie vorher ein.'),
      (n: number) => count(n, '# caduca: úsalo antes.', '# caducan: úsalos antes.'),
    ],
    allCarry: [
      (date: string) => `All your tokens carry over on ${date}.`,
      (date: string) => `Alle deine Tokens werden am ${date} übertragen.`,
      (date: string) => `Todos tus tokens pasan al ${date}.`,
    ],
    allExpire: [
      (n: number, date: string) =>
        count(n, `Your # token expires on ${date}: spend it.`, `Your # tokens expire on ${date}: spend them.`),
      (n: number, date: string) =>
        count(
          n,
          `Dein # Token verfällt am ${date}: Löse es ein.`,
          `Deine # Tokens verfallen am ${date}: Löse sie ein.`,
        ),
      (n: number, date: string) =>
        count(n, `Tu # token caduca el ${date}: úsalo.`, `Tus # tokens caducan el ${date}: úsalos.`),
    ],
    newTokens: [
      (n: number) => count(n, 'Then # new token arrives.', 'Then # new tokens arrive.'),
      (n: number) => count(n, 'Dann kommt # neues Token dazu.', 'Dann kommen # neue Tokens dazu.'),
      (n: number) => count(n, 'Luego llega # token nuevo.', 'Luego llegan # tokens nuevos.'),
    ],
    lastTurn: [
      (date: string) => `At the turn of the month (${date}):`,
      (date: string) => `Beim Monatswechsel (${date}):`,
      (date: string) => `En el cambio de mes (${date}):`,
    ],
    lastExpired: [
      (n: number) => count(n, '# token expired over the cap,', '# tokens expired over the cap,'),
      (n: number) => count(n, '# Token über der Obergrenze verfiel,', '# Tokens über der Obergrenze verfielen,'),
      (n: number) => count(n, '# token caducó por el límite,', '# tokens caducaron por el límite,'),
    ],
    lastNothingExpired: ['nothing expired,', 'nichts verfiel,', 'nada caducó,'],
    lastArrived: [
      (n: number) => count(n, '# new token arrived.', '# new tokens arrived.'),
      (n: number) => count(n, '# neues Token kam dazu.', '# neue Tokens kamen dazu.'),
      (n: number) => count(n, 'llegó # token nuevo.', 'llegaron # tokens nuevos.'),
    ],
  } as const satisfies EveryLanguage;
};

export type WidgetWords = WordsOf<ReturnType<typeof widgetPhrases>>;

/** The widget's words in a locale, with the locale its numbers and dates take and the language it speaks. */
export function widgetWords(locale: string): { words: WidgetWords; locale: string; language: Language } {
  const language = languageOf(locale);
  // A locale the browser cannot format in falls back to the table's language.
  const tag = Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : language;
  return { words: phrasesIn(widgetPhrases(tag), tag), locale: tag, language };
}
