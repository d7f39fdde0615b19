import type { Agreement, AgreementDocument, AgreementMetadata, AgreementType } from '../partner-center/types';
import { SANDBOX_MCA_TEMPLATE_ID, SANDBOX_MCLOUD_TEMPLATE_ID } from './constants';
import { customerNotFound } from './customers';
import { resolveDocumentLanguage } from './documents';
import { badRequest, noCommerceRelationship, notFound, ok, type Reply } from './reply';
import type { Route, RouteContext } from './router';

const METADATA: Record<AgreementType, AgreementMetadata> = {
  MicrosoftCustomerAgreement: {
    templateId: SANDBOX_MCA_TEMPLATE_ID,
    agreementType: 'MicrosoftCustomerAgreement',
    agreementLink: 'https://aka.ms/customeragreement',
    versionRank: 0,
  },
  MicrosoftCloudAgreement: {
    templateId: SANDBOX_MCLOUD_TEMPLATE_ID,
    agreementType: 'MicrosoftCloudAgreement',
    // The sandbox's choice; the documented examples only show the MCA link.
    agreementLink: 'https://aka.ms/microsoftcloudagreement',
    versionRank: 0,
  },
};

/**
 * The `agreementType` query parameter, with the documented default: omitted means
 * MicrosoftCloudAgreement, which is how clients miss every MCA record (reference §1.2).
 */
function agreementTypes(url: URL): AgreementType[] | undefined {
  const raw = url.searchParams.get('agreementType');
  if (raw === null || raw === '') return ['MicrosoftCloudAgreement'];
  if (raw === '*') return ['MicrosoftCloudAgreement', 'MicrosoftCustomerAgreement'];
  const known = (Object.keys(METADATA) as AgreementType[]).find((t) => t.toLowerCase() === raw.toLowerCase());
  return known ? [known] : undefined;
}

function collection<T>(items: T[]) {
  return { totalCount: items.length, items, attributes: { objectType: 'Collection' } };
}

function invalidType(url: URL): Reply {
  return badRequest(`agreementType "${url.searchParams.get('agreementType')}" is not supported.`);
}

function getAgreementMetadata({ url }: RouteContext): Reply {
  const types = agreementTypes(url);
  return types ? ok(collection(types.map((t) => METADATA[t]))) : invalidType(url);
}

function getCustomerAgreements({ url, params, world }: RouteContext): Reply {
  const customer = world.getCustomer(params.id ?? '');
  if (!customer) return customerNotFound(params.id);
  const types = agreementTypes(url);
  if (!types) return invalidType(url);
  const items: Agreement[] = customer.agreements
    .filter((a) => types.includes(a.type))
    .map((a) => ({ agreementLink: METADATA[a.type].agreementLink, ...structuredClone(a) }));
  return ok(collection(items));
}

function getDirectSignStatus({ params, world }: RouteContext): Reply {
  const customer = world.getCustomer(params.id ?? '');
  if (!customer) return customerNotFound(params.id);
  if (customer.relationshipToPartner !== 'reseller') {
    return noCommerceRelationship(customer.id);
  }
  return ok({
    isSigned: customer.directlySigned,
    attributes: { objectType: 'DirectSignedCustomerAgreementStatus' },
  });
}

/** GET /v1/agreementtemplates/{templateId}/document: template id and country are case-sensitive. */
function getAgreementDocument({ url, params, world }: RouteContext): Reply {
  if (params.templateId !== SANDBOX_MCA_TEMPLATE_ID) {
    return notFound(`Agreement template ${params.templateId ?? ''} was not found.`);
  }
  const country = url.searchParams.get('country') || 'US';
  if (!/^[A-Z]{2}$/.test(country)) {
    return badRequest(
      `country must be an upper-case ISO 3166-1 alpha-2 code, got "${country}".`,
      'InvalidCountry',
    );
  }
  const language = resolveDocumentLanguage(country, url.searchParams.get('language'));
  const id = world.documents.create(country, language);
  const base = `${world.baseUrl}/sandbox/agreement-documents/${id}`;
  const document: AgreementDocument = {
    displayUri: `${base}?mode=display`,
    downloadUri: `${base}?mode=download`,
    language,
    country,
  };
  return ok(document);
}

export const agreementRoutes: Route[] = [
  { method: 'GET', template: '/v1/agreements', auth: 'user', handle: getAgreementMetadata },
  {
    method: 'GET',
    template: '/v1/customers/{id}/agreements',
    auth: 'user',
    customerScoped: true,
    handle: getCustomerAgreements,
  },
  {
    method: 'GET',
    template: '/v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus',
    auth: 'user',
    customerScoped: true,
    handle: getDirectSignStatus,
  },
  {
    method: 'GET',
    template: '/v1/agreementtemplates/{templateId}/document',
    auth: 'user',
    handle: getAgreementDocument,
  },
];
