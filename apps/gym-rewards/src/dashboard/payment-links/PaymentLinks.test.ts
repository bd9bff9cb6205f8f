import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { COMMON_PHRASES } from '../shared/components';
import { leakedEnglish, missing, renderIn } from '../shared/testing';
import { type LinkRow, linkKeys } from './api';
import { ItemsEditor } from './ItemsEditor';
import { LinkPanel } from './LinkPanel';
import { PaymentLinks } from './PaymentLinks';
import { PAYMENT_LINKS_PHRASES } from './words';

const link: LinkRow = {
  id: 'link-1',
  title: 'Day pass',
  description: '',
  type: 'ECOM',
  status: 'ACTIVE',
  amount: '12.50',
  currency: 'EUR',
  payments: 1,
  paymentsLimit: 5,
  createdDate: '2026-11-02T12:00:00.000Z',
  lastPaymentDate: null,
  expirationDate: null,
  url: null,
  recipients: [],
  items: [{ name: 'Day pass', quantity: 1 }],
  orderId: null,
};

/** The Payment links list in `locale`, one link already listed. */
const page = (locale: string) =>
  renderIn(locale, createElement(PaymentLinks, { locale }), [
    [
      linkKeys.list({ status: '', type: '', sort: 'NEWEST', text: '' }),
      { pages: [{ links: [link], cursor: null }], pageParams: [null] },
    ],
  ]);

describe('the Payment links list in the dashboard locale', () => {
  it('speaks German in de: header, filters, columns, a link’s type, status and date; no English phrase leaks', () => {
    const html = page('de');
    expect(
      missing(
        html,
        'Zahlungslinks',
        'Zahlungslink erstellen',
        'Alle Status',
        'Alle Arten',
        'Neueste zuerst',
        'Titel suchen',
        'Betrag',
        'Zahlungen',
        'Erstellt',
        'Artikel',
        'Aktiv',
        '02.11.2026',
      ),
    ).toEqual([]);
    expect(leakedEnglish(html, PAYMENT_LINKS_PHRASES, COMMON_PHRASES)).toEqual([]);
    for (const english of ['Items', 'Active', 'Amount']) expect(html).not.toContain(`>${english}<`);
  });

  it('speaks English otherwise', () => {
    const html = page('en-US');
    expect(missing(html, 'Payment links', 'Create payment link', 'All statuses', 'Items', 'Active')).toEqual([]);
  });

  it("a link's panel in German: share, take payment, its payments, activate or delete", () => {
    const payments = { pages: [{ payments: [], cursor: null }], pageParams: [null] };
    const panel = (locale: string) =>
      renderIn(
        locale,
        createElement(LinkPanel, {
          link: { ...link, url: 'https://pay.example/l1', recipients: ['c1', 'c2'], payments: 0 },
          onClose: () => {},
        }),
        [[linkKeys.payments('link-1'), payments]],
      );
    const html = panel('de');
    expect(
      missing(
        html,
        'Link kopieren',
        'QR-Code von Day pass',
        'Jetzt kassieren',
        'An 2 Empfänger senden',
        'Senden an…',
        'Zahlungen (0)',
        'Noch keine Zahlungen.',
        'Deaktivieren',
        'Löschen',
      ),
    ).toEqual([]);
    expect(leakedEnglish(html, PAYMENT_LINKS_PHRASES, COMMON_PHRASES)).toEqual([]);
    expect(missing(panel('en-US'), 'Copy link', 'Send to 2 recipients', 'Payments (0)')).toEqual([]);
  });

  it("the create dialog's items in German: store products, custom items, remove, add", () => {
    const editor = (locale: string) =>
      renderIn(
        locale,
        createElement(ItemsEditor, {
          products: [],
          custom: [{ name: '', price: '', quantity: 1 }],
          onProducts: () => {},
          onCustom: () => {},
          error: null,
        }),
        [],
      );
    const html = editor('de');
    expect(
      missing(
        html,
        'Shop-Produkte',
        'Produkte im Shop suchen',
        'Eigene Posten',
        'z. B. Tagespass',
        'Preis',
        'Entfernen',
      ),
    ).toEqual([]);
    expect(missing(html, '+ Eigenen Posten hinzufügen')).toEqual([]);
    expect(leakedEnglish(html, PAYMENT_LINKS_PHRASES, COMMON_PHRASES)).toEqual([]);
    expect(missing(editor('en'), 'Store products', 'Custom items', '+ Add a custom item')).toEqual([]);
  });
});
