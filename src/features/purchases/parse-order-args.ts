import { AppError } from '../../core/errors';
import { MAX_QUANTITY } from './purchase-input';
import { parseCustomerQuery, type CustomerQuery } from '../status';

export interface OrderArgs {
  customer: CustomerQuery;
  offerName: string;
  quantity?: number;
  orderReference?: string;
}

/** A word that is meant as a quantity ("x25", "×3"), whether or not the number is usable. */
const QUANTITY = /^[x×]([-+]?[\d.,]+)$/i;
const WHOLE = /^\d{1,7}$/;
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
    if (q) {
      const n = WHOLE.test(q[1] ?? '') ? Number(q[1]) : NaN;
      if (!(n >= 1 && n <= MAX_QUANTITY))
        throw new AppError(
          'INPUT_INVALID',
          `The quantity ${word} is not a whole number from 1 to ${MAX_QUANTITY.toLocaleString('en-US')}. ${usage}`,
        );
      if (quantity !== undefined)
        throw new AppError('INPUT_INVALID', `Give the quantity once (x${quantity} and ${word}). ${usage}`);
      quantity = n;
    } else if (r) orderReference = r[1];
    else offerWords.push(word);
  }
  const offerName = offerWords.join(' ');
  if (offerName === '') throw new AppError('INPUT_INVALID', `Which offer was refused? ${usage}`);
  if (offerName.length > 200) throw new AppError('INPUT_INVALID', `The offer name is too long. ${usage}`);
  return { customer: parseCustomerQuery(customerText), offerName, quantity, orderReference };
}
