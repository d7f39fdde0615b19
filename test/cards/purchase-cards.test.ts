import { describe, expect, it } from 'vitest';
import { renderCustomerCard, renderCustomerEmail } from '../../src/features/acceptance/customer-card';
import { renderReminderCard, renderReminderEmail } from '../../src/features/purchases/reminder-card';
import { renderTrackingCard } from '../../src/features/purchases/tracking-card';
import { cardText, executeActions, openUrls } from '../support/card-text';
import { cardNotice, cardRequest, cardServices } from './purchase-cards';

describe('purchase notice cards', () => {
  it('tells the customer which purchase is on hold, from whom, with the acceptance actions', () => {
    const card = renderCustomerCard(cardRequest, cardServices);
    expect(cardText(card)).toContain(
      'Your purchase of 25 × Microsoft 365 E3 from \\*Fabrikam\\* Cloud is on hold until Contoso Pharma \\[GmbH\\] accepts',
    );
    expect(executeActions(card).map((a) => a.verb)).toEqual(['confirmAccepted', 'contactPartner']);
  });

  it('turns into “all set” once accepted, saying the partner can complete the order', () => {
    const text = cardText(renderCustomerCard({ ...cardRequest, state: 'accepted' }, cardServices));
    expect(text).toContain("You're all set");
    expect(text).toContain('\\*Fabrikam\\* Cloud can now complete your order of 25 × Microsoft 365 E3');
  });

  it('puts the on-hold line first in the e-mail, unescaped but HTML-safe', () => {
    const mail = renderCustomerEmail({ ...cardRequest, companyName: 'A <b>&</b> Co' }, cardServices);
    expect(mail.subject).toBe(
      'Your order from *Fabrikam* Cloud is on hold: please accept the Microsoft Customer Agreement',
    );
    expect(mail.text.split('\n\n')[1]).toContain(
      'Your purchase of 25 × Microsoft 365 E3 from *Fabrikam* Cloud is on hold',
    );
    expect(mail.html).toContain('A &lt;b&gt;&amp;&lt;/b&gt; Co');
  });

  it('numbers reminders and links straight to the acceptance page', () => {
    const card = renderReminderCard({ n: cardNotice, r: cardRequest, number: 3, of: 4 }, cardServices);
    expect(cardText(card)).toContain(
      'Reminder 3 of 4: your order from \\*Fabrikam\\* Cloud is still on hold',
    );
    expect(openUrls(card)[0]).toEqual({ title: 'Review and accept', url: cardRequest.acceptanceUrl });
    const mail = renderReminderEmail({ n: cardNotice, r: cardRequest, number: 3, of: 4 }, cardServices);
    expect(mail.subject).toBe('Reminder 3 of 4: your order from *Fabrikam* Cloud is still on hold');
  });

  it('tracks the hold for the partner and names the order to retry once accepted', () => {
    const open = cardText(renderTrackingCard(cardNotice, cardRequest, cardServices, 'en-US'));
    expect(open).toContain('Waiting for Contoso Pharma \\[GmbH\\] to accept the MCA');
    expect(open).toContain('PO\\-\\*1234\\*');
    expect(open).toContain('1 of 4 sent · next on Nov 25, 2026');
    const accepted = renderTrackingCard(
      {
        ...cardNotice,
        state: 'accepted',
        acceptedAt: '2026-11-22T09:00:00.000Z',
        release: { state: 'pending' },
      },
      { ...cardRequest, state: 'accepted' },
      cardServices,
      'en-US',
    );
    expect(cardText(accepted)).toContain('Accepted on Nov 22, 2026 — retry order PO\\-\\*1234\\*');
    expect(cardText(accepted)).toContain('being told the order can go through');
    expect(executeActions(accepted)).toEqual([]);
  });

  it('explains a notice that could not ask the customer', () => {
    const text = cardText(
      renderTrackingCard(
        { ...cardNotice, state: 'failed', lastError: 'INPUT_INVALID' },
        undefined,
        cardServices,
        'en-US',
      ),
    );
    expect(text).toContain('billing profile has no usable contact');
  });
});
