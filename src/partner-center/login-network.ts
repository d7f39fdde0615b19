import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

const ENTRA = 'https://login.microsoftonline.com';

/**
 * An MSAL network module that sends what MSAL addresses to Microsoft Entra
 * (`https://login.microsoftonline.com/…`) to `loginBase` instead, e.g. the sandbox's emulated
 * sign-in. MSAL insists on https authorities; this keeps its URLs real and moves only the bytes.
 *
 * @example
 * new ConfidentialClientApplication({ auth, system: { networkClient: loginNetwork(`${sandbox.url}/login`) } });
 */
export function loginNetwork(loginBase: string, fetchImpl: typeof fetch = fetch): INetworkModule {
  const target = (url: string) => (url.startsWith(ENTRA) ? `${loginBase}${url.slice(ENTRA.length)}` : url);
  const call = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions) => {
    const res = await fetchImpl(target(url), { method, headers: options?.headers, body: options?.body });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => (headers[name] = value));
    const text = await res.text();
    return {
      headers,
      status: res.status,
      body: (text ? JSON.parse(text) : {}) as T,
    } satisfies NetworkResponse<T>;
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => call<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => call<T>('POST', url, options),
  };
}
