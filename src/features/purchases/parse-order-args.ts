import { AppError } from '../../core/errors';
import { parseCustomerQuery, type CustomerQuery } from '../status';

export interface OrderArgs {
  customer: CustomerQuery;
  offerName: string;
  quantity?: number;
  orderReference?: string;
}

const QUANTITY = /^[x×](\d{1,7})$/i;
const REFERENCE = /^#([\w./:-]{1,100})$/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * `<customer> <offer> [x<quantity>] [#<order reference>]`, as typed after `notify` or `order`. The
 * customer is one word (tenant id, domain or name prefix) or a quoted name: "Contoso Pharma".
 *
 * @example
 * parseOrderArgs('contoso Microsoft 365 E3 x25 #PO-1234', 'notify')
 * // { customer: { kind: 'name', value: 'contoso' }, offerName: 'Microsoft 365 E3', quantity: 25, orderReference: 'PO-1234' }
 */
export function parseOrderArgs(raw: string, command: string): OrderArgs {
  const usage = `Type \`${command} <customer> <offer>\`, for example \`${command} contoso Microsoft 365 E3 x25 #PO-1234\` (x = quantity, # = your order reference). Quote a customer name with spaces: "Contoso Pharma".`;
  const text = raw.trim();
  if (CONTROL.test(text)) throw new AppError('INPUT_INVALID', `Type plain text. ${usage}`);
  const quoted = /^["“„']([^"”']{1,200})["”']\s*(.*)$/.exec(text);
  const [customerText, rest] = quoted
    ? [quoted[1] ?? '', quoted[2] ?? '']
    : [text.split(/\s+/)[0] ?? '', text.split(/\s+/).slice(1).join(' ')];
  if (customerText === '') throw new AppError('INPUT_INVALID', usage);
  let quantity: number | undefined;
  let orderReference: string | undefined;
  const offerWords: string[] = [];
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    const q = QUANTITY.exec(word);
    const r = REFERENCE.exec(word);
    if (q) quantity = Number(q[1]);
    else if (r) orderReference = r[1];
    else offerWords.push(word);
  }
  const offerName = offerWords.join(' ');
  if (offerName === '') throw new AppError('INPUT_INVALID', `Which offer was refused? ${usage}`);
  if (offerName.length > 200) throw new AppError('INPUT_INVALID', `The offer name is too long. ${usage}`);
  if (quantity === 0) throw new AppError('INPUT_INVALID', `The quantity must be at least 1. ${usage}`);
  return { customer: parseCustomerQuery(customerText), offerName, quantity, orderReference };
}
