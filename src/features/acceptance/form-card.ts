import { escapeMarkdown } from '../../cards/escape';
import { languageName } from '../../cards/format';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { resolveAgreementLanguage } from '../../partner-center/agreement-languages';
import { agreementLanguages } from './agreement-languages';
import { isCountry, type FieldErrors, type SignatoryInput } from './signatory-form';

/**
 * The signatory form, prefilled (from the billing profile, or from what was typed when it comes back
 * with problems marked). Input values are not Markdown, so they are bound as typed.
 */
export function renderAcceptanceForm(
  tenantId: string,
  value: SignatoryInput,
  errors: FieldErrors,
  locale: string,
  /** The country the form listed languages for before; kept while the typed country is not valid. */
  shownFor?: string,
): AdaptiveCard {
  const s = stringsFor(locale);
  const company = escapeMarkdown(value.companyName || tenantId);
  // The language list follows a valid country; a wrong one keeps the list the partner had.
  const listCountry = isCountry(value.country)
    ? value.country
    : shownFor && isCountry(shownFor)
      ? shownFor
      : 'US';
  const languages = agreementLanguages(listCountry);
  const fieldError = (key: keyof SignatoryInput) => (errors[key] ? t(s, errors[key]) : '');
  return renderTemplate('acceptance-form', locale, {
    tenantId,
    title: t(s, 'form.title', { company }),
    intro: t(s, 'form.intro', { company }),
    problem: Object.keys(errors).length > 0 ? t(s, 'form.problem') : '',
    firstName: value.firstName,
    lastName: value.lastName,
    email: value.email,
    phone: value.phone ?? '',
    companyName: value.companyName,
    country: value.country,
    language: languages.includes(value.language)
      ? value.language
      : resolveAgreementLanguage(listCountry, value.language),
    formCountry: listCountry,
    languages: languages.map((l) => ({ value: l, title: `${languageName(l, locale)} (${l})` })),
    errors: {
      firstName: fieldError('firstName'),
      lastName: fieldError('lastName'),
      email: fieldError('email'),
      phone: fieldError('phone'),
      companyName: fieldError('companyName'),
      country: fieldError('country'),
      language: fieldError('language'),
    },
  });
}
