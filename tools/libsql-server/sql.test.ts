import { describe, expect, it } from "vitest";
import { scanSql } from "./sql.ts";

const texts = (sql: string) => scanSql(sql).map((s) => s.sql.trim());

describe("scanSql: statements", () => {
  it("splits on semicolons and drops empty statements", () => {
    expect(texts("SELECT 1; ; SELECT 2;\n-- trailing comment\n")).toEqual(["SELECT 1", "SELECT 2"]);
    expect(scanSql("  -- only a comment\n /* and another */ ")).toEqual([]);
  });

  it("ignores semicolons inside literals, quoted identifiers and comments", () => {
    const sql = `SELECT 'a;''b', "c;""d", \`e;f\`, [g;h] /* ; */ -- ;\n FROM t; SELECT 2`;
    expect(texts(sql)).toHaveLength(2);
    expect(texts(sql)[0]).toContain("FROM t");
  });

  it("keeps a trigger body with its inner semicolons in one statement", () => {
    const sql = `CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN
      INSERT INTO log VALUES (new.id); UPDATE c SET n = n + 1;
    END; SELECT 1;`;
    expect(texts(sql)).toHaveLength(2);
    expect(texts(sql)[0]).toMatch(/END$/);
  });

  it("reports the first keyword", () => {
    expect(scanSql("  explain query plan select 1")[0]?.firstKeyword).toBe("EXPLAIN");
    expect(scanSql("with x as (select 1) select * from x")[0]?.firstKeyword).toBe("WITH");
  });
});

describe("scanSql: parameters", () => {
  const params = (sql: string) => {
    const [st] = scanSql(sql);
    return { names: st?.names, used: st?.used };
  };

  it("numbers ? and ?NNN like SQLite", () => {
    expect(params("SELECT ?, ?, ?")).toEqual({
      names: [null, null, null],
      used: [true, true, true],
    });
    expect(params("SELECT ?3, ?1")).toEqual({
      names: ["?1", null, "?3"],
      used: [true, false, true],
    });
    expect(params("SELECT ?2, ?")).toEqual({
      names: [null, "?2", null],
      used: [false, true, true],
    });
  });

  it("gives a repeated name one index and keeps prefixes apart", () => {
    expect(params("SELECT :a, @b, :a, $c, ?").names).toEqual([":a", "@b", "$c", null]);
    expect(params("SELECT :a, @a").names).toEqual([":a", "@a"]);
  });

  it("does not mistake identifiers, strings or blobs for parameters", () => {
    expect(params("SELECT a$b, '?', ':x', x'3f', \"@y\" FROM t").names).toEqual([]);
    // Digits are id characters, so ":30" is a parameter (as in SQLite), but "12" is a number.
    expect(params("SELECT 12:30").names).toEqual([":30"]);
  });

  it("accepts Tcl-style names", () => {
    expect(params("SELECT $a::b(c), $x(1)").names).toEqual(["$a::b(c)", "$x(1)"]);
  });
});
