/**
 * Every string the widget shows, in one catalogue: English, German and Spanish. A message is a text with `{name}`
 * placeholders, or plural forms keyed by `Intl.PluralRules` categories (`one`, `other`, and whatever else a language
 * needs) where `#` is the count, formatted for the locale. A language lacking a message is a type error.
 */
type Plural = { one?: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
type Message = string | Plural;

const en = {
  title: 'Your rewards',
  loading: 'Loading your rewards…',
  visitor: 'Log in to see your tokens and the rewards you can pick up.',
  logIn: 'Log in',
  loadFailed: 'We could not load your rewards.',
  tryAgain: 'Try again',
  notInProgram: 'You are not in the rewards program. Ask at the front desk to join.',
  ended: 'Your rewards membership has ended. Thanks for training with us! Ask at the front desk about a new one.',
  paused: 'Your rewards are paused at the moment. Ask at the front desk.',
  tokens: { one: '# token', other: '# tokens' },
  toNextTier: { one: '# more token to {tier}', other: '# more tokens to {tier}' },
  progressLabel: 'Progress to {tier}',
  tierName: 'Tier {n}',
  catalogue: 'All rewards',
  unlocked: 'Yours to redeem',
  lockedVisits: { one: 'Locked: # more visit', other: 'Locked: # more visits' },
  redeem: 'Redeem',
  redeemLabel: 'Redeem {product}',
  confirmQuestion: 'Redeem {product} for {price}?',
  confirm: 'Confirm',
  redeeming: 'Redeeming…',
  cancel: 'Cancel',
  pickupReady: '{product} is yours. Show this code at the front desk:',
  done: 'Done',
  nothingYet: 'Nothing to redeem yet. Every visit brings you closer.',
  notEnough: 'Not enough tokens: this costs {price} and you have {balance}.',
  notRedeemable: 'This reward is no longer offered.',
  updating: 'Your rewards are being updated: try again in a moment.',
  failed: 'That did not work: {reason}',
  pickups: 'My rewards to pick up',
  noPickups: 'Nothing waiting for you at the front desk.',
  code: 'Code',
  waiting: 'Ready at the front desk',
  handedOver: 'Picked up {date}',
  voided: 'Cancelled, tokens returned',
  history: 'Picked up lately',
  carryOver: { one: '# token carries over on {date}', other: '# tokens carry over on {date}' },
  expire: { one: '# expires: spend it before then.', other: '# expire: spend them before then.' },
  allCarry: 'All your tokens carry over on {date}.',
  allExpire: { one: 'Your # token expires on {date}: spend it.', other: 'Your # tokens expire on {date}: spend them.' },
  newTokens: { one: 'Then # new token arrives.', other: 'Then # new tokens arrive.' },
  lastTurn: 'At the turn of the month ({date}):',
  lastExpired: { one: '# token expired over the cap,', other: '# tokens expired over the cap,' },
  lastNothingExpired: 'nothing expired,',
  lastArrived: { one: '# new token arrived.', other: '# new tokens arrived.' },
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
type Catalogue = Record<MessageKey, Message>;

const de: Catalogue = {
  title: 'Deine Prämien',
  loading: 'Deine Prämien werden geladen…',
  visitor: 'Melde dich an, um deine Tokens und die Prämien zum Abholen zu sehen.',
  logIn: 'Anmelden',
  loadFailed: 'Deine Prämien konnten nicht geladen werden.',
  tryAgain: 'Erneut versuchen',
  notInProgram: 'Du bist nicht im Prämienprogramm. Frag am Empfang, um mitzumachen.',
  ended: 'Deine Prämien-Mitgliedschaft ist beendet. Danke fürs Trainieren! Frag am Empfang nach einer neuen.',
  paused: 'Deine Prämien sind gerade pausiert. Frag am Empfang.',
  tokens: { one: '# Token', other: '# Tokens' },
  toNextTier: { one: 'Noch # Token bis {tier}', other: 'Noch # Tokens bis {tier}' },
  progressLabel: 'Fortschritt bis {tier}',
  tierName: 'Stufe {n}',
  catalogue: 'Alle Prämien',
  unlocked: 'Jetzt einlösbar',
  lockedVisits: { one: 'Gesperrt: noch # Besuch', other: 'Gesperrt: noch # Besuche' },
  redeem: 'Einlösen',
  redeemLabel: '{product} einlösen',
  confirmQuestion: '{product} für {price} einlösen?',
  confirm: 'Bestätigen',
  redeeming: 'Wird eingelöst…',
  cancel: 'Abbrechen',
  pickupReady: '{product} gehört dir. Zeig diesen Code am Empfang:',
  done: 'Fertig',
  nothingYet: 'Noch nichts einzulösen. Jeder Besuch bringt dich näher.',
  notEnough: 'Nicht genug Tokens: Das kostet {price}, du hast {balance}.',
  notRedeemable: 'Diese Prämie wird nicht mehr angeboten.',
  updating: 'Deine Prämien werden gerade aktualisiert: Versuch es gleich noch einmal.',
  failed: 'Das hat nicht geklappt: {reason}',
  pickups: 'Meine Prämien zum Abholen',
  noPickups: 'Am Empfang wartet nichts auf dich.',
  code: 'Code',
  waiting: 'Liegt am Empfang bereit',
  handedOver: 'Abgeholt am {date}',
  voided: 'Storniert, Tokens zurückgebucht',
  history: 'Zuletzt abgeholt',
  carryOver: { one: '# Token wird am {date} übertragen', other: '# Tokens werden am {date} übertragen' },
  expire: { one: '# verfällt: Löse es vorher ein.', other: '# verfallen: Löse sie vorher ein.' },
  allCarry: 'Alle deine Tokens werden am {date} übertragen.',
  allExpire: {
    one: 'Dein # Token verfällt am {date}: Löse es ein.',
    other: 'Deine # Tokens verfallen am {date}: Löse sie ein.',
  },
  newTokens: { one: 'Dann kommt # neues Token dazu.', other: 'Dann kommen # neue Tokens dazu.' },
  lastTurn: 'Beim Monatswechsel ({date}):',
  lastExpired: { one: '# Token über der Obergrenze verfiel,', other: '# Tokens über der Obergrenze verfielen,' },
  lastNothingExpired: 'nichts verfiel,',
  lastArrived: { one: '# neues Token kam dazu.', other: '# neue Tokens kamen dazu.' },
};

const es: Catalogue = {
  title: 'Tus recompensas',
  loading: 'Cargando tus recompensas…',
  visitor: 'Inicia sesión para ver tus tokens y las recompensas que puedes recoger.',
  logIn: 'Iniciar sesión',
  loadFailed: 'No pudimos cargar tus recompensas.',
  tryAgain: 'Reintentar',
  notInProgram: 'No estás en el programa de recompensas. Pregunta en recepción para unirte.',
  ended:
    'Tu membresía de recompensas ha terminado. ¡Gracias por entrenar con nosotros! Pregunta en recepción por una nueva.',
  paused: 'Tus recompensas están en pausa. Pregunta en recepción.',
  tokens: { one: '# token', other: '# tokens' },
  toNextTier: { one: 'Falta # token para {tier}', other: 'Faltan # tokens para {tier}' },
  progressLabel: 'Progreso hacia {tier}',
  tierName: 'Nivel {n}',
  catalogue: 'Todas las recompensas',
  unlocked: 'Para canjear ya',
  lockedVisits: { one: 'Bloqueado: falta # visita', other: 'Bloqueado: faltan # visitas' },
  redeem: 'Canjear',
  redeemLabel: 'Canjear {product}',
  confirmQuestion: '¿Canjear {product} por {price}?',
  confirm: 'Confirmar',
  redeeming: 'Canjeando…',
  cancel: 'Cancelar',
  pickupReady: '{product} es tuyo. Muestra este código en recepción:',
  done: 'Listo',
  nothingYet: 'Aún no hay nada que canjear. Cada visita te acerca.',
  notEnough: 'No tienes suficientes tokens: cuesta {price} y tienes {balance}.',
  notRedeemable: 'Esta recompensa ya no se ofrece.',
  updating: 'Tus recompensas se están actualizando: inténtalo de nuevo en un momento.',
  failed: 'No funcionó: {reason}',
  pickups: 'Mis recompensas por recoger',
  noPickups: 'No hay nada esperándote en recepción.',
  code: 'Código',
  waiting: 'Lista en recepción',
  handedOver: 'Recogida el {date}',
  voided: 'Cancelada, tokens devueltos',
  history: 'Recogidas recientes',
  carryOver: { one: '# token pasa al {date}', other: '# tokens pasan al {date}' },
  expire: { one: '# caduca: úsalo antes.', other: '# caducan: úsalos antes.' },
  allCarry: 'Todos tus tokens pasan al {date}.',
  allExpire: { one: 'Tu # token caduca el {date}: úsalo.', other: 'Tus # tokens caducan el {date}: úsalos.' },
  newTokens: { one: 'Luego llega # token nuevo.', other: 'Luego llegan # tokens nuevos.' },
  lastTurn: 'En el cambio de mes ({date}):',
  lastExpired: { one: '# token caducó por el límite,', other: '# tokens caducaron por el límite,' },
  lastNothingExpired: 'nada caducó,',
  lastArrived: { one: 'llegó # token nuevo.', other: 'llegaron # tokens nuevos.' },
};

export const CATALOGUES: Record<string, Catalogue> = { en, de, es };
export const LANGUAGES = Object.keys(CATALOGUES);

/** The catalogue's language for a locale (`de-AT` → `de`), English when it has none. */
export function languageOf(locale: string | null | undefined): string {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return language in CATALOGUES ? language : 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The widget's messages in a locale: `t(key, values)`; a plural message takes its count as `n`. */
export function translator(locale: string): { t: Translate; locale: string; language: string } {
  const language = languageOf(locale);
  // A locale the browser cannot format in falls back to the catalogue's language.
  const tag = Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : language;
  const catalogue = CATALOGUES[language]!;
  const plural = new Intl.PluralRules(tag);
  const number = new Intl.NumberFormat(tag);
  const t: Translate = (key, values = {}) => {
    const message = catalogue[key];
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const n = Number(values.n ?? 0);
      text = (message[plural.select(n)] ?? message.other).replace('#', number.format(n));
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(typeof values[name] === 'number' ? number.format(values[name]) : values[name]) : whole,
    );
  };
  return { t, locale: tag, language };
}
