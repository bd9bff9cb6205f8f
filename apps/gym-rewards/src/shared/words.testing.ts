import { LANGUAGES, type Phrases } from './words';

/**
 * For tests: what is wrong with a phrase table that must speak `languages` languages (the first of `LANGUAGES`): a
 * phrase in more or fewer, an empty text, a text where English has a function (or the other way round), a function
 * taking other values than English's. None is `[]`.
 */
export function problemsOf(table: Phrases, languages: number): string[] {
  const problems: string[] = [];
  for (const [key, phrases] of Object.entries(table)) {
    if (phrases.length !== languages) problems.push(`${key}: ${phrases.length} languages`);
    const [english] = phrases;
    for (const [index, phrase] of phrases.entries()) {
      const where = `${key} (${LANGUAGES[index]})`;
      if (typeof phrase !== typeof english) problems.push(`${where}: a ${typeof phrase}, English a ${typeof english}`);
      if (typeof phrase === 'string' && phrase.trim() === '') problems.push(`${where}: empty`);
      if (typeof phrase === 'function' && typeof english === 'function' && phrase.length !== english.length) {
        problems.push(`${where}: takes ${phrase.length} values, English ${english.length}`);
      }
    }
  }
  return problems;
}
