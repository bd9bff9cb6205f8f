import { describe, expect, it } from 'vitest';
import { Refused } from './errors.ts';
import { callWix, ROUTES, WixRestError } from './get-paid.ts';
import { ownerWords } from './payment-link-refusals.ts';
import { withRetries } from './retries.ts';
import { isNotFound, type WixApis, wixErrorCode } from './wix.ts';

/** Wix APIs whose only REST answer is `answer`, remembering what was asked. */
function rest(answers: Array<() => Response>) {
  const asked: Array<{ url: string; init: RequestInit }> = [];
  const fetchWithAuth = async (url: string, init: RequestInit) => {
    asked.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  };
  return { wix: withRetries({ fetchWithAuth } as unknown as WixApis, { wait: async () => {} }), asked };
}

/** The refusal a call ends with. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error) => error as WixRestError,
  );

const wixError = (status: number, code: string, description: string) =>
  Response.json({ message: description, details: { applicationError: { code, description, data: {} } } }, { status });

describe('the Payment Links REST client', () => {
  it('calls the route of the table with its path filled and encoded, and answers the JSON', async () => {
    const { wix, asked } = rest([() => Response.json({ paymentLink: { id: 'a/b' } })]);
    const answer = await callWix<{ paymentLink: { id: string } }>(wix, 'getPaymentLink', {
      params: { paymentLinkId: 'a/b' },
    });
    expect(answer.paymentLink.id).toBe('a/b');
    expect(asked[0]!.url).toBe('https://www.wixapis.com/payment-links/v1/payment-links/a%2Fb');
    expect(asked[0]!.init.method).toBe('GET');
    expect(ROUTES.initiatePayment.path).toBe('/payment-links/v1/payment-links/{paymentLinkId}/initiate-payment');
  });

  it("throws Wix's refusal in the SDK's shape, which the flows' helpers read", async () => {
    const { wix } = rest([() => wixError(404, 'PAYMENT_LINK_NOT_FOUND', 'Payment link not found')]);
    const error = await failure(callWix(wix, 'getPaymentLink', { params: { paymentLinkId: 'x' } }));
    expect(error).toBeInstanceOf(WixRestError);
    expect(wixErrorCode(error)).toBe('PAYMENT_LINK_NOT_FOUND');
    expect(isNotFound(error)).toBe(true);
    expect(error.details.applicationError?.description).toBe('Payment link not found');
  });

  it('keeps a validation error as the SDK does, and a body that is not JSON as its status', async () => {
    const violations = [{ field: 'paymentLink.title', description: 'must not be empty' }];
    const { wix } = rest([
      () =>
        Response.json(
          { message: 'bad', details: { validationError: { fieldViolations: violations } } },
          { status: 400 },
        ),
      () => new Response('oops', { status: 503, statusText: 'Service Unavailable' }),
    ]);
    const invalid = await failure(callWix(wix, 'createPaymentLink', { body: {} }));
    expect(invalid.details.validationError?.fieldViolations).toEqual(violations);
    const down = await failure(callWix(wix, 'createPaymentLink', { body: {} }));
    expect(down.status).toBe(503);
    expect(wixErrorCode(down)).toBe('SERVICE_UNAVAILABLE');
  });

  it('is retried over the call budget (429) like every Wix call, and counted', async () => {
    const { wix, asked } = rest([
      () => wixError(429, 'RESOURCE_EXHAUSTED', 'too many'),
      () => Response.json({ paymentLinks: [] }),
    ]);
    expect(await callWix(wix, 'queryPaymentLinks', { body: { query: {} } })).toEqual({ paymentLinks: [] });
    expect(asked).toHaveLength(2);
  });
});

describe("Wix's refusals in the owner's words", () => {
  const refusal = (code: string, description = code) =>
    new WixRestError(400, { applicationError: { code, description, data: {} } }, description);

  it.each([
    ['UNPUBLISHED_SITE', /Publish your site first/],
    ['MISSING_ACCEPT_PAYMENTS', /Connect a payment method in Accept Payments/],
    ['RECIPIENT_NOT_FOUND', /pick the recipients again/],
    ['ORDER_NOT_FOUND', /pick an unpaid order/],
    ['INVALID_PAYMENTS_LIMIT_FOR_ECOM_ORDER_PAYMENT_LINK', /payments limit must be 1/],
    ['FAILED_TO_INSTALL_ECOM', /add Wix Stores/],
  ])('%s says what to do', (code, words) => {
    const mapped = ownerWords('The payment link', refusal(code));
    expect(mapped).toBeInstanceOf(Refused);
    expect((mapped as Refused).code).toBe(code);
    expect((mapped as Refused).message).toMatch(words);
  });

  it('passes on what the owner cannot act on', () => {
    const internal = refusal('INTERNAL');
    expect(ownerWords('The payment link', internal)).toBe(internal);
    const plain = new Error('network');
    expect(ownerWords('The payment link', plain)).toBe(plain);
  });
});
