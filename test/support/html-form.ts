/** Submits the first POST form of an HTML page the way a browser would (hidden inputs included). */
export async function submitFirstForm(pageUrl: string): Promise<{ status: number; text: string }> {
  const page = await fetch(pageUrl);
  const html = await page.text();
  const form = html.match(/<form[^>]*method=["']?post["']?[^>]*>([\s\S]*?)<\/form>/i);
  if (!form) throw new Error(`no POST form on ${pageUrl}`);
  const action = form[0].match(/action=["']([^"']+)["']/i)?.[1] ?? pageUrl;
  const fields = new URLSearchParams();
  for (const input of form[1]!.matchAll(/<input[^>]*>/gi)) {
    const name = input[0].match(/name=["']([^"']+)["']/i)?.[1];
    const value = input[0].match(/value=["']([^"']*)["']/i)?.[1] ?? '';
    if (name) fields.set(name, value.replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
  }
  const target = new URL(action.replace(/&amp;/g, '&'), pageUrl);
  const res = await fetch(target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  return { status: res.status, text: await res.text() };
}
