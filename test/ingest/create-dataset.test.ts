import { describe, expect, it } from "vitest";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { accountHolderOf, findTransaction, getTransaction, transactionCountries } from "../../src/model/dataset.js";
import { PartySchema } from "../../src/model/schemas.js";

describe("createDataset", () => {
  const input = {
    parties: [
      { id: "P1", kind: "person", name: "Nguyen Van Hung", country: "VN", id_number: "passport:VN:C4521876", phone: "+84 90 312 4471" },
      { id: "P2", name: "Kilwa Clearing & Forwarding Ltd", country: "TZ", sector: "Clearing and forwarding agents", roles: "Front" },
    ],
    accounts: [
      { id: "A", holder: "P1", institution: "Vietcombank" },
      { id: "B", holder: "P2", country: "TZ" },
    ],
    transactions: [
      { id: "T2", date: "2024-01-03T10:00:00Z", amount: 9800, currency: "usd", fromAccount: "A", toAccount: "B", reference: "meno" },
      { id: "T1", date: "2024-01-02", amount: "1,200.50", currency: "USD", to_account: "B" },
    ],
  };

  it("builds the columnar dataset with look-ups and effective countries", () => {
    const { dataset, quarantine } = createDataset(input);
    expect(quarantine).toEqual([]);
    expect(dataset.transactions.length).toBe(2);
    const t1 = getTransaction(dataset, findTransaction(dataset, "T1"));
    expect(t1).toMatchObject({ amount: 1200.5, channel: "cash_deposit", toAccount: "B" });
    expect(t1.fromAccount).toBeUndefined();
    expect(transactionCountries(dataset, findTransaction(dataset, "T2"))).toEqual({ from: "VN", to: "TZ" });
    expect(accountHolderOf(dataset, dataset.accountIndex.get("B")!)?.name).toBe("Kilwa Clearing & Forwarding Ltd");
    expect(findTransaction(dataset, "nope")).toBe(-1);
  });

  it("normalises parties: kind guessed from the name, sector and roles normalised, identifiers parsed", () => {
    const { dataset } = createDataset(input);
    const [p1, p2] = dataset.parties;
    expect(PartySchema.parse(p1)).toBeTruthy();
    expect(p1.identifiers).toEqual([
      { type: "passport", value: "C4521876", country: "VN" },
      { type: "phone", value: "+84 90 312 4471" },
    ]);
    expect(p2.kind).toBe("company");
    expect(p2.sector).toBe("customs_clearing");
    expect(p2.roles).toEqual(["front"]);
  });

  it("accepts DataFrame-like tables ({columns, values})", () => {
    const { dataset } = createDataset({
      transactions: { columns: ["id", "date", "amount", "currency", "from_account", "to_account"], values: [["T1", "2024-01-01", 10, "USD", "A", "B"]] },
    });
    expect(getTransaction(dataset, 0)).toMatchObject({ id: "T1", amount: 10, fromAccount: "A", toAccount: "B" });
  });

  it("quarantines bad records with the kind and record number, and never mutates its input", () => {
    const frozen = JSON.parse(JSON.stringify(input));
    frozen.transactions.push({ id: "T3", date: "2024-02-30", amount: 1, currency: "USD", fromAccount: "A" });
    const copy = JSON.stringify(frozen);
    const { quarantine } = createDataset(frozen);
    expect(quarantine).toEqual([expect.objectContaining({ file: "transactions", line: 3, field: "date", code: "invalid_date" })]);
    expect(JSON.stringify(frozen)).toBe(copy);
  });
});

describe("createDataset with DataFrame gaps", () => {
  it("reads a NaN cell as empty, not as the text 'NaN'", () => {
    const { dataset, quarantine } = createDataset({
      transactions: { columns: ["id", "date", "amount", "currency", "from_account", "to_account"], values: [["T1", "2024-01-01", 10, "USD", Number.NaN, "B"]] },
    });
    expect(quarantine).toEqual([]);
    expect(getTransaction(dataset, 0).fromAccount).toBeUndefined();
    expect(getTransaction(dataset, 0).channel).toBe("cash_deposit");
  });
});
