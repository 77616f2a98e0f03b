import { describe, expect, it } from "vitest";
import { smsHref } from "../../owners/sms-href";
import { fieldOf, nextNumber, readForm, validateNew } from "./invoice-form";

describe("nextNumber", () => {
  it("follows the highest recent number, keeping its prefix and width", () => {
    expect(nextNumber(["GL-2001", "GL-2009", "GL-2003"])).toBe("GL-2010");
    expect(nextNumber(["INV-0099"])).toBe("INV-0100");
    expect(nextNumber([])).toBe("1001");
    expect(nextNumber(["DRAFT"])).toBe("DRAFT-2");
  });
});

describe("the invoice form", () => {
  it("names each API error by the field it concerns", () => {
    expect(fieldOf("items.2.unit_price")).toBe("item_unit_price.2");
    expect(fieldOf("customer.name")).toBe("customer_name");
    expect(fieldOf("discount.amount")).toBe("discount_value");
    expect(fieldOf("due_date")).toBe("due_date");
  });

  it("refuses what the API refuses, beside the field, and reads amounts in the currency", () => {
    const form = readForm({
      number: "",
      customer_name: "Dana",
      currency: "USD",
      amount_mode: "items",
      item_description: ["Mowing", "Edging", ""],
      item_quantity: ["2", "-1", ""],
      item_unit_price: ["45.00", "12.345", ""],
      issue_date: "2026-12-02",
      due_date: "2026-12-01",
    });
    const checked = validateNew(form, "must be an amount such as 45.00");
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.number).toBe("must not be empty");
    expect(checked.errors["item_quantity.1"]).toMatch(/negative|greater than/);
    expect(checked.errors["item_unit_price.1"]).toBe("must be an amount such as 45.00");
  });

  it("says a due date before the issue date is wrong, beside the due date", () => {
    const form = readForm({
      number: "A-1",
      customer_name: "Dana",
      amount_mode: "fixed",
      fixed_amount: "10",
      issue_date: "2026-12-02",
      due_date: "2026-12-01",
    });
    const checked = validateNew(form, "must be an amount such as 45.00");
    expect(checked.ok ? {} : checked.errors).toEqual({
      due_date: "must not be before the issue date",
    });
  });
});

describe("smsHref", () => {
  it("addresses the customer's number with the message as its body, for iOS and Android", () => {
    expect(smsHref("+1 (555) 010-0199", "Hi Dana: https://x.test/p/abc")).toBe(
      "sms:+15550100199?&body=Hi%20Dana%3A%20https%3A%2F%2Fx.test%2Fp%2Fabc",
    );
  });
});
