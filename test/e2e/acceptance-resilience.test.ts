import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import {
  SANDBOX_PARTNER_TENANT_ID,
  SANDBOX_READER_ID,
  SANDBOX_SALES_AGENT_ID,
} from '../../src/sandbox/constants';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import { MutableClock } from '../store/mutable-clock';

const TAILSPIN = '7e54339f-40ba-43cd-8d67-4d7db418ff1a'; // IT, it-IT, no Teams conversation
const RELECLOUD = 'dd9f95f3-1d9e-405a-a854-a742e268eb4b'; // BR, pt-BR
const PROSEWARE = 'aa5d790f-4063-42a9-b270-601f2fd4caf0'; // CA, fr-CA
const PARTNER_CONVERSATION = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;
const MINUTE = 60_000;

const form = (tenantId: string, language: string, country: string, email: string) => ({
  tenantId,
  firstName: 'Ada',
  lastName: 'Rossi',
  email,
  companyName: 'Test Company',
  country,
  language,
});

describe('acceptance requests survive restarts, outages and missing channels', () => {
  const clock = new MutableClock(new Date());
  let sandbox: Sandbox;
  const bot = new BotHarness();

  beforeAll(async () => {
    sandbox = await startSandbox({ control: true });
    await bot.start({}, { clock, externalSandbox: sandbox });
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  const requestFor = async (tenantId: string) =>
    (await bot.app.services.store.records.findByIndex<any>('acceptance-request', tenantId))[0]?.value;
  const settle = async () => {
    for (let i = 0; i < 5; i++) await bot.app.worker.runDue();
  };

  it('e-mails the signatory in their language when the customer has no Teams conversation', async () => {
    await bot.click('submitAcceptanceRequest', form(TAILSPIN, 'it-IT', 'IT', 'ada.rossi@tailspin.example'));
    await settle();
    const r = await requestFor(TAILSPIN);
    expect(r).toMatchObject({ state: 'sent', delivery: { channel: 'email' } });
    const mail = sandbox.world
      .outbox()
      .find((m: any) => JSON.stringify(m).includes('ada.rossi@tailspin.example'));
    expect(mail).toBeDefined();
    expect(JSON.stringify(mail)).toContain('/mca/?attestationid=');
  });

  it('speaks the language of the customer’s Teams client rather than the billing culture', async () => {
    const PHARMA = '8fdcceb0-8c63-411f-a6f0-27304fb58973'; // bills in de-DE
    const who = {
      tenantId: PHARMA,
      aadObjectId: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
      conversationId: 'a:pharma',
      locale: 'nl-NL',
    };
    await bot.post(bot.activity('installationUpdate', who, { action: 'add' }));
    await bot.click('submitAcceptanceRequest', form(PHARMA, 'de-DE', 'DE', 'ada@pharma.example'));
    await settle();
    const card = bot.teams.cards('a:pharma').find((c) => cardText(c).includes('Microsoft-klantovereenkomst'));
    expect(card).toBeDefined();
    expect(cardText(card)).toContain('Fabrikam Cloud Solutions');
  });

  it('resumes a watcher after a restart and announces the acceptance it finds', async () => {
    const r = await requestFor(TAILSPIN);
    expect(await bot.app.services.store.jobs.getByKey(`acceptance.watch:${r.id}`)).toMatchObject({
      status: 'pending',
    });
    await bot.restart();
    sandbox.world.acceptAttestation(r.attestationId);
    clock.advance(2 * MINUTE);
    await settle();
    expect(await requestFor(TAILSPIN)).toMatchObject({ state: 'accepted', acceptedVia: 'attestation' });
    const texts = bot.teams.messages(PARTNER_CONVERSATION).map((m) => m.text ?? '');
    expect(texts.filter((t) => t.includes('Tailspin') || t.includes('Test Company'))).toHaveLength(1);
    expect(await bot.app.services.store.jobs.getByKey(`acceptance.watch:${r.id}`)).toMatchObject({
      status: 'cancelled',
    });
  });

  it('queues the request while Partner Center is down, tells the partner, and sends it later', async () => {
    sandbox.world.injectFault({ match: '/attestations/enhanced', status: 503, times: 100 });
    await bot.click(
      'submitAcceptanceRequest',
      form(RELECLOUD, 'pt-BR', 'BR', 'ada@relecloud.example'),
      {},
      'manual',
      'form-2',
    );
    await settle();
    expect(await requestFor(RELECLOUD)).toMatchObject({ state: 'queued', lastError: 'PC_UNAVAILABLE' });
    const edits = bot.teams.requests.filter((q) => q.method === 'PUT' && q.path.endsWith('/form-2'));
    expect(cardText(edits.at(-1)!.body.attachments[0].content)).toContain('will be retried automatically');

    sandbox.world.reset();
    clock.advance(30 * MINUTE);
    await settle();
    expect(await requestFor(RELECLOUD)).toMatchObject({ state: 'sent' });
  });

  it('gives the partner a ready e-mail to forward when neither Teams nor e-mail can reach the customer', async () => {
    await bot.stop();
    await bot.start({ MAIL_FROM: 'none' }, { clock, externalSandbox: sandbox });
    const res = await bot.click(
      'submitAcceptanceRequest',
      form(PROSEWARE, 'fr-FR', 'CA', 'ada@proseware.example'),
      {},
      'manual',
      'form-3',
    );
    expect(res.status).toBe(200);
    await settle();
    const r = await requestFor(PROSEWARE);
    expect(r.delivery.channel).toBe('forward');
    expect(r.delivery.mailto).toMatch(/^mailto:ada%40proseware\.example\?subject=/);
    const edit = bot.teams.requests.filter((q) => q.method === 'PUT' && q.path.endsWith('/form-3')).at(-1)!;
    const card = edit.body.attachments[0].content;
    expect(cardText(card)).toContain('please send them the link');
  });

  it('cancels a request: the watcher stops and the request leaves the open list', async () => {
    const r = await requestFor(PROSEWARE);
    const list = await bot.say('requests');
    // A fresh data directory since the last test: only this request is open.
    expect(cardText(list[0])).toContain('Open MCA acceptance requests (1)');
    expect(cardText(list[0])).toContain('Test Company');
    const res = await bot.click('cancelAcceptanceRequest', { requestId: r.id });
    expect(cardText(res.card)).toContain('Cancelled');
    expect(executeActions(res.card)).toEqual([]);
    expect(await bot.app.services.store.jobs.getByKey(`acceptance.watch:${r.id}`)).toMatchObject({
      status: 'cancelled',
    });
  });

  it('lets Sales agents request acceptance but not partner users without a Partner Center role', async () => {
    const reader = { aadObjectId: SANDBOX_READER_ID, userId: '29:reader' };
    const refused = await bot.click('requestAcceptance', { tenantId: TAILSPIN }, reader);
    expect(cardText(refused.card)).toContain('You need a Partner Center role for this');
    const [status] = await bot.say(`status ${TAILSPIN}`, reader);
    expect(cardText(status)).toContain('Tailspin');
    const sales = await bot.click(
      'requestAcceptance',
      { tenantId: RELECLOUD },
      { aadObjectId: SANDBOX_SALES_AGENT_ID },
    );
    expect(cardText(sales.card)).toContain('Request MCA acceptance from Relecloud');
  });
});
