import { describe, expect, it } from "vitest";
import { adjustmentFor, adjustmentsFor } from "@/lib/billing/adjustments";
import type { CustomerFigures } from "@/lib/billing/figures";

function fig(customerId: string, requests: number, amountCents: number, overageRequests = 0): CustomerFigures {
  return {
    customerId,
    customerName: `Customer ${customerId}`,
    company: null,
    tierSpans: [],
    overage: [],
    requests,
    quota: 1000,
    overageRequests,
    tierCents: amountCents,
    overageCents: 0,
    amountCents,
  };
}
const at = new Date("2026-12-02T10:00:00Z");

describe("adjustments (recomputed − frozen)", () => {
  it("is nothing when the recomputed figures equal the frozen ones", () => {
    expect(adjustmentFor(fig("a", 10, 100), fig("a", 10, 100), at)).toBeNull();
  });
  it("is the difference, signed, with the date of the correction", () => {
    expect(adjustmentFor(fig("a", 1000, 500, 20), fig("a", 900, 450, 0), at)).toMatchObject({
      customerId: "a",
      requestsDelta: -100,
      overageRequestsDelta: -20,
      amountCentsDelta: -50,
      correctedAt: at,
      note: "Usage corrected after the period was closed: requests −100, overage requests −20.",
    });
  });
  it("counts a side that is missing as zero: usage stored after closing for a customer the period did not have", () => {
    expect(adjustmentFor(null, fig("new", 30, 0), at)).toMatchObject({ customerId: "new", requestsDelta: 30, amountCentsDelta: 0 });
    expect(adjustmentFor(fig("gone", 30, 70), null, null)).toMatchObject({ customerId: "gone", requestsDelta: -30, amountCentsDelta: -70, correctedAt: null });
  });
  it("lists the frozen customers that changed in their order, then new customers by name", () => {
    const frozen = [fig("b", 1, 1), fig("a", 1, 1), fig("c", 1, 1)];
    const recomputed = [fig("a", 2, 1), fig("b", 1, 1), fig("c", 3, 1), fig("z", 1, 0), fig("d", 1, 0)];
    expect(adjustmentsFor(frozen, recomputed, () => at).map((x) => x.customerId)).toEqual(["a", "c", "d", "z"]);
  });
});
