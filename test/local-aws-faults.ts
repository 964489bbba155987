// Sets local AWS's injected faults for an integration test (its local-only /_localaws/faults endpoint): `rules` on,
// with an optional `seed` so a failing run can be replayed; no rules clears them.
export async function setFaults(rules: readonly object[], seed?: number): Promise<void> {
  const response = await fetch(`${process.env.AWS_ENDPOINT_URL}/_localaws/faults`, {
    method: rules.length ? "POST" : "DELETE",
    headers: { "content-type": "application/json" },
    body: rules.length ? JSON.stringify({ rules, seed }) : undefined,
  });
  if (!response.ok) throw new Error(`local AWS faults: ${response.status} ${await response.text()}`);
}
