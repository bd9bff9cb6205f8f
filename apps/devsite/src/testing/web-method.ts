/**
 * A web method called over HTTP as the devsite's pages call it (`POST /_webMethods/<file>/<method>.ajax`), as the
 * holder of `token`, with the method's one input: answers its result, or throws with the refusal it answered.
 */
export async function webMethodAs<T = any>(
  origin: string,
  token: string,
  file: string,
  method: string,
  input?: unknown,
): Promise<T> {
  const response = await fetch(`${origin}/_webMethods/src/backend/${file}/${method}.ajax`, {
    method: 'POST',
    headers: { Authorization: token },
    body: JSON.stringify(input === undefined ? [] : [input]),
  });
  const answer = (await response.json()) as { result: T; exception?: boolean };
  if (answer.exception) throw new Error(`${method}: ${JSON.stringify(answer.result)}`);
  return answer.result;
}
