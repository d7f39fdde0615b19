import type { LocaleKey } from '../../cards/i18n';
import { agreementLanguages } from './agreement-languages';
import type { Signatory } from './request-store';

/** What the partner entered on the request form. */
export interface SignatoryInput extends Signatory {
  companyName: string;
  country: string;
  language: string;
}

export type FieldErrors = Partial<Record<keyof SignatoryInput, LocaleKey>>;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,63}$/i;
const PHONE = /^\+?[0-9 ()./-]{5,25}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CONTROL = /[\u0000-\u001F\u007F]/;

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** Two upper-case letters that name a real region ("XX" does not). */
export function isCountry(code: string): boolean {
  if (!COUNTRY.test(code)) return false;
  try {
    return REGIONS.of(code) !== undefined;
  } catch {
    return false;
  }
}

function text(data: Record<string, unknown>, key: string, max = 100): string {
  const value = data[key];
  return typeof value === 'string' ? value.trim().slice(0, max + 1) : '';
}

/**
 * Reads and checks the form fields. Returns the clean values and, per field, what is wrong
 * (message keys in cards/locales: form.error.*).
 *
 * @example
 * const { value, errors } = readSignatoryForm(data);
 */
export function readSignatoryForm(data: Record<string, unknown>): {
  value: SignatoryInput;
  errors: FieldErrors;
} {
  const value: SignatoryInput = {
    firstName: text(data, 'firstName'),
    lastName: text(data, 'lastName'),
    email: text(data, 'email', 254),
    phone: text(data, 'phone', 30) || undefined,
    companyName: text(data, 'companyName', 200),
    country: text(data, 'country', 2).toUpperCase(),
    language: text(data, 'language', 10),
  };
  const errors: FieldErrors = {};
  const required = ['firstName', 'lastName', 'email', 'companyName', 'country', 'language'] as const;
  for (const key of required) {
    if (value[key] === '') errors[key] = 'form.error.required';
  }
  for (const key of ['firstName', 'lastName', 'companyName'] as const) {
    if (value[key].length > (key === 'companyName' ? 200 : 100)) errors[key] = 'form.error.tooLong';
    else if (CONTROL.test(value[key])) errors[key] = 'form.error.characters';
  }
  if (value.email && !EMAIL.test(value.email)) errors.email = 'form.error.email';
  if (value.phone && !PHONE.test(value.phone)) errors.phone = 'form.error.phone';
  if (value.country && !isCountry(value.country)) errors.country = 'form.error.country';
  else if (value.language && !agreementLanguages(value.country).includes(value.language)) {
    errors.language = 'form.error.language';
  }
  return { value, errors };
}
