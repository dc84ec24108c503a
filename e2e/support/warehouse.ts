import { warehouseOwnerSql } from "../../lib/warehouse/owner";

/** Adds an owner to the demo warehouse, as a source system would. Returns its id. */
export async function addWarehouseOwner(name: string): Promise<string> {
  const id = `own-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  await warehouseOwnerSql()`insert into warehouse.owners (id, name, email) values (${id}, ${name}, ${id + "@example.com"})`;
  return id;
}
